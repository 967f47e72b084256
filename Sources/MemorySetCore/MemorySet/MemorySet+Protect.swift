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
        guard s < e else { return AreaChanges() }
        let (touched, firstArea, lastArea) = tree.run(meeting: s, e)
        guard let head = firstArea, let last = lastArea else { return AreaChanges() }
        defer { _checkInvariantsInDebug() }
        var changes = AreaChanges<Backend>()
        var position = touched.lowerBound
        var remaining = touched.count

        // Protects one area that crosses a bound, splitting it.
        func protectSplitting(_ area: Area) throws(MappingError) {
            guard let newFlags = update(area.flags), newFlags != area.flags else {
                position &+= 1
                return
            }
            guard let pieces = area.protecting(s, e, to: newFlags, in: &pageTable) else { throw .badState }
            tree.shrink(startingAt: area.start.rawValue, to: pieces[0])
            for piece in pieces.dropFirst() { tree.insertKnownFree(piece) }
            position &+= pieces.count
            changes.append(Change(kind: .protected, before: area, after: pieces))
        }

        if head.start.rawValue < s || head.end.rawValue > e {
            try protectSplitting(head)
            remaining &-= 1
        }
        var tail: Area? = nil
        if remaining > 0 && last.end.rawValue > e {
            tail = last
            remaining &-= 1
        }
        if remaining > 0 {
            var failed = false
            tree.updateFlags(in: position..<(position &+ remaining)) { area in
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
            position &+= remaining
        }
        if let tail { try protectSplitting(tail) }
        return changes
    }
}
