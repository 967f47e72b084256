import Foundation
import MemorySetCore
import MMUSim
import Testing
@testable import Shell
import TestSupport

/// The byte-level line cutting (``LineBreak``, ``Shell/lines(of:)``,
/// ``Shell/forEachLine(of:_:)``) against the Character-level split it replaced.
@Suite struct LineBreakTests {
    /// The former `Shell.lines(of:)`: split on the Characters "\n" and "\r\n".
    static func referenceLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    }

    /// Pieces that stress the rule: line breaks, lone `\r`, combining marks right after a
    /// break, multi-scalar Characters, the command language's special characters.
    static let pieces = [
        "a", "map", " ", "\t", "\n", "\r", "\r\n", "\n\r", "\r\r\n", "é", "e\u{301}", "\u{301}", "🇫🇷", "👩‍👩‍👧",
        "#", ";", "=", "\"", "'", "\\", "0x1000", "\u{0}", "\u{2028}", "\u{85}", "\u{FFFD}", "\u{1b}[0m",
    ]

    static func randomText(_ rng: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &rng) { text += pieces.randomElement(using: &rng)! }
        return text
    }

    @Test func linesOfTextMatchTheCharacterSplit() {
        var rng = SplitMix64(state: 6)
        for _ in 0..<5_000 {
            let text = Self.randomText(&rng)
            #expect(Shell.lines(of: text).map(String.init) == Self.referenceLines(text), "\(Array(text.utf8))")
        }
    }

    @Test func theRuleOnExamples() {
        #expect(Shell.lines(of: "") == [""])
        #expect(Shell.lines(of: "a") == ["a"])
        #expect(Shell.lines(of: "a\n") == ["a", ""])
        #expect(Shell.lines(of: "a\r\nb\nc") == ["a", "b", "c"])
        // A lone \r is text, also before \r\n and at the end.
        #expect(Shell.lines(of: "a\rb\r\r\nc\r") == ["a\rb\r", "c\r"])
        #expect(Shell.lines(of: "\n\r\n\n") == ["", "", "", ""])
        // A combining mark after \n starts the next line (a \n is always a Character boundary).
        #expect(Shell.lines(of: "x\n\u{301}y") == ["x", "\u{301}y"])
    }

    @Test func nextFindsTheBreakAndItsCarriageReturn() {
        let bytes = Array("ab\r\ncd\n\ref".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(LineBreak.next(in: buffer, from: 0)! == (2, 4))
            #expect(LineBreak.next(in: buffer, from: 4)! == (6, 7))
            #expect(LineBreak.next(in: buffer, from: 7) == nil)
            #expect(LineBreak.next(in: buffer, from: bytes.count) == nil)
            // A \r before the start of the line is not part of its break.
            #expect(LineBreak.next(in: UnsafeBufferPointer(rebasing: buffer[3...]), from: 0)! == (0, 1))
            #expect(LineBreak.next(in: buffer, from: 3)! == (3, 4))
            // Searching from past the \r (already scanned) still strips it.
            #expect(LineBreak.next(in: buffer, from: 0, searchingFrom: 3)! == (2, 4))
            #expect(LineBreak.next(in: buffer, from: 0, searchingFrom: 4)! == (6, 7))
        }
        #expect(LineBreak.next(in: UnsafeBufferPointer(start: nil, count: 0), from: 0) == nil)
    }

    /// The word-at-a-time search finds the first `\n` wherever it lies (every offset in and
    /// across 8-byte words, from every start), among the bytes a zero-byte test could
    /// confuse with it (0x0b, 0x09, 0x8a, 0x0a ^ 0x80…).
    @Test func nextFindsTheFirstNewlineAtEveryOffset() {
        var rng = SplitMix64(state: 12)
        let lookalikes: [UInt8] = [0x0a, 0x0b, 0x09, 0x8a, 0x0d, 0x00, 0xff, 0x01, 0x0e, 0x61]
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                Int.random(in: 0..<4, using: &rng) == 0 ? 0x0a : lookalikes[Int.random(in: 1..<lookalikes.count, using: &rng)]
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let newline = bytes[start...].firstIndex(of: 0x0a)
                    #expect(LineBreak.next(in: buffer, from: start)?.nextStart == newline.map { $0 + 1 }, "\(bytes) from \(start)")
                }
            }
        }
    }

    /// Random bytes: invalid UTF-8 (truncated sequences right before a break, stray
    /// continuation bytes), NUL, \r and \n.
    static func randomBytes(_ rng: inout SplitMix64) -> [UInt8] {
        let special: [UInt8] = [0x0a, 0x0d, 0x61, 0x20, 0x00, 0xff, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xcc, 0x81, 0xed, 0xa0]
        return (0..<Int.random(in: 0...24, using: &rng)).map { _ in
            Bool.random(using: &rng) ? special.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
        }
    }

    @Test func fileLinesDecodedOneByOneMatchDecodingTheWholeFile() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<5_000 {
            let bytes = Self.randomBytes(&rng)
            var lines: [String] = []
            var numbers: [Int] = []
            Shell.forEachLine(of: bytes) { line, number in
                lines.append(line)
                numbers.append(number)
                return true
            }
            let expected = Self.referenceLines(String(decoding: bytes, as: UTF8.self))
            #expect(lines == expected, "\(bytes)")
            #expect(numbers == Array(1...expected.count))
        }
    }

    @Test func fileLinesStopWhenTheBodySaysSo() {
        var seen: [String] = []
        Shell.forEachLine(of: Array("a\nb\nquit\nc\n".utf8)) { line, _ in
            seen.append(line)
            return line != "quit"
        }
        #expect(seen == ["a", "b", "quit"])
    }

    @Test func runFileCutsLinesLikeBefore() throws {
        // \r\n and \n end lines, a lone \r is part of the command (an error), invalid bytes become U+FFFD.
        let file = "crlf.mset"
        let files = InMemoryFileSystem()
        files.files[file] = Array("map 0 4K r\r\nfind 0\rfind 0\n".utf8) + [0xff] + Array("x\nfind 0".utf8)
        var pieces: [String] = []
        _ = makeShell(render: false, files: files).runFile(path: file) { pieces.append($0.stdout + $0.stderr) }
        #expect(pieces.count == 4)
        #expect(pieces[0] == "added [0x0, 0x1000) r---\n")
        #expect(pieces[1].hasPrefix("\(file):2: error: SyntaxError:"))
        #expect(pieces[2].hasPrefix("\(file):3: error: SyntaxError:") && pieces[2].contains("\u{FFFD}"))
        #expect(pieces[3] == "0x0 is in [0x0, 0x1000) r--- (4 KiB, alloc)\n")
    }
}
