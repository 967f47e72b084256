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
/// `onFailure` handler with `EPIPE` (for stdout: end the process quietly) instead of crashing or
/// spinning. Other write errors (`ENOSPC`, `EIO`…) reach the handler with their own `errno`.
final class OutputWriter {
    /// The descriptor written to.
    let fd: Int32
    /// Buffered bytes beyond this count are written out at once.
    let bufferLimit: Int
    /// Called once, with `errno`, when the reader of `fd` has gone (`EPIPE`) or writing fails
    /// for good; later writes are dropped.
    private let onFailure: (Int32) -> Void
    /// Bytes not written yet: `count` of them at `bytes`, room for `capacity`. A plain
    /// allocation rather than an array, so that appending a line is one copy (~100
    /// instructions less a line than `Array.append(contentsOf:)`).
    private var bytes: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
    private var failed = false

    /// Creates a writer for `fd`.
    ///
    /// - Parameters:
    ///   - fd: an open file descriptor (1 for stdout, 2 for stderr).
    ///   - bufferLimit: bytes kept before writing without an explicit ``flush()``.
    ///   - onFailure: what to do, given `errno`, when writing fails (`EPIPE`: the reader has
    ///     gone); by default nothing (later output is dropped).
    /// - Complexity: O(1).
    init(fd: Int32, bufferLimit: Int = 64 * 1024, onFailure: @escaping (Int32) -> Void = { _ in }) {
        self.fd = fd
        self.bufferLimit = bufferLimit
        self.onFailure = onFailure
        capacity = max(bufferLimit, 256)
        bytes = .allocate(byteCount: capacity, alignment: 1)
    }

    deinit { bytes.deallocate() }

    /// Appends `text` (UTF-8) to the buffer, writing the buffer out when it exceeds the limit.
    ///
    /// - Complexity: O(n) in the length of `text`.
    func write(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ write($0) }) == nil {
            var text = text
            text.withUTF8 { write($0) }
        }
    }

    /// Appends the UTF-8 `bytes` to the buffer, writing the buffer out when it exceeds the
    /// limit.
    ///
    /// - Complexity: O(n) in the number of bytes.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !failed, !bytes.isEmpty else { return }
        append(bytes)
        if count >= bufferLimit { flush() }
    }

    /// Copies `source` after the buffered bytes, growing the buffer (doubling) when needed.
    /// - Complexity: O(`source.count`) amortized.
    private func append(_ source: UnsafeBufferPointer<UInt8>) {
        if capacity - count < source.count {
            let newCapacity = max(capacity * 2, count + source.count)
            let newBytes = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
            newBytes.copyMemory(from: bytes, byteCount: count)
            bytes.deallocate()
            bytes = newBytes
            capacity = newCapacity
        }
        if let base = source.baseAddress { (bytes + count).copyMemory(from: base, byteCount: source.count) }
        count += source.count
    }

    /// Writes out everything buffered. Retries short writes and `EINTR`, waits on `EAGAIN`
    /// (non-blocking descriptors); on `EPIPE` or another error calls `onFailure` and drops
    /// this and all later output.
    ///
    /// - Complexity: O(n) in the buffered bytes.
    func flush() {
        guard !failed, count > 0 else { return }
        var offset = 0
        let total = count
        // errno of the failed write, or nil when everything was written.
        let error: Int32? = { (bytes: UnsafeMutableRawPointer) -> Int32? in
            while offset < total {
                let n = writeBytes(fd, bytes + offset, total - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&pfd, 1, -1)
                } else {
                    return n < 0 ? errno : EIO
                }
            }
            return nil
        }(bytes)
        count = 0
        if let error {
            failed = true
            onFailure(error)
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

/// What to do when standard output cannot be written: when its reader has gone (`EPIPE`,
/// `memory-set … | head -1`) nothing more can be shown, so end at once and quietly; for
/// another error (a full disk) say so on stderr first. Exit status 1 either way.
///
/// - Complexity: O(1).
func endAfterStandardOutputFailure(_ error: Int32) -> Never {
    if error != EPIPE {
        let message = "memory-set: cannot write to standard output: \(String(cString: strerror(error)))\n"
        _ = message.withCString { writeBytes(2, $0, strlen($0)) }
    }
    exit(1)
}
