import Testing
import MemorySetCore
@testable import MMUSim

/// Shorthand for an area with a simulator backend.
func area(_ start: UInt64, _ end: UInt64, _ flags: String, _ backend: SimBackend) -> MemoryArea<SimBackend> {
    MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: MappingFlags(parsing: flags)!, backend: backend)
}

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
    }

    @Test func linearMapsAtOffset() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x10000, 0x14000, "rw", .linear(start: 0x10000, physicalStart: 0x80000)), in: &pt)
        #expect(pt.translate(0x10000) == 0x80000)
        #expect(pt.translate(0x13fff) == 0x83fff)
        #expect(pt.translate(0x14000) == nil)
        #expect(pt.mappedRanges() == [MappedRange(start: 0x10000, end: 0x14000, physicalStart: 0x80000,
                                                  flags: [.read, .write], pageSize: 4096, allocated: false)])
        #expect(pt.stats.tablePages == 4)
        #expect(pt.stats.dataFrames == 0)
        #expect(pt.verify(set).isEmpty)
        try set.unmap(start: 0x10000, size: 0x4000, in: &pt)
        #expect(pt.stats.tablePages == 1)
        #expect(pt.stats.usedFrames == 1)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func allocPopulateAndUnmapReturnsFrames() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: true)), in: &pt)
        #expect(pt.stats.dataFrames == 4)
        #expect(pt.stats.usedFrames == 1 + 3 + 4)
        #expect(pt.verify(set).isEmpty)
        try set.unmap(start: 0x2000, size: 0x2000, in: &pt)
        #expect(pt.stats.dataFrames == 2)
        #expect(pt.verify(set).isEmpty)
        try set.clear(in: &pt)
        #expect(pt.stats.usedFrames == 1)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func lazyAllocFaultsIn() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: false)), in: &pt)
        #expect(pt.stats.usedFrames == 1)
        let outcome = pt.touch(0x2010, access: .write, areas: set)
        guard case let .faultResolved(_, physical, frame, flags) = outcome else {
            Issue.record("expected a resolved fault, got \(outcome)")
            return
        }
        #expect(flags == [.read, .write])
        #expect(physical == frame + 0x10)
        #expect(pt.touch(0x2020, access: .read, areas: set) == .hit(address: 0x2020, physical: frame + 0x20, flags: flags))
        #expect(pt.verify(set).isEmpty)
        #expect(pt.touch(0x2020, access: .execute, areas: set).kind == "protection-fault")
        #expect(pt.touch(0x9000, access: .read, areas: set) == .noArea(address: 0x9000))
    }
}
