import MemorySetCore

/// A command that does not parse: its command word (`nil` when the word itself is unknown)
/// and the error.
struct CommandFailure: Error, Sendable, Equatable {
    var word: String?
    var error: ShellError
}

/// Turns the words of one command into a ``ParsedCommand``.
///
/// The first word names the command (case-insensitive, see ``CommandCatalog``); the others
/// are separated once into positionals and options by ``Arguments``, then read in the order
/// of the command's syntax line, so that the first error met is the one reported:
///
///     MAP   0x1000  +4K  rw     --force
///     ~~~   ~~~~~~  ~~~  ~~     ~~~~~~~
///     word  START   END  FLAGS  option (anywhere after the word)
///
/// A word starting with `--` that is valid flags (`----`, `--x`) is a positional, not an
/// option. Options with values are written `--hint ADDR` or `--hint=ADDR`.
enum Parser {
    /// Parses one command: words of `line`.
    /// - Complexity: O(total length of the words)
    static func parse(_ tokens: [Token], in line: String) -> Result<ParsedCommand, CommandFailure> {
        guard let first = tokens.first else {
            return .failure(CommandFailure(word: nil, error: .syntax("empty command")))
        }
        guard !first.quoted, let word = CommandCatalog.name(of: first, in: line) else {
            return .failure(CommandFailure(word: nil, error: .syntax(unknownCommandMessage(first, in: line))))
        }
        if let command = fastCommand(word, tokens, in: line) {
            return .success(ParsedCommand(word: word, command: command, span: Lexer.span(of: tokens), line: line))
        }
        do {
            let command = try parseCommand(word, tokens.dropFirst(), in: line)
            return .success(ParsedCommand(word: word, command: command, span: Lexer.span(of: tokens), line: line))
        } catch {
            return .failure(CommandFailure(word: word, error: error))
        }
    }

    /// Parses one command of a line, or reports why it does not lex (naming its command word
    /// when the first word is a command).
    /// - Complexity: O(total length of the words)
    static func parse(_ segment: Lexer.Segment) -> Result<ParsedCommand, CommandFailure> {
        guard let error = segment.error else { return parse(segment.tokens, in: segment.line) }
        let word = segment.tokens.first.flatMap { $0.quoted ? nil : CommandCatalog.name(of: $0, in: segment.line) }
        return .failure(CommandFailure(word: word, error: error))
    }

    /// `text` in double quotes with `"` and `\` escaped.
    /// - Complexity: O(length of `text`)
    static func quote<S: StringProtocol>(_ text: S) -> String {
        var out = "\""
        for ch in text {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }

    /// The error message for the unknown command word `token`, with the closest command
    /// when it is at most 2 edits away.
    /// - Complexity: O(number of commands × length of the word), for words of at most 20
    ///   Characters (longer ones get no suggestion).
    static func unknownCommandMessage(_ token: Token, in line: String) -> String {
        var message = "unknown command \(token.shown(in: line))"
        let lower = token.lowercased(in: line)
        if token.text(in: line).count <= 20,
           let best = CommandCatalog.all.map({ ($0.name, editDistance(lower, $0.name)) }).min(by: { $0.1 < $1.1 }),
           best.1 <= 2, best.1 < best.0.count {
            message += " (did you mean '\(best.0)'?)"
        }
        return message + "; type `help` for the list"
    }

    /// The Levenshtein distance between two short strings.
    /// - Complexity: O(`a.count` × `b.count`)
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }

    // MARK: - Commands

    /// The command `word` (a command word, lowercase) with the words after it, `rest`.
    /// - Throws: `SyntaxError` naming what is wrong.
    /// - Complexity: O(total length of the words)
    private static func parseCommand(_ word: String, _ rest: ArraySlice<Token>, in line: String) throws(ShellError) -> Command {
        switch word {
        case "map":
            return try parseMap(rest, in: line)
        case "unmap":
            var args = try Arguments(word: word, line: line, tokens: rest)
            let range = try args.range(startName: "START", endName: "END")
            try args.finish()
            return .unmap(range)
        case "protect":
            var args = try Arguments(word: word, line: line, tokens: rest)
            let range = try args.range(startName: "START", endName: "END")
            let flags = try args.flags()
            try args.finish()
            return .protect(range, flags)
        case "find":
            var args = try Arguments(word: word, line: line, tokens: rest)
            let addr = try args.number("ADDR")
            try args.finish()
            return .find(addr)
        case "free":
            var args = try Arguments(word: word, line: line, tokens: rest, options: .free)
            let size = try args.number("SIZE")
            try args.finish()
            let hint = try args.number(option: .hint, name: "ADDR")
            let align = try args.number(option: .align, name: "N")
            let limit = try args.rangeOption(.limit)
            return .free(size: size, hint: hint, limit: limit, align: align)
        case "areas", "clear", "undo", "redo", "reset", "stats", "verify", "quit", "exit":
            let args = try Arguments(word: word, line: line, tokens: rest)
            try args.finish()
            switch word {
            case "areas": return .areas
            case "clear": return .clear
            case "undo": return .undo
            case "redo": return .redo
            case "reset": return .reset
            case "stats": return .stats
            case "verify": return .verify
            default: return .quit
            }
        case "set":
            return .set(try parseSet(rest, in: line))
        case "help":
            var args = try Arguments(word: word, line: line, tokens: rest)
            let topic = args.optionalWord()
            try args.finish()
            guard let topic else { return .help(nil) }
            let name = args.lowercased(topic)
            guard CommandCatalog.info(name) != nil else {
                throw .syntax("help: " + unknownCommandMessage(topic, in: line))
            }
            return .help(name)
        case "load":
            return try parseLoad(rest, in: line)
        case "export":
            var args = try Arguments(word: word, line: line, tokens: rest, options: CommandOptions(.width))
            let kind = try args.word("maps|svg")
            let format = args.lowercased(kind)
            guard !kind.quoted, format == "maps" || format == "svg" else {
                throw .syntax("export: unknown format \(args.shown(kind)): expected maps or svg (usage: \(CommandCatalog.usage(of: word)))")
            }
            let file = args.optionalWord()
            try args.finish()
            if let file, args.text(of: file).isEmpty { throw .syntax("export \(format): the file name is empty") }
            let path = file.map { String(args.text(of: $0)) }
            guard format == "svg" else {
                if args.has(.width) { throw .syntax("export maps: --width is an option of export svg only") }
                return .export(path)
            }
            return .exportSVG(file: path, width: try args.number(option: .width, name: "PX"))
        case "source", "save":
            var args = try Arguments(word: word, line: line, tokens: rest, options: word == "source" ? CommandOptions(.step) : [])
            let file = try args.word("FILE")
            try args.finish()
            guard !args.text(of: file).isEmpty else { throw .syntax("\(word): the file name is empty") }
            return word == "source" ? .source(String(args.text(of: file)), step: args.has(.step)) : .save(String(args.text(of: file)))
        case "view":
            var args = try Arguments(word: word, line: line, tokens: rest)
            if args.isEmpty { return .view(.show) }
            if args.consume(.all) {
                try args.finish()
                return .view(.all)
            }
            let range = try args.range(startName: "START", endName: "END")
            try args.finish()
            return .view(.range(range))
        case "touch":
            var args = try Arguments(word: word, line: line, tokens: rest, options: CommandOptions(.user))
            let addr = try args.number("ADDR")
            var access = AccessKind.read
            if let token = args.optionalWord() {
                guard !token.quoted, let kind = AccessKind(rawValue: args.lowercased(token)) else {
                    throw .syntax("touch: bad access \(args.shown(token)): expected r, w or x")
                }
                access = kind
            }
            try args.finish()
            return .touch(addr, access, user: args.has(.user))
        case "pt":
            var args = try Arguments(word: word, line: line, tokens: rest)
            if args.consume(.dump) {
                if args.isEmpty { return .ptDump(nil) }
                let range = try args.range(startName: "START", endName: "END")
                try args.finish()
                return .ptDump(range)
            }
            let addr = try args.number("ADDR")
            try args.finish()
            return .pt(addr)
        default:
            throw .syntax("unknown command '\(word)'")
        }
    }

    /// `map START END FLAGS [--linear PADDR | --alloc [--populate]] [--force] [--label NAME]`.
    /// The positionals are read first, then the options.
    /// - Throws: `SyntaxError` naming what is wrong.
    /// - Complexity: O(total length of the words)
    private static func parseMap(_ rest: ArraySlice<Token>, in line: String) throws(ShellError) -> Command {
        var args = try Arguments(word: "map", line: line, tokens: rest, options: .map)
        let range = try args.range(startName: "START", endName: "END")
        let flags = try args.flags()
        try args.finish()
        var backend: BackendChoice? = nil
        if let paddr = try args.number(option: .linear, name: "PADDR") {
            if args.has(.alloc) || args.has(.populate) {
                throw .syntax("map: --linear cannot be combined with --alloc or --populate")
            }
            backend = .linear(paddr: paddr)
        } else if args.has(.alloc) || args.has(.populate) {
            backend = .alloc(populate: args.has(.populate))
        }
        var label: String? = nil
        if let token = args.value(option: .label) {
            label = try checkedLabel(args.text(of: token), shown: args.shown(token))
        }
        return .map(range, flags, backend: backend, force: args.has(.force), label: label)
    }

    /// A `--label` value: not empty, no control character (it is written on one line of
    /// session and maps files), no blank at either end.
    /// - Throws: `SyntaxError` saying which rule `text` breaks.
    /// - Complexity: O(length of `text`)
    private static func checkedLabel(_ text: Substring, shown: String) throws(ShellError) -> String {
        guard !text.isEmpty else { throw .syntax("map: --label NAME is empty") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw .syntax("map: --label \(shown) holds a control character")
        }
        guard text.first != " ", text.last != " " else {
            throw .syntax("map: --label \(shown) starts or ends with a blank")
        }
        return String(text)
    }

    /// `load maps FILE | load pid PID|self [--force]`.
    /// - Throws: `SyntaxError` naming what is wrong.
    /// - Complexity: O(total length of the words)
    private static func parseLoad(_ rest: ArraySlice<Token>, in line: String) throws(ShellError) -> Command {
        var args = try Arguments(word: "load", line: line, tokens: rest, options: [CommandOptions(.force), CommandOptions(.pid)])
        let kind = try args.word("maps|pid|strace")
        // strace (#15): `load strace FILE [--pid PID]`.
        if !kind.quoted, args.lowercased(kind) == "strace" { return try parseLoadStrace(&args) }
        guard !args.has(.pid) else { throw .syntax("load: --pid is an option of load strace only") }
        let source: LoadSource
        switch kind.quoted ? "" : args.lowercased(kind) {
        case "maps":
            let file = try args.word("FILE")
            guard !args.text(of: file).isEmpty else { throw .syntax("load maps: the file name is empty") }
            source = .file(String(args.text(of: file)))
        case "pid":
            if args.consume(.ownProcess) {
                source = .selfProcess
            } else {
                let pid = try args.number("PID")
                guard pid >= 1, pid <= UInt64(Int32.max) else {
                    throw .syntax("load pid: PID \(pid) is not a process id (1 to \(Int32.max), or self)")
                }
                source = .pid(pid)
            }
        default:
            throw .syntax("load: expected maps FILE, pid PID|self or strace FILE, not \(args.shown(kind)) (usage: \(CommandCatalog.usage(of: "load")))")
        }
        try args.finish()
        return .load(source, force: args.has(.force))
    }

    /// `load strace FILE [--pid PID]` (#15), after `load strace`.
    /// - Throws: `SyntaxError` naming what is wrong.
    /// - Complexity: O(total length of the words)
    private static func parseLoadStrace(_ args: inout Arguments) throws(ShellError) -> Command {
        let file = try args.word("FILE")
        guard !args.text(of: file).isEmpty else { throw .syntax("load strace: the file name is empty") }
        guard !args.has(.force) else { throw .syntax("load strace: no --force (every replayed map replaces what lies under it)") }
        let pid = try args.number(option: .pid, name: "PID")
        if let pid, pid < 1 || pid > UInt64(Int32.max) {
            throw .syntax("load strace: PID \(pid) is not a process id (1 to \(Int32.max))")
        }
        try args.finish()
        return .loadStrace(file: String(args.text(of: file)), pid: pid)
    }

    /// `set [page-size N | space START END | backend none|mmu | frames N | show before-after|after]`.
    /// - Throws: `SyntaxError` naming what is wrong.
    /// - Complexity: O(total length of the words)
    private static func parseSet(_ rest: ArraySlice<Token>, in line: String) throws(ShellError) -> SetSpec {
        var args = try Arguments(word: "set", line: line, tokens: rest)
        guard let key = args.optionalWord() else { return .show }
        let spec: SetSpec
        switch key.quoted ? "" : args.lowercased(key) {
        case "page-size":
            spec = .pageSize(try args.number("N"))
        case "space":
            spec = .space(try args.range(startName: "START", endName: "END"))
        case "backend":
            let value = try args.word("none|mmu")
            guard !value.quoted, let mode = BackendMode(rawValue: args.lowercased(value)) else {
                throw .syntax("set backend: bad value \(args.shown(value)): expected none or mmu")
            }
            spec = .backend(mode)
        case "frames":
            spec = .frames(try args.number("N"))
        case "show":
            let value = try args.word("before-after|after")
            switch value.quoted ? "" : args.lowercased(value) {
            case "before-after": spec = .display(beforeAfter: true)
            case "after": spec = .display(beforeAfter: false)
            default: throw .syntax("set show: bad value \(args.shown(value)): expected before-after or after")
            }
        default:
            throw .syntax("set: unknown setting \(args.shown(key)): expected page-size, space, backend, frames or show")
        }
        try args.finish()
        return spec
    }
}
