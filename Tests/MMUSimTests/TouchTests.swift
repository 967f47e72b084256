import Testing
import MemorySetCore
@testable import MMUSim

@Suite struct TouchTests {
    @Test func lazyAllocFaultsInOnce() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x5000, "rw", .alloc(populate: false)), in: &pt)
        #expect(pt.stats.usedFrames == 1)
        let outcome = pt.touch(0x2010, access: .write, areas: set)
        guard case let .faultResolved(address, physical, frame, flags) = outcome else {
            Issue.record("expected a resolved fault, got \(outcome)")
            return
        }
        #expect(address == 0x2010)
        #expect(flags == [.read, .write])
        #expect(physical == frame + 0x10)
        #expect(outcome.description == "page fault at 0x2010: allocated frame \(VirtAddr(frame)) (rw--)")
        #expect(pt.stats.usedFrames == 1 + 3 + 1)
        let hit = pt.touch(0x2020, access: .read, areas: set)
        #expect(hit == .hit(address: 0x2020, physical: frame + 0x20, flags: flags))
        #expect(hit.succeeded && hit.physicalAddress == frame + 0x20)
        #expect(pt.stats.usedFrames == 1 + 3 + 1)
        #expect(pt.verify(set).isEmpty)
    }

    @Test func protectionFaults() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x2000, "r", .alloc(populate: true)), in: &pt)
        try set.map(area(0x2000, 0x3000, "wx", .alloc(populate: false)), in: &pt)
        let write = pt.touch(0x1000, access: .write, areas: set)
        #expect(write == .protectionFault(address: 0x1000, access: .write, flags: .read, missing: .write))
        #expect(write.description == "protection fault at 0x1000: write to r--- page (needs w)")
        #expect(pt.touch(0x1000, access: .execute, areas: set).kind == "protection-fault")
        #expect(pt.touch(0x1000, access: .read, areas: set).kind == "hit")
        // Kernel-mode access ignores `u`, user mode needs it.
        #expect(pt.touch(0x1000, access: .read, user: true, areas: set)
                == .protectionFault(address: 0x1000, access: .read, flags: .read, missing: .user))
        // Not mapped yet: the area's flags decide, and nothing is allocated.
        let frames = pt.stats.usedFrames
        #expect(pt.touch(0x2000, access: .read, areas: set).kind == "protection-fault")
        #expect(pt.stats.usedFrames == frames)
        #expect(pt.touch(0x2000, access: .execute, areas: set).kind == "fault-resolved")
        #expect(pt.verify(set).isEmpty)
    }

    @Test func noAreaAndOutOfFrames() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 4)  // root + 3 tables: no frame for a page
        try set.map(area(0x1000, 0x3000, "rw", .alloc(populate: false)), in: &pt)
        let none = pt.touch(0x9000, access: .read, areas: set)
        #expect(none == .noArea(address: 0x9000))
        #expect(none.description == "segmentation fault at 0x9000: no area")
        let before = pt
        let oom = pt.touch(0x1000, access: .read, areas: set)
        #expect(oom == .outOfFrames(address: 0x1000))
        #expect(oom.description == "page fault at 0x1000: out of frames")
        #expect(pt == before)
        #expect(pt.stats.usedFrames == 1)  // the tables allocated for the fault were given back
        #expect(pt.verify(set).isEmpty)
        #expect(pt.touch(VirtAddr(1 << 60), access: .read, areas: set) == .noArea(address: VirtAddr(1 << 60)))
    }

    @Test func touchThroughHugeLeaf() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(2 * MiB, 4 * MiB, "rx", .linear(start: VirtAddr(2 * MiB), physicalStart: 8 * MiB)), in: &pt)
        #expect(pt.touch(VirtAddr(3 * MiB + 5), access: .execute, areas: set)
                == .hit(address: VirtAddr(3 * MiB + 5), physical: 9 * MiB + 5, flags: [.read, .execute]))
        #expect(pt.touch(VirtAddr(3 * MiB), access: .read, areas: set).description
                == "hit at 0x300000: pa 0x900000 (r-x-)")
    }
}
