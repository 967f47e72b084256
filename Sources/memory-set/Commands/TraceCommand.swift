import ArgumentParser
import Glibc
import Shell

/// `memory-set trace [--save FILE] [--] CMD ARGS…` (#15): runs CMD under
/// `strace -f -y -e trace=memory,execve,clone,clone3`, then replays the log with
/// `load strace` in a new session (the output options apply as for `run`).
///
/// ```
///  memory-set trace ── posix_spawn ──▶ strace -o LOG -- CMD ARGS…   (CMD's stdout → stderr)
///                   ◀── waitpid ─────
///                   ── Shell: load strace "LOG" ──▶ stdout / stderr
/// ```
/// CMD's own output goes to standard error, so that standard output holds only the replay
/// (JSON lines with `--json`). strace is installed with apt-get when it is missing.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a command under strace and replay its memory system calls (load strace).",
        discussion: """
            Runs CMD ARGS under 'strace -f -y -e trace=memory,execve,clone,clone3', then \
            'load strace LOG' in a new session: each mmap, munmap, mprotect, brk and mremap of the \
            first process (and its threads) becomes a map, unmap or protect, shown after its call. \
            CMD's standard output goes to standard error. strace is installed with apt-get (sudo \
            when not root) when it is missing. With --step (or --delay MS) each call is a step: \
            its strace line as narration, its commands as if typed, Enter to run them.

            Exit status: 1 when a replayed command failed or log lines were skipped, 130 when \
            Ctrl-C stopped a stepped replay, else 0 (CMD's own exit status is reported on \
            standard error).
            """
    )

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @OptionGroup(title: "Step mode")
    var stepping: StepOptions

    @Option(help: ArgumentHelp("Keep the strace log in this file (else a temporary file, removed afterwards).", valueName: "file"))
    var save: String?

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to trace and its arguments (put -- before it when it has options).", valueName: "command"))
    var command: [String] = []

    /// CMD ARGS… without a leading `--`.
    var traced: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    /// Shows the help for `trace --help` (the passthrough argument would take it for CMD), and
    /// refuses an empty command.
    /// - Throws: `CleanExit` for the help; `ValidationError` (exit status 64).
    func validate() throws {
        if let first = command.first, first == "--help" || first == "-h" { throw CleanExit.helpRequest(self) }
        if traced.isEmpty { throw ValidationError("Give the command to trace: memory-set trace [--save FILE] [--] CMD ARGS...") }
    }

    /// Traces, then replays.
    /// - Throws: `ExitCode(1)` when strace cannot run or recorded nothing, or the replay failed.
    /// - Complexity: that of the traced command, plus the replay.
    func run() throws {
        ignoreBrokenPipeSignal()
        let standardError = OutputWriter(fd: 2, bufferLimit: 0)
        func fail(_ message: String) -> ExitCode {
            standardError.write("memory-set trace: \(message)\n")
            standardError.flush()
            return ExitCode(1)
        }
        guard let strace = Strace.executable(installing: standardError) else {
            throw fail("strace is not installed and 'apt-get install strace' failed; install strace and retry")
        }
        let log: String
        if let save {
            log = save
        } else {
            guard let temporary = Strace.temporaryFile() else { throw fail("cannot create a temporary file") }
            log = temporary
        }
        defer { if save == nil { unlink(log) } }
        let status = Strace.run(strace, ["-f", "-q", "-y", "-e", "trace=memory,execve,clone,clone3", "-o", log, "--"] + traced)
        guard let status else { throw fail("cannot start \(strace)") }
        var info = stat()
        guard stat(log, &info) == 0, info.st_size > 0 else {
            throw fail("strace recorded nothing (did '\(traced[0])' start?)")
        }
        if status != 0 { standardError.write("memory-set trace: \(traced[0]) exited with status \(status)\n") }

        let standardOutput = OutputWriter(fd: 1) { endAfterStandardOutputFailure($0) }
        var options = output.shellOptions(interactive: false)
        if stepping.isOn { options = StepOptions.showOptions(options, beforeAfter: output.beforeAfter) }
        let runner = SessionRunner(shell: Shell(options: options, files: SystemFileSystem()),
                                   standardOutput: standardOutput, standardError: standardError)
        let load = "load strace " + Strace.quoted(log)
        if stepping.isOn {
            // Each replayed call is a step (#15): its strace line as narration, its commands
            // as if typed, paced by keys or the delay; Ctrl-C stops with 130.
            Interrupt.install(restartingCalls: false)
            runner.shell.pacer = runner.pacer(delay: stepping.delay, keys: stepping.delay == nil ? StepKeys.open() : nil)
            runner.emit(runner.shell.executeStepping(line: load, at: SourceLocation(file: "<command-line>", line: 1)))
            standardOutput.flush()
            if Interrupt.isPending { throw ExitCode(130) }
        } else {
            _ = runner.run(commands: load)
            standardOutput.flush()
        }
        if !runner.succeeded { throw ExitCode(1) }
    }
}
