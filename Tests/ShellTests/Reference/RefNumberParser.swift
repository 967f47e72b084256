// Reference for ParseEquivalenceTests: the parser as it was before issue #6 (Strings and
// Characters, dictionaries), kept verbatim except for the Ref names. The fast parser in
// Sources/Shell/Syntax must give the same results and messages for every line.

@testable import Shell

/// Parses the numbers of the command language.
///
/// `0x1F000` hex, `4096` decimal, `0b1010` binary (prefixes case-insensitive); `_` may
/// separate digits (`0x7fff_f000`; also right after the prefix); an optional binary
/// suffix `K` `M` `G` `T` (case-insensitive) multiplies by 2^10, 2^20, 2^30, 2^40.
/// A malformed number, or one that does not fit in 64 bits, is an error.
enum RefNumberParser {
    /// The value of `text`, or why it is not a number.
    /// - Complexity: O(length of `text`)
    static func parse(_ text: Substring) -> Result<UInt64, ShellError> {
        var digits = text.utf8[...]
        guard let first = digits.first else { return .failure(.syntax("empty number")) }
        func fail(_ why: String) -> Result<UInt64, ShellError> {
            .failure(.syntax("bad number \(RefToken.show(text)): \(why)"))
        }
        var radix: UInt64 = 10
        var radixName = "decimal"
        if first == UInt8(ascii: "0"), digits.count >= 2 {
            let p = digits[digits.index(after: digits.startIndex)] | 0x20
            if p == UInt8(ascii: "x") {
                radix = 16
                radixName = "hex"
                digits = digits.dropFirst(2)
            } else if p == UInt8(ascii: "b") {
                radix = 2
                radixName = "binary"
                digits = digits.dropFirst(2)
            }
        }
        var shift: UInt64 = 0
        if let last = digits.last {
            switch last | 0x20 {
            case UInt8(ascii: "k"): shift = 10
            case UInt8(ascii: "m"): shift = 20
            case UInt8(ascii: "g"): shift = 30
            case UInt8(ascii: "t"): shift = 40
            default: break
            }
            if shift != 0 { digits = digits.dropLast() }
        }
        if radix == 10, digits.first == UInt8(ascii: "_") {
            return fail("'_' may only separate digits")
        }
        var value: UInt64 = 0
        var sawDigit = false
        for b in digits {
            if b == UInt8(ascii: "_") { continue }
            let d: UInt64
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(b &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(b &- UInt8(ascii: "a")) &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(b &- UInt8(ascii: "A")) &+ 10
            default: d = 99
            }
            guard d < radix else {
                if b >= 0x80 { return fail("it holds a non-ASCII character") }
                let ch = Character(UnicodeScalar(b))
                if b == UInt8(ascii: "-") { return fail("negative numbers are not allowed") }
                if (ch == "k" || ch == "K" || ch == "m" || ch == "M" || ch == "g" || ch == "G" || ch == "t" || ch == "T") {
                    return fail("a size suffix (K, M, G, T) may only end the number")
                }
                return fail("\(RefToken.show(String(ch))) is not a \(radixName) digit")
            }
            sawDigit = true
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return fail("it does not fit in 64 bits") }
            value = s
        }
        guard sawDigit else { return fail("no digits") }
        if shift != 0 {
            guard value <= UInt64.max >> shift else { return fail("it does not fit in 64 bits") }
            value <<= shift
        }
        return .success(value)
    }
}
