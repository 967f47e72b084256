import MemorySetCore
import Testing
@testable import Shell
import TestSupport

/// ``Parser/fastLine(_:)``: the usual one-command lines read without the lexer, exactly as
/// the general way reads them; every other line left to the general way.
@Suite struct FastLineTests {
    /// Lines the fast way reads.
    @Test(arguments: [
        "map 0x1000 +0x2000 rw",
        "map 0x44cb000 +0x1000 rwx --force",
        "  map\t0x1000   0x4000 r-x  \r",
        "map 0 4K ----",
        "map 0 4K --x",
        "map 0 4K -- --force",
        "unmap 0xe623000 +0x4000",
        "unmap 4096 8192",
        "protect 0x1000 +4K r",
        "protect 0x1000 0x3000 rwxu",
        "find 0x1234",
        "find 42",
    ])
    func readsUsualLines(_ line: String) throws {
        let fast = try #require(Parser.fastLine(line))
        let general = try parse(line).get()
        #expect(fast == general)
        #expect(fast.text == general.text)
        // From the line's bytes: the same command, its text made from them.
        var bytes = Array(line.utf8)
        let fromBytes = try #require(bytes.withUnsafeBufferPointer { bytes in
            (try? Parser.fastLine(utf8: bytes)).map { ($0, $0.text, $0.line) }
        })
        #expect(fromBytes.0.word == general.word && fromBytes.0.command == general.command)
        #expect(fromBytes.0.span == general.span)
        #expect(fromBytes.1 == general.text && fromBytes.2 == String(decoding: line.utf8.prefix(general.span.upperBound), as: UTF8.self))
        bytes.removeAll()
    }

    /// The packed keys of the words the fast way knows are those words, whether packed by one
    /// load (more bytes follow) or byte by byte (the word ends the line).
    @Test func keysSpellTheirWords() {
        typealias Key = Parser.FastWords.Key
        for (word, key) in [("map", Key.map), ("find", Key.find), ("unmap", Key.unmap), ("protect", Key.protect),
                            ("--force", Key.force)] {
            for line in [word, word + " 0x1000 +4K", "  " + word] {
                let packed = Array(line.utf8).withUnsafeBufferPointer { bytes in
                    let start = line.utf8.prefix(while: { $0 == 0x20 }).count
                    return Parser.FastWords.packed(bytes, start..<(start + word.utf8.count))
                }
                #expect(packed == key, "\(line)")
            }
        }
        // A NUL byte is part of a word: `map\0` is not `map`.
        #expect(Parser.fastLine("map\u{0} 0x1000 +4K rw") == nil)
    }

    /// Random lines of the usual commands, their numbers and flags words drawn near the edges
    /// of what the fast way reads (hex of 0 to 20 digits, either case, a suffix, an
    /// underscore, a byte beyond ASCII; flags of letters, `-` and others): whatever the fast
    /// way reads, the general way reads the same; plain `0x` numbers of at most 16 digits and
    /// flags of `rwxu-` are read the fast way.
    @Test(arguments: 0..<4)
    func randomLinesReadAsTheGeneralWay(seed: UInt64) throws {
        var rng = SplitMix64(state: 0xfa57 &+ seed)
        let hexDigits = Array("0123456789abcdefABCDEF")
        func number(_ plain: inout Bool) -> String {
            var word = Bool.random(using: &rng) ? "0x" : ["0X", "0", "1", "+"].randomElement(using: &rng)!
            let count = Int.random(in: 0...20, using: &rng)
            for _ in 0..<count { word.append(hexDigits.randomElement(using: &rng)!) }
            plain = plain && word.hasPrefix("0x") && (1...16).contains(count)
            if Int.random(in: 0..<4, using: &rng) == 0 {
                word += ["_1", "k", "G", "z", "é", "-", ";"].randomElement(using: &rng)!
                plain = false
            }
            return word
        }
        func flags(_ plain: inout Bool) -> String {
            let letters = Array("rwxuRWXU-rw")
            var word = String((0..<Int.random(in: 1...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
            if Int.random(in: 0..<4, using: &rng) == 0 {
                word += ["q", "!", "é", "\r"].randomElement(using: &rng)!
                plain = false
            }
            return word
        }
        var readFast = 0
        for _ in 0..<3000 {
            var plain = true
            let start = number(&plain)
            var end = number(&plain)
            if Bool.random(using: &rng), end.hasPrefix("0x") { end = "+" + end }
            let line: String
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: line = "find \(start)"
            case 1: line = "unmap \(start) \(end)"
            case 2: line = "protect \(start) \(end) \(flags(&plain))"
            default: line = "map \(start)  \(end)\t\(flags(&plain))" + (Bool.random(using: &rng) ? " --force" : "")
            }
            let fast = Parser.fastLine(line)
            let fromBytes = Array(line.utf8).withUnsafeBufferPointer { try? Parser.fastLine(utf8: $0) }
            #expect(fromBytes?.command == fast?.command, "\(line)")
            if let fast {
                readFast += 1
                let general = try parse(line).get()
                #expect(fast == general, "\(line)")
            } else if plain && start.hasPrefix("0x") {
                Issue.record("not read the fast way: \(line)")
            }
        }
        #expect(readFast > 300)
    }

    /// The eight-byte reading of hex digits counts and reads them as byte by byte would.
    @Test func leadingHexDigitsAsByteByByte() {
        var rng = SplitMix64(state: 8)
        let alphabet: [UInt8] = Array("0123456789abcdefABCDEF/:@G`g xX_+".utf8) + [0x00, 0x7f, 0x80, 0xc3, 0xff]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in alphabet.randomElement(using: &rng)! }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            let got = Parser.FastWords.leadingHexDigits(word)
            if bytes.contains(where: { $0 >= 0x80 }) {
                #expect(got == nil)
                continue
            }
            var count = 0, value: UInt64 = 0
            for b in bytes {
                guard let d = UInt8(ascii: "0")...UInt8(ascii: "9") ~= b ? b - 0x30 :
                    (UInt8(ascii: "a")...UInt8(ascii: "f") ~= b | 0x20 ? (b | 0x20) - 0x57 : nil) else { break }
                value = value << 4 | UInt64(d)
                count += 1
            }
            #expect(got?.count == count && got?.value == value, "\(bytes)")
        }
    }

    /// Every ASCII byte between the words: the lexer's blanks (but `\n`) separate them the
    /// fast way too; any other byte leaves the line to the general way.
    @Test func everyByteBetweenTheWords() throws {
        for byte in UInt8(0)..<0x80 {
            for line in ["find" + String(UnicodeScalar(byte)) + "0x10", "map 0x1000 +0x1000" + String(UnicodeScalar(byte)) + "rw"] {
                let blank = [0x20, 0x09, 0x0b, 0x0c, 0x0d].contains(byte)
                let fast = Parser.fastLine(line)
                #expect((fast != nil) == blank, "\(byte)")
                if let fast { #expect(fast == (try parse(line).get())) }
            }
        }
    }

    /// Lines left to the general way (which reads or refuses them).
    @Test(arguments: [
        "", "   ", "# comment", "map 0x1000 +4K rw # note", "map 0x1000 +4K rw; find 0x1000",
        "MAP 0x1000 +4K rw", "map 0x1000 +4K rw --FORCE", "map 0x1000 +4K rw --force --force",
        "map 0x1000 +4K", "map 0x1000 +4K rw --alloc", "map 0x1000 +4K \"rw\"", "map 0x1000 + rw",
        "map 0x1000 +4K rwq", "map x1000 +4K rw", "map 0x1000 0xzz rw", "unmap 0x1000", "unmap 0x1000 +4K r",
        "protect 0x1000 +4K", "find", "find 0x1000 0x2000", "find é", "areas", "view 0x1000 +4K",
        "map 0x1000 +4K --force rw", "find 0x1000\n", "map 0 4K r\nfind 0", "\nfind 0",
    ])
    func leavesOtherLines(_ line: String) {
        #expect(Parser.fastLine(line) == nil)
        #expect(Array(line.utf8).withUnsafeBufferPointer { try? Parser.fastLine(utf8: $0) } == nil)
    }

    /// A shell gives the same output, human and JSON, for usual lines read the fast way and
    /// for the same lines ending in `;` (read the general way).
    @Test(arguments: [false, true])
    func shellOutputUnchanged(json: Bool) {
        let lines = ["map 0x1000 +0x4000 rw", "protect 0x2000 +4K r", "find 0x2000", "unmap 0x1000 +4K",
                     "map 0x1000 +0x8000 rwx --force", "undo", "redo", "unmap 0x1000 0x1000", "find 0x100000"]
        var options = ShellOptions()
        options.json = json
        let fast = Shell(options: options), general = Shell(options: options)
        for (n, line) in lines.enumerated() {
            let location = SourceLocation(file: "<stdin>", line: n + 1)
            #expect(fast.execute(line: line, at: location) == general.execute(line: line + ";", at: location))
        }
        #expect(fast.failedCommands == general.failedCommands)
    }
}
