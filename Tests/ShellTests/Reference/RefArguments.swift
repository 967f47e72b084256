// Reference for ParseEquivalenceTests: the parser as it was before issue #6 (Strings and
// Characters, dictionaries), kept verbatim except for the Ref names. The fast parser in
// Sources/Shell/Syntax must give the same results and messages for every line.

@testable import Shell

import MemorySetCore

/// The arguments of one command: positional words (consumed in order) and options.
struct RefArguments {
    let word: String
    let info: CommandInfo
    private var positionals: [RefToken]
    private var next = 0
    private var options: [String: [RefToken]] = [:]

    /// Separates `tokens` into positionals and the options named in `options` (name → number
    /// of values).
    /// - Throws: `SyntaxError` for an unknown or repeated option, or a missing option value.
    init(word: String, tokens: ArraySlice<RefToken>, info: CommandInfo, options spec: [String: Int] = [:]) throws(ShellError) {
        self.word = word
        self.info = info
        var positionals: [RefToken] = []
        var i = tokens.startIndex
        while i < tokens.endIndex {
            let token = tokens[i]
            i += 1
            guard RefArguments.isOption(token) else {
                positionals.append(token)
                continue
            }
            var name = token.lowercased
            var inlineValue: Substring? = nil
            if let eq = token.text.firstIndex(of: "=") {
                name = token.text[..<eq].lowercased()
                inlineValue = token.text[token.text.index(after: eq)...]
            }
            guard let arity = spec[name] else {
                let known = spec.keys.sorted().joined(separator: ", ")
                throw .syntax("\(word): unknown option \(RefToken.show(name))"
                    + (known.isEmpty ? " (\(word) takes no options)" : " (options: \(known))"))
            }
            guard options[name] == nil else { throw .syntax("\(word): option \(name) given twice") }
            var values: [RefToken] = []
            if let inlineValue {
                guard arity == 1 else {
                    throw .syntax(arity == 0 ? "\(word): option \(name) takes no value"
                                             : "\(word): write \(name) with separate values: \(name) START END")
                }
                values.append(RefToken(text: inlineValue))
            } else {
                for _ in 0..<arity {
                    guard i < tokens.endIndex, !RefArguments.isOption(tokens[i]) else {
                        throw .syntax("\(word): option \(name) needs \(arity == 1 ? "a value" : "\(arity) values") (usage: \(info.usage))")
                    }
                    values.append(tokens[i])
                    i += 1
                }
            }
            options[name] = values
        }
        self.positionals = positionals
    }

    /// Whether `token` is an option: `--` then something that is not valid flags.
    static func isOption(_ token: RefToken) -> Bool {
        guard !token.quoted else { return false }
        var bytes = token.text.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "-"), bytes.next() == UInt8(ascii: "-") else { return false }
        return MappingFlags(parsing: token.text) == nil
    }

    /// Whether no positional argument is left.
    var isEmpty: Bool { next >= positionals.count }

    /// Whether option `name` was given.
    func has(_ name: String) -> Bool { options[name] != nil }

    /// The next positional lowercased, without consuming it.
    func peekKeyword() -> String? {
        guard next < positionals.count, !positionals[next].quoted else { return nil }
        return positionals[next].lowercased
    }

    /// Consumes the next positional, if any.
    mutating func optionalWord() -> RefToken? {
        guard next < positionals.count else { return nil }
        defer { next += 1 }
        return positionals[next]
    }

    /// Consumes the next positional.
    /// - Throws: `SyntaxError` "missing NAME" when there is none.
    mutating func word(_ name: String) throws(ShellError) -> RefToken {
        guard let token = optionalWord() else {
            throw .syntax("\(word): missing \(name) (usage: \(info.usage))")
        }
        return token
    }

    /// Consumes a number.
    mutating func number(_ name: String) throws(ShellError) -> UInt64 {
        let token = try word(name)
        return try RefArguments.number(token, name: name, word: word)
    }

    /// Consumes `START END` where END may be `+SIZE`.
    mutating func range(startName: String, endName: String) throws(ShellError) -> RangeSpec {
        let start = try number(startName)
        let endToken = try word(endName)
        return RangeSpec(start: start, end: try RefArguments.end(endToken, name: endName, word: word))
    }

    /// Consumes FLAGS.
    mutating func flags() throws(ShellError) -> MappingFlags {
        let token = try word("FLAGS")
        if let flags = MappingFlags(parsing: token.text) { return flags }
        if token.text.isEmpty { throw .syntax("\(word): empty FLAGS: use letters r, w, x, u or '-'") }
        let bad = token.text.first { !"rwxuRWXU-".contains($0) }.map { String($0) } ?? ""
        throw .syntax("\(word): bad flags \(token.shown): \(RefToken.show(bad)) is not one of r, w, x, u, '-'")
    }

    /// The value of a one-value numeric option.
    func number(option: String, name: String) throws(ShellError) -> UInt64? {
        guard let values = options[option], let token = values.first else { return nil }
        return try RefArguments.number(token, name: "\(option) \(name)", word: word)
    }

    /// The raw value of a one-value option.
    func value(option: String) -> RefToken? { options[option]?.first }

    /// The value of a two-value range option (`--limit START END`).
    func rangeOption(_ option: String) throws(ShellError) -> RangeSpec? {
        guard let values = options[option], values.count == 2 else { return nil }
        let start = try RefArguments.number(values[0], name: "\(option) START", word: word)
        let end = try RefArguments.end(values[1], name: "\(option) END", word: word)
        return RangeSpec(start: start, end: end)
    }

    /// Fails when positionals are left over.
    func finish() throws(ShellError) {
        guard next < positionals.count else { return }
        throw .syntax("\(word): unexpected argument \(positionals[next].shown) (usage: \(info.usage))")
    }

    static func number(_ token: RefToken, name: String, word: String) throws(ShellError) -> UInt64 {
        switch RefNumberParser.parse(token.text) {
        case .success(let value): return value
        case .failure(let error): throw .syntax("\(word): \(name): \(error.message)")
        }
    }

    static func end(_ token: RefToken, name: String, word: String) throws(ShellError) -> EndSpec {
        if token.text.hasPrefix("+") {
            let size = token.text.dropFirst()
            switch RefNumberParser.parse(size) {
            case .success(let value): return .relative(value)
            case .failure(let error): throw .syntax("\(word): \(name) (+SIZE): \(error.message)")
            }
        }
        return .absolute(try number(token, name: name, word: word))
    }
}
