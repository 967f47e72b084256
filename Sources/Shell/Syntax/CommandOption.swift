/// An option of the command language: `--force`, `--hint ADDR`, `--limit START END`…
enum CommandOption: Int, Sendable, CaseIterable {
    case force, linear, alloc, populate, label, hint, limit, align, user, pid, width, step

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
        case .pid: "--pid"
        case .width: "--width"
        case .step: "--step"
        }
    }

    /// The number of values after the option.
    var arity: Int {
        switch self {
        case .force, .alloc, .populate, .user, .step: 0
        case .linear, .label, .hint, .align, .pid, .width: 1
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

    /// The first option of the set, in ``CommandOption`` order, satisfying `predicate`.
    /// - Complexity: O(number of options)
    func first(where predicate: (CommandOption) -> Bool) -> CommandOption? {
        var bits = rawValue
        while bits != 0 {
            let option = CommandOption(rawValue: bits.trailingZeroBitCount)!
            bits &= bits &- 1
            if predicate(option) { return option }
        }
        return nil
    }

    /// The names of the options, sorted (for error messages).
    /// - Complexity: O(number of options)
    var sortedNames: [String] {
        CommandOption.allCases.filter(contains).map { $0.name }.sorted()
    }
}
