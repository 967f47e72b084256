import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C: the process's one SIGINT handler and the one flag it sets.
///
/// The handler only sets ``flag`` (an atomic store is async-signal-safe; locks, allocation and
/// I/O are not). Whatever can be interrupted polls the flag and takes it:
///
///     Ctrl-C -> terminal driver: drops unread input, sends SIGINT
///                  |
///                  v
///           handler: flag = true -> polled by
///                                   +- the line editor waiting for a key: the line being
///                                   |  typed is abandoned (`LineEditor.read`)
///                                   +- a running command (issue 13): the shell's
///                                      cancellation reads it (`isPending`) every 4096
///                                      page-table entries and between lines of a file
///
/// The REPL calls ``reset()`` when a command has ended and before its output is shown: a
/// Ctrl-C pressed from then on belongs to the next prompt, one pressed earlier to the command.
///
/// Only SIGINT is caught. SIGQUIT (Ctrl-\) keeps its default meaning: ``install()`` gives it
/// its default action back (quit), which the Swift runtime's backtracer had replaced (it
/// printed a backtrace and offered a debugger prompt).
///
/// The process must have one thread while the handler is installed (it has): a signal sent to
/// the process may run the handler on any thread that does not block it, and the line editor
/// relies on SIGINT interrupting its own wait (see `LineEditor.readKey`).
enum Interrupt {
    /// Set by the SIGINT handler; cleared by ``take()`` and ``reset()``.
    static let flag = Atomic<Bool>(false)

    /// Whether Ctrl-C was pressed since the last ``take()`` or ``reset()``; does not clear it.
    /// - Complexity: O(1).
    static var isPending: Bool { flag.load(ordering: .sequentiallyConsistent) }

    /// Whether Ctrl-C was pressed since the last ``take()`` or ``reset()``; clears the flag.
    /// - Complexity: O(1).
    static func take() -> Bool {
        flag.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Forgets earlier Ctrl-C presses.
    /// - Complexity: O(1).
    static func reset() {
        flag.store(false, ordering: .sequentiallyConsistent)
    }

    /// Installs the handler (replacing SIGINT's default action, which ends the process), and
    /// gives SIGQUIT its default action.
    ///
    /// With `restartingCalls` (the REPL), `SA_RESTART` is set: a system call under way when
    /// Ctrl-C arrives (a write to the terminal, a read of a file) completes instead of failing
    /// with `EINTR`. Waits that must end on Ctrl-C use `pselect`/`poll`, which a signal always
    /// interrupts. Without it (a batch), a read of standard input waiting for its writer fails
    /// with `EINTR`, and `LineReader` ends the input there when the flag is set.
    /// - Complexity: O(1).
    static func install(restartingCalls: Bool = true) {
        // A static is initialized on first use, which must not happen in the handler.
        reset()
        var action = signalAction(handler, flags: restartingCalls ? Int32(SA_RESTART) : 0)
        sigaction(SIGINT, &action, nil)
        signal(SIGQUIT, SIG_DFL)
    }

    /// Gives SIGINT its default action back.
    /// - Complexity: O(1).
    static func remove() {
        signal(SIGINT, SIG_DFL)
    }
}

/// A `sigaction` that runs `handler` with `flags` and blocks no further signal while it runs
/// (the one place that knows the platform's name of the handler field).
/// - Complexity: O(1).
func signalAction(_ handler: @convention(c) (Int32) -> Void, flags: Int32 = 0) -> sigaction {
    var action = sigaction()
    #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = handler
    #else
    action.__sigaction_handler.sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    return action
}

/// The SIGINT handler: sets the flag, nothing else.
private let handler: @convention(c) (Int32) -> Void = { _ in
    Interrupt.flag.store(true, ordering: .sequentiallyConsistent)
}
