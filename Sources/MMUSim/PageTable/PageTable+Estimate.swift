import MemorySetCore

/// What mapping a range costs in frames, known before anything is allocated: the data pages
/// (populating `alloc`) and a lower bound on the new table pages.
public struct FrameEstimate: Equatable, Sendable {
    /// Frames for the pages themselves: every 4 KiB page of a populating `alloc` area, none
    /// for `linear` (its physical memory is not taken from the allocator) or lazy `alloc`.
    public var pages: UInt64
    /// At least this many new table pages: the tables the range needs at each level, less every
    /// table that exists already (so the bound never exceeds the real need).
    public var tablePages: UInt64

    /// `pages + tablePages`, saturating.
    public var total: UInt64 {
        let (sum, overflow) = pages.addingReportingOverflow(tablePages)
        return overflow ? .max : sum
    }
}

extension PageTable {
    /// The frames that mapping `[start, start + size)` with `backend` needs at the least,
    /// computed from the range alone in O(1), before any frame is allocated.
    ///
    /// A range needs one table per 2 MiB chunk it meets (level 1), per 1 GiB chunk (level 2)
    /// and per 512 GiB chunk (level 3), except where a huge leaf covers a whole chunk (a
    /// `linear` mapping whose physical offset is 2 MiB or 1 GiB aligned):
    ///
    /// ```
    ///   chunks of 2 MiB   |  .  |     |     |     |  .  |   met: 5, whole: 3
    ///   range               [=========================]
    ///   level-1 tables      1                       1      with 2 MiB leaves: 2
    /// ```
    ///
    /// The tables that already exist are subtracted wholesale (whether or not they lie in
    /// the range), so the result is a lower bound: a command whose bound exceeds the free
    /// frames cannot succeed, and one that fits may still run out (then it fails and rolls
    /// back as before).
    /// - Returns: `nil` for a range the table cannot map (unaligned, or reaching 2^48).
    /// - Complexity: O(1)
    public func minimumFrames(toMap start: VirtAddr, size: UInt64, with backend: SimBackend) -> FrameEstimate? {
        guard let end = checkedEnd(start: start, size: size) else { return nil }
        let s = start.rawValue
        // No backend and lazy `alloc` map nothing: no frame.
        guard size > 0, backend.writesOnMap else { return FrameEstimate(pages: 0, tablePages: 0) }
        let hugeLevels: Int
        let pages: UInt64
        if case let .linear(offset) = backend {
            pages = 0
            // A whole chunk takes a huge leaf when its physical address is aligned too, i.e.
            // when the offset is.
            hugeLevels = offset & (Geometry.entrySize(3) - 1) == 0 ? 3 : offset & (Geometry.entrySize(2) - 1) == 0 ? 2 : 1
        } else {
            // Populating `alloc`: a frame per page.
            pages = size / Self.pageSize
            hugeLevels = 1  // 4 KiB leaves only
        }
        var tables: UInt64 = 0
        // A table at `level` (1...3) covers one entry of the level above: 2 MiB, 1 GiB, 512 GiB.
        for level in 1...3 {
            let span = Geometry.entrySize(level + 1)
            let met = (end - 1) / span - s / span + 1
            // A whole chunk is covered by one huge leaf of the level above, when allowed.
            let leafAbove = level + 1 <= hugeLevels
            let whole = leafAbove ? Self.wholeChunks(s, end, span) : 0
            tables += met - whole
        }
        let existing = UInt64(storage.tables.count - 1)  // not the root
        return FrameEstimate(pages: pages, tablePages: tables > existing ? tables - existing : 0)
    }

    /// The number of `span`-aligned chunks lying wholly inside `[s, e)`.
    private static func wholeChunks(_ s: UInt64, _ e: UInt64, _ span: UInt64) -> UInt64 {
        let first = s % span == 0 ? s / span : s / span + 1
        let last = e / span
        return last > first ? last - first : 0
    }
}
