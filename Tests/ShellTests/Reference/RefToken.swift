// Reference for ParseEquivalenceTests: the parser as it was before issue #6 (Strings and
// Characters, dictionaries), kept verbatim except for the Ref names. The fast parser in
// Sources/Shell/Syntax must give the same results and messages for every line.

@testable import Shell

/// A word of a command: a run of non-blank characters, or a double-quoted string.
struct RefToken: Sendable, Equatable {
    /// The text (for a quoted string: without the quotes, escapes resolved).
    var text: Substring
    /// Whether the token was written in double quotes (never an option or a keyword).
    var quoted: Bool = false

    /// The token lowercased, for case-insensitive keywords.
    /// ASCII words (all keywords) are lowered byte by byte; others fall back to
    /// Unicode lowercasing.
    var lowercased: String {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.lowercased() }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var i = 0
            for byte in utf8 {
                buffer[i] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
                i += 1
            }
            return i
        }
    }

    /// The token as shown in an error message: quoted, control characters escaped,
    /// cut after 40 characters.
    var shown: String { RefToken.show(text) }

    /// `text` quoted for an error message, printable and at most 40 characters.
    static func show<S: StringProtocol>(_ text: S) -> String {
        var out = "'"
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 40 {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }
}
