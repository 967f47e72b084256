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
    @Test func addressesInLowercaseHexAtEveryLength() {
        #expect(VirtAddr(0).description == "0x0")
        #expect(VirtAddr(0xf).description == "0xf")
        #expect(VirtAddr(0x7fff_f000).description == "0x7ffff000")
        #expect(VirtAddr(0xabcd_ef01).description == "0xabcdef01")
        #expect(VirtAddr(UInt64.max).description == "0xffffffffffffffff")
        for digits in 1...16 {
            // 0x1 followed by digits-1 zeros: one text of each length.
            let value = UInt64(1) << UInt64(4 * (digits - 1))
            #expect(VirtAddr(value).description == "0x1" + String(repeating: "0", count: digits - 1))
        }
    }

    @Test func rangesAndAreas() {
        #expect(AddrRange(start: 0x1000, end: 0x3000).description == "[0x1000, 0x3000)")
        let area = MemoryArea(start: VirtAddr(0x1000), end: VirtAddr(UInt64.max & ~0xfff), flags: [.read, .user], backend: NullBackend())
        #expect(area.range.description == "[0x1000, 0xfffffffffffff000)")
        #expect(area.description == "[0x1000, 0xfffffffffffff000) r--u")
        let zero = MemoryArea(start: VirtAddr(0), end: VirtAddr(0x1000), flags: [], backend: NullBackend())
        #expect(zero.description == "[0x0, 0x1000) ----")
    }

    @Test func flagsInCanonicalOrder() {
        let expected = ["----", "r---", "-w--", "rw--", "--x-", "r-x-", "-wx-", "rwx-",
                        "---u", "r--u", "-w-u", "rw-u", "--xu", "r-xu", "-wxu", "rwxu"]
        for bits in UInt8(0)...15 {
            #expect(MappingFlags(rawValue: bits).description == expected[Int(bits)])
        }
    }
}
