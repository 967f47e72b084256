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
    /// - Complexity: O(distance from `searchStart` to the `\n`) (8 bytes per step).
    public static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, searchingFrom searchStart: Int? = nil)
        -> (lineEnd: Int, nextStart: Int)?
    {
        let searchStart = searchStart ?? start
        precondition(0 <= start && start <= searchStart && searchStart <= bytes.count, "LineBreak.next: bad offsets")
        guard let newline = firstNewline(in: bytes, from: searchStart) else { return nil }
        let lineEnd = newline > start && bytes[newline - 1] == 0x0d ? newline - 1 : newline
        return (lineEnd, newline + 1)
    }

    /// The offset of the first `\n` at or after `from` in `bytes`, or nil: eight bytes per
    /// step (a word holds a `\n` byte when `w ^ 0x0a…0a` has a zero byte; the lowest byte the
    /// zero-byte test flags is the first zero), then byte by byte for the last few.
    /// - Complexity: O(distance to the `\n`)
    @inline(__always)
    static func firstNewline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = start
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ 0x0a0a_0a0a_0a0a_0a0a
            let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if zeros != 0 { return i + zeros.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] == 0x0a { return i }
            i += 1
        }
        return nil
    }
}
