import Testing
@testable import Shell
import TestSupport

/// Random command lines: well-formed commands of every kind, then mutated (case, non-ASCII
/// and combining characters, Kelvin sign, `\r`, quotes, `=`, `#`, `;`, `+`, `_`, `-`…).
struct LineGenerator {
    /// The seeded generator (SplitMix64, from PerformanceTests).
    var rng: SplitMix64

    static let words = CommandCatalog.all.map(\.name) + ["MAP", "Unmap", "mpa", "ma", "PT", "fïnd", "\u{212A}", "sEt"]
    static let numbers = [
        "0x1000", "0X1F000", "4096", "4K", "4k", "+4K", "+0x1000", "+0", "0b101", "0B11", "1_000", "0x_ff", "_1",
        "-1", "0x", "0b", "99999999999999999999", "0xffffffffffffffff", "0x10000000000000000", "+", "+\u{301}5",
        "1é", "1KK", "1K2", "0x1z", "00", "+-1", "17179869184G", "1T", "2m", "0x1G", "+_1", "++1", "\u{FF11}",
        "0x44cb000", "+0x4000", "0xe623000", "8K", "64K", "1M", "0", "1",
    ]
    static let flags = ["r", "rw", "rwx", "RWXU", "-", "----", "--x", "--", "rwz", "r\u{301}", "\"\"", "\"rw\"", "rwu", "R-X"]
    static let options = [
        "--force", "--FORCE", "--Force", "--linear", "--linear=0x2000", "--LINEAR=1", "--alloc", "--populate",
        "--label", "--label=x", "--label=\"a b\"", "--hint", "--hint=0x1000", "--limit", "--limit=0", "--align",
        "--align=64K", "--user", "--bogus", "--force=1", "--=", "--", "--fo\u{212A}", "--forc\u{0065}\u{301}",
        "--\u{212A}", "\u{2014}force", "--force=\u{301}", "--hint=\u{301}1", "--limi\u{0301}t", "--all", "--r",
        "--=x", "--force=", "--populate=1",
    ]
    static let keywords = [
        "page-size", "PAGE-SIZE", "space", "backend", "BAC\u{212A}END", "bac\u{212A}end", "frames", "none", "NONE",
        "mmu", "MMU", "maps", "MAPS", "pid", "self", "SELF", "all", "ALL", "dump", "Dump", "r", "w", "x", "W", "rw",
        "colour", "dum\u{212A}", "\u{130}", "self\u{301}",
    ]
    static let strings = [
        "\"a b\"", "\"x;y#z\"", "\"unterminated", "\"a\\\"b\"", "\"\"", "\"é\"", "\"a\r\nb\"", "\"map\"", "\"\\q\"",
        "\"+4K\"", "\" lead\"", "\"trail \"", "\"tab\tin\"", "\"\u{1}\"",
    ]
    static let junk: [Unicode.Scalar] = [
        "é", "\u{301}", "\u{130}", "ß", "\u{1F642}", "\r", "\n", "\t", "=", "#", ";", "\\", "\"", "\u{0}", "\u{7f}",
        "\u{85}", "\u{212A}", "+", "-", "_", " ", "x", "K", "0", "\u{FFFD}", "\u{200D}", "\u{A0}",
    ]

    mutating func pick<T>(_ array: [T]) -> T { array[Int(rng.next() % UInt64(array.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    /// A well-formed-looking command: a command word, then arguments of the kinds it takes.
    mutating func command() -> String {
        let word = pick(Self.words)
        var parts = [word]
        let count = Int(rng.next() % 6)
        for _ in 0..<count {
            switch rng.next() % 10 {
            case 0...3: parts.append(pick(Self.numbers))
            case 4: parts.append(pick(Self.flags))
            case 5, 6: parts.append(pick(Self.options))
            case 7, 8: parts.append(pick(Self.keywords))
            default: parts.append(pick(Self.strings))
            }
        }
        return parts.joined(separator: chance(90) ? " " : pick([" ", "  ", "\t", " \u{b} "]))
    }

    /// A line: one or more commands, maybe a comment, then scalar mutations.
    mutating func line() -> String {
        var commands = [command()]
        while chance(15) { commands.append(command()) }
        var line = commands.joined(separator: pick([";", " ; ", ";;", "; "]))
        if chance(5) { line += " # " + command() }
        var scalars = Array(line.unicodeScalars)
        let mutations = chance(50) ? 0 : Int(rng.next() % 4)
        for _ in 0..<mutations where !scalars.isEmpty {
            let at = Int(rng.next() % UInt64(scalars.count + 1))
            switch rng.next() % 4 {
            case 0: scalars.insert(pick(Self.junk), at: at)
            case 1: if at < scalars.count { scalars.remove(at: at) }
            case 2:
                if at < scalars.count, scalars[at].isASCII {
                    let flipped = UInt8(scalars[at].value) ^ 0x20
                    scalars[at] = Unicode.Scalar(flipped)
                }
            default: if at < scalars.count { scalars.insert(scalars[at], at: at) }
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}

@Suite struct ParseEquivalenceTests {
    /// What the reference parser (before issue #6) makes of each command of `line`.
    static func reference(_ line: String) -> [String] {
        RefLexer.segments(of: line).map { segment in
            if let error = segment.error {
                let word = segment.tokens.first.flatMap { $0.quoted ? nil : $0.lowercased }
                    .flatMap { CommandCatalog.info($0) != nil ? $0 : nil }
                return describe(word: word, error)
            }
            switch RefParser.parse(segment.tokens) {
            case .success(let parsed): return "ok \(parsed.word) \(parsed.command) text=\(parsed.text)"
            case .failure(let failure): return describe(word: failure.word, failure.error)
            }
        }
    }

    /// What the parser makes of each command of `line`, as `Shell.run` calls it.
    static func fast(_ line: String) -> [String] {
        Lexer.Segments(line).map { segment in
            switch Parser.parse(segment) {
            case .success(let parsed): return "ok \(parsed.word) \(parsed.command) text=\(parsed.text)"
            case .failure(let failure): return describe(word: failure.word, failure.error)
            }
        }
    }

    static func describe(word: String?, _ error: ShellError) -> String {
        "error \(word ?? "-") \(error.kind.rawValue): \(error.message)"
    }

    static func expectSame(_ lines: some Sequence<String>) {
        var mismatches = 0
        for line in lines {
            let expected = reference(line), got = fast(line)
            if expected != got {
                mismatches += 1
                Issue.record("\(String(reflecting: line)):\n  reference \(expected)\n  fast      \(got)")
                if mismatches == 10 { return }
            }
        }
    }

    @Test func randomLinesParseAsTheReferenceDoes() {
        var generator = LineGenerator(rng: SplitMix64(state: 6))
        Self.expectSame((0..<20_000).lazy.map { _ in generator.line() })
    }

    @Test func typicalSessionLinesParseAsTheReferenceDoes() {
        Self.expectSame([
            "map 0x44cb000 +0x1000 rwx --force", "unmap 0xe623000 +0x4000", "protect 0x936c000 +0x1000 r",
            "find 0x4dd0a12", "map 0 4K r --linear 0x200000 --label \"my area\"", "free 64K --hint 0x10000 --align 64K",
            "free 4K --limit 0 +1M", "set backend MMU", "load pid self --force", "pt dump", "view all", "touch 0x1000 w --user",
            "help unmap", "export maps", "save \"a b.mset\"", "MAP 0X1000 +4k RW --FORCE; unmap 0x1000 +4K # done",
        ])
    }

    @Test func everyPrefixOfEveryCatalogExampleParsesAsTheReferenceDoes() {
        var lines: [String] = []
        for info in CommandCatalog.all {
            let scalars = Array(info.example.unicodeScalars)
            for n in 0...scalars.count {
                var line = ""
                line.unicodeScalars.append(contentsOf: scalars.prefix(n))
                lines.append(line)
                lines.append(line.uppercased())
            }
        }
        Self.expectSame(lines)
    }

    /// The generator must reach the paths it is meant to test: options, `+SIZE`, non-ASCII
    /// words, quoted strings, several commands, lexer errors, and successes of every kind.
    @Test func generatedLinesCoverTheLanguage() {
        var generator = LineGenerator(rng: SplitMix64(state: 6))
        var successes = Set<String>(), nonASCII = 0, unterminated = 0, multi = 0
        for _ in 0..<20_000 {
            let line = generator.line()
            let outcomes = Self.fast(line)
            if outcomes.count > 1 { multi += 1 }
            if !line.utf8.allSatisfy({ $0 < 0x80 }) { nonASCII += 1 }
            for outcome in outcomes {
                if outcome.hasPrefix("ok ") { successes.insert(String(outcome.split(separator: " ")[1])) }
                if outcome.contains("unterminated") { unterminated += 1 }
            }
        }
        #expect(successes.count >= 15, "\(successes.sorted())")
        #expect(nonASCII > 1000 && unterminated > 100 && multi > 1000)
    }
}
