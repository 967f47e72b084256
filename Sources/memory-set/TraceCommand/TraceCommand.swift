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
            when not root) when it is missing.

            Exit status: 1 when a replayed command failed or log lines were skipped, else 0 \
            (CMD's own exit status is reported on standard error).
            """
    )

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @Option(help: ArgumentHelp("Keep the strace log in this file (else a temporary file, removed afterwards).", valueName: "file"))
    var save: String?

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to trace and its arguments (put -- before it when it has options).", valueName: "command"))
    var command: [String] = []

    /// CMD ARGS… without a leading `--`.
    var traced: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    /// Refuses an empty command.
    /// - Throws: `ValidationError` (exit status 64).
    func validate() throws {
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
        let runner = SessionRunner(shell: Shell(options: output.shellOptions(interactive: false), files: SystemFileSystem()),
                                   standardOutput: standardOutput, standardError: standardError)
        _ = runner.run(commands: "load strace " + Strace.quoted(log))
        standardOutput.flush()
        if !runner.succeeded { throw ExitCode(1) }
    }
}

/// Finding, installing and running strace.
enum Strace {
    /// The path of `strace` on `PATH`; when there is none, installs it with apt-get (telling
    /// `progress` so) and looks again.
    /// - Complexity: O(entries of `PATH`), plus the installation.
    static func executable(installing progress: OutputWriter) -> String? {
        if let path = onPath("strace") { return path }
        progress.write("Installing strace (needed by memory-set trace)...\n")
        progress.flush()
        let script = """
            SUDO=$( [ "$(id -u)" = 0 ] || echo sudo ); \
            $SUDO apt-get update -qq && $SUDO apt-get install -y -qq strace
            """
        _ = run("/bin/sh", ["-c", script])
        return onPath("strace")
    }

    /// The first executable `name` in the directories of `PATH`.
    static func onPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments`, its standard output sent to standard error, and
    /// waits for it.
    /// - Returns: Its exit status (128 + N when killed by signal N), or `nil` when it could
    ///   not be started.
    static func run(_ program: String, _ arguments: [String]) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return nil }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// A new empty file in the temporary directory, for the log.
    static func temporaryFile() -> String? {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/memory-set-trace-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        close(fd)
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `text` in double quotes for the command language, `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}
