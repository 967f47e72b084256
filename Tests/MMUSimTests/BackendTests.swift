import Testing
import MemorySetCore
@testable import MMUSim

@Suite struct BackendTests {
    @Test func noneBackendChangesNothing() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        let before = pt
        try set.map(area(0x1000, 0x9000, "rw", .none), in: &pt)
        #expect(pt == before)
        #expect(pt.mappedRanges().isEmpty)
        #expect(pt.verify(set).isEmpty)
        try set.protect(start: 0x1000, size: 0x2000, in: &pt) { _ in .read }
        try set.unmap(start: 0x2000, size: 0x1000, in: &pt)
        #expect(pt == before)
        #expect(pt.touch(0x1000, access: .read, areas: set) == .unbacked(address: 0x1000, backend: .none))
        // `none` accepts what the table could not map: addresses above 2^48.
        try set.map(area(1 << 50, (1 << 50) + 0x1000, "r", .none), in: &pt)
        #expect(pt == before)
    }

    @Test func linearMapsAtOffset() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x10000, 0x14000, "rw", .linear(start: 0x10000, physicalStart: 0x80000)), in: &pt)
        #expect(pt.translate(0x10000) == 0x80000)
        #expect(pt.translate(0x13fff) == 0x83fff)
        #expect(pt.translate(0x14000) == nil)
        #expect(pt.translate(0xffff) == nil)
        #expect(pt.mappedRanges() == [MappedRange(start: 0x10000, end: 0x14000, physicalStart: 0x80000,
                                                  flags: [.read, .write], pageSize: 4096, allocated: false)])
        #expect(pt.stats.tablePages == 4)
        #expect(pt.stats.dataFrames == 0)
        #expect(pt.stats.mappedPages == 4)
        #expect(pt.verify(set).isEmpty)
        // A split keeps the offset: the right piece still maps at the same physical addresses.
        try set.unmap(start: 0x11000, size: 0x1000, in: &pt)
        #expect(set.count == 2)
        #expect(pt.translate(0x12000) == 0x82000)
        #expect(pt.translate(0x11000) == nil)
        #expect(pt.verify(set).isEmpty)
        try set.unmap(start: 0x10000, size: 0x4000, in: &pt)
        #expect(pt.stats.tablePages == 1)
        #expect(pt.stats.usedFrames == 1)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func linearWithWrappingOffset() throws {
        // Physical below virtual and above it both work (offset is modular).
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x2000, "r", .linear(start: 0x1000, physicalStart: 0x7000_0000)), in: &pt)
        #expect(pt.translate(0x1234) == 0x7000_0234)
        #expect(pt.verify(set).isEmpty)
        // A physical range reaching 2^52 cannot be mapped: BadState, nothing changes.
        let before = pt
        #expect(throws: MappingError.badState) {
            try set.map(area(0x4000, 0x6000, "r", .linear(start: 0x4000, physicalStart: (1 << 52) - 0x1000)), in: &pt)
        }
        #expect(pt == before)
        #expect(set.count == 1)
    }

    @Test func allocPopulateAndUnmapReturnsFrames() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: true)), in: &pt)
        #expect(pt.stats.dataFrames == 4)
        #expect(pt.stats.usedFrames == 1 + 3 + 4)
        #expect(pt.mappedRanges().count == 1)  // fresh frames are contiguous
        #expect(pt.mappedRanges().first?.allocated == true)
        #expect(pt.verify(set).isEmpty)
        try set.unmap(start: 0x2000, size: 0x2000, in: &pt)
        #expect(pt.stats.dataFrames == 2)
        #expect(pt.stats.usedFrames == 1 + 3 + 2)
        #expect(pt.verify(set).isEmpty)
        try set.clear(in: &pt)
        #expect(pt.stats.usedFrames == 1)
        #expect(pt.stats.tablePages == 1)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func freedFramesAreReused() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 8)  // root + 3 tables + 4 pages
        for _ in 0..<20 {
            try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: true)), in: &pt)
            #expect(pt.stats.freeFrames == 0)
            try set.clear(in: &pt)
            #expect(pt.stats.usedFrames == 1)
        }
        #expect(pt.verify(set).isEmpty)
    }

    @Test func protectChangesPresentPagesOnly() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x9000, "rw", .alloc(populate: false)), in: &pt)
        _ = pt.touch(0x3000, access: .write, areas: set)
        _ = pt.touch(0x6000, access: .write, areas: set)
        let framesBefore = pt.stats.usedFrames
        try set.protect(start: 0x2000, size: 0x3000, in: &pt) { _ in .read }
        #expect(pt.stats.usedFrames == framesBefore)
        #expect(pt.stats.mappedPages == 2)
        #expect(pt.walk(0x3000).last?.flags == .read)
        #expect(pt.walk(0x6000).last?.flags == [.read, .write])
        #expect(pt.verify(set).isEmpty)
        // A later fault in the protected piece maps with the new flags.
        #expect(pt.touch(0x4000, access: .write, areas: set).kind == "protection-fault")
        #expect(pt.touch(0x4000, access: .read, areas: set).kind == "fault-resolved")
        #expect(pt.walk(0x4000).last?.flags == .read)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func addressesAbove48BitsFail() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        let before = pt
        for backend: SimBackend in [.linear(paVaOffset: 0), .alloc(populate: true), .alloc(populate: false)] {
            #expect(throws: MappingError.badState) {
                try set.map(area((1 << 48) - 0x1000, (1 << 48) + 0x1000, "r", backend), in: &pt)
            }
        }
        #expect(set.isEmpty)
        #expect(pt == before)
        // The last page below 2^48 is fine.
        try set.map(area((1 << 48) - 0x1000, 1 << 48, "r", .alloc(populate: true)), in: &pt)
        #expect(pt.walk(VirtAddr((1 << 48) - 1)).map(\.index) == [511, 511, 511, 511])
        #expect(pt.verify(set).isEmpty)
    }

    /// `writesOnMap` says which backends write to the page table on map (callers skip
    /// saving the table for the others): a map by each leaves the table as it was exactly
    /// when it says `false`, and those need no frame.
    @Test func writesOnMapSaysWhetherTheTableChanges() {
        let backends: [SimBackend] = [.none, .alloc(populate: false), .alloc(populate: true), .linear(paVaOffset: 0)]
        for backend in backends {
            var table = PageTable(frameCount: 64)
            let before = table
            #expect(backend.map(start: 0x20_0000, size: 0x2000, flags: [.read, .write], in: &table))
            #expect((table != before) == backend.writesOnMap, "\(backend)")
            let need = table.minimumFrames(toMap: 0x40_0000, size: 0x2000, with: backend)
            #expect(backend.writesOnMap || need == FrameEstimate(pages: 0, tablePages: 0), "\(backend)")
        }
    }

    @Test func backendDescriptions() {
        #expect(SimBackend.none.description == "none")
        #expect(SimBackend.linear(start: 0x5000, physicalStart: 0x1000).description == "linear(offset 0x4000)")
        #expect(SimBackend.linear(start: 0x5000, physicalStart: 0x1000).physicalAddress(for: 0x6000) == 0x2000)
        #expect(SimBackend.alloc(populate: true).description == "alloc(populate)")
        #expect(SimBackend.alloc(populate: false).description == "alloc(lazy)")
        #expect(SimBackend.alloc(populate: false).name == "alloc")
    }

    /// The area's flags fill the backend's tail padding: an area with a simulator backend
    /// (9 bytes) is 32 bytes, not 40, and an optional one needs no extra byte.
    @Test func areaWithSimBackendIsThirtyTwoBytes() {
        #expect(MemoryLayout<SimBackend>.size == 9)
        #expect(MemoryLayout<MemoryArea<SimBackend>>.stride == 32)
        #expect(MemoryLayout<MemoryArea<SimBackend>?>.stride == 32)
    }
}
