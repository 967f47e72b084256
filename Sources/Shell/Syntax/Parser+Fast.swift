import MemorySetCore

extension Parser {
    /// The usual forms of the commands a piped session is made of, read straight from the
    /// line's bytes without separating the words into ``Arguments``:
    ///
    ///     find    ADDR
    ///     unmap   START  END|+SIZE
    ///     protect START  END|+SIZE  FLAGS
    ///     map     START  END|+SIZE  FLAGS  [--force]
    ///
    /// every word unquoted ASCII, START and ADDR starting with a digit, END with a digit or
    /// `+`. Anything else — another option, a word out of place, a number that does not
    /// parse — gives `nil` and goes the general way (``parseCommand(_:_:in:)``), which
    /// reports the error: a command read here is exactly what the general way reads.
    /// - Complexity: O(total length of the words)
    static func fastCommand(_ word: String, _ tokens: [Token], in line: String) -> Command? {
        guard tokens.count >= 2, tokens.count <= 5 else { return nil }
        return line.utf8.withContiguousStorageIfAvailable { bytes -> Command? in
            switch (word, tokens.count) {
            case ("find", 2):
                guard let addr = number(tokens[1], bytes) else { return nil }
                return .find(addr)
            case ("unmap", 3):
                guard let range = range(tokens[1], tokens[2], bytes) else { return nil }
                return .unmap(range)
            case ("protect", 4):
                guard let range = range(tokens[1], tokens[2], bytes), let flags = flags(tokens[3], bytes) else { return nil }
                return .protect(range, flags)
            case ("map", 4), ("map", 5):
                let force = tokens.count == 5
                if force { guard plain(tokens[4]), tokens[4].key == forceKeyword.key else { return nil } }
                guard let range = range(tokens[1], tokens[2], bytes), let flags = flags(tokens[3], bytes) else { return nil }
                return .map(range, flags, backend: nil, force: force)
            default:
                return nil
            }
        } ?? nil
    }

    /// `--force`.
    private static let forceKeyword = Keyword("--force")

    /// Whether `token` is an unquoted ASCII word.
    @inline(__always)
    private static func plain(_ token: Token) -> Bool { token.isASCII && !token.quoted }

    /// The number `token` when it is an unquoted ASCII word starting with a digit that parses.
    private static func number(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard plain(token), token.lead &- UInt8(ascii: "0") < 10 else { return nil }
        return try? NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])).get()
    }

    /// `START END` or `START +SIZE`, when both parse.
    private static func range(_ start: Token, _ end: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> RangeSpec? {
        guard let first = number(start, bytes) else { return nil }
        if plain(end), end.lead == UInt8(ascii: "+") {
            guard let size = try? NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[(end.start + 1)..<end.end])).get() else {
                return nil
            }
            return RangeSpec(start: first, end: .relative(size))
        }
        guard let last = number(end, bytes) else { return nil }
        return RangeSpec(start: first, end: .absolute(last))
    }

    /// The flags `token` spells, when it is an unquoted ASCII word.
    private static func flags(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> MappingFlags? {
        guard plain(token) else { return nil }
        return MappingFlags(parsingUTF8: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
    }
}
