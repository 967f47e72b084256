import MemorySetCore

/// A word of a command: a run of non-blank characters, or a double-quoted string.
///
/// A token is where the word is in its line (UTF-8 offsets), with what the parser asks of
/// it most: whether it is ASCII, and its ``WordKey``. It holds no string, so copying one
/// costs no reference counting; its text is made only when asked for, from the line
/// (error messages, file names, labels, flags, the command's text for undo).
struct Token: Sendable, Equatable {
    /// Where the word starts in the line (UTF-8 offset); for a quoted word, just after the
    /// opening quote.
    let start: Int
    /// Where the word ends; for a quoted word, at the closing quote (escapes unresolved).
    let end: Int
    /// Whether the token was written in double quotes (never an option or a keyword).
    let quoted: Bool
    /// Whether the word is all ASCII. Then the Characters of an unquoted word are its bytes
    /// (it holds no `\r\n`), so the parser may read bytes where the language speaks of
    /// characters.
    let isASCII: Bool
    /// The word lowercased and packed, for an unquoted ASCII word of at most
    /// ``WordKey/maxLength`` bytes; ``WordKey/none`` otherwise.
    let key: WordKey
    /// The first byte of an unquoted word, as the lexer saw it; 0 when not known (then the
    /// text is looked at). A word starting with a digit or `+` (a number) names no keyword:
    /// the lexer gives it no key, and no option word starts with anything but `-`.
    let lead: UInt8

    /// The token at `start..<end` of its line, whose ASCII-ness, key and first byte (`lead`,
    /// 0 when not known) the caller (the lexer) already knows.
    /// - Complexity: O(1)
    init(start: Int, end: Int, quoted: Bool, isASCII: Bool, key: WordKey, lead: UInt8 = 0) {
        self.start = start
        self.end = end
        self.quoted = quoted
        self.isASCII = isASCII
        self.key = key
        self.lead = lead
    }

    /// Whether the word cannot be an option word: its first byte is known and is not `-`.
    /// - Complexity: O(1)
    @inline(__always)
    var isSurelyNotOption: Bool { quoted || (lead != 0 && lead != UInt8(ascii: "-")) }

    /// Whether a word starting with `byte` (unquoted) names no keyword: a number.
    /// - Complexity: O(1)
    @inline(__always)
    static func startsNumber(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "+") }

    /// The unquoted word at bytes `start..<end` of `line` (both at character boundaries).
    /// - Complexity: O(`end - start`)
    init(unquotedIn line: String, from start: Int, to end: Int) {
        let utf8 = line.utf8
        let bytes = utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        self.init(start: start, end: end, quoted: false, isASCII: isASCII, key: isASCII ? WordKey(lowering: bytes) : .none)
    }

    /// The text in `line` (for a quoted string: without the quotes, escapes resolved).
    /// - Complexity: O(1) for an unquoted word, O(length of the word) for a quoted one.
    func text(in line: String) -> Substring {
        let utf8 = line.utf8
        let raw = line[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        return quoted ? Token.resolvingEscapes(raw)[...] : raw
    }

    /// The flags this word spells (`rw`, `r-x`…), or `nil`. An unquoted word is read
    /// straight from the line's bytes, with no string built.
    /// - Complexity: O(length of the word)
    func flags(in line: String) -> MappingFlags? {
        if !quoted, let flags = line.utf8.withContiguousStorageIfAvailable({ bytes in
            MappingFlags(parsingUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }) {
            return flags
        }
        return MappingFlags(parsing: text(in: line))
    }

    /// The token as shown in an error message: quoted, control characters escaped,
    /// cut after 40 characters.
    /// - Complexity: O(length of the word)
    func shown(in line: String) -> String { Token.show(text(in: line)) }

    /// The token lowercased, for case-insensitive keywords.
    /// ASCII words (all keywords) are lowered byte by byte; others fall back to
    /// Unicode lowercasing.
    /// - Complexity: O(length of the word)
    func lowercased(in line: String) -> String {
        let text = text(in: line)
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

    /// The byte of a quoted string's text that the escape at `i` stands for (`\"` → `"`,
    /// `\\` → `\`), or `nil` when there is no escape at `i` (a `\` before another
    /// character stays a `\`).
    /// - Complexity: O(1)
    @inline(__always)
    static func escapedByte<Bytes: Collection<UInt8>>(at i: Bytes.Index, in bytes: Bytes) -> UInt8? {
        guard bytes[i] == UInt8(ascii: "\\") else { return nil }
        let k = bytes.index(after: i)
        guard k < bytes.endIndex, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "\\") else { return nil }
        return bytes[k]
    }

    /// The text of a quoted string written `raw` between its quotes: escapes resolved.
    /// - Complexity: O(length of `raw`)
    static func resolvingEscapes(_ raw: Substring) -> String {
        let utf8 = raw.utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if let escaped = escapedByte(at: i, in: utf8) {
                bytes.append(escaped)
                i = utf8.index(i, offsetBy: 2)
            } else {
                bytes.append(utf8[i])
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `byte` with ASCII `A`…`Z` lowered.
    /// - Complexity: O(1)
    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }

    /// `text` quoted for an error message, printable and at most 40 characters.
    /// - Complexity: O(min(length of `text`, 40))
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
