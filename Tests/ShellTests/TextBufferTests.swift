import MemorySetCore
import Testing
@testable import Shell
import TestSupport

/// ``TextBuffer`` grows as it is written: whatever it starts with, it holds what the
/// same pieces concatenated as strings give.
@Suite struct TextBufferTests {
    @Test(arguments: [1, 7, 128])
    func randomPiecesMatchTheConcatenation(capacity: Int) {
        var rng = SplitMix64(state: UInt64(capacity))
        var text = TextBuffer(capacity: capacity)
        var expected = ""
        for _ in 0..<20_000 {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:
                let byte = UInt8.random(in: 0x20..<0x7f, using: &rng)
                text.write(byte)
                expected += String(decoding: [byte], as: UTF8.self)
            case 1:
                // Longer than any capacity so far now and then, non-ASCII included.
                let piece = String(repeating: ["é", "a", "😀", "-"].randomElement(using: &rng)!, count: Int.random(in: 0..<300, using: &rng))
                text.write(piece)
                expected += piece
            case 2:
                let value = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0..<64, using: &rng)
                text.writeHex(value)
                expected += "0x" + String(value, radix: 16)
            case 3:
                let value = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0..<64, using: &rng)
                text.writeDecimal(value)
                expected += String(value)
            default:
                let start = UInt64.random(in: 0...UInt64.max / 2, using: &rng)
                let area = MemoryArea(start: VirtAddr(start), end: VirtAddr(start + UInt64.random(in: 0...start, using: &rng)),
                                      flags: MappingFlags(rawValue: UInt8.random(in: 0...15, using: &rng)), backend: NullBackend())
                text.write(area)
                expected += area.description
            }
        }
        #expect(text.count == expected.utf8.count)
        #expect(text.string == expected)
    }

    @Test func numbersAtEveryLength() {
        var text = TextBuffer(capacity: 1)
        var expected = ""
        for value: UInt64 in [0, 9, 10, 0xf, 0x10, UInt64.max, UInt64.max - 1] + (0..<64).map({ UInt64(1) << $0 }) {
            text.writeHex(value)
            text.write(UInt8(ascii: " "))
            text.writeDecimal(value)
            text.write(UInt8(ascii: " "))
            expected += "0x\(String(value, radix: 16)) \(value) "
        }
        for power in 0..<20 {
            var ten: UInt64 = 1
            for _ in 0..<power { ten *= 10 }
            text.writeDecimal(ten - 1)
            text.writeDecimal(ten)
            expected += "\(ten - 1)\(ten)"
        }
        #expect(text.string == expected)
    }

    /// Flags are written from their raw bits: every combination as the core spells it; ranges
    /// and areas at the extremes (a buffer that must grow for each).
    @Test func flagsRangesAndAreasAsTheCoreWritesThem() {
        for raw in UInt8(0)...15 {
            var text = TextBuffer(capacity: 1)
            text.write(MappingFlags(rawValue: raw))
            #expect(text.string == MappingFlags(rawValue: raw).description)
        }
        for (start, end) in [(UInt64(0), UInt64(0)), (0, UInt64.max), (UInt64.max, UInt64.max), (0xf, 0x10)] {
            var text = TextBuffer(capacity: 1)
            let range = AddrRange(start: VirtAddr(start), end: VirtAddr(end))
            text.write(range)
            let area = MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: .read, backend: NullBackend())
            text.write(area)
            #expect(text.string == range.description + area.description)
        }
    }

    /// The literal names of the change kinds, written without a `String`, are their raw values.
    @Test func changeKindNamesAreTheRawValues() {
        for kind in AreaChangeKind.allCases {
            var text = TextBuffer(capacity: 1)
            text.write(literal: TextBuffer.name(of: kind))
            #expect(text.string == kind.rawValue)
        }
    }

    /// A buffer kept from one command to the next holds only the new text after
    /// `removeAll()`, whether it had grown a little or past what it keeps.
    @Test func removeAllStartsAfreshAtAnySize() {
        var text = TextBuffer(capacity: 4)
        for length in [0, 3, 300, TextBuffer.largestKept + 1, 10] {
            text.write(String(repeating: "y", count: length))
            text.removeAll()
            text.write("ab")
            #expect(text.string == "ab")
            text.removeAll()
            #expect(text.count == 0 && text.string.isEmpty)
        }
    }

    @Test func theShellsOutputsDoNotMix() {
        let shell = makeShell(render: false)
        #expect(run(shell, "help").stdout.count > 1000)
        #expect(run(shell, "map 0x1000 +4K r").stdout == "added [0x1000, 0x2000) r---\n")
        #expect(run(shell, "bogus", "find 0x1000").stdout == "0x1000 is in [0x1000, 0x2000) r--- (4 KiB, alloc)\n")
        let json = makeShell(json: true)
        #expect(run(json, "help").stdout.count > 1000)
        #expect(run(json, "areas").stdout == #"{"ok":true,"cmd":"areas","areas":[]}"# + "\n")
    }

    /// JSON strings are written in runs between the bytes to escape: whatever the
    /// string (escapes first, last, adjacent, none; non-ASCII), the text is the escaped
    /// characters one by one.
    @Test func jsonStringsMatchCharacterByCharacterEscaping() {
        var rng = SplitMix64(state: 17)
        let pieces = ["\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1f}", "\u{7f}", "a", "map", "é", "😀", " ", "/"]
        for _ in 0..<2_000 {
            let string = (0..<Int.random(in: 0..<12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            var text = TextBuffer(capacity: 1)
            text.writeJSONString(string)
            var expected = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "\n": expected += "\\n"
                case "\r": expected += "\\r"
                case "\t": expected += "\\t"
                case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                    let hex = String(scalar.value, radix: 16)
                    expected += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                default: expected.unicodeScalars.append(scalar)
                }
            }
            #expect(text.string == expected + "\"", "\(string.debugDescription)")
        }
    }
}
