extension MemorySet {
    /// Changes the flags of the parts of areas inside `[start, start + size)`.
    ///
    /// Each touched area gets `update(oldFlags)`; an area for which `update`
    /// returns `nil` or its current flags is left untouched. A touched area
    /// that crosses a bound of the range is split there, so it becomes up to
    /// three pieces, only the inner one with the new flags:
    /// ```
    ///  inside          crossing s       crossing e      containing
    ///    [ area ]      [  area  ]          [ area  ]    [    area     ]
    ///  [s        e)         [s    e)   [s     e)            [s  e)
    ///    [ new  ]      [old][new]          [new][old]   [old][new][old]
    /// ```
    /// An empty range is a no-op.
    ///
    /// - Returns: A `protected` change per area whose flags changed, with its
    ///   pieces (1 to 3) in address order.
    /// - Throws: ``MappingError/invalidParam`` when `start` or `size` is not
    ///   page-aligned or `start + size` overflows (nothing changes);
    ///   ``MappingError/badState`` when a backend fails: areas handled before
    ///   it keep their new flags, the failing one and those after it are
    ///   unchanged.
    /// - Complexity: O(log n + k) for k touched areas.
    @inlinable
    @discardableResult
    public mutating func protect(
        start: VirtAddr, size: UInt64, in pageTable: inout Backend.PageTable,
        update: (MappingFlags) -> MappingFlags?
    ) throws(MappingError) -> AreaChanges<Backend> {
        let (s, e) = try validatedRange(start: start, size: size)
        guard s < e, let (head, last) = tree.bounds(meeting: s, e) else { return AreaChanges() }
        defer { _checkInvariantsInDebug() }
        var changes = AreaChanges<Backend>()

        // Protects one area that crosses a bound, splitting it.
        func protectSplitting(_ area: Area) throws(MappingError) {
            guard let newFlags = update(area.flags), newFlags != area.flags else { return }
            guard let pieces = area.protecting(s, e, to: newFlags, in: &pageTable) else { throw .badState }
            tree.shrink(startingAt: area.start.rawValue, to: pieces[0])
            for piece in pieces.dropFirst() { tree.insertKnownFree(piece) }
            changes.append(Change(kind: .protected, before: area, after: pieces))
        }

        // The inner areas lie in [middleStart, middleEnd): after the head
        // (whose pieces must not be updated twice) and before the tail.
        var middleStart = s
        if head.start.rawValue < s || head.end.rawValue > e {
            try protectSplitting(head)
            middleStart = head.end.rawValue
        }
        var tail: Area? = nil
        if last.end.rawValue > e && last.start != head.start {
            tail = last
        }
        let middleEnd = tail?.start.rawValue ?? e
        if middleStart < middleEnd {
            var failed = false
            tree.updateFlags(meeting: middleStart, middleEnd) { area in
                guard let newFlags = update(area.flags), newFlags != area.flags else { return true }
                guard let whole = area.protecting(s, e, to: newFlags, in: &pageTable) else {
                    failed = true
                    return false
                }
                changes.append(Change(kind: .protected, before: area, after: whole))
                area = whole[0]
                return true
            }
            if failed { throw .badState }
        }
        if let tail { try protectSplitting(tail) }
        return changes
    }
}
