import Foundation
import Testing

/// Ctrl-C during a long command (issue 13 point 2): the REPL stops it within a second, rolls it
/// back and prompts again; a batch rolls it back, flushes its output and exits 130.
///
/// The long command: with 2^32 frames, `map 0 0x10000000000 rw --populate` (2^28 pages) is
/// accepted by the frame estimate and populates for minutes.
@Suite("Ctrl-C during a command", .serialized)
struct InterruptCommandTests {
    static let frames = "set frames 4294967296"
    static let populate = "map 0 0x10000000000 rw --populate"

    @Test("REPL: Ctrl-C stops a long populate, prints `interrupted`, prompts; nothing changed")
    func replInterruptsALongCommand() throws {
        let repl = try PseudoTerminalSession(arguments: ["--color", "never"])
        #expect(repl.expect("(0 areas)> "), "no prompt: \(repl.transcript)")
        var mark = repl.mark
        try repl.type(Self.frames + "\r")
        repl.read(from: mark) { $0.contains("\n") && $0.hasSuffix("(0 areas)> ") }

        mark = repl.mark
        try repl.type(Self.populate + "\r")
        // The line was taken (its newline echoed); the map then runs for minutes.
        repl.read(from: mark) { $0.contains("\n") }
        usleep(300_000)
        let sent = Date()
        try repl.typeWhileBusy("\u{3}")
        let shown = repl.read(from: mark, timeout: 10) { $0.contains("interrupted") && $0.hasSuffix("(0 areas)> ") }
        let elapsed = Date().timeIntervalSince(sent)
        let lines = withoutEscapes(shown).replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        // The terminal echoes ^C; then the REPL's report, then the prompt.
        #expect(lines.suffix(2) == ["^Cinterrupted", "memory-set (0 areas)> "], "\(shown.debugDescription)")
        #expect(!shown.contains("error"), "\(shown.debugDescription)")
        #expect(shown.hasSuffix("(0 areas)> "), "no prompt after Ctrl-C: \(repl.transcript.debugDescription)")
        // Generous for a debug build on a loaded machine; the poll itself is every 4096 pages.
        #expect(elapsed < 1, "prompt \(elapsed) s after Ctrl-C")

        // Nothing was kept: no area, one frame (the root table) in use.
        mark = repl.mark
        try repl.type("stats\r")
        let stats = withoutEscapes(repl.read(from: mark) { $0.contains("mapped pages") && $0.hasSuffix("> ") })
        #expect(stats.contains("areas: 0"), "\(stats)")
        #expect(stats.contains("frames: 1 used, 4294967295 free"), "\(stats)")
        #expect(stats.contains("mapped pages: 0"), "\(stats)")
        // The REPL goes on: a command runs as typed.
        mark = repl.mark
        try repl.type("map 0x1000 +4K r\r")
        #expect(repl.read(from: mark) { $0.hasSuffix("(1 area)> ") }.hasSuffix("(1 area)> "), "\(repl.transcript)")
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }

    /// Starts `memory-set ARGUMENTS` with stdout and stderr to files and stdin from a pipe fed
    /// `input` (kept open when `keepInputOpen`), with a clean signal state (the test runner may
    /// block SIGINT, and a child inherits its mask), and sends SIGINT once `ready(stdout)`
    /// holds, `delay` seconds later; returns the exit status (128 + N for signal N) and outputs.
    static func interruptBatch(
        _ arguments: [String], input: String = "", keepInputOpen: Bool = false, delay: TimeInterval,
        ready: (String) -> Bool = { _ in true }
    ) throws -> (status: Int32, bySignal: Bool, stdout: String, stderr: String) {
        let directory = try TemporaryDirectory()
        let outputPath = directory.url.appendingPathComponent("stdout").path
        let errorPath = directory.url.appendingPathComponent("stderr").path
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw PseudoTerminalError(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGQUIT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        let argv = [Binary.url.path] + arguments
        let environment = testEnvironment().map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        let spawned = posix_spawn(&pid, Binary.url.path, &actions, &attributes, cArgs, cEnv)
        close(pipeEnds[0])
        guard spawned == 0 else { throw PseudoTerminalError(description: "posix_spawn failed: \(spawned)") }
        _ = input.utf8CString.withUnsafeBufferPointer { write(pipeEnds[1], $0.baseAddress!, $0.count - 1) }
        if !keepInputOpen { close(pipeEnds[1]) }
        func output() -> String { String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self) }
        let deadline = Date().addingTimeInterval(20)
        while !ready(output()) && Date() < deadline { usleep(10_000) }
        usleep(UInt32(delay * 1_000_000))
        kill(pid, SIGINT)
        var status: Int32 = 0
        var finished = false
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            if waitpid(pid, &status, WNOHANG) == pid { finished = true; break }
            usleep(5_000)
        }
        if !finished {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        if keepInputOpen { close(pipeEnds[1]) }
        #expect(finished, "still running 10 s after SIGINT")
        let stderr = String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
        let bySignal = status & 0x7f != 0
        return (bySignal ? 128 + (status & 0x7f) : (status >> 8) & 0xff, bySignal, output(), stderr)
    }

    @Test("Batch (-c): SIGINT during a long populate rolls it back, flushes, exits 130")
    func batchExits130() throws {
        let run = try Self.interruptBatch(["--no-render", "-c", Self.frames, "-c", Self.populate, "-c", "areas"],
                                          delay: 0.8)
        #expect(!run.bySignal && run.status == 130, "status \(run.status), by signal: \(run.bySignal)")
        // Output before the command flushed; the command reported; the next one not run.
        #expect(run.stdout == "frames = 4294967296 (16 TiB)\n", "\(run.stdout.debugDescription)")
        #expect(run.stderr == "interrupted\n", "\(run.stderr.debugDescription)")
    }

    @Test("Batch (piped stdin, --json): SIGINT during a long populate reports it as JSON, exits 130")
    func batchJSON() throws {
        let run = try Self.interruptBatch(["--json"], input: "\(Self.frames)\n\(Self.populate)\nareas\n", delay: 0.8)
        #expect(run.status == 130 && !run.bySignal)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stdout)")
        #expect(lines.last == #"{"ok":false,"cmd":"map","error":"Interrupted","message":"map: interrupted","line":2}"#,
                "\(run.stdout)")
    }

    @Test("Batch waiting for piped input: SIGINT ends it with 130, output flushed")
    func batchWaitingForInput() throws {
        let run = try Self.interruptBatch(["--no-render"], input: "map 0x1000 +4K r\n", keepInputOpen: true,
                                          delay: 0.2, ready: { $0.contains("added") })
        #expect(run.status == 130 && !run.bySignal, "status \(run.status), by signal: \(run.bySignal)")
        #expect(run.stdout.contains("added [0x1000, 0x2000) r---"), "\(run.stdout)")
    }

    /// A FIFO no one writes to, in a fresh temporary directory.
    static func lonelyFIFO() throws -> (directory: TemporaryDirectory, path: String) {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("no-writer").path
        guard mkfifo(path, 0o600) == 0 else { throw PseudoTerminalError(description: "mkfifo failed") }
        return (directory, path)
    }

    @Test("Batch: SIGINT while `source` waits for a FIFO's writer ends it with 130")
    func batchSourceOfAFIFO() throws {
        let (directory, fifo) = try Self.lonelyFIFO()
        _ = directory
        let run = try Self.interruptBatch(["--no-render", "-c", "map 0x1000 +4K r", "-c", "source \(fifo)", "-c", "areas"],
                                          delay: 0.5)
        #expect(!run.bySignal && run.status == 130, "status \(run.status), by signal: \(run.bySignal)")
        #expect(run.stdout == "added [0x1000, 0x2000) r---\n", "\(run.stdout.debugDescription)")
        #expect(run.stderr == "interrupted\n", "\(run.stderr.debugDescription)")
    }

    @Test("Batch (--json): SIGINT while `load maps` waits for a FIFO reports the command interrupted")
    func batchLoadMapsOfAFIFO() throws {
        let (directory, fifo) = try Self.lonelyFIFO()
        _ = directory
        let run = try Self.interruptBatch(["--json"], input: "load maps \(fifo)\nareas\n", delay: 0.5)
        #expect(!run.bySignal && run.status == 130, "status \(run.status), by signal: \(run.bySignal)")
        #expect(run.stdout == #"{"ok":false,"cmd":"load","error":"Interrupted","message":"load: interrupted","line":1}"# + "\n",
                "\(run.stdout.debugDescription)")
    }

    @Test("REPL: Ctrl-C while `source` waits for a FIFO's writer prints `interrupted` and prompts")
    func replSourceOfAFIFO() throws {
        let (directory, fifo) = try Self.lonelyFIFO()
        _ = directory
        let repl = try PseudoTerminalSession(arguments: ["--color", "never"])
        #expect(repl.expect("(0 areas)> "), "no prompt: \(repl.transcript)")
        let mark = repl.mark
        try repl.type("source \(fifo)\r")
        repl.read(from: mark) { $0.contains("\n") }
        usleep(300_000)
        let sent = Date()
        try repl.typeWhileBusy("\u{3}")
        let shown = repl.read(from: mark, timeout: 10) { $0.contains("interrupted") && $0.hasSuffix("(0 areas)> ") }
        #expect(Date().timeIntervalSince(sent) < 2, "prompt late after Ctrl-C")
        #expect(shown.contains("interrupted") && shown.hasSuffix("(0 areas)> "), "\(repl.transcript.debugDescription)")
        #expect(!shown.contains("error"), "\(shown.debugDescription)")
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }
}
