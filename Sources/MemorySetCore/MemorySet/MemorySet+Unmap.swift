extension MemorySet {
    /// Removes `[start, start + size)` from every area it touches, unmapping
    /// the pages through each area's backend.
    ///
    /// The four cases, for an unmapped range `[s, e)`:
    /// ```
    ///  removed        shrink-right      shrink-left        split
    ///    [  area  ]     [ area  ]          [  area ]       [    area     ]
    ///  [s          e)        [s     e)  [s     e)              [s   e)
    ///  (gone)         [area]                   [area]      [lft]      [rgt]
    /// ```
    /// An area inside the range is removed; one crossing `s` keeps its left
    /// part (its end moves down: shrink-right); one crossing `e` keeps its
    /// right part (its start moves up: shrink-left); one containing the range
    /// is split in two. An empty range is a no-op. Over several areas, in
    /// the order they are handled:
    /// ```
    ///  before:  [ head  ]  [a]  [b]  [ tail  ]
    ///  range:        [s                 e)
    ///  after:   [hd]                     [tl]     head shrinks right,
    ///                                             a and b go, tail shrinks left
    /// ```
    ///
    /// - Returns: One change per touched area, in address order.
    /// - Throws: ``MappingError/invalidParam`` when `start` or `size` is not
    ///   page-aligned or `start + size` overflows (nothing changes);
    ///   ``MappingError/badState`` when a backend fails: the areas handled
    ///   before it keep their new state, the failing one and those after it
    ///   are unchanged.
    /// - Complexity: O(log n + k) for k touched areas.
    @inlinable
    @discardableResult
    public mutating func unmap(
        start: VirtAddr, size: UInt64, in pageTable: inout Backend.PageTable
    ) throws(MappingError) -> AreaChanges<Backend> {
        let (s, e) = try validatedRange(start: start, size: size)
        guard s < e, let (head, last) = tree.bounds(meeting: s, e) else { return AreaChanges() }
        defer { _checkInvariantsInDebug() }
        var changes = AreaChanges<Backend>()

        // An area crossing `s`: split (it also crosses `e`) or shrink-right.
        var headDone = false
        if head.start.rawValue < s {
            guard let pieces = head.unmapping(s, e, in: &pageTable) else { throw .badState }
            tree.shrink(startingAt: head.start.rawValue, to: pieces[0])
            if pieces.count == 2 {
                tree.insertKnownFree(pieces[1])
                changes.append(Change(kind: .split, before: head, after: pieces))
                return changes
            }
            changes.append(Change(kind: .shrinkRight, before: head, after: pieces))
            headDone = true
        }

        // An area crossing `e` (and not `s`): shrink-left, done last.
        let tail: Area? = last.end.rawValue > e && !(headDone && last.start == head.start) ? last : nil

        // Areas inside the range: removed, up to the first backend failure.
        // (The shrunk head now ends at `s`, so the walk starts after it.)
        var removed = 0
        var removedEnd = s
        var failed = false
        tree.visit(meeting: s, tail?.start.rawValue ?? e) { area in
            guard let none = area.unmapping(s, e, in: &pageTable) else {
                failed = true
                return false
            }
            changes.append(Change(kind: .removed, before: area, after: none))
            removed &+= 1
            removedEnd = area.end.rawValue
            return true
        }
        tree.removeAreas(in: s, removedEnd, count: removed)
        if failed { throw .badState }

        if let tail {
            guard let pieces = tail.unmapping(s, e, in: &pageTable) else { throw .badState }
            tree.shrink(startingAt: tail.start.rawValue, to: pieces[0])
            changes.append(Change(kind: .shrinkLeft, before: tail, after: pieces))
        }
        return changes
    }
}
