import Testing
import MemorySetCore
@testable import MMUSim
import TestSupport

/// The first write after a copy copies one trie path per table page written,
/// not every table page nor the free frames.
@Suite struct PersistentStorageTests {
    /// `count` one-page populated areas 1 GiB apart: each needs its own
    /// level-2 and level-1 table, so 2·count + count/512 + 1 table pages.
    func spread(_ count: Int, frameCount: Int = 1 << 18) throws -> (MemorySet<SimBackend>, PageTable) {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: frameCount)
        for i in 0..<UInt64(count) {
            try set.map(area(i * GiB, i * GiB + 0x1000, "rw", .alloc(populate: true)), in: &pt)
        }
        return (set, pt)
    }

    @Test func firstWriteAfterCopyCopiesOnePathPerTable() throws {
        let (set, pt) = try spread(3000)
        #expect(pt.stats.tablePages == 6007)
        let original = pt
        var (copySet, copy) = (set, pt)
        let height = copy.storage.tables.height
        #expect(height == 4)  // 2^18 frames: 32^4 ≥ 2^18

        let before = copy.nodesCopied
        try copySet.map(area(3000 * GiB, 3000 * GiB + 0x1000, "rw", .alloc(populate: true)), in: &copy)
        // Written: the root, the level-3 table and two new tables, one
        // path of at most `height` nodes each; never all 6007 pages.
        let copied = copy.nodesCopied - before
        #expect(copied >= 1 && copied <= 4 * height)
        #expect(copy.stats.tablePages == 6009)

        // A second write to the same tables copies nothing more.
        let again = copy.nodesCopied
        try copySet.map(area(3000 * GiB + 0x1000, 3000 * GiB + 0x2000, "rw", .alloc(populate: true)), in: &copy)
        #expect(copy.nodesCopied == again)

        // The original is untouched; both are consistent.
        #expect(pt == original)
        #expect(pt != copy)
        #expect(pt.stats.tablePages == 6007)
        #expect(pt.translate(VirtAddr(3000 * GiB)) == nil)
        #expect(copy.translate(VirtAddr(3000 * GiB)) != nil)
        #expect(pt.verify(set).isEmpty)
        #expect(copy.verify(copySet).isEmpty)
    }

    @Test func freeFramesAreSharedAndIndependent() throws {
        var (set, pt) = try spread(2000)
        // Unmapping frees each page's frame and its two tables, and the
        // level-3 table of the first 512 GiB.
        for i in 0..<UInt64(1000) { try set.unmap(start: VirtAddr(i * GiB), size: 0x1000, in: &pt) }
        #expect(pt.storage.freeList.count == 3001)
        let (savedSet, saved) = (set, pt)

        var (copySet, copy) = (set, pt)
        let before = copy.nodesCopied
        // Reuses four frames (three tables and the page) from the top of the
        // free list (last freed first); the root and the new tables are written.
        try copySet.map(area(0, 0x1000, "rw", .alloc(populate: true)), in: &copy)
        #expect(copy.nodesCopied - before <= 4 * copy.storage.tables.height)
        #expect(copy.storage.freeList.count == 2997)
        #expect(copy.stats.usedFrames == pt.stats.usedFrames + 4)
        #expect(copy.storage.freeList.elementsEqual(pt.storage.freeList.dropFirst(4)))

        // The original still has every free frame, and allocates the same
        // frames as the copy did (deterministic).
        #expect(pt.storage.freeList.count == 3001)
        #expect(pt == saved)
        try set.map(area(0, 0x1000, "rw", .alloc(populate: true)), in: &pt)
        #expect(pt.translate(0) == copy.translate(0))
        #expect(pt == copy)
        #expect(pt.verify(set).isEmpty)
        #expect(saved.verify(savedSet).isEmpty)
    }

    @Test func rollbackOnSharedStorageRestoresEverything() throws {
        var (set, pt) = try spread(1000)
        for i in 0..<UInt64(500) { try set.unmap(start: VirtAddr(i * GiB), size: 0x1000, in: &pt) }
        let original = pt
        var copy = pt
        // Takes a level-1 table and a page frame from the free list for the
        // page below 999 GiB, then fails: the page at 999 GiB is mapped.
        let mapped = copy.mapAllocated(start: VirtAddr(999 * GiB - 0x1000), size: 0x2000, flags: [.read, .write])
        #expect(!mapped)
        // The failed change worked on a new copy and went back to the shared storage.
        #expect(copy.storage === original.storage)
        #expect(copy == original)
        #expect(copy.stats == original.stats)
        #expect(copy.storage.freeList.elementsEqual(original.storage.freeList))
        #expect(copy.verify(set).isEmpty)

        // Unmapping in the copy only frees frames in the copy.
        try set.unmap(start: VirtAddr(999 * GiB), size: 0x1000, in: &copy)
        #expect(copy.storage.freeList.count == original.storage.freeList.count + 3)
        #expect(pt == original)
    }

    @Test func equalContentsCompareEqualWithoutSharing() throws {
        let (_, a) = try spread(600)
        let (_, b) = try spread(600)
        #expect(a.storage !== b.storage)
        #expect(a == b)
        var c = a
        var other = MemorySet<SimBackend>()
        try other.map(area(700 * GiB, 700 * GiB + 0x1000, "rw", .alloc(populate: true)), in: &c)
        #expect(c != b)
    }

    /// A change made under a snapshot (a new copy, nothing recorded, the snapshot restored on
    /// failure) and the same change on a table of its own (journaled, undone on failure)
    /// succeed and fail alike and leave equal tables, down to the frames chosen: frames freed
    /// by a change are not reused before it ends, in both cases.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func changesUnderASnapshotMatchChangesWithout(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var (set, shared) = (MemorySet<SimBackend>(), PageTable(frameCount: 600))
        var (soleSet, sole) = (MemorySet<SimBackend>(), PageTable(frameCount: 600))
        for step in 0..<400 {
            let start = UInt64.random(in: 0..<1024, using: &rng) * 4096 * (Bool.random(using: &rng) ? 1 : 512)
            let size = UInt64.random(in: 1...80, using: &rng) * 4096 * (Int.random(in: 0..<4, using: &rng) == 0 ? 512 : 1)
            let backends: [SimBackend] = [.alloc(populate: true), .alloc(populate: false),
                                          .linear(start: VirtAddr(start), physicalStart: 2 * MiB), .none]
            let backend = backends.randomElement(using: &rng)!
            let flags = MappingFlags(rawValue: UInt8.random(in: 0..<16, using: &rng))
            let op = Int.random(in: 0..<10, using: &rng)
            func apply(_ set: inout MemorySet<SimBackend>, _ pt: inout PageTable) -> MappingError? {
                do {
                    switch op {
                    case 0..<5:
                        try set.map(MemoryArea(start: VirtAddr(start), end: VirtAddr(start + size), flags: flags,
                                               backend: backend), in: &pt, unmapOverlap: op < 2)
                    case 5..<7: try set.unmap(start: VirtAddr(start), size: size, in: &pt)
                    case 7..<9: try set.protect(start: VirtAddr(start), size: size, in: &pt) { _ in flags }
                    default: _ = pt.touch(VirtAddr(start), access: .write, areas: set)
                    }
                    return nil
                } catch {
                    return error
                }
            }
            let snapshot = shared
            let a = apply(&set, &shared)
            let b = apply(&soleSet, &sole)
            #expect(a == b, "step \(step)")
            #expect(shared == sole, "step \(step)")
            #expect(Array(set) == Array(soleSet), "step \(step)")
            withExtendedLifetime(snapshot) {}
        }
        #expect(shared.verify(set).isEmpty)
        #expect(sole.storage !== shared.storage)
    }

    /// An unmap that frees a table page and then splits a huge page: the split takes a new
    /// frame, not the one just freed, whether the storage is shared or not.
    @Test func framesFreedByAChangeAreNotReusedByIt() throws {
        //   level-2 entries:  [0] level-1 table T   [1] 2 MiB leaf   [2] 2 MiB leaf
        //   area:                        [=== 2 MiB - 8 KiB ... 6 MiB ===)
        //   unmap:                       [=== ... 5 MiB)   T emptied (freed), then [2] split
        func build() throws -> (MemorySet<SimBackend>, PageTable) {
            var set = MemorySet<SimBackend>()
            var pt = PageTable(frameCount: 64)
            try set.map(area(2 * MiB - 8 * KiB, 6 * MiB, "rw",
                             .linear(start: VirtAddr(2 * MiB - 8 * KiB), physicalStart: 2 * MiB - 8 * KiB)), in: &pt)
            return (set, pt)
        }
        var (soleSet, sole) = try build()
        var (set, shared) = try build()
        let snapshot = shared
        let tableT = sole.walk(VirtAddr(2 * MiB - 8 * KiB))[2].rawEntry >> 12 & 0xFF_FFFF_FFFF
        try soleSet.unmap(start: VirtAddr(2 * MiB - 8 * KiB), size: 3 * MiB + 8 * KiB, in: &sole)
        try set.unmap(start: VirtAddr(2 * MiB - 8 * KiB), size: 3 * MiB + 8 * KiB, in: &shared)
        let split = sole.walk(VirtAddr(5 * MiB))[2].rawEntry >> 12 & 0xFF_FFFF_FFFF
        #expect(split != tableT)
        #expect(shared == sole)
        #expect(snapshot != shared)
        #expect(shared.verify(set).isEmpty)
    }
}
