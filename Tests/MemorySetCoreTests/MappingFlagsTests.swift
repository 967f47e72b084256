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

    @Test func printsCanonicalForm() {
        #expect(MappingFlags(parsing: "xwr")?.description == "rwx-")
        #expect(MappingFlags().description == "----")
    }
}
