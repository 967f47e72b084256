#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The line rule of session text (files, standard input, `-c`), on UTF-8 bytes: `\n` ends a
/// line, and a `\r` right before that `\n` belongs to the line break (`\r\n` is one separator);
/// a lone `\r` is text. This is what splitting a `String` on the Characters `"\n"` and
/// `"\r\n"` gives (a `\n` is always a Character boundary), and what
/// `readLine(strippingNewline: true)` strips.
public enum LineBreak {
    /// The first line break at or after `start` in `bytes`.
    ///
    /// - Returns: `lineEnd`, where the line that starts at `start` ends (its `\n` or `\r\n`
    ///   excluded), and `nextStart`, where the next line starts (just after the `\n`); nil when
    ///   no `\n` follows `start` (the rest is an unfinished or a last line).
    /// - Precondition: `0 <= start <= bytes.count`.
    /// - Complexity: O(distance to the `\n`) (`memchr`).
    public static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (lineEnd: Int, nextStart: Int)? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, 0x0a, bytes.count - start) else { return nil }
        let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        let lineEnd = newline > start && bytes[newline - 1] == 0x0d ? newline - 1 : newline
        return (lineEnd, newline + 1)
    }
}
