import Testing
import MemorySetCore
@testable import MMUSim
import TestSupport

/// `PageTable.residentSize(in:)` against the mapped runs (`mappedRanges()`) cut to the range:
/// 4 KiB pages, 2 MiB and 1 GiB leaves, whole last-level tables (counted by their present
/// entries) and ranges that start or end inside a table or a huge leaf.
@Suite struct ResidentTests {
    /// The resident bytes of `range` from the table's mapped runs.
    func recount(_ pt: PageTable, _ range: AddrRange) -> UInt64 {
        pt.mappedRanges().reduce(0) { total, run in
            let s = max(run.start.rawValue, range.start.rawValue), e = min(run.end.rawValue, range.end.rawValue)
            return s < e ? total + (e - s) : total
        }
    }

    /// A table with huge leaves, populated runs across last-level tables and touched pages.
    func mixedTable() throws -> (MemorySet<SimBackend>, PageTable) {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 4096)
        try set.map(area(GiB, 3 * GiB, "rw", .linear(start: VirtAddr(GiB), physicalStart: 4 * GiB)), in: &pt)
        try set.map(area(4 * GiB, 4 * GiB + 6 * MiB, "r", .linear(start: VirtAddr(4 * GiB), physicalStart: 2 * MiB)), in: &pt)
        try set.map(area(8 * GiB - 3 * MiB, 8 * GiB + 5 * MiB + 0x3000, "rw", .alloc(populate: true)), in: &pt)
        try set.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: false)), in: &pt)
        for page in [UInt64(0), 1, 511, 512, 513, 4000, 16383] {
            _ = pt.touch(VirtAddr(16 * GiB + page * 4096), access: .write, user: false, areas: set)
        }
        return (set, pt)
    }

    @Test func areasCountTheirPresentPages() throws {
        let (set, pt) = try mixedTable()
        let sizes = set.map { pt.residentSize(in: $0.range) }
        #expect(sizes == [2 * GiB, 6 * MiB, 8 * MiB + 0x3000, 7 * 4096])
        #expect(pt.residentSize == sizes.reduce(0, +))
        #expect(pt.residentSize(in: AddrRange(start: 0, end: VirtAddr(PageTable.addressLimit))) == pt.residentSize)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomRangesMatchTheMappedRuns(seed: UInt64) throws {
        let (_, pt) = try mixedTable()
        var rng = SplitMix64(state: seed)
        let anchors: [UInt64] = [0, GiB, 2 * GiB, 3 * GiB, 4 * GiB, 8 * GiB - 3 * MiB, 8 * GiB, 16 * GiB, 16 * GiB + 2 * MiB]
        for _ in 0..<400 {
            let a = anchors.randomElement(using: &rng)! + UInt64.random(in: 0..<(4 * MiB), using: &rng) / 4096 * 4096
            let b = anchors.randomElement(using: &rng)! + UInt64.random(in: 0..<(4 * MiB), using: &rng) / 4096 * 4096
            let range = AddrRange(start: VirtAddr(min(a, b)), end: VirtAddr(max(a, b)))
            #expect(pt.residentSize(in: range) == recount(pt, range), "\(range)")
        }
    }

    @Test func emptyAndOutOfReachRangesHoldNothing() throws {
        let (_, pt) = try mixedTable()
        #expect(pt.residentSize(in: AddrRange(start: VirtAddr(GiB), end: VirtAddr(GiB))) == 0)
        #expect(pt.residentSize(in: AddrRange(start: VirtAddr(PageTable.addressLimit), end: VirtAddr(UInt64.max))) == 0)
        #expect(PageTable().residentSize(in: AddrRange(start: 0, end: VirtAddr(UInt64.max))) == 0)
    }
}
