import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C presses since the last reset; written by the signal handler (atomics are
/// async-signal-safe, unlike locks or allocation).
private let interruptCount = Atomic<Int>(0)

/// The SIGINT handler: only counts. Installed without SA_RESTART, so the `read` libedit is
/// blocked in fails with EINTR and `readline` returns NULL, abandoning the line.
private let interruptHandler: @convention(c) (Int32) -> Void = { _ in
    interruptCount.add(1, ordering: .relaxed)
}

extension LineEditor {
    /// Catches SIGINT (Ctrl-C) so it abandons the current line instead of ending the process.
    /// - Complexity: O(1).
    static func installInterruptHandler() {
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = interruptHandler
        #else
        action.__sigaction_handler.sa_handler = interruptHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Gives SIGINT its default action back.
    /// - Complexity: O(1).
    static func removeInterruptHandler() {
        signal(SIGINT, SIG_DFL)
    }

    /// Forgets earlier Ctrl-C presses.
    /// - Complexity: O(1).
    static func resetInterrupt() {
        interruptCount.store(0, ordering: .relaxed)
    }

    /// Whether Ctrl-C was pressed since the last reset; resets.
    /// - Complexity: O(1).
    static func consumeInterrupt() -> Bool {
        interruptCount.exchange(0, ordering: .relaxed) > 0
    }
}
