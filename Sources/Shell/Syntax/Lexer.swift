/// Splits an input line into commands (separated by `;`) and words.
///
/// - `#` outside a quoted string starts a comment that runs to the end of the line.
/// - `;` outside a quoted string ends a command; empty commands are skipped.
/// - Words are separated by blanks (space, tab, and other ASCII whitespace).
/// - `"…"` is one word that may hold blanks, `;` and `#`; `\"` and `\\` escape.
///   An unterminated string is a `SyntaxError` for its command.
///
/// Every separator is an ASCII byte, so the lexer reads the line's UTF-8 bytes and cuts
/// words only at ASCII bytes (never inside a character's encoding).
enum Lexer {
    /// One `;`-separated command of a line: its words, and why it does not lex (the words
    /// before the error are kept, to name the command in the error).
    struct Segment: Equatable {
        /// The line the command is in (its words point into it).
        var line: String
        var tokens: [Token]
        var error: ShellError? = nil

        /// The texts of the words.
        /// - Complexity: O(length of the command)
        var words: [Substring] { tokens.map { $0.text(in: line) } }
    }

    /// Where the words `tokens` (of one command) are in their line: from the first one's
    /// first byte to the last one's last (quotes included). Lexed again, these bytes give
    /// the same words: between two words of a command there are only blanks.
    /// - Complexity: O(1)
    static func span(of tokens: [Token]) -> Range<Int> {
        guard let first = tokens.first, let last = tokens.last else { return 0..<0 }
        return (first.quoted ? first.start - 1 : first.start)..<(last.quoted ? last.end + 1 : last.end)
    }

    /// The commands of `line`, in order.
    /// - Complexity: O(length of the line)
    static func segments(of line: String) -> [Segment] {
        Array(Segments(line))
    }

    /// The commands of a line, lexed one at a time as they are asked for (no array of
    /// commands is built).
    struct Segments: Sequence, IteratorProtocol {
        /// The line, its UTF-8 contiguous in memory.
        private var line: String
        /// The byte offset where the next command starts.
        private var offset = 0
        /// Whether the rest of the line is a comment or follows an unterminated string.
        private var done = false
        /// The array the tokens of the next command are written to: its storage is reused
        /// when the segment handed out last is gone (see ``init(_:reusing:)``).
        private(set) var buffer: [Token]

        /// The commands of `line`.
        /// - Complexity: O(1), or O(length of the line) for a string not stored as UTF-8.
        init(_ line: String) {
            self.init(line, reusing: [])
        }

        /// The commands of `line`, their tokens written into `buffer`'s storage when no one
        /// else holds it (the shell hands the same buffer from line to line, and takes it back
        /// from ``buffer``, so that lexing a line allocates nothing).
        /// - Complexity: O(1), or O(length of the line) for a string not stored as UTF-8.
        init(_ line: String, reusing buffer: [Token]) {
            self.line = line
            self.line.makeContiguousUTF8()
            self.buffer = buffer
        }

        /// The next command, or `nil` at the end of the line.
        /// - Complexity: O(length of the command)
        mutating func next() -> Segment? {
            guard !done else { return nil }
            let text = line
            var offset = self.offset
            var done = false
            var tokens = buffer
            buffer = []
            tokens.removeAll(keepingCapacity: true)
            let segment = line.withUTF8 { bytes in
                Segments.lex(text, bytes, into: &tokens, from: &offset, done: &done)
            }
            buffer = tokens
            self.offset = offset
            self.done = done
            return segment
        }

        /// Lexes the command starting at byte `offset` of `line` (whose UTF-8 is `bytes`) into
        /// `tokens` (empty), moving `offset` past it; sets `done` when nothing may follow.
        /// - Complexity: O(length of the command)
        private static func lex(_ line: String, _ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token],
                                from offset: inout Int, done: inout Bool) -> Segment? {
            let end = bytes.count
            var i = offset
            defer { offset = i }
            while i < end {
                let b = bytes[i]
                if isBlank(b) {
                    i += 1
                } else if b == UInt8(ascii: "#") {
                    done = true
                    break
                } else if b == UInt8(ascii: ";") {
                    i += 1
                    if !tokens.isEmpty { return Segment(line: line, tokens: tokens) }
                } else {
                    if tokens.capacity == 0 { tokens.reserveCapacity(8) }
                    if b == UInt8(ascii: "\"") {
                        guard let token = quoted(bytes, from: &i) else {
                            done = true
                            let utf8 = line.utf8
                            return Segment(line: line, tokens: tokens, error: .syntax(
                                "unterminated string starting with \(Token.show(line[utf8.index(utf8.startIndex, offsetBy: i)...]))"))
                        }
                        tokens.append(token)
                    } else {
                        let start = i
                        var any: UInt8 = 0
                        while i < end {
                            let c = bytes[i]
                            if endsWord(c) { break }
                            any |= c
                            i += 1
                        }
                        let isASCII = any < 0x80
                        // A number (most words after the command word) gets no key: no
                        // keyword starts with a digit or `+`.
                        let lead = bytes[start]
                        let keyed = isASCII && !Token.startsNumber(lead)
                        tokens.append(Token(start: start, end: i, quoted: false, isASCII: isASCII,
                                            key: keyed ? WordKey(lowering: bytes, from: start, to: i) : .none, lead: lead))
                    }
                }
            }
            if i >= end { done = true }
            return tokens.isEmpty ? nil : Segment(line: line, tokens: tokens)
        }

        /// The quoted string starting at byte `i` (a `"`), moving `i` past it; `nil` when
        /// it is not terminated (then `i` is left alone).
        /// - Complexity: O(length of the string)
        private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, from i: inout Int) -> Token? {
            var j = i + 1
            var any: UInt8 = 0
            while j < bytes.count {
                let c = bytes[j]
                if c == UInt8(ascii: "\"") {
                    // Escapes only remove ASCII backslashes: the text is ASCII when the bytes are.
                    defer { i = j + 1 }
                    return Token(start: i + 1, end: j, quoted: true, isASCII: any < 0x80, key: .none)
                }
                any |= c
                j += Token.escapedByte(at: j, in: bytes) == nil ? 1 : 2
            }
            return nil
        }

        /// Whether `b` ends an unquoted word: a blank, `;` or `#` (all below 64: one bit test).
        @inline(__always)
        private static func endsWord(_ b: UInt8) -> Bool {
            let separators: UInt64 = 1 << 0x20 | 0x1f << 0x09 | 1 << UInt64(UInt8(ascii: ";")) | 1 << UInt64(UInt8(ascii: "#"))
            return b < 64 && separators >> UInt64(b) & 1 != 0
        }

        /// Whether `b` separates words: space, or ASCII `\t` `\n` `\u{b}` `\u{c}` `\r`.
        @inline(__always)
        private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }
    }
}
