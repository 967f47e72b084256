#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

import Shell

/// Reads the lines of a file descriptor (standard input) with `read(2)` into a large buffer and
/// cuts them there, with the semantics of `readLine(strippingNewline: true)`: a line ends at
/// `\n`, the `\n` or `\r\n` is stripped (``LineBreak``; a lone `\r` stays), invalid UTF-8
/// becomes U+FFFD, and a last line without a line break still counts when it is not empty.
///
/// Before every `read(2)` (there is no complete line left in the buffer, so the read may wait for
/// the writer) it calls `beforeRead`: the session flushes its output there, so a program that
/// drives `memory-set` through pipes gets each answer before `memory-set` waits for its next
/// line, while a file piped in is read, and answered, in large chunks.
final class LineReader {
    /// The descriptor read from.
    let fd: Int32
    /// Bytes asked for by one `read(2)` (the buffer grows beyond it only for a longer line).
    let chunkSize: Int
    /// Called before each `read(2)`.
    private let beforeRead: () -> Void
    /// Bytes read and not handed out yet are `buffer[start..<end]`. Only this reader touches
    /// it, never reentrantly: no dynamic exclusivity check.
    @exclusivity(unchecked) private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    /// `buffer[start..<scanned]` holds no `\n` (so a long line is not searched again).
    private var scanned = 0
    /// End of input (or a read error) was seen; it is final, like stdio's end-of-file flag.
    private var atEnd = false

    /// Creates a reader of `fd`.
    ///
    /// - Parameters:
    ///   - fd: an open file descriptor (0 for standard input).
    ///   - chunkSize: bytes asked for by one `read(2)`; at least 1.
    ///   - beforeRead: called before each `read(2)`, which may block.
    /// - Complexity: O(chunkSize) (the buffer).
    init(fd: Int32, chunkSize: Int = 64 * 1024, beforeRead: @escaping () -> Void = {}) {
        self.fd = fd
        self.chunkSize = max(1, chunkSize)
        self.beforeRead = beforeRead
        buffer = [UInt8](repeating: 0, count: self.chunkSize)
    }

    /// The next line without its line break, or nil at the end of input.
    ///
    /// - Complexity: O(length of the line), amortized; one `read(2)` per `chunkSize` bytes.
    func nextLine() -> String? {
        withNextLine { String(decoding: $0, as: UTF8.self) }
    }

    /// Lends the bytes of the next line, without its line break, to `body` (they are valid
    /// only during the call) and returns what it returns; nil at the end of input. The bytes
    /// are as read: not checked as UTF-8.
    ///
    /// - Complexity: O(length of the line), amortized, plus `body`'s; one `read(2)` per
    ///   `chunkSize` bytes.
    func withNextLine<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        while true {
            let found = buffer.withUnsafeBufferPointer { all in
                LineBreak.next(in: UnsafeBufferPointer(rebasing: all[..<end]), from: start, searchingFrom: scanned)
            }
            if let (lineEnd, next) = found {
                let lineStart = start
                start = next
                scanned = next
                return lend(lineStart..<lineEnd, to: body)
            }
            scanned = end
            if atEnd {
                guard start < end else { return nil }
                let lineStart = start
                start = end
                return lend(lineStart..<end, to: body)
            }
            fill()
        }
    }

    /// Lends the bytes `range` of the buffer to `body`.
    private func lend<R>(_ range: Range<Int>, to body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Moves the unfinished line to the front (growing the buffer when it fills it), calls
    /// `beforeRead`, then reads once; 0 bytes or an error other than `EINTR`/`EAGAIN` ends the
    /// input.
    private func fill() {
        if start > 0 {
            buffer.withUnsafeMutableBytes { all in
                _ = memmove(all.baseAddress!, all.baseAddress! + start, end - start)
            }
            end -= start
            scanned -= start
            start = 0
        }
        if buffer.count - end < chunkSize {
            buffer += repeatElement(0, count: max(buffer.count, end + chunkSize - buffer.count))
        }
        beforeRead()
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { all in
                read(fd, all.baseAddress! + end, all.count - end)
            }
            if n > 0 {
                end += n
                return
            }
            if n < 0 && errno == EINTR {
                // Ctrl-C in a batch (no SA_RESTART there): the input ends, the batch exits 130.
                if Interrupt.isPending { atEnd = true; return }
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&pfd, 1, -1)
                continue
            }
            atEnd = true
            return
        }
    }
}
