import MemorySetCore

/// The arguments of one command: its words after the command word, separated once into
/// positionals and options.
///
/// `init` reads the words once, in order: an option word (see
/// ``CommandCatalog/optionWord(_:in:among:)``) takes its values with it, any other word is
/// a positional. Then positionals are consumed in order and options are looked up, without
/// reading the words again.
///
///     free --align 64K 8K --hint=0x10000 --limit 0 +1M
///          ~~~~~~~~~~~ ~~ ~~~~~~~~~~~~~~ ~~~~~~~~~~~~~~
///          option,     |  option, value  option, 2 values
///          value       positional
///
/// Nothing is copied in the usual case: the positionals are a slice of the words while no
/// option word comes between two of them (`map 0 4K rw --force`), and the values of an
/// option are the words after it.
struct Arguments {
    /// The command word, for error messages.
    let word: String
    /// The line the words are in.
    let line: String
    /// The positional words, in order.
    private var positionals: ArraySlice<Token>
    /// The index in ``positionals`` of the next one to consume.
    private var next: Int
    /// The options given.
    private var given: CommandOptions = []
    /// The values of the options given that take some, in the order given.
    private var values: [OptionValues] = []

    /// The values of one option: the words after it, or the text after its `=` as one word.
    private struct OptionValues {
        var option: CommandOption
        var tokens: ArraySlice<Token>
    }

    /// Separates `tokens` (words of `line`) into positionals and the options of `allowed`.
    /// - Throws: `SyntaxError` for an unknown or repeated option, a value after `=` for an
    ///   option that takes none or two, or a missing option value (the first such word).
    /// - Complexity: O(total length of the words)
    init(word: String, line: String, tokens: ArraySlice<Token>, options allowed: CommandOptions = []) throws(ShellError) {
        self.word = word
        self.line = line
        positionals = []
        next = 0
        // While the positionals are the words `first..<last` they are a slice of `tokens`
        // (taken once at the end); after an option word between two of them they are a
        // copy, `moved`.
        var first = tokens.startIndex, last = tokens.startIndex
        var moved: [Token]? = nil
        var i = tokens.startIndex
        while i < tokens.endIndex {
            if !tokens[i].isSurelyNotOption, let use = CommandCatalog.optionWord(tokens[i], in: line, among: allowed) {
                i = try take(use, at: i, of: tokens, allowed: allowed)
            } else {
                if moved != nil {
                    moved!.append(tokens[i])
                } else if first == last {
                    first = i
                    last = i + 1
                } else if last == i {
                    last = i + 1
                } else {
                    moved = Array(tokens[first..<last]) + [tokens[i]]
                }
                i += 1
            }
        }
        positionals = moved.map { $0[...] } ?? tokens[first..<last]
        next = positionals.startIndex
    }

    /// Records the option word `use`, `tokens[i]`, with its values.
    /// - Returns: The index of the word after its values.
    /// - Throws: `SyntaxError` as ``init(word:line:tokens:options:)`` does.
    /// - Complexity: O(length of the values)
    private mutating func take(_ use: CommandCatalog.OptionWord, at i: Int, of tokens: ArraySlice<Token>,
                               allowed: CommandOptions) throws(ShellError) -> Int {
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
        if let start = use.inlineValueStart {
            guard option.arity == 1 else {
                throw .syntax(option.arity == 0 ? "\(word): option \(name) takes no value"
                                                : "\(word): write \(name) with separate values: \(name) START END")
            }
            values.append(OptionValues(option: option, tokens: [Token(unquotedIn: line, from: start, to: tokens[i].end)]))
            return i + 1
        }
        let end = i + 1 + option.arity
        for k in (i + 1)..<end {
            guard k < tokens.endIndex, !CommandCatalog.isOptionWord(tokens[k], in: line) else {
                throw .syntax("\(word): option \(name) needs \(option.arity == 1 ? "a value" : "\(option.arity) values") (usage: \(CommandCatalog.usage(of: word)))")
            }
        }
        if option.arity > 0 { values.append(OptionValues(option: option, tokens: tokens[(i + 1)..<end])) }
        return end
    }

    /// The values of `option` as written (empty when it was not given).
    /// - Complexity: O(number of options given)
    private func values(of option: CommandOption) -> ArraySlice<Token> {
        for given in values where given.option == option { return given.tokens }
        return []
    }

    /// The text of `token` (a word of the line).
    /// - Complexity: O(1) for an unquoted word, O(length of the word) for a quoted one.
    func text(of token: Token) -> Substring { token.text(in: line) }

    /// `token` as shown in an error message.
    /// - Complexity: O(length of the word)
    func shown(_ token: Token) -> String { token.shown(in: line) }

    /// `token` lowercased.
    /// - Complexity: O(length of the word)
    func lowercased(_ token: Token) -> String { token.lowercased(in: line) }

    /// Whether no positional is left.
    /// - Complexity: O(1)
    var isEmpty: Bool { next == positionals.endIndex }

    /// Whether `option` was given.
    /// - Complexity: O(1)
    func has(_ option: CommandOption) -> Bool { given.contains(option) }

    /// Whether the next positional, not quoted, is `keyword` (not consuming it).
    /// - Complexity: O(1) for an ASCII word, O(length of the word) otherwise.
    func nextIs(_ keyword: Keyword) -> Bool {
        guard next < positionals.endIndex, !positionals[next].quoted else { return false }
        return keyword.matches(positionals[next], in: line)
    }

    /// Consumes the next positional when it is `keyword`, not quoted.
    /// - Returns: Whether it was.
    /// - Complexity: O(1) for an ASCII word, O(length of the word) otherwise.
    mutating func consume(_ keyword: Keyword) -> Bool {
        guard nextIs(keyword) else { return false }
        next += 1
        return true
    }

    /// Consumes the next positional, if any.
    /// - Complexity: O(1)
    mutating func optionalWord() -> Token? {
        guard next < positionals.endIndex else { return nil }
        defer { next += 1 }
        return positionals[next]
    }

    /// Consumes the next positional.
    /// - Throws: `SyntaxError` "missing NAME" when there is none.
    /// - Complexity: O(1)
    mutating func word(_ name: String) throws(ShellError) -> Token {
        guard let token = optionalWord() else {
            throw .syntax("\(word): missing \(name) (usage: \(CommandCatalog.usage(of: word)))")
        }
        return token
    }

    /// Consumes a number, `name` in error messages.
    /// - Throws: `SyntaxError` when it is missing or not a number.
    /// - Complexity: O(length of the word)
    mutating func number(_ name: String) throws(ShellError) -> UInt64 {
        let token = try word(name)
        return try number(token, name: name)
    }

    /// Consumes `START END` where END may be `+SIZE`.
    /// - Throws: `SyntaxError` when one is missing or not a number.
    /// - Complexity: O(length of the words)
    mutating func range(startName: String, endName: String) throws(ShellError) -> RangeSpec {
        let start = try number(startName)
        let endToken = try word(endName)
        return RangeSpec(start: start, end: try end(endToken, name: endName))
    }

    /// Consumes FLAGS.
    /// - Throws: `SyntaxError` when they are missing, empty, or hold another letter.
    /// - Complexity: O(length of the word)
    mutating func flags() throws(ShellError) -> MappingFlags {
        let token = try word("FLAGS")
        if let flags = token.flags(in: line) { return flags }
        let text = text(of: token)
        if text.isEmpty { throw .syntax("\(word): empty FLAGS: use letters r, w, x, u or '-'") }
        let bad = text.first { !"rwxuRWXU-".contains($0) }.map { String($0) } ?? ""
        throw .syntax("\(word): bad flags \(shown(token)): \(Token.show(bad)) is not one of r, w, x, u, '-'")
    }

    /// The value of a one-value numeric option (`nil` when it was not given), `name` in
    /// error messages.
    /// - Throws: `SyntaxError` when it is not a number.
    /// - Complexity: O(length of the value + number of options given)
    func number(option: CommandOption, name: String) throws(ShellError) -> UInt64? {
        guard let token = values(of: option).first else { return nil }
        return try number(token, name: "\(option.name) \(name)")
    }

    /// The value of a one-value option as written (`nil` when it was not given).
    /// - Complexity: O(number of options given)
    func value(option: CommandOption) -> Token? { values(of: option).first }

    /// The value of a two-value range option (`--limit START END`), `nil` when it was not given.
    /// - Throws: `SyntaxError` when START or END is not a number.
    /// - Complexity: O(length of the values + number of options given)
    func rangeOption(_ option: CommandOption) throws(ShellError) -> RangeSpec? {
        let values = values(of: option)
        guard values.count == 2 else { return nil }
        let start = try number(values[values.startIndex], name: "\(option.name) START")
        let end = try end(values[values.startIndex + 1], name: "\(option.name) END")
        return RangeSpec(start: start, end: end)
    }

    /// Fails when positionals are left over.
    /// - Throws: `SyntaxError` "unexpected argument" naming the first one.
    /// - Complexity: O(length of that word)
    func finish() throws(ShellError) {
        guard next < positionals.endIndex else { return }
        throw .syntax("\(word): unexpected argument \(shown(positionals[next])) (usage: \(CommandCatalog.usage(of: word)))")
    }

    /// The number `token`, `name` in error messages.
    /// - Complexity: O(length of the word)
    private func number(_ token: Token, name: String) throws(ShellError) -> UInt64 {
        switch value(of: token, droppingFirst: false) {
        case .success(let value): return value
        case .failure(let error): throw .syntax("\(word): \(name): \(error.message)")
        }
    }

    /// `END` or `+SIZE`. The `+` is the first Character: in an unquoted ASCII word, the
    /// first byte.
    /// - Complexity: O(length of the word)
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
