#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

import Shell

extension SessionRunner {
    /// A pacer for the shell (``ShellPacer``) writing through this runner: it waits `delay`
    /// milliseconds when given, else for a key from `keys`; ``ShellPacer/unavailable`` with
    /// neither (`source --step` then fails).
    ///
    /// Output is flushed before every wait; after it, the width of the terminal on stdout is
    /// read again, as the REPL does before each command. The runner must outlive its shell's
    /// pacer (it owns the shell).
    /// - Complexity: O(1).
    func pacer(delay: Int?, keys: StepKeys?) -> ShellPacer {
        let wait: () -> ShellPacer.Decision
        if let delay {
            wait = { SessionRunner.pause(milliseconds: delay) }
        } else if let keys {
            wait = { keys.wait() }
        } else {
            return .unavailable
        }
        return ShellPacer(
            show: { [unowned self] output in
                emit(output)
                standardOutput.flush()
            },
            wait: { [unowned self] in
                let decision = wait()
                // As in the REPL: the terminal may have been resized during the wait (a
                // larger font for the audience); the result is rendered at its width now.
                let width = Terminal.width(of: standardOutput.fd)
                if width != shell.options.terminalWidth { shell.options.terminalWidth = width }
                return decision
            })
    }

    /// Sleeps `milliseconds` in slices of at most 20 ms; Ctrl-C (SIGINT: Interrupt's flag)
    /// ends it early with `.interrupt`.
    /// - Complexity: O(milliseconds / 20) system calls.
    static func pause(milliseconds: Int) -> ShellPacer.Decision {
        var remaining = milliseconds
        while remaining > 0 {
            if Interrupt.isPending { return .interrupt }
            let slice = min(remaining, 20)
            _ = poll(nil, 0, Int32(slice))
            remaining -= slice
        }
        return Interrupt.isPending ? .interrupt : .next
    }

    /// Runs a session file as a show (``Shell/runFile(path:stepping:perLine:)`` stepping),
    /// paced by the shell's pacer.
    ///
    /// - Returns: false when the show ended (`q`, `quit`, Ctrl-C): no further file is run.
    /// - Complexity: that of the commands in the file.
    func run(steppingFile path: String) -> Bool {
        let totals = shell.runFile(path: path, stepping: true) { emit($0) }
        return !totals.shouldExit && !totals.interrupted && !Interrupt.isPending
    }
}
