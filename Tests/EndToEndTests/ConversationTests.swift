import Foundation
import Testing

/// A program driving `memory-set` through pipes, one line at a time, must get each answer
/// before it sends the next line (output is flushed before every read that may wait), with
/// stdout and stderr in order when they share a pipe.
@Suite("Conversation through pipes")
struct ConversationTests {
    /// Reads from `fd` until `text` holds `count` newlines; false when the process closed the
    /// pipe or nothing came for `timeout` seconds (a missing flush: it would wait forever).
    static func readLines(_ count: Int, from fd: Int32, into text: inout String, timeout: Int32 = 30_000) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while text.utf8.count(where: { $0 == 0x0a }) < count {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, timeout) == 1 else { return false }
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return false }
            text += String(decoding: buffer[..<n], as: UTF8.self)
        }
        return true
    }

    @Test("Each answer arrives before the next line is sent", arguments: [[], ["--json"]])
    func lineByLine(extra: [String]) throws {
        let json = !extra.isEmpty
        let input = Pipe()
        let output = Pipe()
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["--no-render"] + extra
        process.environment = testEnvironment()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output  // like 2>&1: errors must come in their place
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let reader = output.fileHandleForReading.fileDescriptor
        let exchanges: [(String, String)] = [
            ("map 0x1000 +12K rw", json ? "\"ok\":true" : "added [0x1000, 0x4000) rw--"),
            ("bogus", json ? "\"ok\":false" : "<stdin>:2: error: SyntaxError: unknown command 'bogus'"),
            ("# a comment, then a blank line, say nothing", ""),
            ("", ""),
            ("unmap 0x2000 +4K; find 0x1000", json ? "\"cmd\":\"unmap\"" : "split [0x1000, 0x4000) rw-- -> [0x1000, 0x2000) rw--, [0x3000, 0x4000) rw--"),
        ]
        var transcript = ""
        var expectedLines = 0
        for (line, answer) in exchanges {
            try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
            if answer.isEmpty { continue }
            expectedLines += line.contains(";") ? 2 : 1
            let arrived = Self.readLines(expectedLines, from: reader, into: &transcript)
            try #require(arrived, "no answer to \(line); got so far: \(transcript)")
            #expect(transcript.split(separator: "\n")[expectedLines - (line.contains(";") ? 2 : 1)].contains(answer))
        }
        try input.fileHandleForWriting.close()
        #expect(wait(for: process, timeout: 30))
        #expect(process.terminationStatus == 1)
        transcript += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(transcript.split(separator: "\n").count == 4, "\(transcript)")
    }

    @Test("quit in a session file: everything before it is written, nothing after")
    func quitFlushes() throws {
        let directory = try TemporaryDirectory()
        var session = ""
        for i in 0..<2_000 { session += "map \(i * 4)K +4K r\n" }
        session += "quit\nmap 0x100000000 +4K r\n"
        let file = try directory.file("q.mset", session)
        let result = try runMemorySet(["--no-render", file.path])
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == 2_000)
        #expect(result.stdoutLines.last == "added [0x\(String(1_999 * 4096, radix: 16)), 0x\(String(2_000 * 4096, radix: 16))) r---")
        #expect(!result.stdout.contains("0x100000000"))
    }
}
