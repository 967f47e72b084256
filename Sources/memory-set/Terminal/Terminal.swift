#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the process's standard streams and the terminal they may be attached to.
enum Terminal {
    /// Columns assumed when the stream is not a terminal or the terminal does not report a size.
    static let defaultWidth = 80

    /// Whether `fd` refers to a terminal (`isatty`).
    ///
    /// - Complexity: O(1) (one system call).
    static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// The width in columns of the terminal behind `fd`, from `ioctl(TIOCGWINSZ)`;
    /// ``defaultWidth`` when `fd` is not a terminal or reports a width of 0.
    ///
    /// - Complexity: O(1) (one system call).
    static func width(of fd: Int32) -> Int {
        guard isTerminal(fd) else { return defaultWidth }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return defaultWidth }
        return Int(size.ws_col)
    }

    /// The value of the environment variable `name`, or nil when it is not set.
    ///
    /// - Complexity: O(n) in the size of the environment.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
