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

    /// The narrowest width `COLUMNS` can ask for (a smaller value gets 40 columns).
    static let minimumWidth = 40
    /// The widest `COLUMNS` value taken (larger values are cut to it).
    static let maximumWidth = 1000

    /// The width in columns to render for on `fd`: the terminal's own width
    /// (`ioctl(TIOCGWINSZ)`) when `fd` is a terminal that reports one (it wins over
    /// `COLUMNS`); otherwise the `COLUMNS` environment variable when it is a positive
    /// decimal number; otherwise ``defaultWidth``. Kept within ``minimumWidth`` and
    /// ``maximumWidth``.
    ///
    ///     memory-set < s.mset                → 80
    ///     COLUMNS=60 memory-set < s.mset     → 60
    ///     memory-set (a 100-column terminal) → 100, whatever COLUMNS says
    ///
    /// - Complexity: O(1) (one system call) plus O(size of the environment).
    static func width(of fd: Int32) -> Int {
        if isTerminal(fd) {
            var size = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return columns(environment("COLUMNS")).map(clamped) ?? defaultWidth
    }

    /// The width `COLUMNS` gives: a positive decimal number (surrounding blanks allowed),
    /// else nil.
    ///
    /// - Complexity: O(length of `value`).
    static func columns(_ value: String?) -> Int? {
        guard let value else { return nil }
        var digits = Substring(value)
        while digits.first == " " { digits.removeFirst() }
        while digits.last == " " { digits.removeLast() }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(digits), n > 0 else { return nil }
        return n
    }

    /// `width` kept within ``minimumWidth`` and ``maximumWidth``.
    static func clamped(_ width: Int) -> Int { Swift.min(Swift.max(width, minimumWidth), maximumWidth) }

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
