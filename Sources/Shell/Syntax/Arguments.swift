import MemorySetCore

/// The arguments of one command: positional words (consumed in order) and options.
///
/// Nothing is copied out of the words: the options given are a bit set, and the positionals
/// are found by walking the words and skipping each option with its values (the walk reads
/// the words the same way `init` checked them).
struct Arguments {
    /// The command word, for error messages.
    let word: String
    /// The line the words are in.
    let line: String
    private let tokens: ArraySlice<Token>
    /// The options the command takes.
    private let allowed: CommandOptions
    /// The options given.
    private var given: CommandOptions = []
    /// The index in `tokens` of the next positional (`tokens.endIndex` when none is left).
    private var next: Int

    /// Separates `tokens` (words of `line`) into positionals and the options of `allowed`.
    /// - Throws: `SyntaxError` for an unknown or repeated option, or a missing option value.
    /// - Complexity: O(total length of the words)
    init(word: String, line: String, tokens: ArraySlice<Token>, options allowed: CommandOptions = []) throws(ShellError) {
        self.word = word
        self.line = line
        self.tokens = tokens
        self.allowed = allowed
        var i = tokens.startIndex
        while i < tokens.endIndex {
            guard let use = Arguments.optionUse(tokens[i], in: line, among: allowed) else {
                i += 1
                continue
            }
            guard let option = use.option else {
                let name = Token(start: tokens[i].start, end: use.nameEnd, quoted: false, isASCII: false, key: .none)
                    .text(in: line).lowercased()
                let known = allowed.sortedNames.joined(separator: ", ")
                throw .syntax("\(word): unknown option \(Token.show(name))"
                    + (known.isEmpty ? " (\(word) takes no options)" : " (options: \(known))"))
            }
            let name = option.name
            guard !given.contains(option) else { throw .syntax("\(word): option \(name) given twice") }
            given.insert(CommandOptions(option))
            i += 1
            if use.inlineValueStart != nil {
                guard option.arity == 1 else {
                    throw .syntax(option.arity == 0 ? "\(word): option \(name) takes no value"
                                                    : "\(word): write \(name) with separate values: \(name) START END")
                }
            } else {
                for _ in 0..<option.arity {
                    guard i < tokens.endIndex, !Arguments.isOption(tokens[i], in: line) else {
                        throw .syntax("\(word): option \(name) needs \(option.arity == 1 ? "a value" : "\(option.arity) values") (usage: \(CommandCatalog.usage(of: word)))")
                    }
                    i += 1
                }
            }
        }
        next = tokens.startIndex
        next = positional(from: tokens.startIndex)
    }

    /// An option word: the option named (`nil` when the command does not take it), where its
    /// name ends and where the value written after `=` starts (UTF-8 offsets in the line).
    private struct OptionUse {
        var option: CommandOption?
        var nameEnd: Int
        var inlineValueStart: Int?
    }

    /// How `token` (a word of `line`) is an option (`--name` or `--name=value`), or `nil`
    /// when it is not one.
    /// - Complexity: O(length of the token)
    private static func optionUse(_ token: Token, in line: String, among allowed: CommandOptions) -> OptionUse? {
        guard isOption(token, in: line) else { return nil }
        // The first `=` Character: in ASCII text, the first `=` byte (found in the key if any).
        if token.key != .none {
            guard let eq = token.key.firstOffset(of: UInt8(ascii: "=")) else {
                return OptionUse(option: allowed.option(named: token.key), nameEnd: token.end)
            }
            return OptionUse(option: allowed.option(named: WordKey(lowering: token.key.prefix(eq))),
                             nameEnd: token.start + eq, inlineValueStart: token.start + eq + 1)
        }
        let text = token.text(in: line)
        let utf8 = line.utf8
        let eq = token.isASCII ? text.utf8.firstIndex(of: UInt8(ascii: "=")) : text.firstIndex(of: "=")
        let name = eq.map { text[..<$0] } ?? text
        let option = token.isASCII ? allowed.option(named: WordKey(lowering: name.utf8))
                                   : allowed.option(lowercased: name.lowercased())
        return OptionUse(option: option, nameEnd: utf8.distance(from: utf8.startIndex, to: name.endIndex),
                         inlineValueStart: eq.map { utf8.distance(from: utf8.startIndex, to: text.index(after: $0)) })
    }

    /// The index of the first positional at or after `i`: option words are skipped with
    /// their values (`init` checked they are there).
    /// - Complexity: O(total length of the words skipped)
    private func positional(from i: Int) -> Int {
        var i = i
        while i < tokens.endIndex, let use = Arguments.optionUse(tokens[i], in: line, among: allowed) {
            i += 1
            if use.inlineValueStart == nil, let option = use.option { i += option.arity }
        }
        return min(i, tokens.endIndex)
    }

    /// The values of `option` as written (empty when it was not given).
    /// - Complexity: O(total length of the words)
    private func values(of option: CommandOption) -> ArraySlice<Token> {
        guard given.contains(option) else { return [] }
        var i = tokens.startIndex
        while i < tokens.endIndex {
            let token = tokens[i]
            guard let use = Arguments.optionUse(token, in: line, among: allowed) else {
                i += 1
                continue
            }
            let width = use.inlineValueStart == nil ? use.option?.arity ?? 0 : 0
            if use.option == option {
                if let start = use.inlineValueStart { return [Token(unquotedIn: line, from: start, to: token.end)] }
                return tokens[(i + 1)..<(i + 1 + width)]
            }
            i += 1 + width
        }
        return []
    }

    /// Whether `token` (a word of `line`) is an option: `--` then something that is not
    /// valid flags.
    /// - Complexity: O(length of the token)
    static func isOption(_ token: Token, in line: String) -> Bool {
        guard !token.quoted else { return false }
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

    /// The text of `token` (a word of the line).
    /// - Complexity: O(1) for an unquoted word, O(length of the word) for a quoted one.
    func text(of token: Token) -> Substring { token.text(in: line) }

    /// `token` as shown in an error message.
    func shown(_ token: Token) -> String { token.shown(in: line) }

    /// `token` lowercased.
    func lowercased(_ token: Token) -> String { token.lowercased(in: line) }

    /// Whether no positional argument is left.
    var isEmpty: Bool { next >= tokens.endIndex }

    /// Whether `option` was given.
    /// - Complexity: O(1)
    func has(_ option: CommandOption) -> Bool { given.contains(option) }

    /// Whether the next positional, lowercased and not quoted, is `keyword` (not consuming it).
    /// - Complexity: O(length of `keyword`)
    func nextIs(_ keyword: String) -> Bool {
        guard next < tokens.endIndex, !tokens[next].quoted else { return false }
        return tokens[next].is(Keyword(keyword), in: line)
    }

    /// Consumes the next positional, if any.
    /// - Complexity: O(length of the words up to the positional after it)
    mutating func optionalWord() -> Token? {
        guard next < tokens.endIndex else { return nil }
        defer { next = positional(from: next + 1) }
        return tokens[next]
    }

    /// Consumes the next positional.
    /// - Throws: `SyntaxError` "missing NAME" when there is none.
    mutating func word(_ name: String) throws(ShellError) -> Token {
        guard let token = optionalWord() else {
            throw .syntax("\(word): missing \(name) (usage: \(CommandCatalog.usage(of: word)))")
        }
        return token
    }

    /// Consumes a number.
    mutating func number(_ name: String) throws(ShellError) -> UInt64 {
        let token = try word(name)
        return try number(token, name: name)
    }

    /// Consumes `START END` where END may be `+SIZE`.
    mutating func range(startName: String, endName: String) throws(ShellError) -> RangeSpec {
        let start = try number(startName)
        let endToken = try word(endName)
        return RangeSpec(start: start, end: try end(endToken, name: endName))
    }

    /// Consumes FLAGS.
    mutating func flags() throws(ShellError) -> MappingFlags {
        let token = try word("FLAGS")
        if let flags = token.flags(in: line) { return flags }
        let text = text(of: token)
        if text.isEmpty { throw .syntax("\(word): empty FLAGS: use letters r, w, x, u or '-'") }
        let bad = text.first { !"rwxuRWXU-".contains($0) }.map { String($0) } ?? ""
        throw .syntax("\(word): bad flags \(shown(token)): \(Token.show(bad)) is not one of r, w, x, u, '-'")
    }

    /// The value of a one-value numeric option.
    func number(option: CommandOption, name: String) throws(ShellError) -> UInt64? {
        guard let token = values(of: option).first else { return nil }
        return try number(token, name: "\(option.name) \(name)")
    }

    /// The raw value of a one-value option.
    func value(option: CommandOption) -> Token? { values(of: option).first }

    /// The value of a two-value range option (`--limit START END`).
    func rangeOption(_ option: CommandOption) throws(ShellError) -> RangeSpec? {
        let values = values(of: option)
        guard values.count == 2 else { return nil }
        let start = try number(values[values.startIndex], name: "\(option.name) START")
        let end = try end(values[values.startIndex + 1], name: "\(option.name) END")
        return RangeSpec(start: start, end: end)
    }

    /// Fails when positionals are left over.
    func finish() throws(ShellError) {
        guard next < tokens.endIndex else { return }
        throw .syntax("\(word): unexpected argument \(shown(tokens[next])) (usage: \(CommandCatalog.usage(of: word)))")
    }

    /// The number `token`.
    private func number(_ token: Token, name: String) throws(ShellError) -> UInt64 {
        switch value(of: token, droppingFirst: false) {
        case .success(let value): return value
        case .failure(let error): throw .syntax("\(word): \(name): \(error.message)")
        }
    }

    /// `END` or `+SIZE`. The `+` is the first Character: in an unquoted ASCII word, the
    /// first byte.
    private func end(_ token: Token, name: String) throws(ShellError) -> EndSpec {
        let relative = token.isASCII && !token.quoted
            ? token.start < token.end && line.utf8[line.utf8.index(line.utf8.startIndex, offsetBy: token.start)] == UInt8(ascii: "+")
            : text(of: token).hasPrefix("+")
        if relative {
            switch value(of: token, droppingFirst: true) {
            case .success(let value): return .relative(value)
            case .failure(let error): throw .syntax("\(word): \(name) (+SIZE): \(error.message)")
            }
        }
        return .absolute(try number(token, name: name))
    }

    /// The number written in `token`, without its first Character when `droppingFirst`.
    /// An unquoted ASCII word is read in place, its bytes being its Characters; other words
    /// go through their text.
    /// - Complexity: O(length of the word)
    private func value(of token: Token, droppingFirst: Bool) -> Result<UInt64, ShellError> {
        let drop = droppingFirst ? 1 : 0
        if token.isASCII, !token.quoted, let result = line.utf8.withContiguousStorageIfAvailable({ bytes in
            NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[(token.start + drop)..<token.end]))
        }) {
            return result.mapError { NumberParser.error($0, text: text(of: token).dropFirst(drop)) }
        }
        return NumberParser.parse(text(of: token).dropFirst(drop))
    }
}
