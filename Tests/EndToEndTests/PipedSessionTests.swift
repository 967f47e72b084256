import Foundation
import Testing

/// The built binary run with pipes and files: exit status, streams, locations, JSON lines.
@Suite("Piped sessions")
struct PipedSessionTests {
    @Test("A session whose commands all succeed exits 0 with nothing on stderr")
    func successExitsZero() throws {
        let result = try runMemorySet([], input: "map 0x1000 0x4000 rw\nunmap 0x2000 0x3000\nareas\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("split"))
        #expect(result.stdout.contains("0x1000"))
        #expect(result.stdout.contains("0x3000"))
    }

    @Test("A failing command exits 1, is located as <stdin>:LINE, and the session goes on")
    func failureExitsOneAndContinues() throws {
        let input = """
            map 0x1000 0x4000 rw
            frobnicate
            map 0x2000 0x3000 r
            # a comment, then a blank line

            map 0x8000 0x9000 rx
            areas

            """
        let result = try runMemorySet([], input: input)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2:"))
        #expect(result.stderr.contains("<stdin>:3:"))
        #expect(result.stderr.contains("AlreadyExists") || result.stderr.lowercased().contains("already"))
        #expect(!result.stderr.contains("<stdin>:1:"))
        #expect(result.stderr.split(separator: "\n").count == 2)
        // Line 6 ran after the failures.
        #expect(result.stdout.contains("0x8000"))
    }

    @Test("Bad command lines exit 64", arguments: [
        ["--bogus"],
        ["--color", "purple"],
        ["--color"],
        ["-c"],
        ["-c", "areas", "session.mset"],
    ])
    func badCommandLineExits64(arguments: [String]) throws {
        let result = try runMemorySet(arguments, input: "areas\n")
        #expect(result.status == 64)
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test("--help exits 0 and shows the options of the default command")
    func helpExitsZero() throws {
        let result = try runMemorySet(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--json"))
        let runHelp = try runMemorySet(["run", "--help"])
        #expect(runHelp.status == 0)
        for option in ["--json", "--color", "--no-render", "-c"] {
            #expect(runHelp.stdout.contains(option))
        }
    }

    @Test("Session files: errors say FILE:LINE:, files run in order, exit status covers all")
    func sessionFiles() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.file("first.mset", "map 0x1000 0x4000 rw\n# comment\nunmap 0x2000 0x3000\n")
        let second = try directory.file("second.mset", "areas\n\nmap 0x1000 0x2000 rw\nprotect 0x1000 0x2000 r\n")
        let ok = try runMemorySet([first.path])
        #expect(ok.status == 0)
        #expect(ok.stderr.isEmpty)
        let both = try runMemorySet([first.path, second.path])
        #expect(both.status == 1)
        #expect(both.stderr.contains("second.mset:3:"))
        #expect(!both.stderr.contains("second.mset:4:"))
        #expect(!both.stderr.contains("first.mset"))
        // '-' is standard input, among the files.
        let withStdin = try runMemorySet([first.path, "-"], input: "areas\nunmap 0x1000\n")
        #expect(withStdin.status == 1)
        #expect(withStdin.stderr.contains("<stdin>:2:"))
        // quit in a file ends the whole run.
        let quits = try directory.file("quits.mset", "map 0x1000 0x2000 rw\nquit\nfrobnicate\n")
        let stopped = try runMemorySet([quits.path, second.path])
        #expect(stopped.status == 0)
        #expect(stopped.stderr.isEmpty)
    }

    @Test("A missing session file is an error, exit 1")
    func missingFile() throws {
        let result = try runMemorySet(["/nonexistent/memory-set/session.mset"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("session.mset"))
    }

    @Test("-c runs inline commands, ';'-separated, and sets the exit status")
    func inlineCommands() throws {
        let ok = try runMemorySet(["-c", "map 0x1000 0x4000 rw; unmap 0x2000 0x3000; areas"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("split"))
        let failed = try runMemorySet(["-c", "map 0x1000 0x4000 rw", "-c", "map 0x1000 0x2000 rw"])
        #expect(failed.status == 1)
        #expect(!failed.stderr.isEmpty)
        // Newlines in -c separate lines: errors are located as <command-line>:LINE.
        let lines = try runMemorySet(["-c", "map 0x1000 0x2000 rw\nmap 0x1000 0x2000 rw"])
        #expect(lines.status == 1)
        #expect(lines.stderr.contains("<command-line>:2:"))
        // -c does not read standard input.
        let ignoresInput = try runMemorySet(["-c", "areas"], input: "frobnicate\n")
        #expect(ignoresInput.status == 0)
    }

    @Test("quit ends the session; later lines do not run")
    func quitEndsSession() throws {
        let result = try runMemorySet([], input: "map 0x1000 0x2000 rw\nquit\nfrobnicate\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test("--no-render prints results without the table and bar")
    func noRender() throws {
        let input = "map 0x1000 0x4000 rw\nunmap 0x2000 0x3000\nareas\n"
        let rendered = try runMemorySet([], input: input)
        let plain = try runMemorySet(["--no-render"], input: input)
        #expect(plain.status == 0)
        #expect(plain.stderr.isEmpty)
        #expect(!plain.stdout.isEmpty)
        #expect(plain.stdout.count < rendered.stdout.count)
        #expect(plain.stdout.contains("split"))
        // The table's header and the bar (a line framed by '|') only when rendering.
        #expect(rendered.stdout.contains("START"))
        #expect(rendered.stdoutLines.contains { $0.hasPrefix("|") })
        #expect(!plain.stdout.contains("START"))
        #expect(!plain.stdoutLines.contains { $0.hasPrefix("|") })
        // Not a terminal: rendered for 80 columns.
        #expect(rendered.stdoutLines.allSatisfy { $0.count <= 80 })
        #expect(rendered.stdoutLines.contains { $0.count == 80 })
    }

    @Test("--echo prints each input line before its output")
    func echo() throws {
        let result = try runMemorySet(["--echo", "--no-render"], input: "map 0x1000 0x2000 rw\n\nareas\n")
        #expect(result.status == 0)
        #expect(result.stdoutLines.first == "> map 0x1000 0x2000 rw")
        #expect(result.stdoutLines.contains("> areas"))
        #expect(result.stdoutLines.count > 2)
    }

    @Test("--color always adds ANSI escapes to human output; never and NO_COLOR do not")
    func color() throws {
        let input = "map 0x1000 0x4000 rw\nareas\n"
        #expect(try runMemorySet(["--color", "always"], input: input).stdout.contains("\u{1B}["))
        #expect(!(try runMemorySet(["--color", "never"], input: input).stdout.contains("\u{1B}[")))
        // Not a terminal: auto means no color.
        #expect(!(try runMemorySet(["--color", "auto"], input: input).stdout.contains("\u{1B}[")))
        #expect(!(try runMemorySet(["--json", "--color", "always"], input: input).stdout.contains("\u{1B}[")))
    }

    @Test("stdout and stderr sent to one file keep the order of the lines", arguments: [false, true])
    func interleaving(fromFile: Bool) throws {
        let directory = try TemporaryDirectory()
        let session = "map 0x1000 0x2000 rw\nfrobnicate\nfind 0x1000\n"
        let sessionURL = try directory.file("order.mset", session)
        let combinedURL = directory.url.appendingPathComponent("combined")
        _ = FileManager.default.createFile(atPath: combinedURL.path, contents: nil)
        let combined = try FileHandle(forWritingTo: combinedURL)
        let input = try FileHandle(forReadingFrom: sessionURL)
        defer {
            try? combined.close()
            try? input.close()
        }
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = fromFile ? ["--no-render", sessionURL.path] : ["--no-render"]
        process.environment = testEnvironment()
        process.standardInput = fromFile ? FileHandle.nullDevice : input
        process.standardOutput = combined
        process.standardError = combined
        try process.run()
        #expect(wait(for: process, timeout: 30))
        let lines = String(decoding: try Data(contentsOf: combinedURL), as: UTF8.self).split(separator: "\n")
        let error = try #require(lines.firstIndex { $0.contains(":2: error") }, "\(lines)")
        #expect(error > 0)
        #expect(lines[..<error].contains { $0.contains("added") })
        #expect(lines[(error + 1)...].contains { $0.contains("0x1000") })
    }
}
