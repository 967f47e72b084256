/// A word of a command: a run of non-blank characters, or a double-quoted string.
struct Token: Sendable, Equatable {
    /// The text (for a quoted string: without the quotes, escapes resolved).
    var text: Substring
    /// Whether the token was written in double quotes (never an option or a keyword).
    var quoted: Bool
    /// Whether `text` is all ASCII. Then its Characters are its bytes (an unquoted word holds
    /// no `\r\n`), so the parser may read bytes where the language speaks of characters.
    let isASCII: Bool
    /// The text lowercased and packed, when it is ASCII and short (``WordKey/none`` otherwise).
    let key: WordKey

    /// A token of `text`.
    /// - Complexity: O(length of `text`) (to find whether it is ASCII)
    init(text: Substring, quoted: Bool = false) {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        self.init(text: text, quoted: quoted, isASCII: isASCII, key: isASCII ? WordKey(lowering: text.utf8) : .none)
    }

    /// A token whose ASCII-ness and key the caller (the lexer) already knows.
    /// - Complexity: O(1)
    init(text: Substring, quoted: Bool, isASCII: Bool, key: WordKey) {
        self.text = text
        self.quoted = quoted
        self.isASCII = isASCII
        self.key = key
    }

    /// The token lowercased, for case-insensitive keywords.
    /// ASCII words (all keywords) are lowered byte by byte; others fall back to
    /// Unicode lowercasing.
    /// - Complexity: O(length of the token)
    var lowercased: String {
        guard isASCII else { return text.lowercased() }
        let utf8 = text.utf8
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var i = 0
            for byte in utf8 {
                buffer[i] = Token.lowered(byte)
                i += 1
            }
            return i
        }
    }

    /// Whether the token, lowercased, is `keyword` (not looking at ``quoted``): the keys
    /// compared for an ASCII token, the text lowercased for another.
    /// - Complexity: O(1) for an ASCII token, O(length of the token) otherwise.
    func `is`(_ keyword: Keyword) -> Bool {
        isASCII ? key == keyword.key : text.lowercased() == keyword.name
    }

    /// Whether the token, lowercased, is `keyword` (lowercase ASCII, at most 15 bytes).
    /// - Complexity: O(length of `keyword`)
    func `is`(_ keyword: String) -> Bool { self.is(Keyword(keyword)) }

    /// `byte` with ASCII `A`…`Z` lowered.
    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }

    /// The token as shown in an error message: quoted, control characters escaped,
    /// cut after 40 characters.
    var shown: String { Token.show(text) }

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
