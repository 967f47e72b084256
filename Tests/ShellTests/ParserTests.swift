import MemorySetCore
import Testing
@testable import Shell

/// Parses a line holding one command.
func parse(_ line: String) -> Result<ParsedCommand, CommandFailure> {
    let segments = Lexer.segments(of: line)
    precondition(segments.count == 1 && segments[0].error == nil, "one command expected")
    return Parser.parse(segments[0])
}

@Suite struct ParserTests {
    static let rw: MappingFlags = [.read, .write]

    @Test(arguments: [
        ("map 0x1000 0x4000 rw", Command.map(RangeSpec(start: 0x1000, end: .absolute(0x4000)), rw, backend: nil, force: false)),
        ("MAP 0X1000 +4k RW --FORCE", .map(RangeSpec(start: 0x1000, end: .relative(4096)), rw, backend: nil, force: true)),
        ("map --force 0x1000 0x2000 r-x", .map(RangeSpec(start: 0x1000, end: .absolute(0x2000)), [.read, .execute], backend: nil, force: true)),
        // An option between positionals (they are then copied out of the words).
        ("map 0x1000 --force +4K rw", .map(RangeSpec(start: 0x1000, end: .relative(4096)), rw, backend: nil, force: true)),
        ("map 0x1000 +4K --label=x rw --force", .map(RangeSpec(start: 0x1000, end: .relative(4096)), rw, backend: nil, force: true, label: "x")),
        ("map 0x1000 --label \"+1\" 0x2000 --force rw", .map(RangeSpec(start: 0x1000, end: .absolute(0x2000)), rw, backend: nil, force: true, label: "+1")),
        ("map 0 4K ----", .map(RangeSpec(start: 0, end: .absolute(4096)), [], backend: nil, force: false)),
        ("map 0 4K --x", .map(RangeSpec(start: 0, end: .absolute(4096)), [.execute], backend: nil, force: false)),
        ("map 0 4K --", .map(RangeSpec(start: 0, end: .absolute(4096)), [], backend: nil, force: false)),
        ("map 0 4K - --linear 0x200000", .map(RangeSpec(start: 0, end: .absolute(4096)), [], backend: .linear(paddr: 0x200000), force: false)),
        ("map 0 4K rwxu --linear=0x200000 --force", .map(RangeSpec(start: 0, end: .absolute(4096)), [.read, .write, .execute, .user], backend: .linear(paddr: 0x200000), force: true)),
        ("map 0 4K r --alloc", .map(RangeSpec(start: 0, end: .absolute(4096)), [.read], backend: .alloc(populate: false), force: false)),
        ("map 0 4K r --alloc --populate", .map(RangeSpec(start: 0, end: .absolute(4096)), [.read], backend: .alloc(populate: true), force: false)),
        ("map 0 4K r --populate", .map(RangeSpec(start: 0, end: .absolute(4096)), [.read], backend: .alloc(populate: true), force: false)),
        ("unmap 0x2000 0x3000", .unmap(RangeSpec(start: 0x2000, end: .absolute(0x3000)))),
        ("unmap 0x2000 +0", .unmap(RangeSpec(start: 0x2000, end: .relative(0)))),
        ("protect 0x2000 0x3000 r", .protect(RangeSpec(start: 0x2000, end: .absolute(0x3000)), [.read])),
        ("find 0x2abc", .find(0x2abc)),
        ("free 8K", .free(size: 8192, hint: nil, limit: nil, align: nil)),
        ("free --align 64K 8K --hint 0x10000 --limit 0 +1M", .free(size: 8192, hint: 0x10000, limit: RangeSpec(start: 0, end: .relative(1 << 20)), align: 65536)),
        ("areas", .areas), ("Clear", .clear), ("undo", .undo), ("REDO", .redo), ("reset", .reset),
        ("stats", .stats), ("verify", .verify), ("quit", .quit), ("exit", .quit),
        ("set", .set(.show)), ("set page-size 4K", .set(.pageSize(4096))), ("SET PAGE-SIZE 0x400", .set(.pageSize(1024))),
        ("set space 0x1000 +1G", .set(.space(RangeSpec(start: 0x1000, end: .relative(1 << 30))))),
        ("set backend NONE", .set(.backend(.none))), ("set backend mmu", .set(.backend(.mmu))),
        ("set frames 1K", .set(.frames(1024))),
        ("help", .help(nil)), ("help UNMAP", .help("unmap")),
        ("source a.mset", .source("a.mset", step: false)), ("source --step a.mset", .source("a.mset", step: true)), (#"save "my file.mset""#, .save("my file.mset")),
        ("view", .view(.show)), ("view ALL", .view(.all)), ("view 0 +1M", .view(.range(RangeSpec(start: 0, end: .relative(1 << 20))))),
        ("touch 0x1000", .touch(0x1000, .read, user: false)), ("touch 0x1000 W", .touch(0x1000, .write, user: false)),
        ("touch --user 0x1000 x", .touch(0x1000, .execute, user: true)),
        ("pt 0x1000", .pt(0x1000)), ("pt dump", .ptDump(nil)), ("pt DUMP 0 +2M", .ptDump(RangeSpec(start: 0, end: .relative(2 << 20)))),
    ])
    func parsesEveryCommand(line: String, command: Command) throws {
        let parsed = try parse(line).get()
        #expect(parsed.command == command)
    }

    @Test func commandWordIsCanonical() throws {
        #expect(try parse("MaP 0 4K r").get().word == "map")
        #expect(try parse("EXIT").get().word == "exit")
        #expect(try parse("map 0 +4K r --force").get().text == "map 0 +4K r --force")
        #expect(try parse(#"save "a b""#).get().text == #"save "a b""#)
    }

    @Test(arguments: [
        // (line, command word in the failure, message fragment)
        ("mpa 0 1 r", nil, "unknown command 'mpa' (did you mean 'map'?)"),
        ("frobnicate", nil, "unknown command 'frobnicate'; type `help`"),
        (#""map" 0 1 r"#, nil, "unknown command"),
        ("map", "map", "missing START (usage: map START END FLAGS"),
        ("map 0x1000", "map", "missing END"),
        ("map 0x1000 0x2000", "map", "missing FLAGS"),
        ("map 0x1000 0x2000 rw extra", "map", "unexpected argument 'extra'"),
        ("map 0x1000 0x2000 rwz", "map", "bad flags 'rwz': 'z' is not one of r, w, x, u, '-'"),
        ("map 0x1000 0x2000 \"\"", "map", "empty FLAGS"),
        ("map 0x1z 0x2000 rw", "map", "START: bad number '0x1z': 'z' is not a hex digit"),
        ("map 0 0x10000000000000000 rw", "map", "END: bad number '0x10000000000000000': it does not fit in 64 bits"),
        ("map 0 +x rw", "map", "END (+SIZE): bad number 'x'"),
        ("map 0 + rw", "map", "END (+SIZE): empty number"),
        ("map 0 4K r --bogus", "map", "unknown option '--bogus' (options: --alloc, --force, --label, --linear, --populate)"),
        ("map 0 4K r --force --force", "map", "option --force given twice"),
        ("map 0 4K r --linear", "map", "option --linear needs a value"),
        ("map 0 4K r --linear --force", "map", "option --linear needs a value"),
        ("map 0 4K r --linear 0x1000 --alloc", "map", "--linear cannot be combined"),
        ("map 0 4K r --force=1", "map", "option --force takes no value"),
        ("map 0 4K r --linear xyz", "map", "--linear PADDR: bad number 'xyz'"),
        ("unmap 0x1000", "unmap", "missing END"),
        ("unmap 1 2 3", "unmap", "unexpected argument '3'"),
        ("unmap 1 2 --force", "unmap", "unknown option '--force' (unmap takes no options)"),
        ("protect 0 4K", "protect", "missing FLAGS"),
        ("protect 0 4K rq", "protect", "bad flags 'rq'"),
        ("find", "find", "missing ADDR"),
        ("find 1 2", "find", "unexpected argument '2'"),
        ("free", "free", "missing SIZE"),
        ("free 4K --hint", "free", "option --hint needs a value"),
        ("free 4K --limit 0", "free", "option --limit needs 2 values"),
        ("free 4K --limit=0", "free", "write --limit with separate values"),
        ("free 4K --align zz", "free", "--align N: bad number 'zz'"),
        ("areas now", "areas", "unexpected argument 'now'"),
        ("clear all", "clear", "unexpected argument 'all'"),
        ("set colour 1", "set", "unknown setting 'colour'"),
        ("set page-size", "set", "missing N"),
        ("set page-size 4K 8K", "set", "unexpected argument '8K'"),
        ("set space 0", "set", "missing END"),
        ("set backend", "set", "missing none|mmu"),
        ("set backend fast", "set", "bad value 'fast': expected none or mmu"),
        ("set frames lots", "set", "bad number 'lots'"),
        ("help mpa", "help", "unknown command 'mpa' (did you mean 'map'?)"),
        ("help map unmap", "help", "unexpected argument 'unmap'"),
        ("source", "source", "missing FILE"),
        ("save a b", "save", "unexpected argument 'b'"),
        ("save \"\"", "save", "the file name is empty"),
        ("view 0", "view", "missing END"),
        ("view all 0", "view", "unexpected argument '0'"),
        ("touch", "touch", "missing ADDR"),
        ("touch 0 rw", "touch", "bad access 'rw': expected r, w or x"),
        ("touch 0 r x", "touch", "unexpected argument 'x'"),
        ("pt", "pt", "missing ADDR"),
        ("pt dump 0", "pt", "missing END"),
        ("pt 0 1", "pt", "unexpected argument '1'"),
        ("quit now", "quit", "unexpected argument 'now'"),
        ("undo 2", "undo", "unexpected argument '2'"),
        ("stats -v", "stats", "unexpected argument '-v'"),
        ("verify --all", "verify", "unknown option '--all'"),
    ] as [(String, String?, String)])
    func rejectsWithAPreciseSyntaxError(line: String, word: String?, fragment: String) {
        switch parse(line) {
        case .success(let parsed): Issue.record("\(line) parsed as \(parsed.command)")
        case .failure(let failure):
            #expect(failure.word == word)
            #expect(failure.error.kind == .syntaxError)
            #expect(failure.error.message.contains(fragment), "\(failure.error.message)")
        }
    }

    @Test func everyCatalogCommandHasSyntaxAndExampleThatParse() throws {
        for info in CommandCatalog.all {
            #expect(!info.usage.isEmpty && !info.summary.isEmpty)
            let parsed = try parse(info.example).get()
            #expect(parsed.word == info.name)
        }
    }

    @Test func everyPrefixOfEveryExampleFailsCleanlyOrParses() {
        for info in CommandCatalog.all {
            let words = info.example.split(separator: " ")
            for n in 1...words.count {
                _ = parse(words.prefix(n).joined(separator: " "))
            }
        }
    }

    /// A command's text (shown by undo and redo) is lexed again from where its words are in
    /// the line: it is the words joined by single spaces, quoted words re-quoted, whatever
    /// the blanks, quotes, escapes, other commands and comment around them.
    @Test(arguments: [
        "map 0x1000 +4K rw --label \"a b\"",
        "  MAP\t0x1000   +4K rw  ;unmap 0x1000 +4K;  protect 0x1000 +4K r # comment",
        "map 0x1000 +4K rw --label \"q\\\"x\\\\y;#\" --force",
        "load maps \"/tmp/a b\" --force; find 0x1000",
        "save \"s p\";set backend none",
        "map 0x1000 +4K rw --label \"é ü\"\r",
    ])
    func commandTextIsItsWordsJoined(line: String) {
        var parsed = 0
        for segment in Lexer.segments(of: line) {
            guard case .success(let command) = Parser.parse(segment) else { continue }
            parsed += 1
            let expected = segment.tokens
                .map { $0.quoted ? Parser.quote($0.text(in: line)) : String($0.text(in: line)) }
                .joined(separator: " ")
            #expect(command.text == expected)
        }
        #expect(parsed > 0)
    }
}
