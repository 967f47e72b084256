// libFuzzer target over the memory-set parser and executor (see Fuzz/README.md).
//
// Input: one configuration byte, then session text. After every line the harness checks
// that the set keeps its invariants, that the simulated page table matches the areas
// (`verify`: no frame leaked, no page outside its area), that a line holding one failed
// command changed nothing (settings, areas, page table), and that the output is well formed
// (JSON mode: one JSON object per executed command on stdout, nothing on stderr).
import Foundation
@_spi(Checks) import Shell

/// Frame counts chosen by the configuration byte: tiny ones make the MMU run out of frames.
private let frameChoices: [Int?] = [nil, 1, 2, 3, 4, 6, 9, 17]

/// The files of `source`, `save`, `load` and `export`, in memory: every path is allowed and
/// nothing reaches the disk. A new one for each input.
private final class MemoryFiles: ShellFileSystem {
    var files: [String: [UInt8]] = [:]

    func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
        guard let bytes = files[path] else { throw .noSuchFile }
        guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
        return bytes
    }

    func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        files[path] = bytes
    }
}

private func failCheck(_ what: String, _ line: String, _ out: ShellOutput) -> Never {
    let message = "fuzz check failed: \(what)\nline: \(line.debugDescription.prefix(2000))\nstdout: \(out.stdout.prefix(2000))\nstderr: \(out.stderr.prefix(2000))\n"
    FileHandle.standardError.write(Data(message.utf8))
    abort()
}

/// Checks the output of one line.
private func checkOutput(_ out: ShellOutput, line: String, json: Bool) {
    if json {
        if !out.stderr.isEmpty { failCheck("JSON mode wrote to stderr", line, out) }
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        if !out.stdout.isEmpty, out.stdout.last != "\n" { failCheck("JSON output does not end with a newline", line, out) }
        if lines.count != out.commands { failCheck("\(lines.count) JSON lines for \(out.commands) commands", line, out) }
        var failures = 0
        for text in lines {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let ok = object["ok"] as? Bool else { failCheck("not a JSON result object: \(text.prefix(300))", line, out) }
            if !ok {
                failures += 1
                let kinds = ["InvalidParam", "AlreadyExists", "BadState", "SyntaxError"]
                guard let kind = object["error"] as? String, kinds.contains(kind),
                      let message = object["message"] as? String, !message.isEmpty else {
                    failCheck("bad JSON error object: \(text.prefix(300))", line, out)
                }
            }
        }
        if failures != out.failures { failCheck("\(failures) failed JSON objects for \(out.failures) failures", line, out) }
    } else if out.failures > 0, !out.stderr.contains("error:") {
        failCheck("a failed command printed no error", line, out)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let config = data[0]
    let json = config & 1 != 0
    let shell = Shell(options: ShellOptions(json: json, render: config & 0x40 == 0,
                                            terminalWidth: config & 0x20 == 0 ? 80 : 7,
                                            interactive: config & 0x80 != 0, echo: config & 0x10 != 0),
                      files: MemoryFiles())
    var setup: [String] = []
    if let frames = frameChoices[Int(config >> 1) & 7] { setup.append("set frames \(frames)") }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    var number = 0
    for line in setup + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        number += 1
        let before = shell._snapshot
        let out = shell.execute(line: line, at: SourceLocation(file: "fuzz", line: number))
        let problems = shell._consistencyProblems()
        if !problems.isEmpty { failCheck("inconsistent state: \(problems.prefix(5))", line, out) }
        if out.commands == 1, out.failures == 1, shell._snapshot != before {
            failCheck("a failed command changed the session", line, out)
        }
        checkOutput(out, line: line, json: json)
        if out.shouldExit { break }
    }
    return 0
}
