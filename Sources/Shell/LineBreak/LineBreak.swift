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
    /// The first line break after `start`, the start of a line, in `bytes`.
    ///
    /// - Parameters:
    ///   - start: where the line starts.
    ///   - searchStart: where to look for the `\n` from (default `start`), to skip a part of
    ///     the line already known to hold none; the `\r` of a `\r\n` is still found before it.
    /// - Returns: `lineEnd`, where the line ends (its `\n` or `\r\n` excluded), and
    ///   `nextStart`, where the next line starts (just after the `\n`); nil when no `\n`
    ///   follows (the rest is an unfinished or a last line).
    /// - Precondition: `0 <= start <= searchStart <= bytes.count`.
    /// - Complexity: O(distance from `searchStart` to the `\n`) (`memchr`).
    public static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, searchingFrom searchStart: Int? = nil)
        -> (lineEnd: Int, nextStart: Int)?
    {
        let searchStart = searchStart ?? start
        precondition(0 <= start && start <= searchStart && searchStart <= bytes.count, "LineBreak.next: bad offsets")
        guard searchStart < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + searchStart, 0x0a, bytes.count - searchStart) else { return nil }
        let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        let lineEnd = newline > start && bytes[newline - 1] == 0x0d ? newline - 1 : newline
        return (lineEnd, newline + 1)
    }
}
