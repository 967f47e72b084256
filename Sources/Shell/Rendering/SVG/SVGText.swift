/// Text and arithmetic helpers of the SVG picture (``SVGDocument``): XML escaping, cutting
/// text to a width, and integer scaling. No floating point (the Shell module is
/// Embedded-clean): every coordinate is a whole pixel.
enum SVGText {
    /// The advance of one character of the picture's monospace font (11 px high), rounded up
    /// to whole pixels: text widths are estimated as characters × this.
    static let charWidth = 7

    /// `text` for an XML attribute or element: `&`, `<`, `>`, `"` and `'` as entities, and
    /// the characters XML 1.0 does not allow at all (controls other than tab, line feed and
    /// carriage return; U+FFFE, U+FFFF) as U+FFFD.
    /// ```
    ///   /tmp/a&b <x> "q"   ->   /tmp/a&amp;b &lt;x&gt; &quot;q&quot;
    /// ```
    /// - Complexity: O(length of `text`)
    static func escaped<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                out.unicodeScalars.append(v < 0x20 || v == 0xFFFE || v == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// `text` cut to at most `limit` characters: its end after `…` (a path keeps its file
    /// name: `…/libc.so.6`); "" when `limit` is below 2.
    /// - Complexity: O(length of `text`)
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit >= 2 else { return "" }
        return "…" + String(text.suffix(limit - 1))
    }

    /// `text` cut to at most `limit` characters: its start before `…` (for words, where the
    /// start says most: `u user-accessi…`); "" when `limit` is below 2.
    /// - Complexity: O(length of `text`)
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit >= 2 else { return "" }
        return String(text.prefix(limit - 1)) + "…"
    }

    /// The estimated width in pixels of `text` in the picture's font.
    /// - Complexity: O(length of `text`)
    static func width(_ text: String) -> Int { text.count * charWidth }

    /// `value × factor / divisor` in integers, as a quotient and a remainder, without
    /// overflow: the bar's ``AddressBar/scaled(_:by:over:)`` (shifts and adds; no 128-bit
    /// division, which bare-metal targets such as the kernel's riscv64 do not link).
    /// ```
    ///   value 3, factor 5, divisor 4:  15 / 4 = 3 remainder 3
    /// ```
    /// - Precondition: `divisor > 0` and `value ≤ divisor` (then the quotient fits in 64 bits).
    /// - Complexity: O(bits of `factor`)
    static func scaled(_ value: UInt64, by factor: UInt64, over divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        precondition(divisor > 0 && value <= divisor, "SVGText.scaled: value above divisor or zero divisor")
        return AddressBar.scaled(value, by: factor, over: divisor)
    }
}
