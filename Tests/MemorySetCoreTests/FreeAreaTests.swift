import Testing
import MemorySetCore

@Suite struct FreeAreaTests {
    let space = AddrRange(start: 0, end: 0x8000_0000_0000)

    func set(_ ranges: [(UInt64, UInt64)], capacity: Int = 4) throws -> MockSet {
        var s = MockSet(_nodeCapacity: capacity)
        var pt = MockPageTable(pageCount: 1 << 12)
        for (a, b) in ranges { try s.map(area(a, b, .read), in: &pt) }
        return s
    }

    @Test func firstFitFromTheHint() throws {
        let s = try set([(0, 0x1000), (0x2000, 0x5000), (0x8000, 0x9000)])
        #expect(try s.findFreeArea(hint: 0, size: 0x1000, limit: space) == 0x1000)
        #expect(try s.findFreeArea(hint: 0, size: 0x2000, limit: space) == 0x5000)
        #expect(try s.findFreeArea(hint: 0, size: 0x4000, limit: space) == 0x9000)
        #expect(try s.findFreeArea(hint: 0x2000, size: 0x1000, limit: space) == 0x5000)
        #expect(try s.findFreeArea(hint: 0x6000, size: 0x1000, limit: space) == 0x6000)
        #expect(try s.findFreeArea(hint: 0x7000, size: 0x2000, limit: space) == 0x9000)
    }

    /// The Rust crate returns an occupied range when alignment skips past an area's start.
    @Test func alignmentNeverLandsInAnArea() throws {
        let s = try set([(0x3000, 0x5000), (0x10000, 0x11000)])
        // The gap [0x1000, 0x3000) is big enough but 0x1000 is not 0x4000-aligned; 0x4000 is inside an area.
        #expect(try s.findFreeArea(hint: 0x1000, size: 0x1000, limit: space, alignment: 0x4000) == 0x8000)
        #expect(try s.findFreeArea(hint: 0x1000, size: 0x8000, limit: space, alignment: 0x4000) == 0x8000)
        #expect(try s.findFreeArea(hint: 0x1000, size: 0x9000, limit: space, alignment: 0x4000) == 0x14000)
    }

    /// The Rust crate returns ranges that cross the limit's end.
    @Test func neverCrossesTheLimit() throws {
        let s = try set([(0x1000, 0x2000), (0x3000, 0x4000)])
        #expect(try s.findFreeArea(hint: 0, size: 0x2000, limit: AddrRange(start: 0x2000, end: 0x5000)) == nil)
        #expect(try s.findFreeArea(hint: 0, size: 0x1000, limit: AddrRange(start: 0x2000, end: 0x5000)) == 0x2000)
        #expect(try s.findFreeArea(hint: 0, size: 0x2000, limit: AddrRange(start: 0x2000, end: 0x6000)) == 0x4000)
        #expect(try s.findFreeArea(hint: 0x4000, size: 0x1000, limit: AddrRange(start: 0, end: 0x4800)) == nil)
    }

    @Test func invalidParameters() throws {
        let s = try set([])
        #expect(throws: MappingError.invalidParam) { try s.findFreeArea(hint: 0, size: 0, limit: space) }
        #expect(throws: MappingError.invalidParam) { try s.findFreeArea(hint: 0, size: 0x800, limit: space) }
        #expect(throws: MappingError.invalidParam) { try s.findFreeArea(hint: 0, size: 0x1000, limit: space, alignment: 0x3000) }
        #expect(throws: MappingError.invalidParam) { try s.findFreeArea(hint: 0, size: 0x1000, limit: space, alignment: 0x800) }
        #expect(try s.findFreeArea(hint: 0x1234, size: 0x1000, limit: space) == 0x2000)
    }

    @Test func skipsFullSubtrees() throws {
        // 1,000 one-page areas with one-page gaps, then a big hole: only the hole fits 2 pages.
        var ranges: [(UInt64, UInt64)] = (0..<1000).map { (UInt64($0) * 0x2000, UInt64($0) * 0x2000 + 0x1000) }
        ranges.append((0x800000, 0x801000))
        let s = try set(ranges)
        #expect(try s.findFreeArea(hint: 0, size: 0x2000, limit: space) == VirtAddr(1999 * 0x1000))
        #expect(try s.findFreeArea(hint: 0, size: 0x1000, limit: space) == 0x1000)
        #expect(try s.findFreeArea(hint: 0x7ff000, size: 0x2000, limit: space) == 0x801000)
    }
}
