import Testing
import MemorySetCore

/// Scenarios in the spirit of the Rust crate's tests: after every operation,
/// each page's flags in the mock page table equal what the set says.
@Suite struct MapUnmapTests {
    let rw: MappingFlags = [.read, .write]

    /// Areas of one page every two pages in [0, 0x20000).
    func striped() throws -> (MockSet, MockPageTable) {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 64)
        for start in stride(from: UInt64(0), to: 0x20000, by: 0x2000) {
            try set.map(area(start, start + 0x1000, rw), in: &pt)
        }
        return (set, pt)
    }

    @Test func mapAndFind() throws {
        let (set, pt) = try striped()
        #expect(set.count == 16)
        #expect(!set.isEmpty)
        #expect(pagesMatch(set, pt))
        for start in stride(from: UInt64(0), to: 0x20000, by: 0x2000) {
            #expect(set.find(VirtAddr(start)).map(Span.init) == Span(start, start + 0x1000, rw))
            #expect(set.find(VirtAddr(start + 0xfff))?.start == VirtAddr(start))
            #expect(set.find(VirtAddr(start + 0x1000)) == nil)
        }
        #expect(set.overlaps(AddrRange(start: 0x1000, end: 0x2000)) == false)
        #expect(set.overlaps(AddrRange(start: 0x1000, end: 0x2001)))
        #expect(set.overlaps(AddrRange(start: 0x2000, end: 0x2000)) == false)
        #expect(spans(set).map(\.start) == Array(stride(from: UInt64(0), to: 0x20000, by: 0x2000)))
    }

    @Test func mapRejectsEmptyAndUnaligned() throws {
        var (set, pt) = try striped()
        let before = spans(set)
        for bad in [area(0x1000, 0x1000, rw), area(0x1800, 0x2000, rw), area(0x1000, 0x1800, rw)] {
            #expect(throws: MappingError.invalidParam) { try set.map(bad, in: &pt) }
        }
        #expect(spans(set) == before)
        #expect(pt.calls.count == 16)
    }

    @Test func overlapFailsThenForceReplaces() throws {
        var (set, pt) = try striped()
        let calls = pt.calls.count
        #expect(throws: MappingError.alreadyExists) { try set.map(area(0x4000, 0x8000, .read), in: &pt) }
        #expect(throws: MappingError.alreadyExists) { try set.map(area(0x3000, 0x5000, .read), in: &pt) }
        #expect(set.count == 16 && pt.calls.count == calls && pagesMatch(set, pt))

        let changes = try set.map(area(0x4000, 0x8000, .read), in: &pt, unmapOverlap: true)
        #expect(changes.map(ChangeRecord.init) == [
            ChangeRecord(.removed, Span(0x4000, 0x5000, rw), []),
            ChangeRecord(.removed, Span(0x6000, 0x7000, rw), []),
            ChangeRecord(.added, nil, [Span(0x4000, 0x8000, .read)]),
        ])
        #expect(set.count == 15 && pagesMatch(set, pt))

        // Partly over two areas: the left one shrinks from the right, the right one from the left.
        try set.map(area(0x10000, 0x13000, rw), in: &pt, unmapOverlap: true)
        let overlapping = try set.map(area(0x11000, 0x15000, .execute), in: &pt, unmapOverlap: true)
        #expect(overlapping.map(ChangeRecord.init) == [
            ChangeRecord(.shrinkRight, Span(0x10000, 0x13000, rw), [Span(0x10000, 0x11000, rw)]),
            ChangeRecord(.removed, Span(0x14000, 0x15000, rw), []),
            ChangeRecord(.added, nil, [Span(0x11000, 0x15000, .execute)]),
        ])
        #expect(pagesMatch(set, pt))
    }

    @Test func adjacentAreasTouchWithoutOverlapping() throws {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 16)
        try set.map(area(0x1000, 0x2000, .read), in: &pt)
        try set.map(area(0x2000, 0x3000, rw), in: &pt)
        try set.map(area(0x0, 0x1000, .execute), in: &pt)
        #expect(spans(set) == [Span(0, 0x1000, .execute), Span(0x1000, 0x2000, .read), Span(0x2000, 0x3000, rw)])
        #expect(set.find(0x1fff)?.flags == .read && set.find(0x2000)?.flags == rw)
        #expect(pagesMatch(set, pt))
    }

    @Test func unmapEveryCase() throws {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 64)
        try set.map(area(0x1000, 0x5000, rw), in: &pt)
        try set.map(area(0x8000, 0xc000, .read), in: &pt)
        try set.map(area(0x10000, 0x20000, .execute), in: &pt)

        // split
        var c = try set.unmap(start: 0x2000, size: 0x1000, in: &pt)
        #expect(c.map(ChangeRecord.init) == [ChangeRecord(.split, Span(0x1000, 0x5000, rw), [Span(0x1000, 0x2000, rw), Span(0x3000, 0x5000, rw)])])
        #expect(pagesMatch(set, pt))
        // shrink-right (crosses the start) + removed + shrink-left (crosses the end)
        c = try set.unmap(start: 0x4000, size: 0x9000, in: &pt)
        #expect(c.map(ChangeRecord.init) == [
            ChangeRecord(.shrinkRight, Span(0x3000, 0x5000, rw), [Span(0x3000, 0x4000, rw)]),
            ChangeRecord(.removed, Span(0x8000, 0xc000, .read), []),
        ])
        c = try set.unmap(start: 0xf000, size: 0x2000, in: &pt)
        #expect(c.map(ChangeRecord.init) == [ChangeRecord(.shrinkLeft, Span(0x10000, 0x20000, .execute), [Span(0x11000, 0x20000, .execute)])])
        #expect(spans(set) == [Span(0x1000, 0x2000, rw), Span(0x3000, 0x4000, rw), Span(0x11000, 0x20000, .execute)])
        #expect(pagesMatch(set, pt))
        // gaps and empty ranges: no-ops that call no backend
        let calls = pt.calls.count
        #expect(try set.unmap(start: 0x5000, size: 0x3000, in: &pt).isEmpty)
        #expect(try set.unmap(start: 0x1000, size: 0, in: &pt).isEmpty)
        #expect(pt.calls.count == calls)
        // unaligned or overflowing
        #expect(throws: MappingError.invalidParam) { try set.unmap(start: 0x1800, size: 0x1000, in: &pt) }
        #expect(throws: MappingError.invalidParam) { try set.unmap(start: 0x1000, size: 0x800, in: &pt) }
        #expect(throws: MappingError.invalidParam) { try set.unmap(start: 0x1000, size: UInt64.max - 0xfff, in: &pt) }
        #expect(set.count == 3)
        // everything
        c = try set.unmap(start: 0, size: 0x100000, in: &pt)
        #expect(c.map(\.kind) == [.removed, .removed, .removed])
        #expect(set.isEmpty && pagesMatch(set, pt))
    }

    @Test func unmapManyAreasAtOnce() throws {
        // Long runs go through the tree's split/join path.
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 1024)
        for i in UInt64(0)..<400 { try set.map(area(i * 0x2000, i * 0x2000 + 0x1000, rw), in: &pt) }
        let changes = try set.unmap(start: 0x1000, size: 0x2000 * 300, in: &pt)
        #expect(changes.count == 300 && changes.allSatisfy { $0.kind == .removed })
        #expect(set.count == 100 && pagesMatch(set, pt))
        #expect(set.area(at: 0).start == 0 && set.area(at: 1).start == VirtAddr(301 * 0x2000))
        set._checkInvariants()
    }

    @Test func clearRemovesEverything() throws {
        var (set, pt) = try striped()
        let copy = set
        let changes = try set.clear(in: &pt)
        #expect(changes.count == 16 && changes.allSatisfy { $0.kind == .removed && $0.after.isEmpty })
        #expect(set.isEmpty && pt.pages.allSatisfy { $0 == nil })
        #expect(copy.count == 16, "a copy taken before is not affected (value semantics)")
    }

    @Test func copiesAreIndependent() throws {
        var (set, pt) = try striped()
        let snapshot = set
        let snapshotSpans = spans(snapshot)
        try set.unmap(start: 0x2000, size: 0x8000, in: &pt)
        try set.protect(start: 0, size: 0x20000, in: &pt) { _ in .read }
        try set.map(area(0x2000, 0xa000, .execute), in: &pt)
        #expect(spans(snapshot) == snapshotSpans)
        #expect(spans(set) != snapshotSpans)
        snapshot._checkInvariants()
        set._checkInvariants()
    }

    @Test func topOfTheAddressSpace() throws {
        var set = MemorySet<NullBackend>()
        var unit: Void = ()
        let top: UInt64 = 0xffff_ffff_ffff_f000
        try set.map(MemoryArea(start: VirtAddr(top - 0x2000), end: VirtAddr(top), flags: .read, backend: NullBackend()), in: &unit)
        try set.map(MemoryArea(start: 0, end: 0x1000, flags: .read, backend: NullBackend()), in: &unit)
        #expect(set.find(VirtAddr(top - 1))?.end == VirtAddr(top))
        #expect(set.find(VirtAddr(top)) == nil && set.find(VirtAddr(UInt64.max)) == nil)
        #expect(set.find(0)?.start == 0)
        #expect(throws: MappingError.invalidParam) { try set.unmap(start: VirtAddr(top), size: 0x1000, in: &unit) }
        #expect(throws: MappingError.invalidParam) { try set.protect(start: VirtAddr(top), size: 0x2000, in: &unit) { _ in .write } }
        let split = try set.unmap(start: VirtAddr(top - 0x1000), size: 0x1000, in: &unit)
        #expect(split.first?.kind == .shrinkRight)
        let full = AddrRange(start: 0, end: VirtAddr(top))
        #expect(try set.findFreeArea(hint: VirtAddr(top - 0x1000), size: 0x1000, limit: full) == VirtAddr(top - 0x1000))
        #expect(try set.findFreeArea(hint: VirtAddr(top - 0x1000), size: 0x2000, limit: full) == nil)
        #expect(try set.findFreeArea(hint: VirtAddr(UInt64.max), size: 0x1000, limit: AddrRange(start: 0, end: VirtAddr(UInt64.max))) == nil)
    }
}
