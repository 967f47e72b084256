/// Parses the numbers of the command language.
///
/// `0x1F000` hex, `4096` decimal, `0b1010` binary (prefixes case-insensitive); `_` may
/// separate digits (`0x7fff_f000`; also right after the prefix); an optional binary
/// suffix `K` `M` `G` `T` (case-insensitive) multiplies by 2^10, 2^20, 2^30, 2^40.
/// A malformed number, or one that does not fit in 64 bits, is an error.
enum NumberParser {
    /// Why a text is not a number.
    enum Failure: Error, Equatable {
        case empty
        case underscoreFirst
        case nonASCII
        case negative
        case misplacedSuffix
        /// `byte` (ASCII) is not a digit of the radix.
        case notADigit(UInt8, radix: UInt64)
        case tooLarge
        case noDigits

        /// The message after `bad number 'TEXT': ` (or the whole message for ``empty``).
        var reason: String {
            switch self {
            case .empty: "empty number"
            case .underscoreFirst: "'_' may only separate digits"
            case .nonASCII: "it holds a non-ASCII character"
            case .negative: "negative numbers are not allowed"
            case .misplacedSuffix: "a size suffix (K, M, G, T) may only end the number"
            case let .notADigit(byte, radix):
                "\(Token.show(String(Character(UnicodeScalar(byte))))) is not a \(radix == 16 ? "hex" : radix == 2 ? "binary" : "decimal") digit"
            case .tooLarge: "it does not fit in 64 bits"
            case .noDigits: "no digits"
            }
        }
    }

    /// The value of `text`, or why it is not a number.
    /// - Complexity: O(length of `text`)
    static func parse(_ text: Substring) -> Result<UInt64, ShellError> {
        let result = text.utf8.withContiguousStorageIfAvailable(value(of:))
            ?? String(text).utf8.withContiguousStorageIfAvailable(value(of:))!
        return result.mapError { error($0, text: text) }
    }

    /// The error saying why `text` is not a number.
    /// - Complexity: O(length of `text`)
    static func error(_ failure: Failure, text: Substring) -> ShellError {
        failure == .empty ? .syntax("empty number") : .syntax("bad number \(Token.show(text)): \(failure.reason)")
    }

    /// The value of the hex digit `byte` (`0`–`9`, `a`–`f`, `A`–`F`), `nil` for any other byte.
    /// - Complexity: O(1)
    @inline(__always)
    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        if byte &- UInt8(ascii: "0") < 10 { return byte &- UInt8(ascii: "0") }
        let letter = (byte | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter &+ 10 : nil
    }

    /// The value of the number written in the UTF-8 `bytes`, or why it is not one.
    /// - Complexity: O(`bytes.count`)
    @inline(__always)
    static func value(of bytes: UnsafeBufferPointer<UInt8>) -> Result<UInt64, Failure> {
        var i = 0
        var end = bytes.count
        guard end > 0 else { return .failure(.empty) }
        var radix: UInt64 = 10
        if bytes[0] == UInt8(ascii: "0"), end >= 2 {
            let p = bytes[1] | 0x20
            if p == UInt8(ascii: "x") {
                radix = 16
                i = 2
            } else if p == UInt8(ascii: "b") {
                radix = 2
                i = 2
            }
        }
        var shift: UInt64 = 0
        if i < end {
            switch bytes[end - 1] | 0x20 {
            case UInt8(ascii: "k"): shift = 10
            case UInt8(ascii: "m"): shift = 20
            case UInt8(ascii: "g"): shift = 30
            case UInt8(ascii: "t"): shift = 40
            default: break
            }
            if shift != 0 { end -= 1 }
        }
        if radix == 10, i < end, bytes[i] == UInt8(ascii: "_") { return .failure(.underscoreFirst) }
        var value: UInt64 = 0
        var sawDigit = false
        if radix == 16 {
            // Addresses: hex digits shifted in, until a byte that is not one (then the
            // general loop below takes over from there, with the value so far).
            while i < end {
                guard let d = hexDigitValue(bytes[i]) else { break }
                if value >> 60 != 0 { return .failure(.tooLarge) }
                value = value << 4 | UInt64(d)
                sawDigit = true
                i += 1
            }
        }
        while i < end {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "_") { continue }
            let d: UInt64
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(b &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(b &- UInt8(ascii: "a")) &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(b &- UInt8(ascii: "A")) &+ 10
            default: d = 99
            }
            guard d < radix else {
                if b >= 0x80 { return .failure(.nonASCII) }
                if b == UInt8(ascii: "-") { return .failure(.negative) }
                switch b | 0x20 {
                case UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "g"), UInt8(ascii: "t"):
                    return .failure(.misplacedSuffix)
                default:
                    return .failure(.notADigit(b, radix: radix))
                }
            }
            sawDigit = true
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return .failure(.tooLarge) }
            value = s
        }
        guard sawDigit else { return .failure(.noDigits) }
        if shift != 0 {
            guard value <= UInt64.max >> shift else { return .failure(.tooLarge) }
            value <<= shift
        }
        return .success(value)
    }
}
