import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Step mode (#14 point 5; #15 "with --step") run by the built binary: keys typed on a
/// pseudo-terminal at 60 and 100 columns, `--delay` without keys, and no terminal at all.
///
/// Every wait is for text (or for the terminal's non-canonical mode, which the player sets only
/// while it waits for a key): no fixed sleeps.
@Suite("Step mode", .serialized)
struct StepModeTests {
    static let demo = """
        # A 16 KiB area, read-write.
        map 0x10000 +16K rw

        # Unmapping the middle page splits it in two.
        unmap 0x11000 0x12000
        bogus
        protect 0x10000 0x11000 r
        """

    /// The player shows `command` after the prompt (somewhere after byte `mark`), then waits
    /// for a key (raw mode), with nothing holding `result` shown after the command.
    func expectWaiting(_ player: PseudoTerminalSession, for command: String, from mark: Int,
                       notYet result: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(player.expect("> " + command, from: mark), "not shown: \(player.transcript)", sourceLocation: sourceLocation)
        #expect(player.waitUntilEditing(), "not waiting for a key: \(player.transcript)", sourceLocation: sourceLocation)
        let text = player.read(from: mark, timeout: 0) { _ in false }
        let after = text.range(of: "> " + command, options: .backwards).map { text[$0.upperBound...] } ?? ""
        #expect(!after.contains(result), "result shown before Enter: \(player.transcript)", sourceLocation: sourceLocation)
    }

    /// What the player wrote after byte `mark`, read to the end of its output (it has exited:
    /// the read ends at the terminal's end of file, not at a time limit).
    func drained(_ player: PseudoTerminalSession, from mark: Int) -> String {
        player.read(from: mark, timeout: 10) { _ in false }
    }

    @Test("--step: Enter shows each result, errors do not stop the show, q quits with 0", arguments: [60, 100] as [UInt16])
    func enterAdvancesAndQQuits(columns: UInt16) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let player = try PseudoTerminalSession(arguments: ["--step", file], columns: columns)

        var mark = player.mark
        #expect(player.expect("# A 16 KiB area, read-write.", from: mark), "no narration: \(player.transcript)")
        // The table's header is the mark of a result (no narration or command holds START).
        expectWaiting(player, for: "map 0x10000 +16K rw", from: mark, notYet: "START")
        mark = player.mark
        try player.type("\r")
        #expect(player.expect("0x14000", from: mark), "no result after Enter: \(player.transcript)")

        expectWaiting(player, for: "unmap 0x11000 0x12000", from: mark, notYet: "START")
        mark = player.mark
        try player.type("\r")
        #expect(player.expect("START", from: mark))
        expectWaiting(player, for: "bogus", from: mark, notYet: "unknown command")
        mark = player.mark
        try player.type("\r")
        // As in the REPL: the error without FILE:LINE, and the show goes on.
        #expect(player.expect("error: SyntaxError: unknown command 'bogus'", from: mark), "\(player.transcript)")
        expectWaiting(player, for: "protect 0x10000 0x11000 r", from: mark, notYet: "START")
        mark = player.mark

        try player.type("q")
        #expect(player.waitForExit() == 0, "\(player.transcript)")
        #expect(!drained(player, from: mark).contains("START"), "the command shown ran after q: \(player.transcript)")
        #expect(!player.transcript.contains("demo.mset:"))
        // Nothing wraps: the player's own lines fit the terminal.
        let lines = withoutEscapes(player.transcript).split(separator: "\n")
        let longest = lines.filter { $0.contains("> ") || $0.hasPrefix("#") }.map(\.count).max() ?? 0
        #expect(longest <= Int(columns))
    }

    @Test("--step: Ctrl-C at a wait exits 130 with the command not run", arguments: [60, 100] as [UInt16])
    func ctrlCStops(columns: UInt16) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let player = try PseudoTerminalSession(arguments: ["--step", "--no-render", file], columns: columns)
        var mark = player.mark
        expectWaiting(player, for: "map 0x10000 +16K rw", from: mark, notYet: "added [")
        mark = player.mark
        try player.type("\r")
        #expect(player.expect("added [0x10000, 0x14000)", from: mark))
        expectWaiting(player, for: "unmap 0x11000 0x12000", from: mark, notYet: "split [")
        mark = player.mark
        try player.type("\u{3}")
        #expect(player.waitForExit() == 130, "\(player.transcript)")
        let after = drained(player, from: mark)
        #expect(after.contains("interrupted"), "\(player.transcript)")
        #expect(!after.contains("split ["), "the command ran after Ctrl-C: \(player.transcript)")
    }

    @Test("--step: each call of a load strace in the session is a step, its strace line as narration")
    func straceCallsAreSteps() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = try TemporaryDirectory()
        let log = root.appendingPathComponent("Sessions/strace/hello.strace").path
        let file = try directory.file("s.mset", "# A real program.\nload strace \"\(log)\"\n").path
        let player = try PseudoTerminalSession(arguments: ["--step", "--no-render", file])
        var mark = player.mark
        expectWaiting(player, for: "load strace", from: mark, notYet: "# execve(")
        mark = player.mark
        try player.type("\r")
        #expect(player.expect("# mmap(NULL, 8192", from: mark), "\(player.transcript)")
        expectWaiting(player, for: "map 0x7f3f3a371000 +8K rw-u --force --label \"[anon]\"", from: mark, notYet: "added")
        mark = player.mark
        try player.type("\r")
        #expect(player.expect("added [0x7f3f3a371000, 0x7f3f3a373000) rw-u", from: mark), "\(player.transcript)")
        expectWaiting(player, for: "map 0x7f3f3a365000", from: mark, notYet: "0x7f3f3a371000) r--u")
        try player.type("q")
        #expect(player.waitForExit() == 0, "\(player.transcript)")
        #expect(!drained(player, from: 0).contains("replayed"))
    }

    @Test("trace --step: the traced program's calls are stepped")
    func traceStep() throws {
        let player = try PseudoTerminalSession(arguments: ["trace", "--step", "--no-render", "--", "/bin/true"])
        #expect(player.expect("# mmap(", timeout: 60), "\(player.transcript)")
        var mark = player.mark
        #expect(player.waitUntilEditing(timeout: 60))
        try player.type("\r")
        #expect(player.expect("added [", from: mark), "\(player.transcript)")
        mark = player.mark
        #expect(player.waitUntilEditing())
        try player.type("\u{3}")
        #expect(player.waitForExit() == 130, "\(player.transcript)")
        #expect(drained(player, from: mark).contains("interrupted"))
    }

    @Test("source --step in the REPL: Enter advances, q and Ctrl-C return to the prompt", arguments: [60, 100] as [UInt16])
    func sourceStepInTheREPL(columns: UInt16) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let repl = try PseudoTerminalSession(columns: columns)
        #expect(repl.expect("(0 areas)> "), "no prompt: \(repl.transcript)")

        var mark = repl.mark
        try repl.type("source --step \"\(file)\"\r")
        #expect(repl.expect("# A 16 KiB area", from: mark))
        expectWaiting(repl, for: "map 0x10000 +16K rw", from: mark, notYet: "START")
        mark = repl.mark
        try repl.type("\r")
        #expect(repl.expect("0x14000", from: mark))
        expectWaiting(repl, for: "unmap 0x11000 0x12000", from: mark, notYet: "START")
        mark = repl.mark
        try repl.type("q")
        // Back at the REPL's prompt, with what ran.
        #expect(repl.expect("memory-set (1 area)> ", from: mark), "\(repl.transcript)")
        mark = repl.mark
        try repl.type("areas\r")
        #expect(repl.expect("0x14000", from: mark))
        #expect(repl.expect("(1 area)> ", from: mark))

        mark = repl.mark
        try repl.type("source --step \"\(file)\"\r")
        expectWaiting(repl, for: "map 0x10000 +16K rw", from: mark, notYet: "AlreadyExists")
        try repl.type("\u{3}")
        #expect(repl.expect("interrupted", from: mark), "\(repl.transcript)")
        #expect(repl.expect("(1 area)> ", from: mark))
        mark = repl.mark
        try repl.type("find 0x11000\r")
        #expect(repl.expect("0x11000 is in", from: mark), "the REPL did not go on: \(repl.transcript)")
        #expect(repl.expect("(1 area)> ", from: mark))
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0, "\(repl.transcript)")
    }

    @Test("A show draws the bars before and after each change; --no-before-after turns them off")
    func showsBeforeAndAfter() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let shown = try runMemorySet(["--delay", "0", "--color", "never", file])
        #expect(shown.status == 0, "\(shown.stderr)")
        let bars = shown.stdoutLines.filter { $0.hasPrefix("before |") || $0.hasPrefix("after  |") }
        // map, unmap (split) and protect change the set: a pair of bars each.
        #expect(bars.count == 6, "\(shown.stdout)")
        let plain = try runMemorySet(["--delay", "0", "--color", "never", "--no-before-after", file])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("before |") && plain.stdoutLines.contains { $0.hasPrefix("|") }, "\(plain.stdout)")
    }

    @Test("--delay plays the show without keys")
    func delayPlaysThrough() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let result = try runMemorySet(["--delay", "10", "--no-render", file])
        #expect(result.status == 0, "\(result.stderr)")
        // Narration, each command after the prompt, its result: all of the file, in order.
        let lines = result.stdoutLines
        #expect(lines.filter { $0.hasPrefix("#") || $0.hasPrefix("memory-set (") } == [
            "# A 16 KiB area, read-write.",
            "memory-set (0 areas)> map 0x10000 +16K rw",
            "# Unmapping the middle page splits it in two.",
            "memory-set (1 area)> unmap 0x11000 0x12000",
            "memory-set (2 areas)> bogus",
            "memory-set (2 areas)> protect 0x10000 0x11000 r",
        ])
        #expect(lines.firstIndex { $0.hasPrefix("added [0x10000, 0x14000)") } == 2)
        #expect(lines.firstIndex { $0.hasPrefix("split [0x10000, 0x14000)") } == 5)
        #expect(lines.last?.hasPrefix("protected [0x10000, 0x11000)") == true)
        #expect(result.stderr == "error: SyntaxError: unknown command 'bogus'; type `help` for the list\n")
    }

    @Test("The terminal's settings are restored after q, Ctrl-C, and SIGTERM or SIGHUP during a wait",
          arguments: ["q", "\u{3}", "SIGTERM", "SIGHUP"])
    func terminalRestored(way: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let player = try PseudoTerminalSession(arguments: ["--step", "--no-render", file])
        expectWaiting(player, for: "map 0x10000 +16K rw", from: 0, notYet: "added [")
        #expect(!player.isCanonical)
        switch way {
        case "SIGTERM": kill(player.pid, SIGTERM)
        case "SIGHUP": kill(player.pid, SIGHUP)
        default: try player.type(way)
        }
        let status = player.waitForExit()
        #expect(status == ["q": 0, "\u{3}": 130, "SIGTERM": 128 + SIGTERM, "SIGHUP": 128 + SIGHUP][way], "\(player.transcript)")
        #expect(player.isCanonical, "the terminal was left in raw mode")
    }

    @Test("A terminal resized during a wait: the result is rendered at the new width")
    func resizedDuringAWait() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let player = try PseudoTerminalSession(arguments: ["--step", file], columns: 100)
        expectWaiting(player, for: "map 0x10000 +16K rw", from: 0, notYet: "START")
        // As a terminal emulator does (see InteractiveTests.resize).
        let slave = try #require(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(player.pid)/fd/1"))
        let descriptor = open(slave, O_RDWR | O_NOCTTY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var size = winsize(ws_row: 30, ws_col: 60, ws_xpixel: 0, ws_ypixel: 0)
        try #require(ioctl(descriptor, UInt(TIOCSWINSZ), &size) == 0)
        let mark = player.mark
        try player.type("\r")
        let shown = player.read(from: mark) { $0.contains("legend") }
        // Step mode draws the bars before and after: `after  |…|` is as wide as the terminal.
        let bar = try #require(withoutEscapes(shown).split(separator: "\n").first { $0.hasPrefix("after  |") }, "\(player.transcript)")
        #expect(bar.trimmingCharacters(in: .whitespacesAndNewlines).count == 60, "\(player.transcript)")
        try player.type("q")
        #expect(player.waitForExit() == 0)
    }

    @Test("--delay: Ctrl-C during the pause exits 130 with the command not run")
    func ctrlCDuringADelay() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        let player = try PseudoTerminalSession(arguments: ["--delay", "60000", "--no-render", file], columns: 60)
        #expect(player.expect("> map 0x10000 +16K rw"), "\(player.transcript)")
        let mark = player.mark
        try player.typeWhileBusy("\u{3}")
        #expect(player.waitForExit(timeout: 30) == 130, "\(player.transcript)")
        let after = drained(player, from: mark)
        #expect(after.contains("interrupted"), "\(player.transcript)")
        #expect(!player.transcript.contains("added ["), "the command ran after Ctrl-C: \(player.transcript)")
    }

    @Test("Bad command lines of step mode exit 64", arguments: [
        ["--delay", "60001", "f"], ["--delay", "-1", "f"], ["--step"], ["--delay", "5", "-c", "areas"], ["--step", "-"],
    ])
    func badCommandLines(arguments: [String]) throws {
        let result = try runMemorySet(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--step with no terminal to read keys from exits 64 and says why; source --step in a batch fails naming the command")
    func noTerminal() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("demo.mset", Self.demo).path
        // setsid: a new session, without a controlling terminal (/dev/tty cannot be opened).
        let result = try runWithoutTerminal(["--step", file])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--step waits for keys, but there is no terminal to read them from"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)

        let batch = try runMemorySet(["--no-render", "-c", "map 0x1000 +4K r; source --step \"\(file)\"; areas"])
        #expect(batch.status == 1)
        #expect(batch.stderr == "<command-line>:1: error: BadState: source: --step needs a terminal to read keys from (this session has none); nothing was run\n")
        #expect(batch.stdout == "added [0x1000, 0x2000) r---\n[0x1000, 0x2000) r---\n")
    }

    /// `memory-set ARGUMENTS` in a new session (`setsid --wait`): no controlling terminal,
    /// standard input from /dev/null.
    func runWithoutTerminal(_ arguments: [String]) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", Binary.url.path] + arguments
        process.environment = testEnvironment()
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, killedBySignal: false, timedOut: false,
                         stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}
