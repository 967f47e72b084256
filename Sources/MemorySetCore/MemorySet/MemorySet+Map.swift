extension MemorySet {
    /// Adds `area` and maps its pages through its backend.
    ///
    /// - Parameters:
    ///   - area: The area to add; its range must be non-empty and page-aligned.
    ///   - pageTable: The page table the backends write to.
    ///   - unmapOverlap: When the area overlaps existing areas, unmap the
    ///     overlapped parts first (see ``unmap(start:size:in:)``) instead of failing.
    /// - Returns: What happened to each touched area: the unmap changes (if
    ///   any), then `added` for `area`.
    /// - Throws: ``MappingError/invalidParam`` for an empty or unaligned
    ///   range; ``MappingError/alreadyExists`` on overlap without
    ///   `unmapOverlap` (nothing changes); ``MappingError/badState`` when a
    ///   backend fails (what was applied before is kept; see ``MemorySet``).
    /// - Complexity: O(log n), plus the cost of the unmap when replacing.
    @inlinable
    @discardableResult
    public mutating func map(
        _ area: Area, in pageTable: inout Backend.PageTable, unmapOverlap: Bool = false
    ) throws(MappingError) -> AreaChanges<Backend> {
        guard area.start < area.end, area.start.isAligned(to: pageSize), area.end.isAligned(to: pageSize) else {
            throw .invalidParam
        }
        var changes = AreaChanges<Backend>()
        // A local function, not a closure in a `let`: no context is allocated on the heap.
        func accept() -> Bool { area.backend.map(start: area.start, size: area.size, flags: area.flags, in: &pageTable) }
        if unmapOverlap {
            // Unmap first (a no-op without overlap): one insertion attempt instead of two.
            changes = try unmap(start: area.start, size: area.size, in: &pageTable)
        }
        switch tree.insertIfFree(area, accept: accept) {
        case .inserted:
            break
        case .refused:
            throw .badState
        case .overlap:
            precondition(!unmapOverlap, "MemorySet: area still overlaps after unmapping its range")
            throw .alreadyExists
        }
        changes.appendAdded(area)
        _checkInvariantsInDebug()
        return changes
    }

    /// Removes every area, unmapping each through its backend.
    ///
    /// - Returns: A `removed` change for each area, in address order.
    /// - Throws: ``MappingError/badState`` when a backend fails; the areas
    ///   unmapped before it are removed, the others stay.
    /// - Complexity: O(n)
    @inlinable
    @discardableResult
    public mutating func clear(in pageTable: inout Backend.PageTable) throws(MappingError) -> AreaChanges<Backend> {
        var changes = AreaChanges<Backend>()
        for area in self {
            guard area.backend.unmap(start: area.start, size: area.size, in: &pageTable) else {
                tree.removeAreas(in: 0, area.start.rawValue, count: changes.count)
                _checkInvariantsInDebug()
                throw .badState
            }
            changes.append(Change(kind: .removed, before: area, after: AreaPieces()))
        }
        tree.removeAll()
        _checkInvariantsInDebug()
        return changes
    }
}
