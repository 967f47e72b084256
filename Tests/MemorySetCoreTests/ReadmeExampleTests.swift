import MemorySetCore
import Testing

/// The library example of README.md, kept compiling and correct.
@Suite struct ReadmeExampleTests {
    struct Printer: MappingBackend {
        typealias PageTable = [String]
        func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pt: inout [String]) -> Bool {
            pt.append("map \(start) +\(size) \(flags)"); return true
        }
        func unmap(start: VirtAddr, size: UInt64, in pt: inout [String]) -> Bool {
            pt.append("unmap \(start) +\(size)"); return true
        }
        func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pt: inout [String]) -> Bool {
            pt.append("protect \(start) +\(size) \(newFlags)"); return true
        }
    }

    @Test func example() throws {
        var set = MemorySet<Printer>()
        var log: [String] = []
        try set.map(MemoryArea(start: 0x1000, end: 0x4000, flags: [.read, .write], backend: Printer()), in: &log)
        let changes = try set.unmap(start: 0x2000, size: 0x1000, in: &log)
        let hole = try set.findFreeArea(hint: 0, size: 0x2000, limit: AddrRange(start: 0, end: 0x10_0000))
        let snapshot = set
        #expect(changes.map(\.kind) == [.split])
        #expect(hole == 0x4000)
        #expect(log == ["map 0x1000 +12288 rw--", "unmap 0x2000 +4096"])
        #expect(snapshot.map(\.description) == ["[0x1000, 0x2000) rw--", "[0x3000, 0x4000) rw--"])
    }
}
