/// Which command or option a word of a line names.
///
/// The parser's key comparisons are all here and in ``Keyword``: an unquoted ASCII word of at
/// most ``WordKey/maxLength`` bytes comes from the lexer with its key and is matched by
/// comparing keys, without building text; any other word is matched by its text lowercased.
extension CommandCatalog {
    /// The command word `token` (a word of `line`) names: the token lowercased when it is a
    /// command (`MAP` → `map`), `nil` when it is not. Quotes are not looked at.
    /// - Complexity: O(number of commands) key comparisons for an ASCII token, without
    ///   allocation; otherwise one lowercasing and a dictionary lookup.
    static func name(of token: Token, in line: String) -> String? {
        guard token.isASCII else {
            let lower = token.lowercased(in: line)
            return info(lower) == nil ? nil : lower
        }
        if !token.quoted {
            // Keys alone (``Keyword/matches(_:in:)`` of an unquoted ASCII word).
            let key = token.key
            for keyword in commandKeywords where keyword.key == key { return keyword.name }
            return nil
        }
        for keyword in commandKeywords where keyword.matches(token, in: line) { return keyword.name }
        return nil
    }

    /// A word that is an option: the option it names among those a command takes, and where
    /// its parts are in the line (UTF-8 offsets).
    ///
    ///     --hint=0x1000        --force
    ///     ^     ^^     ^       ^      ^
    ///     |     ||     end     start  end, nameEnd
    ///     start |inlineValueStart
    ///           nameEnd
    struct OptionWord {
        /// The option named, `nil` when the command does not take it.
        var option: CommandOption?
        /// Where the name ends: at the `=`, or at the end of the word.
        var nameEnd: Int
        /// Where the value written after `=` starts, `nil` when there is no `=`.
        var inlineValueStart: Int? = nil
    }

    /// How `token` (a word of `line`) is an option of `allowed`, or `nil` when it is not an
    /// option word (see ``isOptionWord(_:in:)``). The name is the word up to its first `=`
    /// Character, lowercased.
    /// - Complexity: O(length of the word)
    static func optionWord(_ token: Token, in line: String, among allowed: CommandOptions) -> OptionWord? {
        guard isOptionWord(token, in: line) else { return nil }
        if token.key != .none {
            // An ASCII word: its first `=` Character is its first `=` byte, found in the key.
            guard let eq = token.key.firstOffset(of: UInt8(ascii: "=")) else {
                return OptionWord(option: option(among: allowed, key: token.key), nameEnd: token.end)
            }
            return OptionWord(option: option(among: allowed, key: WordKey(lowering: token.key.prefix(eq))),
                              nameEnd: token.start + eq, inlineValueStart: token.start + eq + 1)
        }
        let text = token.text(in: line)
        let utf8 = line.utf8
        let eq = token.isASCII ? text.utf8.firstIndex(of: UInt8(ascii: "=")) : text.firstIndex(of: "=")
        let name = eq.map { text[..<$0] } ?? text
        let option: CommandOption?
        if token.isASCII {
            option = self.option(among: allowed, key: WordKey(lowering: name.utf8))
        } else {
            let lowered = name.lowercased()
            option = allowed.first { $0.name == lowered }
        }
        return OptionWord(option: option, nameEnd: utf8.distance(from: utf8.startIndex, to: name.endIndex),
                          inlineValueStart: eq.map { utf8.distance(from: utf8.startIndex, to: text.index(after: $0)) })
    }

    /// Whether `token` (a word of `line`) is an option word: unquoted, `--` then something
    /// that is not flags (`----` and `--x` are flags, hence positionals).
    /// - Complexity: O(length of the word)
    static func isOptionWord(_ token: Token, in line: String) -> Bool {
        guard !token.isSurelyNotOption else { return false }
        if token.key != .none {
            guard token.key.count >= 2, token.key.byte(0) == UInt8(ascii: "-"), token.key.byte(1) == UInt8(ascii: "-") else {
                return false
            }
        } else {
            var bytes = token.text(in: line).utf8.makeIterator()
            guard bytes.next() == UInt8(ascii: "-"), bytes.next() == UInt8(ascii: "-") else { return false }
        }
        return token.flags(in: line) == nil
    }

    /// The option of `allowed` whose name has key `key`.
    /// - Complexity: O(number of options)
    private static func option(among allowed: CommandOptions, key: WordKey) -> CommandOption? {
        allowed.first { optionKeywords[$0.rawValue].key == key }
    }

    /// The command words with their keys, in ``all`` order.
    private static let commandKeywords: [Keyword] = all.map { Keyword($0.name) }

    /// The option names with their keys, in ``CommandOption`` order.
    private static let optionKeywords: [Keyword] = CommandOption.allCases.map { Keyword($0.name) }
}
