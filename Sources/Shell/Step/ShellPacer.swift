/// How a stepped run paces itself: `memory-set --step FILE…`, `--delay MS`, `source --step FILE`,
/// and the calls of `load strace` replayed in one of them (see ``Shell/executeStepping(line:at:)``).
///
/// The shell does no terminal I/O. Before each command of a stepped run it hands the pacer the
/// output not yet shown (narration, then the prompt and the command "as if typed", with no
/// line end), then asks what to do; the pacer writes that output, flushes it, waits (a key
/// from the terminal, or a delay) and answers:
///
/// ```
///   Shell ── show(output so far) ──▶ ShellPacer ──▶ write, flush
///         ── wait() ───────────────▶            ──▶ Enter, q, Ctrl-C, or the delay
///         ◀── .next | .quit | .interrupt ───────┘
///   .next       the command runs, its result follows
///   .quit       the stepped run ends here (the command is not run)
///   .interrupt  the command is not run; `interrupted`, as for Ctrl-C during a command
/// ```
///
/// The `memory-set` executable gives a pacer reading keys from the terminal (Enter, `q`,
/// Ctrl-C) or one sleeping `--delay` milliseconds; tests give a recording one. A shell without
/// one (``unavailable``, the default) refuses `source --step`.
///
/// A struct of closures, not a protocol: the shell stays free of existentials (Embedded Swift).
public struct ShellPacer {
    /// What the pacer answers after a pause.
    public enum Decision: Sendable, Equatable {
        /// Run the command shown (Enter, or the delay has passed).
        case next
        /// End the stepped run without running the command (`q`).
        case quit
        /// Stop without running the command, as Ctrl-C does (`interrupted`).
        case interrupt
    }

    /// Writes the output given (stdout, then stderr) and flushes it.
    let show: (ShellOutput) -> Void
    /// Waits and answers; nil when there is no way to wait (no terminal to read keys from).
    let wait: (() -> Decision)?

    /// A pacer: the shell calls `show` with the output of a stepped run as it goes (after each
    /// command, and before each wait), then `wait` before each command.
    /// - Parameters:
    ///   - show: Writes every byte it is given and flushes (before a wait, the last line, the
    ///     prompt and the command, has no line end yet).
    ///   - wait: Waits (a key, a delay) and answers.
    /// - Complexity: O(1)
    public init(show: @escaping (ShellOutput) -> Void, wait: @escaping () -> Decision) {
        self.show = show
        self.wait = wait
    }

    /// No way to wait: `source --step` fails with `BadState` and changes nothing.
    /// - Complexity: O(1)
    public init() {
        show = { _ in }
        wait = nil
    }

    /// No way to wait (see ``init()``).
    public static var unavailable: ShellPacer { ShellPacer() }

    /// Whether the pacer can wait (``unavailable`` cannot).
    /// - Complexity: O(1)
    public var isAvailable: Bool { wait != nil }
}
