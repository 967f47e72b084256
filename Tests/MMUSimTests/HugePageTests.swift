import Testing
import MemorySetCore
@testable import MMUSim

@Suite struct HugePageTests {
    @Test func alignedGiBLinearUsesOneGiBLeaf() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(GiB, 3 * GiB, "rw", .linear(start: VirtAddr(GiB), physicalStart: 4 * GiB)), in: &pt)
        let stats = pt.stats
        #expect(stats.pages1G == 2)
        #expect(stats.pages2M == 0)
        #expect(stats.pages4K == 0)
        #expect(stats.tablePages == 2)  // root + one level-3 table
        #expect(stats.mappedPages == Int(2 * GiB / 4096))
        let steps = pt.walk(VirtAddr(GiB + 0x1234))
        #expect(steps.count == 2)
        #expect(steps.last?.pageSize == GiB)
        #expect(steps.last?.physicalAddress == 4 * GiB)
        #expect(pt.translate(VirtAddr(GiB + 0x1234)) == 4 * GiB + 0x1234)
        #expect(pt.mappedRanges() == [MappedRange(start: VirtAddr(GiB), end: VirtAddr(3 * GiB), physicalStart: 4 * GiB,
                                                  flags: [.read, .write], pageSize: GiB, allocated: false)])
        #expect(pt.verify(set).isEmpty)
    }

    @Test func misalignedPhysicalFallsBackToSmallerLeaves() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        // Virtual is 1 GiB aligned, physical only 2 MiB aligned: 512 leaves of 2 MiB.
        try set.map(area(GiB, 2 * GiB, "r", .linear(start: VirtAddr(GiB), physicalStart: 2 * MiB)), in: &pt)
        #expect(pt.stats.pages1G == 0)
        #expect(pt.stats.pages2M == 512)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func unalignedRangeMixesLeafSizes() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        // [1G - 4K, 2G + 2M + 4K): one 4K page, a 1G leaf, a 2M leaf, one 4K page.
        let start = GiB - 4096, end = 2 * GiB + 2 * MiB + 4096
        try set.map(area(start, end, "rw", .linear(paVaOffset: 0)), in: &pt)
        #expect(pt.stats.pages4K == 2)
        #expect(pt.stats.pages2M == 1)
        #expect(pt.stats.pages1G == 1)
        #expect(pt.mappedRanges().map(\.pageSize) == [4096, GiB, 2 * MiB, 4096])
        #expect(pt.verify(set).isEmpty)
    }

    @Test func unmapInsideGiBLeafSplitsIt() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(GiB, 2 * GiB, "rw", .linear(paVaOffset: 0)), in: &pt)
        try set.unmap(start: VirtAddr(GiB + 2 * MiB + 0x3000), size: 0x1000, in: &pt)
        // 1G → 511 × 2M + one 2M split into 511 × 4K.
        #expect(pt.stats.pages1G == 0)
        #expect(pt.stats.pages2M == 511)
        #expect(pt.stats.pages4K == 511)
        #expect(pt.stats.tablePages == 4)
        #expect(pt.translate(VirtAddr(GiB + 2 * MiB + 0x3000)) == nil)
        #expect(pt.translate(VirtAddr(GiB + 2 * MiB + 0x4000)) == GiB + 2 * MiB + 0x4000)
        #expect(pt.verify(set).isEmpty)
        try set.clear(in: &pt)
        #expect(pt.stats.usedFrames == 1)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func protectPartOfHugeLeafSplitsIt() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0, 4 * MiB, "rw", .linear(paVaOffset: 0)), in: &pt)
        #expect(pt.stats.pages2M == 2)
        try set.protect(start: 0x1000, size: 0x1000, in: &pt) { _ in .read }
        #expect(pt.stats.pages2M == 1)
        #expect(pt.stats.pages4K == 512)
        #expect(pt.walk(0x1000).last?.flags == .read)
        #expect(pt.walk(0x2000).last?.flags == [.read, .write])
        #expect(pt.verify(set).isEmpty)
        // Protecting with the same flags does not split.
        try set.protect(start: VirtAddr(2 * MiB + 0x1000), size: 0x1000, in: &pt) { _ in [.read, .write] }
        #expect(pt.stats.pages2M == 1)
    }

    @Test func splitWithoutFramesFailsAndChangesNothing() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 3)  // root + level-3 + level-2 table: no frame left for a split
        try set.map(area(0, 4 * MiB, "rw", .linear(paVaOffset: 0)), in: &pt)
        #expect(pt.stats.freeFrames == 0)
        let (setBefore, ptBefore) = (set, pt)
        #expect(throws: MappingError.badState) { try set.unmap(start: 0x1000, size: 0x1000, in: &pt) }
        #expect(pt == ptBefore)
        #expect(Array(set) == Array(setBefore))
        #expect(throws: MappingError.badState) {
            try set.protect(start: 0x1000, size: 0x1000, in: &pt) { _ in .read }
        }
        #expect(pt == ptBefore)
        #expect(pt.verify(set).isEmpty)
        // Whole leaves need no split.
        try set.unmap(start: 0, size: 2 * MiB, in: &pt)
        #expect(pt.stats.pages2M == 1)
        #expect(pt.verify(set).isEmpty)
    }
}
