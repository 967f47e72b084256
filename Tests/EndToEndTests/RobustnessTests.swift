import Foundation
import Testing
import TestSupport

/// Input and output that a careless program would crash or hang on.
@Suite("Robustness")
struct RobustnessTests {

    @Test("Binary garbage on stdin (invalid UTF-8, NULs, control bytes) does not crash", arguments: [[], ["--json"]])
    func garbage(arguments: [String]) throws {
        var generator = SplitMix64(state: 0x5EED)
        var bytes = [UInt8]()
        for _ in 0..<200_000 {
            let byte = UInt8.random(in: 0...255, using: &generator)
            bytes.append(byte)
            // Some lines that almost parse.
            if byte == 0x0A && Bool.random(using: &generator) { bytes.append(contentsOf: Array("map 0x1000 0x2000 r\u{FF}w\n".utf8)) }
        }
        bytes.append(contentsOf: [0xC3, 0x28, 0x0A, 0xF0, 0x28, 0x8C, 0x28, 0x0A])
        let result = try runMemorySet(arguments, input: Data(bytes), timeout: 120)
        #expect(!result.timedOut)
        #expect(!result.killedBySignal)
        #expect(result.status == 1)
        if arguments.contains("--json") {
            for line in result.stdoutLines {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line.prefix(200))")
            }
        }
    }

    /// These ran for a minute and grew to gigabytes before the frames were counted up front.
    @Test("A map that cannot get its frames fails at once, naming need and supply, nothing changed")
    func runawayMaps() throws {
        // A runaway map would be killed at the 30 s time limit (timedOut).
        let linear = try runMemorySet(["--no-render", "-c", "map 0 0x800000000000 rw --linear 0x1000", "-c", "stats"],
                                      timeout: 30)
        #expect(!linear.timedOut && linear.status == 1)
        #expect(linear.stderr == "<command-line>:1: error: BadState: map: needs 67,240,192 table pages; "
                + "262,143 frames free (of 262,144); nothing changed\n")
        #expect(linear.stdout.contains("frames: 1 used, 262143 free"), "\(linear.stdout)")
        let populate = try runMemorySet(
            ["--json", "-c", "set frames 4294967296; map 0 0x800000000000 rw --populate; areas"], timeout: 30)
        #expect(!populate.timedOut && populate.status == 1)
        #expect(populate.stdoutLines.count == 3)
        #expect(populate.stdoutLines[1].contains(#""message":"map: needs 34,359,738,368 pages and at least 67,240,192 table pages; 4,294,967,295 frames free (of 4,294,967,296); nothing changed""#))
        #expect(populate.stdoutLines[2].contains(#""areas":[]"#))
    }

    @Test("A 10,000-character line and a number over 64 bits are errors, not crashes")
    func hugeInput() throws {
        let long = "map " + String(repeating: "9", count: 10_000) + " 0x2000 rw\n"
        let wide = "map 0x1000 " + String(repeating: "x", count: 10_000) + "\n"
        let result = try runMemorySet([], input: long + wide + "map 0x10000000000000000 0x2000 rw\nmap 0xfffffffffffff000 +8K rw\n")
        #expect(!result.killedBySignal)
        #expect(result.status == 1)
        #expect(result.stderrLines.count == 4)
    }

    /// Running all of this input takes ~30 s with the debug build, so ending within 10 s
    /// shows that the process stopped when its reader went away.
    @Test("stdout closed early: the process ends promptly and quietly, with status 1")
    func closedStdout() throws {
        var input = ""
        for index in 0..<100_000 { input += index % 2 == 0 ? "map 0x1000 0x2000 rw\n" : "unmap 0x1000 0x2000\n" }
        let directory = try TemporaryDirectory()
        let inputURL = try directory.file("stdin", input)
        let process = Process()
        process.executableURL = Binary.url
        process.environment = testEnvironment()
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        defer { try? inputHandle.close() }
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = inputHandle
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Like `| head -c 100`: read a little, then go away.
        var received = 0
        while received < 100 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received += chunk.count
        }
        try output.fileHandleForReading.close()
        let ended = wait(for: process, timeout: 10)
        #expect(ended, "still running 10 s after its reader went away")
        #expect(received >= 100)
        // Not killed by SIGPIPE (ignored) nor anything else: a plain exit, status 1.
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(complaints.isEmpty, "stderr: \(complaints.prefix(300))")
    }

    @Test("A full disk on stdout is reported on stderr, status 1", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullDisk() throws {
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["-c", "map 0x1000 0x4000 rw; areas"]
        process.environment = testEnvironment()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = full
        process.standardError = errors
        try process.run()
        #expect(wait(for: process, timeout: 20))
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("cannot write to standard output"), "stderr: \(message)")
    }
}
