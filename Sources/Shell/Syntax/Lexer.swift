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
        var tokens: [Token]
        var error: ShellError? = nil
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

        /// The commands of `line`.
        /// - Complexity: O(1), or O(length of the line) for a string not stored as UTF-8.
        init(_ line: String) {
            self.line = line
            self.line.makeContiguousUTF8()
        }

        /// The next command, or `nil` at the end of the line.
        /// - Complexity: O(length of the command)
        mutating func next() -> Segment? {
            guard !done else { return nil }
            let text = line
            var offset = self.offset
            var done = false
            let segment = line.withUTF8 { bytes in
                Segments.lex(text, bytes, from: &offset, done: &done)
            }
            self.offset = offset
            self.done = done
            return segment
        }

        /// Lexes the command starting at byte `offset` of `text` (whose UTF-8 is `bytes`),
        /// moving `offset` past it; sets `done` when nothing may follow.
        private static func lex(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>,
                                from offset: inout Int, done: inout Bool) -> Segment? {
            let end = bytes.count
            var tokens: [Token] = []
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
                    if !tokens.isEmpty { return Segment(tokens: tokens) }
                } else {
                    if tokens.isEmpty { tokens.reserveCapacity(8) }
                    if b == UInt8(ascii: "\"") {
                        guard let token = quoted(text, bytes, from: &i) else {
                            done = true
                            return Segment(tokens: tokens, error: .syntax(
                                "unterminated string starting with \(Token.show(text[index(text, i)...]))"))
                        }
                        tokens.append(token)
                    } else {
                        let start = i
                        var high: UInt8 = 0
                        while i < end {
                            let c = bytes[i]
                            if isBlank(c) || c == UInt8(ascii: ";") || c == UInt8(ascii: "#") { break }
                            high |= c
                            i += 1
                        }
                        let isASCII = high < 0x80
                        tokens.append(Token(text: text[index(text, start)..<index(text, i)], quoted: false, isASCII: isASCII,
                                            key: isASCII ? WordKey(lowering: UnsafeBufferPointer(rebasing: bytes[start..<i])) : .none))
                    }
                }
            }
            if i >= end { done = true }
            return tokens.isEmpty ? nil : Segment(tokens: tokens)
        }

        /// The quoted string starting at byte `i` (a `"`), moving `i` past it; `nil` when
        /// it is not terminated (then `i` is left alone).
        private static func quoted(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, from i: inout Int) -> Token? {
            let end = bytes.count
            var value = ""
            var j = i + 1
            var runStart = j
            while j < end {
                let c = bytes[j]
                if c == UInt8(ascii: "\"") {
                    value += text[index(text, runStart)..<index(text, j)]
                    i = j + 1
                    return Token(text: value[...], quoted: true)
                }
                if c == UInt8(ascii: "\\") {
                    value += text[index(text, runStart)..<index(text, j)]
                    let k = j + 1
                    if k < end, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "\\") {
                        value.append(Character(UnicodeScalar(bytes[k])))
                        j = k + 1
                    } else {
                        value.append("\\")
                        j = k
                    }
                    runStart = j
                    continue
                }
                j += 1
            }
            return nil
        }

        /// The index of UTF-8 byte `offset` of `text` (always at an ASCII byte or an end).
        @inline(__always)
        private static func index(_ text: String, _ offset: Int) -> String.Index {
            text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        }

        /// Whether `b` separates words: space, or ASCII `\t` `\n` `\u{b}` `\u{c}` `\r`.
        @inline(__always)
        private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }
    }
}
