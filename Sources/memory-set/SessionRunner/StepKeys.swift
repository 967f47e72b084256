#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

import Shell

/// The keys of step mode (`--step`, `source --step`), read from the terminal one at a time.
///
/// While it waits, the terminal is in non-canonical mode without echo and without signal keys
/// (`ICANON`, `ECHO` and `ISIG` off), so Enter, `q` and Ctrl-C arrive as bytes; its settings
/// are restored before ``wait()`` returns, whatever it returns, and by a handler of SIGTERM
/// and SIGHUP should one end the process during the wait (``Restorer``):
///
/// ```
///   key                      answer
///   Enter (\r or \n)         .next        run the command shown
///   q, Q, Ctrl-D             .quit        end the show
///   Ctrl-C                   .interrupt   stop (Interrupt's flag is set, as by SIGINT)
///   end of input, error      .quit
///   anything else            ignored: wait on
/// ```
final class StepKeys {
    /// The terminal's descriptor.
    let fd: Int32
    /// Whether ``fd`` was opened here (`/dev/tty`) and is closed on deinit.
    private let owned: Bool

    private init(fd: Int32, owned: Bool) {
        self.fd = fd
        self.owned = owned
    }

    deinit {
        if owned { close(fd) }
    }

    /// Standard input when it is a terminal, else the process's controlling terminal
    /// (`/dev/tty`: output may be piped); nil when there is neither.
    /// - Complexity: O(1) (a few system calls).
    static func open() -> StepKeys? {
        if isatty(0) == 1 { return StepKeys(fd: 0, owned: false) }
        let fd = Glibc.open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard isatty(fd) == 1 else {
            close(fd)
            return nil
        }
        return StepKeys(fd: fd, owned: true)
    }

    /// Waits for a key and answers what it means (see the type's table). The terminal's
    /// settings are restored on every way out.
    /// - Complexity: O(keys read).
    func wait() -> ShellPacer.Decision {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return .quit }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // SIGTERM or SIGHUP during the wait: the settings are put back before the process ends.
        let handlers = StepKeys.Restorer.install(fd: fd, settings: saved)
        defer { StepKeys.Restorer.remove(handlers) }
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return .quit }
        defer { _ = tcsetattr(fd, TCSANOW, &saved) }
        while true {
            var byte: UInt8 = 0
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return .quit }
            switch byte {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"): return .next
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x04: return .quit
            case 0x03:
                // The command is not run, and a batch ends with 130 as after SIGINT.
                Interrupt.flag.store(true, ordering: .sequentiallyConsistent)
                return .interrupt
            default: continue
            }
        }
    }
}

extension StepKeys {
    /// Puts the terminal's settings back when SIGTERM or SIGHUP ends the process while a key
    /// is awaited: the handler calls `tcsetattr` (async-signal-safe), gives the signal its
    /// default action back and raises it again, so the process still ends by that signal.
    ///
    /// ```
    ///   wait():  install ── raw mode ── read … ── settings back ── remove
    ///                         SIGTERM ─▶ handler: settings back, SIG_DFL, raise ─▶ ends
    /// ```
    enum Restorer {
        /// The terminal being waited on (-1: none) and its settings before the wait.
        @exclusivity(unchecked) nonisolated(unsafe) static var fd: Int32 = -1
        @exclusivity(unchecked) nonisolated(unsafe) static var settings = termios()
        /// The signals handled.
        static let signals = [SIGTERM, SIGHUP]

        /// Records the terminal and installs the handler; returns the actions it replaced.
        /// - Complexity: O(1).
        static func install(fd: Int32, settings: termios) -> [sigaction] {
            Restorer.settings = settings
            Restorer.fd = fd
            var action = signalAction(restoreAndEnd)
            return signals.map { signal in
                var old = sigaction()
                sigaction(signal, &action, &old)
                return old
            }
        }

        /// Gives the signals the actions `install` replaced and forgets the terminal.
        /// - Complexity: O(1).
        static func remove(_ previous: [sigaction]) {
            for (signal, action) in zip(signals, previous) {
                var action = action
                sigaction(signal, &action, nil)
            }
            fd = -1
        }
    }
}

/// The handler of ``StepKeys/Restorer``: terminal settings back, then the signal's default
/// action.
private let restoreAndEnd: @convention(c) (Int32) -> Void = { signal in
    if StepKeys.Restorer.fd >= 0 { _ = tcsetattr(StepKeys.Restorer.fd, TCSANOW, &StepKeys.Restorer.settings) }
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}
