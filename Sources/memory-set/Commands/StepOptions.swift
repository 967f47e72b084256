import ArgumentParser

import Shell

/// `--step` and `--delay MS`: replay session files as a presentation (#14 point 5).
///
/// ```
///   --step            each command shown after the prompt; Enter runs it, q ends the show,
///                     Ctrl-C stops it (exit 130, the command not run)
///   --delay MS        the same without keys: MS milliseconds before each result
///   --step --delay MS as --delay MS
/// ```
/// `--delay` alone implies `--step`: a delay only means something between the steps of a show.
/// Keys are read from standard input when it is a terminal, else from `/dev/tty`; `--step`
/// without `--delay` and without a terminal is a command-line error (exit 64).
struct StepOptions: ParsableArguments {
    /// The longest `--delay`: one minute.
    static let maximumDelay = 60_000

    @Flag(help: "Replay the session files step by step: each command is shown as if typed, Enter runs it, q ends the show, Ctrl-C stops it (exit 130). Comment lines are shown as narration.")
    var step = false

    @Option(help: ArgumentHelp("Step without keys: pause this many milliseconds (0 to 60000) before each result. Implies --step.", valueName: "ms"))
    var delay: Int?

    /// Whether the session is a show (`--step` or `--delay`).
    var isOn: Bool { step || delay != nil }

    /// Refuses a delay out of range, and `--step` without `--delay` when there is no terminal
    /// to read keys from.
    /// - Throws: `ValidationError` (exit status 64).
    /// - Complexity: O(1) (opens and closes `/dev/tty` at most).
    func validate() throws {
        if let delay, delay < 0 || delay > StepOptions.maximumDelay {
            throw ValidationError("--delay takes 0 to \(StepOptions.maximumDelay) milliseconds, not \(delay).")
        }
        if step && delay == nil && StepKeys.open() == nil {
            throw ValidationError(
                "--step waits for keys, but there is no terminal to read them from (standard input is not a terminal and /dev/tty cannot be opened); give --delay MS to play without keys.")
        }
    }

    /// The shell's options for a show: no `--echo` (each command is shown after the prompt
    /// already), errors shown as in the REPL, and the bars before and after each change
    /// (a show is a demonstration, as the REPL is) unless `--no-before-after` says otherwise.
    /// - Parameter beforeAfter: `--before-after` (`true`), `--no-before-after` (`false`) or
    ///   neither (`nil`: on).
    /// - Complexity: O(1).
    static func showOptions(_ options: ShellOptions, beforeAfter: Bool?) -> ShellOptions {
        var options = options
        options.echo = false
        options.beforeAfter = beforeAfter ?? true
        return options
    }
}
