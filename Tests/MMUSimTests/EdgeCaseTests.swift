import Testing
import MemorySetCore
@testable import MMUSim

@Suite struct EdgeCaseTests {
    /// The user half of x86-64, the command language's default space.
    static let space: UInt64 = 1 << 47

    @Test func lazyMapOfWholeSpaceIsInstant() throws {
        var set = MemorySet<SimBackend>(pageSize: 4096, _nodeCapacity: 4)
        var pt = PageTable(frameCount: 64)
        let start = pt.operationCount
        try set.map(area(0, Self.space, "rw", .alloc(populate: false)), in: &pt)
        #expect(pt.operationCount == start)  // nothing visited
        #expect(pt.stats.usedFrames == 1)
        // A few touches far apart, then protect / unmap the whole space: the
        // work is bounded by the tables present, not by 2^35 pages.
        for addr: UInt64 in [0x1000, 1 << 40, (1 << 47) - 0x1000] {
            #expect(pt.touch(VirtAddr(addr), access: .read, areas: set).kind == "fault-resolved")
        }
        #expect(pt.stats.tablePages == 1 + 3 * 3)
        // At most one visit per entry of each present table (page by page would be 2^35).
        let bound = pt.stats.tablePages * 512
        var before = pt.operationCount
        try set.protect(start: 0, size: Self.space, in: &pt) { _ in .read }
        #expect(pt.operationCount - before <= bound)
        #expect(pt.verify(set).isEmpty)
        before = pt.operationCount
        try set.unmap(start: 0, size: Self.space, in: &pt)
        #expect(pt.operationCount - before <= bound)
        #expect(pt.stats.usedFrames == 1)
        #expect(pt.verify(set).isEmpty)
        // Same for a lazy map + unmap of the whole space with nothing touched.
        try set.map(area(0, Self.space, "rw", .alloc(populate: false)), in: &pt)
        before = pt.operationCount
        try set.clear(in: &pt)
        #expect(pt.operationCount - before <= 256)  // the root's user-half entries, all absent
        #expect(pt.mappedRanges().isEmpty)
    }

    @Test func frameExhaustionMidMapLeavesEverythingConsistent() throws {
        var set = MemorySet<SimBackend>(pageSize: 4096, _nodeCapacity: 4)
        var pt = PageTable(frameCount: 40)
        try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: true)), in: &pt)
        try set.map(area(0x10000, 0x12000, "r", .linear(paVaOffset: 0)), in: &pt)
        let (setBefore, ptBefore, statsBefore) = (set, pt, pt.stats)
        // 64 pages + tables do not fit in the 32 frames left: the allocation
        // fails part-way through.
        #expect(throws: MappingError.badState) {
            try set.map(area(0x400000, 0x440000, "rw", .alloc(populate: true)), in: &pt)
        }
        #expect(Array(set) == Array(setBefore))
        #expect(pt == ptBefore)
        #expect(pt.stats == statsBefore)
        #expect(pt.verify(set).isEmpty)
        // Replacing existing areas (unmapOverlap): the unmap is kept, the map
        // fails, and the table matches the set that is left.
        #expect(throws: MappingError.badState) {
            try set.map(area(0x2000, 0x80000, "rw", .alloc(populate: true)), in: &pt, unmapOverlap: true)
        }
        #expect(Array(set).map(\.range) == [AddrRange(start: 0x1000, end: 0x2000)])
        #expect(pt.verify(set).isEmpty)
        #expect(pt.stats.usedFrames == pt.stats.tablePages + 1)
        // What still fits, fits.
        try set.map(area(0x400000, 0x410000, "rw", .alloc(populate: true)), in: &pt)
        #expect(pt.verify(set).isEmpty)
        try set.clear(in: &pt)
        #expect(pt.stats.usedFrames == 1)
    }

    @Test func copiesAreIndependent() throws {
        var set = MemorySet<SimBackend>(pageSize: 4096, _nodeCapacity: 4)
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: false)), in: &pt)
        _ = pt.touch(0x1000, access: .write, areas: set)
        let (snapshotSet, snapshotPT) = (set, pt)
        let snapshotStats = snapshotPT.stats
        let snapshotRanges = snapshotPT.mappedRanges()
        #expect(snapshotPT.storage === pt.storage)  // O(1) copy: shared until written

        _ = pt.touch(0x2000, access: .write, areas: set)
        try set.protect(start: 0x1000, size: 0x1000, in: &pt) { _ in .read }
        try set.map(area(0x9000, 0xa000, "r", .alloc(populate: true)), in: &pt)
        #expect(snapshotPT.storage !== pt.storage)
        #expect(pt.stats.dataFrames == 3)

        #expect(snapshotPT.stats == snapshotStats)
        #expect(snapshotPT.mappedRanges() == snapshotRanges)
        #expect(snapshotPT.walk(0x1000).last?.flags == [.read, .write])
        #expect(snapshotPT.translate(0x2000) == nil)
        #expect(snapshotPT.verify(snapshotSet).isEmpty)
        #expect(pt.verify(set).isEmpty)

        // Restoring the snapshot (undo) brings back exactly the old state.
        (set, pt) = (snapshotSet, snapshotPT)
        #expect(pt == snapshotPT)
        #expect(pt.verify(set).isEmpty)
        // And mutating the restored copy does not disturb another snapshot.
        let second = pt
        try set.clear(in: &pt)
        #expect(second.stats == snapshotStats)
    }

    @Test func emptyAndUnalignedCallsOnTheBackendDirectly() {
        var pt = PageTable(frameCount: 64)
        let before = pt
        let backends: [SimBackend] = [.linear(paVaOffset: 0), .alloc(populate: true), .alloc(populate: false)]
        for backend in backends {
            #expect(backend.map(start: 0x1000, size: 0, flags: .read, in: &pt))
            #expect(!backend.map(start: 0x1001, size: 0x1000, flags: .read, in: &pt))
            #expect(!backend.map(start: 0x1000, size: 0x800, flags: .read, in: &pt))
            #expect(!backend.unmap(start: VirtAddr(UInt64.max - 0xfff), size: 0x2000, in: &pt))
            #expect(!backend.protect(start: VirtAddr(1 << 48), size: 0x1000, newFlags: .read, in: &pt))
        }
        #expect(pt == before)
        // Mapping twice over the same page fails and changes nothing.
        #expect(SimBackend.alloc(populate: true).map(start: 0x1000, size: 0x1000, flags: .read, in: &pt))
        let once = pt
        #expect(!SimBackend.alloc(populate: true).map(start: 0x0, size: 0x3000, flags: .read, in: &pt))
        #expect(!SimBackend.linear(paVaOffset: 0).map(start: 0x0, size: 2 * MiB, flags: .read, in: &pt))
        #expect(pt == once)
    }
}
