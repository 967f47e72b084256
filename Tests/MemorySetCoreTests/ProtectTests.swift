import Testing
import MemorySetCore

@Suite struct ProtectTests {
    let rw: MappingFlags = [.read, .write]

    func threeAreas() throws -> (MockSet, MockPageTable) {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 64)
        try set.map(area(0x1000, 0x5000, rw), in: &pt)
        try set.map(area(0x8000, 0xc000, rw), in: &pt)
        try set.map(area(0x10000, 0x14000, .read), in: &pt)
        return (set, pt)
    }

    @Test func splitIntoThree() throws {
        var (set, pt) = try threeAreas()
        let c = try set.protect(start: 0x2000, size: 0x2000, in: &pt) { _ in .read }
        #expect(c.map(ChangeRecord.init) == [ChangeRecord(.protected, Span(0x1000, 0x5000, rw),
            [Span(0x1000, 0x2000, rw), Span(0x2000, 0x4000, .read), Span(0x4000, 0x5000, rw)])])
        #expect(set.count == 5 && pagesMatch(set, pt))
    }

    @Test func splitIntoTwoAtEitherEnd() throws {
        var (set, pt) = try threeAreas()
        let c = try set.protect(start: 0x3000, size: 0x7000, in: &pt) { _ in .execute }
        #expect(c.map(ChangeRecord.init) == [
            ChangeRecord(.protected, Span(0x1000, 0x5000, rw), [Span(0x1000, 0x3000, rw), Span(0x3000, 0x5000, .execute)]),
            ChangeRecord(.protected, Span(0x8000, 0xc000, rw), [Span(0x8000, 0xa000, .execute), Span(0xa000, 0xc000, rw)]),
        ])
        #expect(set.count == 5 && pagesMatch(set, pt))
    }

    @Test func wholeAreasAndSkips() throws {
        var (set, pt) = try threeAreas()
        // The read-only area is left alone by the update; the others change whole.
        let c = try set.protect(start: 0, size: 0x20000, in: &pt) { old in old == .read ? nil : [.read, .user] }
        #expect(c.map(\.kind) == [.protected, .protected])
        #expect(spans(set) == [Span(0x1000, 0x5000, [.read, .user]), Span(0x8000, 0xc000, [.read, .user]), Span(0x10000, 0x14000, .read)])
        // Same flags: untouched, no backend call, no split.
        let calls = pt.calls.count
        #expect(try set.protect(start: 0x2000, size: 0x1000, in: &pt) { _ in [.read, .user] }.isEmpty)
        #expect(pt.calls.count == calls && set.count == 3 && pagesMatch(set, pt))
    }

    /// The Rust crate loses the right part of an area on an empty protect inside it.
    @Test func emptyProtectInsideAnAreaKeepsIt() throws {
        var (set, pt) = try threeAreas()
        let before = spans(set)
        #expect(try set.protect(start: 0x2000, size: 0, in: &pt) { _ in .read }.isEmpty)
        #expect(spans(set) == before && pagesMatch(set, pt))
    }

    @Test func invalidParameters() throws {
        var (set, pt) = try threeAreas()
        #expect(throws: MappingError.invalidParam) { try set.protect(start: 0x1001, size: 0x1000, in: &pt) { _ in .read } }
        #expect(throws: MappingError.invalidParam) { try set.protect(start: 0x1000, size: 0x10, in: &pt) { _ in .read } }
        #expect(throws: MappingError.invalidParam) { try set.protect(start: 0xf000, size: UInt64.max & ~0xfff, in: &pt) { _ in .read } }
        #expect(set.count == 3 && pagesMatch(set, pt))
    }

    @Test func manyAreasInOneCall() throws {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 512)
        for i in UInt64(0)..<200 { try set.map(area(i * 0x2000, i * 0x2000 + 0x1000, rw), in: &pt) }
        let c = try set.protect(start: 0x1000, size: 0x2000 * 150, in: &pt) { _ in .read }
        #expect(c.count == 150 && set.count == 200 && pagesMatch(set, pt))
        #expect(set.find(0)?.flags == rw && set.find(0x2000)?.flags == .read && set.find(VirtAddr(151 * 0x2000))?.flags == rw)
    }
}
