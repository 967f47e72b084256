import ArgumentParser

import Shell

/// Options choosing how results are printed; shared by the commands that run sessions.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print exactly one JSON object per executed command on stdout (JSON lines).")
    var json = false

    @Option(help: "Color human output: auto (only when stdout is a terminal, NO_COLOR is unset and TERM is not dumb), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-render"), help: "Print results without the area table and the address-space bar.")
    var noRender = false

    @Flag(inversion: .prefixedNo,
          help: "Draw the bar before and after each change, and mark the command's range under it (default: on in the REPL, off for files and pipes; `set show before-after|after` switches it in a session).")
    var beforeAfter: Bool? = nil

    @Flag(help: "Echo every input line, prefixed with '> ', before its output (for transcripts; not with --json, nor in the REPL).")
    var echo = false

    /// The values of these flags, as the fast path of `main` reads them too.
    var settings: Settings {
        Settings(json: json, color: color, noRender: noRender, beforeAfter: beforeAfter, echo: echo)
    }

    /// The shell's options for these flags and the current terminal.
    ///
    /// - Parameter interactive: whether the session is the REPL.
    /// - Complexity: O(1).
    func shellOptions(interactive: Bool) -> ShellOptions {
        settings.shellOptions(interactive: interactive)
    }
}

extension OutputOptions {
    /// The output flags once read, by ArgumentParser or by the fast path of `main`
    /// (`MemorySetCommand+FastPath.swift`); the defaults are those of the flags.
    struct Settings: Equatable {
        /// `--json`.
        var json = false
        /// `--color`.
        var color: ColorChoice = .auto
        /// `--no-render`.
        var noRender = false
        /// `--before-after` (true), `--no-before-after` (false) or neither (nil).
        var beforeAfter: Bool? = nil
        /// `--echo`.
        var echo = false

        /// The shell's options for these flags and the current terminal.
        ///
        /// - Parameter interactive: whether the session is the REPL.
        /// - Complexity: O(1).
        func shellOptions(interactive: Bool) -> ShellOptions {
            ShellOptions(
                json: json,
                color: color.resolved(
                    stdoutIsTerminal: Terminal.isTerminal(1), noColor: Terminal.environment("NO_COLOR"),
                    terminalType: Terminal.environment("TERM")),
                render: !noRender,
                terminalWidth: Terminal.width(of: 1),
                interactive: interactive,
                // What is typed at the REPL is on the screen already.
                echo: echo && !interactive,
                // A demonstration at the terminal shows what each command cut; a transcript stays compact.
                beforeAfter: beforeAfter ?? interactive
            )
        }
    }
}
