import MemorySetCore

extension PageTable {
    /// The entries a hardware walk of `addr` reads: one step per level from
    /// the root (level 4) down to the leaf, or to the first absent entry.
    ///
    /// Returns an empty array for an address at or above 2^48, which the
    /// table cannot map.
    /// - Complexity: O(1) (at most 4 steps).
    public func walk(_ addr: VirtAddr) -> [WalkStep] {
        let va = addr.rawValue
        guard va < Self.addressLimit else { return [] }
        let s = storage
        var steps: [WalkStep] = []
        var table = s.root
        for level in stride(from: Geometry.levels, through: 1, by: -1) {
            let index = Geometry.index(va, level)
            let entry = s.entry(table, index)
            let leaf = entry.isPresent && entry.isLeaf(atLevel: level)
            steps.append(WalkStep(
                level: level, index: index, tableAddress: UInt64(table) << 12, rawEntry: entry.raw,
                present: entry.isPresent, isLeaf: leaf, physicalAddress: entry.isPresent ? entry.physical : nil,
                pageSize: leaf ? Geometry.entrySize(level) : nil, flags: leaf ? entry.flags : nil,
                allocated: leaf && entry.isOwned
            ))
            guard entry.isPresent, !leaf else { break }
            table = entry.frame
        }
        return steps
    }

    /// The leaf mapping `addr`, with its level, or `nil` when not mapped.
    func leaf(for addr: UInt64) -> (entry: PageTableEntry, level: Int)? {
        guard addr < Self.addressLimit else { return nil }
        var table = storage.root
        for level in stride(from: Geometry.levels, through: 1, by: -1) {
            let entry = storage.entry(table, Geometry.index(addr, level))
            guard entry.isPresent else { return nil }
            if entry.isLeaf(atLevel: level) { return (entry, level) }
            table = entry.frame
        }
        return nil
    }

    /// The physical address `addr` translates to, or `nil` when it is not
    /// mapped (permissions are not checked; see ``touch(_:access:user:areas:)``).
    /// - Complexity: O(1)
    public func translate(_ addr: VirtAddr) -> UInt64? {
        guard let (entry, level) = leaf(for: addr.rawValue) else { return nil }
        return entry.physical + (addr.rawValue & (Geometry.entrySize(level) - 1))
    }

    /// The mapped memory, as runs of consecutive leaves of one size with
    /// equal flags, equal ownership and contiguous physical addresses, in
    /// address order. Runs are clipped to `range` when given.
    ///
    /// Runs to the end whatever ``cancellation`` says; see
    /// ``mappedRanges(in:cancellation:)`` for a listing that can be stopped.
    /// - Complexity: O(entries of the present tables covering the range);
    ///   absent parts cost nothing, however large.
    public func mappedRanges(in range: AddrRange? = nil) -> [MappedRange] {
        var poller = Poller(.never)
        return collectRanges(in: range, &poller)
    }

    /// The mapped memory as ``mappedRanges(in:)`` lists it, polling
    /// `cancellation` every ``Cancellation/pollInterval`` entries visited.
    /// - Throws: ``Cancelled`` when `cancellation` says stop.
    /// - Complexity: O(entries of the present tables covering the range).
    public func mappedRanges(in range: AddrRange? = nil, cancellation: Cancellation) throws(Cancelled) -> [MappedRange] {
        var poller = Poller(cancellation)
        let runs = collectRanges(in: range, &poller)
        if poller.stopped { throw Cancelled() }
        return runs
    }

    /// The runs of `range`, as far as `poller` lets it go.
    private func collectRanges(in range: AddrRange?, _ poller: inout Poller) -> [MappedRange] {
        let start = range?.start.rawValue ?? 0
        let end = Swift.min(range?.end.rawValue ?? Self.addressLimit, Self.addressLimit)
        var runs: [MappedRange] = []
        storage.forEachLeaf(start: start, end: end, poller: &poller) { leaf in
            let s = Swift.max(leaf.va, start)
            let e = Swift.min(leaf.va + leaf.size, end)
            let pa = leaf.entry.physical + (s - leaf.va)
            let flags = leaf.entry.flags
            if var last = runs.last, last.end.rawValue == s, last.physicalEnd == pa, last.flags == flags,
               last.pageSize == leaf.size, last.allocated == leaf.entry.isOwned {
                last.end = VirtAddr(e)
                runs[runs.count - 1] = last
            } else {
                runs.append(MappedRange(start: VirtAddr(s), end: VirtAddr(e), physicalStart: pa, flags: flags,
                                        pageSize: leaf.size, allocated: leaf.entry.isOwned))
            }
            return true
        }
        return runs
    }
}
