import Foundation

/// The outcome of one run of `memory-set`.
struct RunResult {
    /// Exit status, or 128 + signal number when a signal ended the process.
    var status: Int32
    /// Whether a signal ended the process.
    var killedBySignal: Bool
    /// Whether the run was stopped because it took longer than its time limit.
    var timedOut: Bool
    var stdout: String
    var stderr: String

    /// Non-empty stdout lines.
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    /// Non-empty stderr lines.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// Runs `memory-set` with `arguments`, feeding it `input` on stdin (through a file, so large
/// inputs cannot deadlock), and collects stdout and stderr (through files as well).
/// A run still going after `timeout` seconds is killed and reported as `timedOut`.
func runMemorySet(
    _ arguments: [String],
    input: Data = Data(),
    environment extra: [String: String] = [:],
    timeout: TimeInterval = 60
) throws -> RunResult {
    let directory = try TemporaryDirectory()
    let inputURL = directory.url.appendingPathComponent("stdin")
    let outputURL = directory.url.appendingPathComponent("stdout")
    let errorURL = directory.url.appendingPathComponent("stderr")
    try input.write(to: inputURL)
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

    let process = Process()
    process.executableURL = Binary.url
    process.arguments = arguments
    process.environment = testEnvironment(extra)
    process.currentDirectoryURL = directory.url
    let inputHandle = try FileHandle(forReadingFrom: inputURL)
    let outputHandle = try FileHandle(forWritingTo: outputURL)
    let errorHandle = try FileHandle(forWritingTo: errorURL)
    defer {
        try? inputHandle.close()
        try? outputHandle.close()
        try? errorHandle.close()
    }
    process.standardInput = inputHandle
    process.standardOutput = outputHandle
    process.standardError = errorHandle
    try process.run()
    let timedOut = !wait(for: process, timeout: timeout)
    let stdout = String(decoding: (try? Data(contentsOf: outputURL)) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
    let bySignal = process.terminationReason == .uncaughtSignal
    return RunResult(
        status: bySignal ? 128 + process.terminationStatus : process.terminationStatus,
        killedBySignal: bySignal, timedOut: timedOut, stdout: stdout, stderr: stderr)
}

/// Runs `memory-set` with `arguments` and `input` given as text.
func runMemorySet(
    _ arguments: [String], input: String, environment: [String: String] = [:], timeout: TimeInterval = 60
) throws -> RunResult {
    try runMemorySet(arguments, input: Data(input.utf8), environment: environment, timeout: timeout)
}

/// Waits until `process` ends; kills it after `timeout` seconds.
///
/// - Returns: false when it had to be killed.
func wait(for process: Process, timeout: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
        if Date() > deadline {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        usleep(2_000)
    }
    process.waitUntilExit()
    return true
}

/// The environment for a child: this process's, without color or history side effects or COLUMNS,
/// plus `extra`, less the variables named in `unset`.
func testEnvironment(_ extra: [String: String] = [:], unset: Set<String> = []) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["MEMORY_SET_HISTORY"] = ""
    // Piped output is 80 columns wide unless a test sets COLUMNS.
    environment["COLUMNS"] = nil
    for (key, value) in extra { environment[key] = value }
    for key in unset { environment[key] = nil }
    return environment
}

/// A fresh directory under the system's temporary directory, removed on deinit.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("memory-set-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to a file named `name` in the directory and returns its URL.
    func file(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}
