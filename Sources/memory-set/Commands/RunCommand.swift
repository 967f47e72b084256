import ArgumentParser

import Shell

/// `memory-set run` (the default subcommand): the REPL, session files, `-c` commands or a piped
/// session on standard input.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a session: the REPL, session files, commands given with -c, or standard input.",
        discussion: """
            Interactive when standard input is a terminal and neither FILE nor -c is given; \
            otherwise standard input is read as a session file, with errors located as <stdin>:LINE.
            """
    )

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp(
            "Run these commands (';' separates commands, newlines separate lines) instead of a session; may be repeated.",
            valueName: "commands"
        )
    )
    var commands: [String] = []

    @OptionGroup(title: "Step mode")
    var stepping: StepOptions

    @Argument(help: ArgumentHelp("Session files to run in order ('-' reads standard input).", valueName: "file"))
    var files: [String] = []

    /// Rejects `-c` together with session files, and a show (`--step`, `--delay`) of anything
    /// but session files.
    ///
    /// - Throws: `ValidationError` (exit status 64).
    /// - Complexity: O(1).
    func validate() throws {
        if !commands.isEmpty && !files.isEmpty {
            throw ValidationError("Give either session files or -c commands, not both.")
        }
        if stepping.isOn && (files.isEmpty || files.contains("-")) {
            throw ValidationError("--step and --delay replay session files: give FILE... (not -c, nor '-' for standard input).")
        }
    }

    /// What to run, as read from the command line.
    var request: Request {
        Request(output: output.settings, commands: commands, step: stepping.step, delay: stepping.delay, files: files)
    }

    /// Runs the session (see ``Request/run()``).
    ///
    /// - Throws: `ExitCode(1)` when a command of a batch failed, `ExitCode(130)` after Ctrl-C.
    /// - Complexity: that of the commands run.
    func run() throws {
        try request.run()
    }
}
