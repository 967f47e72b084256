import Testing
import MemorySetCore
@testable import MMUSim

@Suite struct WalkTests {
    @Test func walkShowsEachLevel() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        #expect(pt.walk(0x5000).map(\.description) == ["L4[0] -> not present"])
        try set.map(area(0x5000, 0x6000, "rw", .alloc(populate: true)), in: &pt)
        let steps = pt.walk(0x5123)
        #expect(steps.map(\.level) == [4, 3, 2, 1])
        #expect(steps.map(\.index) == [0, 0, 0, 5])
        #expect(steps[0].tableAddress == 0)  // the root is frame 0
        #expect(steps[0].description == "L4[0] -> table @0x1000")
        #expect(steps[1].description == "L3[0] -> table @0x2000")
        #expect(steps[2].description == "L2[0] -> table @0x3000")
        #expect(steps[3].description == "L1[5] -> 4K page @0x4000 rw-- (alloc)")
        #expect(steps[3].isLeaf && steps[3].allocated && steps[3].pageSize == 4096)
        #expect(steps[3].rawEntry & 1 == 1)
        // An absent entry ends the walk.
        #expect(pt.walk(0x6000).last?.description == "L1[6] -> not present")
        #expect(pt.walk(VirtAddr(1 << 39)).map(\.description) == ["L4[1] -> not present"])
        #expect(pt.walk(VirtAddr(1 << 48)).isEmpty)
    }

    @Test func walkOfHugeLeaf() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(4 * MiB, 6 * MiB, "r", .linear(paVaOffset: 0)), in: &pt)
        let steps = pt.walk(VirtAddr(5 * MiB))
        #expect(steps.count == 3)
        #expect(steps.last?.description == "L2[2] -> 2M page @0x400000 r---")
    }

    @Test func mappedRangesCoalesceAndClip() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x5000, "rw", .linear(start: 0x1000, physicalStart: 0x10000)), in: &pt)
        try set.map(area(0x5000, 0x7000, "rw", .linear(start: 0x5000, physicalStart: 0x20000)), in: &pt)  // not contiguous
        try set.map(area(0x7000, 0x8000, "r", .linear(start: 0x7000, physicalStart: 0x22000)), in: &pt)  // other flags
        let runs = pt.mappedRanges()
        #expect(runs.map(\.range) == [AddrRange(start: 0x1000, end: 0x5000), AddrRange(start: 0x5000, end: 0x7000),
                                      AddrRange(start: 0x7000, end: 0x8000)])
        #expect(runs[0].description == "[0x1000, 0x5000) -> [0x10000, 0x14000) rw-- 4K x4")
        let clipped = pt.mappedRanges(in: AddrRange(start: 0x2000, end: 0x6000))
        #expect(clipped.map(\.range) == [AddrRange(start: 0x2000, end: 0x5000), AddrRange(start: 0x5000, end: 0x6000)])
        #expect(clipped[0].physicalStart == 0x11000)
        // Clipping inside a huge leaf adjusts the physical start too.
        try set.map(area(2 * MiB, 4 * MiB, "r", .linear(paVaOffset: 0)), in: &pt)
        #expect(pt.mappedRanges(in: AddrRange(start: VirtAddr(3 * MiB), end: VirtAddr(5 * MiB)))
                == [MappedRange(start: VirtAddr(3 * MiB), end: VirtAddr(4 * MiB), physicalStart: 3 * MiB,
                                flags: .read, pageSize: 2 * MiB, allocated: false)])
    }

    @Test func statsDescription() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 16)
        try set.map(area(0x1000, 0x3000, "rw", .alloc(populate: true)), in: &pt)
        #expect(pt.stats == PageTableStats(frameCount: 16, usedFrames: 6, freeFrames: 10, tablePages: 4, dataFrames: 2,
                                           mappedPages: 2, pages4K: 2, pages2M: 0, pages1G: 0))
        #expect(pt.stats.description.hasPrefix("frames: 6 used, 10 free (16 total)"))
        #expect(pt.description == "page table: 6 of 16 frames used, 4 table pages, 2 pages mapped")
    }
}
