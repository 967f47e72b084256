import Testing
import MemorySetCore
@testable import MMUSim

/// Each test builds a page table that disagrees with the areas (by driving
/// the set and the table apart on purpose) and checks that `verify` says so.
@Suite struct VerifyTests {
    @Test func pageOutsideEveryArea() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x2000, "rw", .alloc(populate: true)), in: &pt)
        let problems = pt.verify(MemorySet<SimBackend>())
        #expect(problems.contains("4K page at 0x1000 is mapped outside every area"))
    }

    @Test func missingPagesOfLinearAndPopulatedAreas() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        var other = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x3000, "rw", .linear(paVaOffset: 0)), in: &pt)
        try set.map(area(0x3000, 0x5000, "rw", .alloc(populate: true)), in: &pt)
        try set.map(area(0x5000, 0x7000, "rw", .alloc(populate: false)), in: &pt)
        #expect(pt.verify(set).isEmpty)
        let problems = other.verify(set)
        #expect(problems == [
            "area [0x1000, 0x3000) rw-- (linear(offset 0x0)) maps 0 of its 2 pages",
            "area [0x3000, 0x5000) rw-- (alloc(populate)) maps 0 of its 2 pages",
        ])
        _ = other  // lazy areas may map nothing
        _ = pt.touch(0x5000, access: .read, areas: set)
        #expect(pt.verify(set).isEmpty)
        other = pt
        #expect(other.verify(set).isEmpty)
    }

    @Test func wrongFlagsAndWrongPhysicalAddress() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x2000, "rw", .linear(paVaOffset: 0)), in: &pt)
        var unprotected = pt
        try set.protect(start: 0x1000, size: 0x1000, in: &pt) { _ in .read }
        #expect(pt.verify(set).isEmpty)
        #expect(unprotected.verify(set) == ["4K page at 0x1000 has flags rw-- but its area [0x1000, 0x2000) r--- has r---"])

        var moved = MemorySet<SimBackend>()
        var unused = PageTable(frameCount: 64)
        try moved.map(area(0x1000, 0x2000, "rw", .linear(paVaOffset: 0x1000)), in: &unused)
        _ = unprotected.touch(0x1000, access: .read, areas: moved)
        #expect(unprotected.verify(moved) == ["4K page at 0x1000 maps 0x1000, linear area [0x1000, 0x2000) rw-- needs 0x0"])
    }

    @Test func backendKindMismatch() throws {
        var linearSet = MemorySet<SimBackend>()
        var allocSet = MemorySet<SimBackend>()
        var noneSet = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        var scratch = PageTable(frameCount: 64)
        try linearSet.map(area(0x1000, 0x2000, "rw", .linear(paVaOffset: 0)), in: &pt)
        try allocSet.map(area(0x1000, 0x2000, "rw", .alloc(populate: false)), in: &scratch)
        try noneSet.map(area(0x1000, 0x2000, "rw", .none), in: &scratch)
        #expect(pt.verify(allocSet) == ["4K page at 0x1000 in alloc area [0x1000, 0x2000) rw-- is not on an allocated frame"])
        #expect(pt.verify(noneSet) == ["4K page at 0x1000 is mapped in area [0x1000, 0x2000) rw-- whose backend is none"])
    }

    @Test func hugeLeafCrossingAreaEnd() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0, 2 * MiB, "rw", .linear(paVaOffset: 0)), in: &pt)
        var smaller = MemorySet<SimBackend>()
        var scratch = PageTable(frameCount: 64)
        try smaller.map(area(0, MiB, "rw", .linear(paVaOffset: 0)), in: &scratch)
        #expect(pt.verify(smaller).contains("2M page at 0x0 crosses the end of area [0x0, 0x100000) rw--"))
    }

    @Test func leakedAndDoubleUsedFrames() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 64)
        try set.map(area(0x1000, 0x3000, "rw", .alloc(populate: true)), in: &pt)
        #expect(pt.verify(set).isEmpty)

        var leaky = pt
        leaky.makeUnique()
        _ = leaky.storage.allocateFrame()
        #expect(leaky.verify(set) == ["7 frames are allocated but tables and pages account for 6 (leak)"])

        var doubled = pt
        doubled.makeUnique()
        // Point the second page at the first page's frame.
        let l1 = doubled.walk(0x1000)[3].tableAddress
        let first = doubled.storage.entry(Int(l1 >> 12), 1)
        doubled.storage.setEntry(Int(l1 >> 12), 2, first)
        let problems = doubled.verify(set)
        #expect(problems.contains("frame 0x4000 used twice: by the page at 0x1000 and by the page at 0x2000"))
        #expect(problems.contains("6 frames are allocated but tables and pages account for 5 (leak)"))

        var emptyTable = pt
        emptyTable.makeUnique()
        let l1Frame = Int(emptyTable.walk(0x1000)[3].tableAddress >> 12)
        emptyTable.storage.setEntry(l1Frame, 1, .empty)
        emptyTable.storage.setEntry(l1Frame, 2, .empty)
        #expect(emptyTable.verify(set).contains("table page 0x3000 (level 1) is empty but not freed"))
    }

    @Test func problemListIsCapped() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 1024)
        try set.map(area(0, 0x100000, "rw", .alloc(populate: true)), in: &pt)
        let problems = pt.verify(MemorySet<SimBackend>())
        #expect(problems.count == PageTable.verifyProblemLimit + 1)
        #expect(problems.last == "… and \(256 - PageTable.verifyProblemLimit) more problems")
    }
}
