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

    /// When `fd` is a pipe (`memory-set | tee log`), waits until its reader has taken what was
    /// written to it, at most `limit` milliseconds: the reader then shows the output before
    /// the REPL draws its next prompt on the terminal (without the wait, the prompt often came
    /// first). Returns at once when `fd` is not a pipe or is empty; a reader that does not read
    /// (a pager waiting for a key) delays the prompt by `limit` at most.
    ///
    /// - Complexity: O(1) system calls per millisecond waited.
    static func waitForPipeReader(of fd: Int32, limit: Int = 100) {
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return }
        for _ in 0..<limit {
            var unread: Int32 = 0
            guard ioctl(fd, UInt(FIONREAD), &unread) == 0, unread > 0 else { return }
            _ = poll(nil, 0, 1)
        }
    }

    /// The value of the environment variable `name`, or nil when it is not set.
    ///
    /// - Complexity: O(n) in the size of the environment.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
