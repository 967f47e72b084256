import Testing
import MemorySetCore

@Suite struct MappingFlagsTests {
    @Test func parsesLettersInAnyOrderAndCase() {
        #expect(MappingFlags(parsing: "rw") == [.read, .write])
        #expect(MappingFlags(parsing: "X-R") == [.read, .execute])
        #expect(MappingFlags(parsing: "urwx") == [.read, .write, .execute, .user])
        #expect(MappingFlags(parsing: "-") == [])
        #expect(MappingFlags(parsing: "----") == [])
        #expect(MappingFlags(parsing: "rr") == [.read])
    }

    @Test func refusesEverythingElse() {
        // Bytes that differ from an accepted letter only in bit 5 (0x20), multi-byte
        // characters and combining marks must all be refused.
        for text in ["", "q", "rw\r", "\r", "r\u{0301}", "ré", "\u{0}", "R\u{12}", "rw ", "w\u{5}"] {
            #expect(MappingFlags(parsing: text) == nil, "\(text.debugDescription)")
        }
        for byte in UInt8(0)...UInt8(127) {
            let text = String(decoding: [byte], as: UTF8.self)
            let accepted = "rwxuRWXU-".utf8.contains(byte)
            #expect((MappingFlags(parsing: text) != nil) == accepted, "byte \(byte)")
        }
    }

    @Test func parsesBytes() {
        #expect(MappingFlags(parsingUTF8: Array("rW-".utf8)) == [.read, .write])
        #expect(MappingFlags(parsingUTF8: [UInt8]()) == nil)
        #expect(MappingFlags(parsingUTF8: Array("r\u{e9}".utf8)) == nil)
        #expect(MappingFlags(parsingUTF8: "xu".utf8.dropFirst()) == [.user])
    }

    @Test func printsCanonicalForm() {
        #expect(MappingFlags(parsing: "xwr")?.description == "rwx-")
        #expect(MappingFlags().description == "----")
    }
}

@Suite struct DescriptionTests {
    @Test func hexAtEveryLength() {
        #expect(UInt64(0).hexDescription == "0x0")
        #expect(UInt64(0xf).hexDescription == "0xf")
        #expect(UInt64(0x10).hexDescription == "0x10")
        #expect(UInt64.max.hexDescription == "0xffffffffffffffff")
        for shift in 0..<64 {
            let value = UInt64(1) << UInt64(shift) | 0xa
            #expect(value.hexDescription == "0x" + String(value, radix: 16))
        }
    }

    @Test func rangesAndAreas() {
        let area = MemoryArea(start: VirtAddr(0x1000), end: VirtAddr(UInt64.max & ~0xfff), flags: [.read, .user], backend: NullBackend())
        #expect(area.range.description == "[0x1000, 0xfffffffffffff000)")
        #expect(area.description == "[0x1000, 0xfffffffffffff000) r--u")
        let zero = MemoryArea(start: VirtAddr(0), end: VirtAddr(0x1000), flags: [], backend: NullBackend())
        #expect(zero.description == "[0x0, 0x1000) ----")
    }

    @Test func writesIntoALargerBuffer() {
        let area = MemoryArea(start: VirtAddr(0x7fff_f000), end: VirtAddr(0x8000_0000), flags: [.read, .execute], backend: NullBackend())
        #expect(area.descriptionUTF8Count == area.description.utf8.count)
        let text = String(unsafeUninitializedCapacity: 3 + area.descriptionUTF8Count + 1) { buffer in
            _ = buffer.initialize(from: "ab:".utf8)
            let end = area.writeDescription(into: buffer, at: 3)
            buffer[end] = UInt8(ascii: "!")
            return end + 1
        }
        #expect(text == "ab:[0x7ffff000, 0x80000000) r-x-!")
    }
}
