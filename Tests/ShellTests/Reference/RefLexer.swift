// Reference for ParseEquivalenceTests: the parser as it was before issue #6 (Strings and
// Characters, dictionaries), kept verbatim except for the Ref names. The fast parser in
// Sources/Shell/Syntax must give the same results and messages for every line.

@testable import Shell

/// Splits an input line into commands (separated by `;`) and words.
///
/// - `#` outside a quoted string starts a comment that runs to the end of the line.
/// - `;` outside a quoted string ends a command; empty commands are skipped.
/// - Words are separated by blanks (space, tab, and other ASCII whitespace).
/// - `"…"` is one word that may hold blanks, `;` and `#`; `\"` and `\\` escape.
///   An unterminated string is a `SyntaxError` for its command.
enum RefLexer {
    /// One `;`-separated command of a line: its words, and why it does not lex (the words
    /// before the error are kept, to name the command in the error).
    struct Segment: Equatable {
        var tokens: [RefToken]
        var error: ShellError? = nil
    }

    /// The commands of `line`, in order.
    /// - Complexity: O(length of the line)
    static func segments(of line: String) -> [Segment] {
        let bytes = line.utf8
        var segments: [Segment] = []
        var tokens: [RefToken] = []
        var i = bytes.startIndex
        let end = bytes.endIndex
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0d).contains(b) }
        func flush() {
            if !tokens.isEmpty { segments.append(Segment(tokens: tokens)) }
            tokens = []
        }
        scan: while i < end {
            let b = bytes[i]
            if isBlank(b) {
                i = bytes.index(after: i)
            } else if b == UInt8(ascii: "#") {
                break scan
            } else if b == UInt8(ascii: ";") {
                flush()
                i = bytes.index(after: i)
            } else if b == UInt8(ascii: "\"") {
                var text = ""
                var j = bytes.index(after: i)
                var closed = false
                var runStart = j
                while j < end {
                    let c = bytes[j]
                    if c == UInt8(ascii: "\"") {
                        text += Substring(line.unicodeScalars[runStart..<j])
                        closed = true
                        j = bytes.index(after: j)
                        break
                    }
                    if c == UInt8(ascii: "\\") {
                        text += Substring(line.unicodeScalars[runStart..<j])
                        let k = bytes.index(after: j)
                        if k < end, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "\\") {
                            text.append(Character(UnicodeScalar(bytes[k])))
                            j = bytes.index(after: k)
                        } else {
                            text.append("\\")
                            j = k
                        }
                        runStart = j
                        continue
                    }
                    j = bytes.index(after: j)
                }
                guard closed else {
                    segments.append(Segment(tokens: tokens, error: .syntax("unterminated string starting with \(RefToken.show(Substring(line.unicodeScalars[i...])))")))
                    tokens = []
                    return segments
                }
                tokens.append(RefToken(text: text[...], quoted: true))
                i = j
            } else {
                var j = i
                while j < end {
                    let c = bytes[j]
                    if isBlank(c) || c == UInt8(ascii: ";") || c == UInt8(ascii: "#") { break }
                    j = bytes.index(after: j)
                }
                tokens.append(RefToken(text: Substring(line.unicodeScalars[i..<j])))
                i = j
            }
        }
        flush()
        return segments
    }
}
