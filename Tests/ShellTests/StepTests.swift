import Testing
@testable import Shell

/// Step mode (#14 point 5, #15 "with --step"): a recording pacer in place of the terminal.
@Suite struct StepTests {
    /// A pacer that records what the shell shows and when it waits, and answers from a list
    /// (then `.next`).
    final class RecordingPacer {
        enum Event: Equatable {
            /// Text shown on stdout, then on stderr.
            case out(String)
            case err(String)
            /// A wait for the pacer's answer.
            case wait
        }

        var events: [Event] = []
        var answers: [ShellPacer.Decision]

        init(_ answers: [ShellPacer.Decision] = []) { self.answers = answers }

        var pacer: ShellPacer {
            ShellPacer(
                show: { [self] output in
                    if !output.stdout.isEmpty { events.append(.out(output.stdout)) }
                    if !output.stderr.isEmpty { events.append(.err(output.stderr)) }
                },
                wait: { [self] in
                    events.append(.wait)
                    return answers.isEmpty ? .next : answers.removeFirst()
                })
        }

        /// The waits, and the texts shown, as one transcript (a wait is `⏎`).
        var transcript: String {
            events.map { event in
                switch event {
                case .out(let text), .err(let text): text
                case .wait: "⏎"
                }
            }.joined()
        }
    }

    static let demo = """
        # Narration: a page.
        map 0x1000 +4K r

          # Indented narration.
        bogus
        unmap 0x1000 0x2000
        """

    /// A shell without rendering on the files given, paced by `recorder`.
    func shell(_ files: [String: String], _ recorder: RecordingPacer, json: Bool = false, interactive: Bool = false) -> Shell {
        let shell = makeShell(json: json, render: false, interactive: interactive, files: InMemoryFileSystem(files))
        shell.pacer = recorder.pacer
        return shell
    }

    @Test func narrationThenCommandAsTypedThenWaitThenResultAndErrorsContinue() {
        let recorder = RecordingPacer()
        let shell = shell(["demo.mset": Self.demo], recorder)
        var delivered = ""
        let totals = shell.runFile(path: "demo.mset", stepping: true) { delivered += $0.stdout + $0.stderr }
        #expect(recorder.events == [
            .out("# Narration: a page.\n"), .out("memory-set (0 areas)> map 0x1000 +4K r"), .wait,
            .out("\nadded [0x1000, 0x2000) r---\n"),
            .out("# Indented narration.\n"), .out("memory-set (1 area)> bogus"), .wait,
            .out("\n"), .err("error: SyntaxError: unknown command 'bogus'; type `help` for the list\n"),
            .out("memory-set (1 area)> unmap 0x1000 0x2000"), .wait,
            .out("\nremoved [0x1000, 0x2000) r---\n"),
        ])
        // Everything went through the pacer, in order.
        #expect(delivered == "")
        #expect(totals.commands == 3 && totals.failures == 1 && !totals.shouldExit)
        #expect(areas(shell).isEmpty)
        // The run is over: the next file is not stepped.
        let before = recorder.events.count
        _ = shell.runFile(path: "demo.mset") { _ in }
        #expect(recorder.events.count == before)
    }

    @Test func quitEndsTheRunWithoutRunningTheCommandShown() {
        let recorder = RecordingPacer([.next, .quit])
        let shell = shell(["demo.mset": Self.demo], recorder)
        let totals = shell.runFile(path: "demo.mset", stepping: true) { _ in }
        #expect(recorder.transcript == """
            # Narration: a page.
            memory-set (0 areas)> map 0x1000 +4K r⏎
            added [0x1000, 0x2000) r---
            # Indented narration.
            memory-set (1 area)> bogus⏎

            """)
        #expect(totals.shouldExit && totals.failures == 0 && !totals.interrupted)
        #expect(areas(shell) == ["[0x1000, 0x2000) r---"])
    }

    @Test func interruptStopsBeforeTheCommandAsCtrlCDoes() {
        let recorder = RecordingPacer([.interrupt])
        let shell = shell(["demo.mset": Self.demo], recorder)
        let totals = shell.runFile(path: "demo.mset", stepping: true) { _ in }
        #expect(recorder.events == [
            .out("# Narration: a page.\n"), .out("memory-set (0 areas)> map 0x1000 +4K r"), .wait,
            .out("^C\n"), .err("interrupted\n"),
        ])
        #expect(totals.interrupted && totals.failures == 1)
        #expect(areas(shell).isEmpty)
    }

    @Test func sourceStepInTheREPLStepsOneFileAndQReturnsToThePrompt() {
        let recorder = RecordingPacer([.next, .quit])
        let shell = shell(["demo.mset": Self.demo], recorder, interactive: true)
        let out = shell.execute(line: "source --step demo.mset", at: SourceLocation(file: "<stdin>", line: 1))
        #expect(recorder.events.filter { $0 == .wait }.count == 2)
        #expect(!out.shouldExit && !out.interrupted && out.failures == 0)
        // All was shown through the pacer (source itself prints nothing).
        #expect(out.stdout.isEmpty && out.stderr.isEmpty)
        #expect(areas(shell) == ["[0x1000, 0x2000) r---"])
        // Back at the prompt: commands and plain `source` run without waits.
        let waits = recorder.events.count
        #expect(run(shell, "unmap 0x1000 +4K", "source demo.mset").failures == 1)
        #expect(recorder.events.count == waits)
    }

    @Test func ctrlCInSourceStepPrintsInterruptedAndKeepsWhatRan() {
        let recorder = RecordingPacer([.next, .interrupt])
        let shell = shell(["demo.mset": Self.demo], recorder, interactive: true)
        let out = shell.execute(line: "source demo.mset --step; map 0x9000 +4K r", at: SourceLocation(file: "<stdin>", line: 1))
        #expect(out.interrupted && out.failures == 1)
        #expect(recorder.transcript.hasSuffix("memory-set (1 area)> bogus⏎^C\ninterrupted\n"))
        // The rest of the line is not run; what ran before stays.
        #expect(areas(shell) == ["[0x1000, 0x2000) r---"])
    }

    @Test func sourceStepWithoutAWayToWaitFailsAndChangesNothing() {
        let files = InMemoryFileSystem(["demo.mset": Self.demo])
        let shell = makeShell(render: false, files: files)
        let out = run(shell, "source --step demo.mset")
        #expect(out.failures == 1)
        #expect(out.stderr == "test:1: error: BadState: source: --step needs a terminal to read keys from (this session has none); nothing was run\n")
        #expect(files.trace.isEmpty)
        #expect(areas(shell).isEmpty)
    }

    @Test func aSteppedFileRunWithoutAWayToWaitFailsAndRunsNothing() {
        let files = InMemoryFileSystem(["demo.mset": Self.demo])
        let shell = makeShell(render: false, files: files)
        var delivered = ShellOutput()
        let totals = shell.runFile(path: "demo.mset", stepping: true) { delivered.append($0) }
        #expect(totals.failures == 1 && totals.commands == 1)
        #expect(delivered.stderr == "error: BadState: --step needs a terminal to read keys from (this session has none); nothing was run\n")
        #expect(files.trace.isEmpty)
        #expect(areas(shell).isEmpty)
    }

    @Test func aSourcedFileIsSteppedToo() {
        let recorder = RecordingPacer()
        let shell = shell(["a.mset": "source b.mset\nareas\n", "b.mset": "# inner\nmap 0x1000 +4K r\n"], recorder)
        _ = shell.runFile(path: "a.mset", stepping: true) { _ in }
        #expect(recorder.transcript == """
            memory-set (0 areas)> source b.mset⏎
            # inner
            memory-set (0 areas)> map 0x1000 +4K r⏎
            added [0x1000, 0x2000) r---
            memory-set (1 area)> areas⏎
            [0x1000, 0x2000) r---

            """)
    }

    static let straceLog = """
        execve("./x", ["./x"], 0x7ffc /* 1 var */) = 0
        mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3</lib/x.so>, 0) = 0x10000
        mremap(0x10000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x90000) = 0x90000
        munmap(0x90000, 4096) = 0
        """

    @Test func straceCallsAreStepsWithTheirLineAsNarration() {
        let recorder = RecordingPacer()
        let shell = shell(["s.mset": "load strace x.strace\n", "x.strace": Self.straceLog], recorder)
        _ = shell.runFile(path: "s.mset", stepping: true) { _ in }
        let label = "--force --label \"/lib/x.so\""
        #expect(recorder.transcript == """
            memory-set (0 areas)> load strace x.strace⏎
            # execve("./x", ["./x"], 0x7ffc /* 1 var */) = 0
            # mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3</lib/x.so>, 0) = 0x10000
            memory-set (0 areas)> map 0x10000 +8K r--u \(label)⏎
            added [0x10000, 0x12000) r--u
            # mremap(0x10000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x90000) = 0x90000
            memory-set (1 area)> unmap 0x10000 +8K; map 0x90000 +8K r--u \(label)⏎
            removed [0x10000, 0x12000) r--u
            added [0x90000, 0x92000) r--u
            # munmap(0x90000, 4096) = 0
            memory-set (1 area)> unmap 0x90000 +4K⏎
            shrink-left [0x90000, 0x92000) r--u -> [0x91000, 0x92000) r--u
            replayed 4 calls of process (no PID prefix) from x.strace (4 commands)

            """)
    }

    @Test func quitDuringAStraceReplayLeavesTheCallsBeforeAndNoHalfCall() {
        let recorder = RecordingPacer([.next, .next, .quit])
        let shell = shell(["x.strace": Self.straceLog], recorder)
        let out = shell.executeStepping(line: "load strace x.strace", at: SourceLocation(file: "<command-line>", line: 1))
        #expect(recorder.events.filter { $0 == .wait }.count == 3)
        #expect(out.failures == 0)
        #expect(areas(shell) == ["[0x90000, 0x92000) r--u"])
        #expect(!recorder.transcript.contains("replayed"))
        // Stepping ended with the line: a plain replay waits no more.
        let waits = recorder.events.count
        run(shell, "reset", "load strace x.strace")
        #expect(recorder.events.count == waits)
        #expect(areas(shell) == ["[0x91000, 0x92000) r--u"])
    }

    @Test func jsonStepsShowOnlyTheObjects() {
        let recorder = RecordingPacer()
        let shell = shell(["demo.mset": Self.demo], recorder, json: true)
        _ = shell.runFile(path: "demo.mset", stepping: true) { _ in }
        #expect(recorder.events.filter { $0 == .wait }.count == 3)
        let lines = recorder.transcript.split(separator: "\n").map { $0.trimmingPrefix("⏎") }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"ok\":") })
    }

    @Test func narrationIsDimWhenColored() {
        let recorder = RecordingPacer()
        let shell = Shell(options: ShellOptions(color: true, render: false), files: InMemoryFileSystem(["a.mset": "  # Look.\nareas\n"]))
        shell.pacer = recorder.pacer
        _ = shell.runFile(path: "a.mset", stepping: true) { _ in }
        #expect(recorder.events.first == .out("\u{1b}[2m# Look.\u{1b}[0m\n"))
    }

    @Test func stepIsAnOptionOfSourceOnly() {
        #expect(run(makeShell(), "save f --step").stderr.contains("SyntaxError"))
        guard case .success(let parsed) = parse(#"source "a b.mset" --step"#), case let .source(file, step) = parsed.command else {
            Issue.record("source --step does not parse")
            return
        }
        #expect(file == "a b.mset" && step)
    }
}
