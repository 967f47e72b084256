import MemorySetCore
@testable import MMUSim
import Synchronization
import Testing

/// A cancellation check that says stop at its `stopAt`-th call (never when `nil`) and
/// counts its calls.
final class StopAfter: Sendable {
    let calls = Atomic<Int>(0)
    let stopAt: Int?

    init(_ stopAt: Int?) { self.stopAt = stopAt }

    var cancellation: PageTable.Cancellation {
        .init { [self] in
            let n = calls.add(1, ordering: .relaxed).newValue
            return stopAt.map { n >= $0 } ?? false
        }
    }

    var count: Int { calls.load(ordering: .relaxed) }
}

/// Long page-table work polls the table's cancellation every 4096 entries and, told to
/// stop, fails as running out of frames fails: frames, tables and entries as before.
@Suite struct CancellationTests {
    static let interval = PageTable.Cancellation.pollInterval

    /// A table holding a few areas of every backend (built the same way each time, so two
    /// calls give equal tables that share nothing).
    func someState() throws -> (MemorySet<SimBackend>, PageTable) {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 1 << 24)
        try set.map(area(0x1000, 0x9000, "rw", .alloc(populate: true)), in: &pt)
        try set.map(area(4 * MiB, 8 * MiB, "r", .linear(start: VirtAddr(4 * MiB), physicalStart: 0x1000)), in: &pt)
        try set.map(area(GiB, 2 * GiB, "rwx", .linear(start: VirtAddr(GiB), physicalStart: 0)), in: &pt)
        try set.map(area(3 * GiB, 3 * GiB + 64 * MiB, "rw", .alloc(populate: false)), in: &pt)
        _ = pt.touch(VirtAddr(3 * GiB + 0x5000), access: .write, areas: set)
        return (set, pt)
    }

    /// A populate of 2^24 pages (64 GiB), stopped at poll `n`, both with the table's storage
    /// unique (undone from the journal) and shared with a snapshot (the snapshot restored).
    @Test(arguments: [1, 2, 9], [false, true])
    func stoppedPopulateRestoresEverything(n: Int, snapshot: Bool) throws {
        var (set, pt) = try someState()
        let (referenceSet, reference) = try someState()
        let kept = snapshot ? pt : PageTable()
        let check = StopAfter(n)
        pt.cancellation = check.cancellation
        let before = pt.operationCount
        #expect(throws: MappingError.badState) {
            try set.map(area(16 * GiB, 80 * GiB, "rw", .alloc(populate: true)), in: &pt)
        }
        #expect(check.count == n)
        if !snapshot { #expect(pt.operationCount - before > (n - 1) * Self.interval) }
        #expect(pt == reference)
        #expect(pt.stats == reference.stats)
        #expect(pt.mappedRanges() == reference.mappedRanges())
        #expect(Array(set) == Array(referenceSet))
        #expect(pt.verify(set).isEmpty)
        if snapshot { #expect(pt.storage === kept.storage) }  // restored in O(1)

        // The table works as before: the same populate without a cancellation succeeds,
        // with the frames and tables it would have taken anyway.
        pt.cancellation = .never
        var (set2, pt2) = (referenceSet, reference)
        try set.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &pt)
        try set2.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &pt2)
        #expect(pt == pt2)
        #expect(pt.verify(set).isEmpty)
    }

    /// A linear map with a 4 KiB-aligned offset writes one entry per page: it is stopped too.
    @Test(arguments: [1, 3])
    func stoppedLinearMapRestoresEverything(n: Int) throws {
        var (set, pt) = try someState()
        let (referenceSet, reference) = try someState()
        let check = StopAfter(n)
        pt.cancellation = check.cancellation
        #expect(throws: MappingError.badState) {
            try set.map(area(1 << 40, 1 << 41, "r", .linear(start: VirtAddr(1 << 40), physicalStart: 0x1000)), in: &pt)
        }
        #expect(check.count == n)
        #expect(pt == reference && Array(set) == Array(referenceSet))
        #expect(pt.verify(set).isEmpty)
    }

    /// Unmapping and protecting many present pages are stopped too: the backend call fails
    /// with the table as before, in both storage cases, and the set keeps its areas.
    @Test(arguments: [1, 3], [false, true])
    func stoppedUnmapAndProtectRestoreEverything(n: Int, snapshot: Bool) throws {
        var (set, pt) = try someState()
        try set.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &pt)
        var (referenceSet, reference) = try someState()
        try referenceSet.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &reference)
        #expect(pt == reference)

        for protect in [false, true] {
            let kept = snapshot ? pt : PageTable()
            let check = StopAfter(n)
            pt.cancellation = check.cancellation
            // One backend call over the populated area, split in the middle of a table.
            #expect(throws: MappingError.badState) {
                if protect {
                    try set.protect(start: VirtAddr(16 * GiB + 4096), size: 64 * MiB - 4096, in: &pt) { _ in .read }
                } else {
                    try set.unmap(start: VirtAddr(16 * GiB + 4096), size: 64 * MiB - 4096, in: &pt)
                }
            }
            #expect(check.count == n)
            pt.cancellation = .never
            #expect(pt == reference)
            #expect(pt.stats == reference.stats)
            #expect(Array(set) == Array(referenceSet))
            #expect(pt.verify(set).isEmpty)
            if snapshot { #expect(pt.storage === kept.storage) }
        }
    }

    /// A check that never says stop is polled and changes nothing: the same tables, frames
    /// and entries as without a check, and the check called once per 4096 entries visited.
    @Test func checkThatNeverStopsChangesNothing() throws {
        var (set, pt) = try someState()
        var (plainSet, plain) = try someState()
        let check = StopAfter(nil)
        pt.cancellation = check.cancellation
        let before = pt.operationCount
        try set.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &pt)
        try set.protect(start: VirtAddr(16 * GiB), size: 32 * MiB, in: &pt) { _ in .read }
        try set.unmap(start: VirtAddr(16 * GiB + 16 * MiB), size: 32 * MiB, in: &pt)
        try plainSet.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &plain)
        try plainSet.protect(start: VirtAddr(16 * GiB), size: 32 * MiB, in: &plain) { _ in .read }
        try plainSet.unmap(start: VirtAddr(16 * GiB + 16 * MiB), size: 32 * MiB, in: &plain)
        let visited = pt.operationCount - before
        // Once every 4096 entries, counting on from one operation to the next.
        #expect(check.count > 0)
        #expect(check.count >= visited / Self.interval - 1 && check.count <= visited / Self.interval + 1)
        #expect(pt == plain && Array(set) == Array(plainSet))
        #expect(pt.stats == plain.stats)
        #expect(pt.verify(set).isEmpty)

        // The reads too.
        let ranges = check.count
        #expect(try pt.mappedRanges(cancellation: check.cancellation) == plain.mappedRanges())
        #expect(try pt.verify(set, cancellation: check.cancellation).isEmpty)
        #expect(check.count > ranges)
    }

    /// Listing the mapped ranges and verifying throw when stopped, at any poll.
    @Test(arguments: [1, 3])
    func stoppedReadsThrow(n: Int) throws {
        var (set, pt) = try someState()
        try set.map(area(16 * GiB, 16 * GiB + 64 * MiB, "rw", .alloc(populate: true)), in: &pt)
        let before = pt
        let listing = StopAfter(n)
        #expect(throws: PageTable.Cancelled()) { try pt.mappedRanges(cancellation: listing.cancellation) }
        #expect(listing.count == n)
        let verifying = StopAfter(n)
        #expect(throws: PageTable.Cancelled()) { try pt.verify(set, cancellation: verifying.cancellation) }
        #expect(verifying.count == n)
        #expect(pt == before && pt.storage === before.storage)
        // The same reads without a stop: what the plain calls return.
        #expect(try pt.mappedRanges(cancellation: StopAfter(nil).cancellation) == pt.mappedRanges())
        #expect(try pt.verify(set, cancellation: StopAfter(nil).cancellation) == [])
    }

    /// Short work never calls the check; equality ignores it.
    @Test func shortWorkNeverPollsAndEqualityIgnoresTheCheck() throws {
        var (set, pt) = try someState()
        let (_, reference) = try someState()
        let check = StopAfter(1)
        pt.cancellation = check.cancellation
        #expect(pt == reference)
        try set.map(area(16 * GiB, 16 * GiB + 4 * MiB, "rw", .alloc(populate: true)), in: &pt)
        _ = pt.touch(VirtAddr(3 * GiB + 0x9000), access: .read, areas: set)
        try set.unmap(start: VirtAddr(16 * GiB), size: 4 * MiB, in: &pt)
        #expect(check.count == 0)
        #expect(PageTable.Cancellation.never.isCancelled == false)
        #expect(check.cancellation.isCancelled)
    }

    /// Many short changes in a row poll too: the count of entries goes on from one change
    /// to the next, so a run of one-page maps (each its own backend call, none near 4096
    /// entries) is stopped within 4096 entries of the check saying stop.
    @Test func shortChangesInARowPollToo() throws {
        var set = MemorySet<SimBackend>()
        var pt = PageTable(frameCount: 1 << 16)
        let check = StopAfter(nil)
        pt.cancellation = check.cancellation
        for i in 0..<UInt64(3000) {
            try set.map(area(i * 2 * MiB, i * 2 * MiB + 4096, "rw", .alloc(populate: true)), in: &pt)
        }
        #expect(check.count >= 1)

        let stop = StopAfter(1)
        pt.cancellation = stop.cancellation
        var failedAt: UInt64? = nil
        for i in 0..<UInt64(3000) where failedAt == nil {
            let before = pt
            do {
                try set.unmap(start: VirtAddr(i * 2 * MiB), size: 4096, in: &pt)
            } catch {
                #expect(error == .badState)
                #expect(pt == before)
                failedAt = i
            }
        }
        #expect(stop.count == 1)
        #expect(failedAt != nil)
        #expect(set.count == 3000 - Int(failedAt ?? 0))
        #expect(pt.verify(set).isEmpty)
    }
}
