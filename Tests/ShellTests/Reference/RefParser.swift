// Reference for ParseEquivalenceTests: the parser as it was before issue #6 (Strings and
// Characters, dictionaries), kept verbatim except for the Ref names. The fast parser in
// Sources/Shell/Syntax must give the same results and messages for every line.

@testable import Shell

import MemorySetCore

/// Turns the words of one command into a ``ParsedCommand``.
///
/// Options (`--force`, `--hint ADDR`, `--limit START END`, also `--hint=ADDR`) may come
/// anywhere after the command word. A word starting with `--` that is valid flags (`----`,
/// `--x`) is a positional argument, not an option.
enum RefParser {
    /// Parses one command.
    /// - Complexity: O(number of words)
    static func parse(_ tokens: [RefToken]) -> Result<RefParsedCommand, CommandFailure> {
        guard let first = tokens.first else {
            return .failure(CommandFailure(word: nil, error: .syntax("empty command")))
        }
        let word = first.lowercased
        guard !first.quoted, let info = CommandCatalog.info(word) else {
            return .failure(CommandFailure(word: nil, error: .syntax(unknownCommandMessage(first))))
        }
        do {
            let command = try parseCommand(word, tokens.dropFirst(), info: info)
            return .success(RefParsedCommand(word: word, command: command, tokens: tokens))
        } catch {
            return .failure(CommandFailure(word: word, error: error))
        }
    }

    private static let mapOptions = ["--force": 0, "--linear": 1, "--alloc": 0, "--populate": 0, "--label": 1]
    private static let freeOptions = ["--hint": 1, "--limit": 2, "--align": 1]

    /// `text` in double quotes with `"` and `\` escaped.
    static func quote<S: StringProtocol>(_ text: S) -> String {
        var out = "\""
        for ch in text {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }

    static func unknownCommandMessage(_ token: RefToken) -> String {
        var message = "unknown command \(token.shown)"
        let lower = token.lowercased
        if token.text.count <= 20,
           let best = CommandCatalog.all.map({ ($0.name, editDistance(lower, $0.name)) }).min(by: { $0.1 < $1.1 }),
           best.1 <= 2, best.1 < best.0.count {
            message += " (did you mean '\(best.0)'?)"
        }
        return message + "; type `help` for the list"
    }

    /// The Levenshtein distance between two short strings.
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

    private static func parseCommand(_ word: String, _ rest: ArraySlice<RefToken>, info: CommandInfo) throws(ShellError) -> Command {
        switch word {
        case "map":
            var args = try RefArguments(word: word, tokens: rest, info: info,
                                     options: mapOptions)
            let range = try args.range(startName: "START", endName: "END")
            let flags = try args.flags()
            try args.finish()
            let force = args.has("--force")
            var backend: BackendChoice? = nil
            if let paddr = try args.number(option: "--linear", name: "PADDR") {
                if args.has("--alloc") || args.has("--populate") {
                    throw .syntax("map: --linear cannot be combined with --alloc or --populate")
                }
                backend = .linear(paddr: paddr)
            } else if args.has("--alloc") || args.has("--populate") {
                backend = .alloc(populate: args.has("--populate"))
            }
            var label: String? = nil
            if let token = args.value(option: "--label") {
                label = try checkedLabel(token)
            }
            return .map(range, flags, backend: backend, force: force, label: label)
        case "unmap":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            let range = try args.range(startName: "START", endName: "END")
            try args.finish()
            return .unmap(range)
        case "protect":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            let range = try args.range(startName: "START", endName: "END")
            let flags = try args.flags()
            try args.finish()
            return .protect(range, flags)
        case "find":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            let addr = try args.number("ADDR")
            try args.finish()
            return .find(addr)
        case "free":
            var args = try RefArguments(word: word, tokens: rest, info: info,
                                     options: freeOptions)
            let size = try args.number("SIZE")
            try args.finish()
            let hint = try args.number(option: "--hint", name: "ADDR")
            let align = try args.number(option: "--align", name: "N")
            let limit = try args.rangeOption("--limit")
            return .free(size: size, hint: hint, limit: limit, align: align)
        case "areas", "clear", "undo", "redo", "reset", "stats", "verify", "quit", "exit":
            let args = try RefArguments(word: word, tokens: rest, info: info)
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
            return .set(try parseSet(rest, info: info))
        case "help":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            let topic = args.optionalWord()
            try args.finish()
            if let topic {
                let name = topic.lowercased
                guard CommandCatalog.info(name) != nil else {
                    throw .syntax("help: " + unknownCommandMessage(topic))
                }
                return .help(name)
            }
            return .help(nil)
        case "load":
            var args = try RefArguments(word: word, tokens: rest, info: info, options: ["--force": 0])
            let kind = try args.word("maps|pid")
            let source: LoadSource
            switch kind.quoted ? "" : kind.lowercased {
            case "maps":
                let file = try args.word("FILE")
                guard !file.text.isEmpty else { throw .syntax("load maps: the file name is empty") }
                source = .file(String(file.text))
            case "pid":
                if args.peekKeyword() == "self" {
                    _ = args.optionalWord()
                    source = .selfProcess
                } else {
                    let pid = try args.number("PID")
                    guard pid >= 1, pid <= UInt64(Int32.max) else {
                        throw .syntax("load pid: PID \(pid) is not a process id (1 to \(Int32.max), or self)")
                    }
                    source = .pid(pid)
                }
            default:
                throw .syntax("load: expected maps FILE or pid PID|self, not \(kind.shown) (usage: \(info.usage))")
            }
            try args.finish()
            return .load(source, force: args.has("--force"))
        case "export":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            let kind = try args.word("maps")
            guard !kind.quoted, kind.lowercased == "maps" else {
                throw .syntax("export: unknown format \(kind.shown): expected maps (usage: \(info.usage))")
            }
            let file = args.optionalWord()
            try args.finish()
            if let file, file.text.isEmpty { throw .syntax("export maps: the file name is empty") }
            return .export(file.map { String($0.text) })
        case "source", "save":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            let file = try args.word("FILE")
            try args.finish()
            guard !file.text.isEmpty else { throw .syntax("\(word): the file name is empty") }
            return word == "source" ? .source(String(file.text)) : .save(String(file.text))
        case "view":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            if args.isEmpty { return .view(.show) }
            if args.peekKeyword() == "all" {
                _ = args.optionalWord()
                try args.finish()
                return .view(.all)
            }
            let range = try args.range(startName: "START", endName: "END")
            try args.finish()
            return .view(.range(range))
        case "touch":
            var args = try RefArguments(word: word, tokens: rest, info: info, options: ["--user": 0])
            let addr = try args.number("ADDR")
            var access = AccessKind.read
            if let token = args.optionalWord() {
                guard !token.quoted, let kind = AccessKind(rawValue: token.lowercased) else {
                    throw .syntax("touch: bad access \(token.shown): expected r, w or x")
                }
                access = kind
            }
            try args.finish()
            return .touch(addr, access, user: args.has("--user"))
        case "pt":
            var args = try RefArguments(word: word, tokens: rest, info: info)
            if args.peekKeyword() == "dump" {
                _ = args.optionalWord()
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

    /// A `--label` value: not empty, no control character (it is written on one line of
    /// session and maps files).
    private static func checkedLabel(_ token: RefToken) throws(ShellError) -> String {
        guard !token.text.isEmpty else { throw .syntax("map: --label NAME is empty") }
        guard !token.text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw .syntax("map: --label \(token.shown) holds a control character")
        }
        guard token.text.first != " ", token.text.last != " " else {
            throw .syntax("map: --label \(token.shown) starts or ends with a blank")
        }
        return String(token.text)
    }

    private static func parseSet(_ rest: ArraySlice<RefToken>, info: CommandInfo) throws(ShellError) -> SetSpec {
        var args = try RefArguments(word: "set", tokens: rest, info: info)
        guard let key = args.optionalWord() else { return .show }
        let spec: SetSpec
        switch key.quoted ? "" : key.lowercased {
        case "page-size":
            spec = .pageSize(try args.number("N"))
        case "space":
            spec = .space(try args.range(startName: "START", endName: "END"))
        case "backend":
            let value = try args.word("none|mmu")
            guard !value.quoted, let mode = BackendMode(rawValue: value.lowercased) else {
                throw .syntax("set backend: bad value \(value.shown): expected none or mmu")
            }
            spec = .backend(mode)
        case "frames":
            spec = .frames(try args.number("N"))
        default:
            throw .syntax("set: unknown setting \(key.shown): expected page-size, space, backend or frames")
        }
        try args.finish()
        return spec
    }
}

/// `ParsedCommand` of the reference: the command word, the command and the words (for ``text``).
struct RefParsedCommand {
    var word: String
    var command: Command
    var tokens: [RefToken]

    /// The command's words joined by single spaces (quoted words re-quoted).
    var text: String {
        tokens.map { $0.quoted ? RefParser.quote($0.text) : String($0.text) }.joined(separator: " ")
    }
}
