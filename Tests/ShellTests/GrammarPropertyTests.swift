import MemorySetCore
import Testing
@testable import Shell
import TestSupport

/// Commands generated from the grammar of the catalog's syntax lines, each with the parse it
/// must give, and mutations of them that must fail. The generator writes numbers, flags,
/// options, quotes, case and separators the ways the language allows, and knows what they
/// mean without calling the parser's code: an independent check of the parser.
struct GrammarGenerator {
    var rng: SplitMix64

    /// A positional as written: its slot when it is a number (`START`), and the name that
    /// `missing NAME` reports when it and the positionals after it are left out.
    struct Word { var text: String, slot: String? = nil, missing: String? = nil }

    /// An option as written (name cased), with its values and their slots (`--hint ADDR`).
    struct Option {
        var name: String, values: [String] = [], slots: [String] = [], inline = false
        var words: [String] { inline ? [name + "=" + values[0]] : [name] + values }
    }

    /// A command as written (options go anywhere among the positionals, `trailing` last),
    /// the command it means, and whether every optional positional is there.
    struct Generated {
        var name: String, positionals: [Word] = [], options: [Option] = [], trailing: [String] = []
        var command = Command.areas, full = true
    }

    mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `text` with each ASCII letter's case picked at random.
    mutating func cased(_ text: String) -> String {
        String(text.map { $0.isLetter && $0.isASCII && chance(50) ? Character($0.uppercased()) : $0 })
    }

    /// A keyword as a user may write it: any case, `k` maybe a Kelvin sign (U+212A).
    mutating func keyword(_ text: String) -> String {
        String(cased(text).map { $0 == "k" && chance(30) ? "\u{212A}" : $0 })
    }

    /// A value: small, page-aligned, or anywhere in 64 bits.
    mutating func value() -> UInt64 {
        switch below(4) {
        case 0: UInt64(below(5000))
        case 1: UInt64(below(1 << 20)) << 12
        case 2: rng.next() >> UInt64(below(64))
        default: .max << UInt64(below(64))  // all ones, then zeros: the edge of each suffix
        }
    }

    /// `value` in one of its accepted forms: decimal, `0x`, `0b` (either case, digits
    /// either case, leading zeros), `_` between digits (after the prefix too), and a `K`,
    /// `M`, `G` or `T` suffix (either case) when it divides the value.
    mutating func written(_ value: UInt64) -> String {
        let (shift, letter) = pick([(10, "k"), (20, "m"), (30, "g"), (40, "t")])
        let scaled = value.trailingZeroBitCount >= shift && chance(50)
        let mantissa = scaled ? value >> UInt64(shift) : value, suffix = scaled ? cased(letter) : ""
        let (radix, prefix) = pick([(10, ""), (16, "0x"), (2, "0b")])
        let digits = String(repeating: "0", count: chance(20) ? below(3) : 0)
            + String(mantissa, radix: radix, uppercase: chance(50))
        return cased(prefix) + digits.enumerated().map { i, digit in
            ((i > 0 || radix != 10) && chance(10) ? "_" : "") + String(digit)
        }.joined() + suffix
    }

    /// A word sometimes quoted (a quoted number or flags reads the same).
    mutating func maybeQuoted(_ text: String) -> String { chance(10) ? "\"" + text + "\"" : text }

    /// A file name or label, unquoted or quoted (with blanks, `;`, `#` and escapes), and its text.
    mutating func name() -> (written: String, text: String) {
        var text = pick(["a", "x.mset", "é", "Z9"])
        for _ in 0..<below(5) { text += pick(["b", ".", "_", "é", "/"]) }
        guard chance(50) else { return (text, text) }
        for _ in 0..<below(4) { text += pick([" ", ";", "#", "\"", "\\", "q"]) }
        text += "z"
        let escaped = text.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : String($0) }.joined()
        return ("\"" + escaped + "\"", text)
    }

    /// A positional number for `slot`.
    mutating func number(_ g: inout Generated, _ slot: String, missing: String?) -> UInt64 {
        let v = value()
        g.positionals.append(Word(text: maybeQuoted(written(v)), slot: slot, missing: missing))
        return v
    }

    /// `START END`, END maybe `+SIZE`.
    mutating func range(_ g: inout Generated, startMissing: String? = "START") -> RangeSpec {
        let start = number(&g, "START", missing: startMissing)
        let end = value(), relative = chance(50)
        g.positionals.append(Word(text: maybeQuoted((relative ? "+" : "") + written(end)), slot: "END", missing: "END"))
        return RangeSpec(start: start, end: relative ? .relative(end) : .absolute(end))
    }

    /// FLAGS: `r`, `w`, `x`, `u`, `-` in any order and case (`--x` and `----` included).
    mutating func flags(_ g: inout Generated) -> MappingFlags {
        let letters = (0...below(4)).map { _ in pick(["r", "w", "x", "u", "-"]) }
        g.positionals.append(Word(text: maybeQuoted(cased(letters.joined())), missing: "FLAGS"))
        return MappingFlags(letters.compactMap { ["r": .read, "w": .write, "x": .execute, "u": .user][$0] })
    }

    /// Whether the option `name`, which takes no value, is given.
    mutating func flag(_ g: inout Generated, _ name: String) -> Bool {
        guard chance(50) else { return false }
        g.options.append(Option(name: cased(name)))
        return true
    }

    /// The option `name` with numbers for `slots` (`--hint 0x1000`, `--hint=0x1000`).
    mutating func option(_ g: inout Generated, _ name: String, _ slots: [String]) -> [UInt64] {
        let values = slots.map { _ in value() }
        g.options.append(Option(name: cased(name), values: values.map { written($0) },
                                slots: slots.map { "\(name) \($0)" }, inline: slots.count == 1 && chance(30)))
        return values
    }

    /// A command of the catalog, as a user may write it, with what it means.
    mutating func command(_ name: String) -> Generated {
        var g = Generated(name: name)
        switch name {
        case "map":
            let range = range(&g), flags = flags(&g)
            let populate = flag(&g, "--populate"), alloc = flag(&g, "--alloc") || populate
            let backend: BackendChoice? = alloc ? .alloc(populate: populate)
                : chance(30) ? .linear(paddr: option(&g, "--linear", ["PADDR"])[0]) : nil
            let force = flag(&g, "--force"), label = chance(30) ? self.name() : nil
            if let label { g.options.append(Option(name: cased("--label"), values: [label.written], inline: label.written == label.text && chance(30))) }
            g.command = .map(range, flags, backend: backend, force: force, label: label?.text)
        case "unmap": g.command = .unmap(range(&g))
        case "protect": g.command = .protect(range(&g), flags(&g))
        case "find": g.command = .find(number(&g, "ADDR", missing: "ADDR"))
        case "free":
            let size = number(&g, "SIZE", missing: "SIZE"), hint = chance(50) ? option(&g, "--hint", ["ADDR"])[0] : nil
            let limit = chance(50) ? option(&g, "--limit", ["START", "END"]) : nil
            let align = chance(50) ? option(&g, "--align", ["N"])[0] : nil
            g.command = .free(size: size, hint: hint, limit: limit.map { RangeSpec(start: $0[0], end: .absolute($0[1])) }, align: align)
        case "set":
            let key = below(5), mode = pick(BackendMode.allCases)
            if key < 4 { g.positionals.append(Word(text: keyword(["page-size", "space", "backend", "frames"][key]))) }
            if key == 2 { g.positionals.append(Word(text: keyword(mode.rawValue), missing: "none|mmu")) }
            switch key {
            case 0: g.command = .set(.pageSize(number(&g, "N", missing: "N")))
            case 1: g.command = .set(.space(range(&g)))
            case 2: g.command = .set(.backend(mode))
            case 3: g.command = .set(.frames(number(&g, "N", missing: "N")))
            default: (g.full, g.command) = (false, .set(.show))
            }
        case "touch":
            let addr = number(&g, "ADDR", missing: "ADDR")
            let access = chance(50) ? pick(AccessKind.allCases) : nil
            if let access { g.positionals.append(Word(text: keyword(access.rawValue))) }
            (g.full, g.command) = (access != nil, .touch(addr, access ?? .read, user: flag(&g, "--user")))
        case "pt":
            if chance(50) { g.command = .pt(number(&g, "ADDR", missing: "ADDR")); break }
            g.positionals.append(Word(text: keyword("dump"), missing: "ADDR"))
            g.full = chance(50)
            g.command = .ptDump(g.full ? range(&g, startMissing: nil) : nil)
        case "view":
            switch below(3) {
            case 0: (g.full, g.command) = (false, .view(.show))
            case 1: g.positionals.append(Word(text: keyword("all"))); g.command = .view(.all)
            default: g.command = .view(.range(range(&g, startMissing: nil)))
            }
        case "source", "save":
            let file = self.name()
            g.positionals.append(Word(text: file.written, missing: "FILE"))
            g.command = name == "source" ? .source(file.text, step: flag(&g, "--step")) : .save(file.text)
        case "export":
            g.positionals.append(Word(text: keyword("maps"), missing: "maps|svg"))
            let file = chance(50) ? self.name() : nil
            if let file { g.positionals.append(Word(text: file.written)) }
            (g.full, g.command) = (file != nil, .export(file?.text))
        case "load":
            let file = self.name(), pid = chance(50) ? UInt64(below(Int(Int32.max))) + 1 : nil, maps = chance(50)
            g.positionals = [Word(text: keyword(maps ? "maps" : "pid"), missing: "maps|pid"), maps ? Word(text: file.written, missing: "FILE")
                             : pid.map { Word(text: written($0), slot: "PID", missing: "PID") } ?? Word(text: keyword("self"), missing: "PID")]
            g.command = .load(maps ? .file(file.text) : pid.map { .pid($0) } ?? .selfProcess, force: flag(&g, "--force"))
        case "help":
            let topic = chance(50) ? pick(CommandCatalog.all).name : nil
            if let topic { g.positionals.append(Word(text: keyword(topic))) }
            (g.full, g.command) = (topic != nil, .help(topic))
        case "areas", "clear", "undo", "redo", "reset", "stats", "verify", "quit", "exit":
            g.command = ["areas": .areas, "clear": .clear, "undo": .undo, "redo": .redo, "reset": .reset,
                         "stats": .stats, "verify": .verify][name] ?? .quit
        default:
            Issue.record("no grammar for the catalog's command \(name)")
        }
        return g
    }

    /// The words of `g`: the command word, then the options placed anywhere among the positionals.
    mutating func words(_ g: Generated) -> [String] {
        var groups = g.positionals.map { [$0.text] }
        for option in g.options { groups.insert(option.words, at: below(groups.count + 1)) }
        return [keyword(g.name)] + groups.flatMap { $0 } + g.trailing
    }

    /// A line holding `commands` (their words), with blanks of every kind, `;` and maybe a comment.
    mutating func line(_ commands: [[String]]) -> String {
        var line = pick(["", " ", ";", "\t; "])
        for (i, words) in commands.enumerated() {
            if i > 0 { line += pick([";", " ; ", ";;", "; "]) }
            for (k, word) in words.enumerated() { line += (k == 0 ? "" : pick([" ", "  ", "\t", " \u{b}", "\u{c} ", "\r", "\n"])) + word }
        }
        return line + (chance(20) ? pick(["#", " # map \"", "#;areas"]) : "")
    }

    /// `g` broken in one way that applies to it, and a fragment of the error it must give.
    mutating func mutated(_ g: Generated) -> (Generated, way: String, fragment: String) {
        var g = g
        let missing = g.positionals.indices.filter { g.positionals[$0].missing != nil }
        let numbers = g.positionals.indices.filter { g.positionals[$0].slot != nil }.map { ($0, -1) }
            + g.options.indices.flatMap { o in g.options[o].slots.indices.map { (o, $0) } }
        let flags = g.positionals.firstIndex { $0.missing == "FLAGS" }, valued = g.options.firstIndex { !$0.values.isEmpty }
        let way = pick(zip(["unknown option", "unexpected argument", "missing", "bad number", "bad flags", "given twice", "needs"],
                           [true, g.full, !missing.isEmpty, !numbers.isEmpty, flags != nil, !g.options.isEmpty, valued != nil])
                       .filter { $0.1 }.map { $0.0 })
        switch way {
        case "unknown option": g.options.append(Option(name: cased("--bogus")))
        case "unexpected argument": g.positionals.append(Word(text: pick(["zz", "7", "\"a b\"", "rw"])))
        case "missing":
            let i = pick(missing), name = g.positionals[i].missing!
            g.positionals.removeSubrange(i...)
            return (g, way, "missing " + name)
        case "bad number":
            let (i, k) = pick(numbers), bad = pick(["0x1z", "12q", "-1", "0b2", "1KK", "0x", "99999999999999999999", "0x1_0000_0000_0000_0000", "_1", "1é"])
            if k < 0 { g.positionals[i].text = bad } else { g.options[i].values[k] = bad }
            return (g, way, (k < 0 ? g.positionals[i].slot! : g.options[i].slots[k]) + ": bad number")
        case "bad flags": g.positionals[flags!].text = pick(["rwz", "q", "R-Y", "x1"])
        case "given twice":
            g.options.append(pick(g.options))
            return (g, way, "option \(g.options.last!.name.lowercased()) given twice")
        default:
            g.trailing = [g.options.remove(at: valued!).name]
            return (g, way, "option \(g.trailing[0].lowercased()) needs")
        }
        return (g, way, way)
    }
}

@Suite struct GrammarPropertyTests {
    /// What the parser makes of each command of `line`, as the shell calls it.
    static func parse(_ line: String) -> [String] {
        Lexer.Segments(line).map { segment in
            switch Parser.parse(segment) {
            case .success(let parsed): "\(parsed.word) \(parsed.command) \(parsed.text)"
            case .failure(let failure): "error \(failure.word ?? "-") \(failure.error.kind.rawValue): \(failure.error.message)"
            }
        }
    }

    /// Every catalog command once, then random ones.
    static func name(_ n: Int, _ gen: inout GrammarGenerator) -> String {
        n < CommandCatalog.all.count ? CommandCatalog.all[n].name : gen.pick(CommandCatalog.all).name
    }

    @Test func everyGeneratedLineParsesToItsCommands() {
        var gen = GrammarGenerator(rng: SplitMix64(state: 12)), wrong = 0
        for n in 0..<20_000 where wrong < 10 {
            let commands = (0...gen.below(3)).map { k in gen.command(Self.name(k == 0 ? n : .max, &gen)) }
            let words = commands.map { gen.words($0) }, line = gen.line(words), got = Self.parse(line)
            let expected = zip(commands, words).map { "\($0.name) \($0.command) \($1.joined(separator: " "))" }
            if got != expected {
                wrong += 1
                Issue.record("\(String(reflecting: line)): expected \(expected), got \(got)")
            }
        }
    }

    @Test func everyMutatedCommandFailsNamingItsCommand() {
        var gen = GrammarGenerator(rng: SplitMix64(state: 13)), wrong = 0, ways = Set<String>()
        for n in 0..<20_000 where wrong < 10 {
            let (mutated, way, fragment) = gen.mutated(gen.command(Self.name(n, &gen)))
            ways.insert(way)
            let line = gen.line([gen.words(mutated)]), got = Self.parse(line)
            if got.count != 1 || !got[0].hasPrefix("error \(mutated.name) SyntaxError: \(mutated.name)") || !got[0].contains(fragment) {
                wrong += 1
                Issue.record("\(String(reflecting: line)) (\(way)): expected \(fragment), got \(got)")
            }
        }
        #expect(ways.count == 7, "\(ways.sorted())")
    }

    @Test func parsingNeverTrapsOnRandomBytes() {
        var gen = GrammarGenerator(rng: SplitMix64(state: 14))
        for _ in 0..<20_000 {
            var bytes = Array(gen.line([gen.words(gen.command(Self.name(.max, &gen)))]).utf8)
            if gen.chance(30) { bytes = (0..<gen.below(80)).map { _ in UInt8(truncatingIfNeeded: gen.rng.next()) } }
            for _ in 0..<gen.below(4) where !bytes.isEmpty {
                bytes[gen.below(bytes.count)] = gen.pick(Array(" \t;#\"\\=+-_0xK\u{7f}".utf8) + [0x80, 0xC3, 0xE2, 0xFF])
            }
            for outcome in Self.parse(String(decoding: bytes, as: UTF8.self)) where outcome.hasPrefix("error ") {
                #expect(outcome.contains(" SyntaxError: "))
            }
        }
    }
}
