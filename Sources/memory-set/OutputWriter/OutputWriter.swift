#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes of text to a file descriptor with `write(2)`.
///
/// SIGPIPE must be ignored by the process (see ``ignoreBrokenPipeSignal()``) so that a reader that
/// went away (`memory-set … | head -1`) shows up as `EPIPE`; the writer then calls its
/// `onBrokenPipe` handler (for stdout: end the process quietly) instead of crashing or spinning.
final class OutputWriter {
    /// The descriptor written to.
    let fd: Int32
    /// Buffered bytes beyond this count are written out at once.
    let bufferLimit: Int
    /// Called once when the reader of `fd` has gone (`EPIPE`) or writing fails for good;
    /// later writes are dropped.
    private let onBrokenPipe: () -> Void
    private var buffer: [UInt8] = []
    private var broken = false

    /// Creates a writer for `fd`.
    ///
    /// - Parameters:
    ///   - fd: an open file descriptor (1 for stdout, 2 for stderr).
    ///   - bufferLimit: bytes kept before writing without an explicit ``flush()``.
    ///   - onBrokenPipe: what to do when the reader has gone; by default nothing (drop output).
    /// - Complexity: O(1).
    init(fd: Int32, bufferLimit: Int = 64 * 1024, onBrokenPipe: @escaping () -> Void = {}) {
        self.fd = fd
        self.bufferLimit = bufferLimit
        self.onBrokenPipe = onBrokenPipe
        buffer.reserveCapacity(bufferLimit)
    }

    /// Appends `text` (UTF-8) to the buffer, writing the buffer out when it exceeds the limit.
    ///
    /// - Complexity: O(n) in the length of `text`.
    func write(_ text: String) {
        guard !broken, !text.isEmpty else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= bufferLimit { flush() }
    }

    /// Writes out everything buffered. Retries short writes and `EINTR`, waits on `EAGAIN`
    /// (non-blocking descriptors); on `EPIPE` or another error calls `onBrokenPipe` and drops
    /// this and all later output.
    ///
    /// - Complexity: O(n) in the buffered bytes.
    func flush() {
        guard !broken, !buffer.isEmpty else { return }
        var offset = 0
        let total = buffer.count
        let failed: Bool = buffer.withUnsafeBytes { bytes in
            while offset < total {
                let n = writeBytes(fd, bytes.baseAddress! + offset, total - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&pfd, 1, -1)
                } else {
                    return true
                }
            }
            return false
        }
        buffer.removeAll(keepingCapacity: true)
        if failed {
            broken = true
            onBrokenPipe()
        }
    }
}

/// `write(2)`, named apart from ``OutputWriter/write(_:)``.
/// - Complexity: O(1) (one system call).
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// Makes writes to a closed pipe fail with `EPIPE` instead of killing the process with SIGPIPE.
///
/// - Complexity: O(1).
func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
}

/// Ends the process with `status` at once (no further output is attempted).
///
/// - Complexity: O(1).
func endProcess(status: Int32) -> Never {
    exit(status)
}
