/// An option of the command language: `--force`, `--hint ADDR`, `--limit START END`…
enum CommandOption: Int, Sendable, CaseIterable {
    case force, linear, alloc, populate, label, hint, limit, align, user

    /// The option as written, lowercase (`--force`).
    var name: String {
        switch self {
        case .force: "--force"
        case .linear: "--linear"
        case .alloc: "--alloc"
        case .populate: "--populate"
        case .label: "--label"
        case .hint: "--hint"
        case .limit: "--limit"
        case .align: "--align"
        case .user: "--user"
        }
    }

    /// ``name`` with its key.
    var keyword: Keyword { CommandOption.keywords[rawValue] }

    private static let keywords = allCases.map { Keyword($0.name) }

    /// The number of values after the option.
    var arity: Int {
        switch self {
        case .force, .alloc, .populate, .user: 0
        case .linear, .label, .hint, .align: 1
        case .limit: 2
        }
    }
}

/// A set of options: those a command takes, or those given. A bit set, no allocation.
struct CommandOptions: OptionSet, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The set holding `option`.
    init(_ option: CommandOption) { rawValue = 1 << option.rawValue }

    /// The options of `map`.
    static let map: CommandOptions = [.init(.force), .init(.linear), .init(.alloc), .init(.populate), .init(.label)]
    /// The options of `free`.
    static let free: CommandOptions = [.init(.hint), .init(.limit), .init(.align)]

    /// Whether `option` is in the set.
    /// - Complexity: O(1)
    func contains(_ option: CommandOption) -> Bool { contains(CommandOptions(option)) }

    /// The option of the set named `name` (lowercased) whose key is `key`: keys compared
    /// when `name` is ASCII, otherwise `name` lowercased once and compared with the names.
    /// - Complexity: O(number of options), plus O(length of `name`) when it is not ASCII.
    func option(named name: Substring, key: WordKey, isASCII: Bool) -> CommandOption? {
        guard !isEmpty else { return nil }
        let lower = isASCII ? nil : name.lowercased()
        var bits = rawValue
        while bits != 0 {
            let option = CommandOption(rawValue: bits.trailingZeroBitCount)!
            bits &= bits &- 1
            if lower.map({ $0 == option.name }) ?? (key == option.keyword.key) { return option }
        }
        return nil
    }

    /// The names of the options, sorted (for error messages).
    /// - Complexity: O(number of options)
    var sortedNames: [String] {
        CommandOption.allCases.filter(contains).map(\.name).sorted()
    }
}
