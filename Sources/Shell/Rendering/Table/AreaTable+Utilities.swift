import MemorySetCore

extension AreaTable {
    /// The length of `value` in hex with its `0x` prefix (`0x1f000` → 7).
    /// - Complexity: O(1)
    @inline(__always)
    static func hexWidth(_ value: UInt64) -> Int {
        2 + Swift.max(1, (64 - value.leadingZeroBitCount + 3) / 4)
    }

    /// The columns of `text`: its Unicode scalars (what the table writes is ASCII, `…`, `→`).
    /// - Complexity: O(length of `text`)
    static func columns(_ text: String) -> Int {
        var n = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Writes `count` blanks.
    /// - Complexity: O(count)
    static func writeSpaces(_ count: Int, to text: inout TextBuffer) {
        var n = count
        while n > 0 { text.write(UInt8(ascii: " ")); n -= 1 }
    }
}

/// The length of `[start, end)` as ``TextBuffer`` writes it (`[0x1000, 0x3000)` → 16).
/// - Complexity: O(1)
func rangeWidth(_ range: AddrRange) -> Int {
    4 + AreaTable.hexWidth(range.start.rawValue) + AreaTable.hexWidth(range.end.rawValue)
}
