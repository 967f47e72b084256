extension MemorySet {
    /// Checks every invariant of the set and traps on the first violation:
    /// areas non-empty, sorted, non-overlapping and page-aligned; the tree's
    /// node fill, depth and per-subtree summaries (count, bounds, largest gap)
    /// consistent.
    /// - Complexity: O(n)
    public func _checkInvariants() {
        tree.checkInvariants()
        for area in self {
            precondition(area.start.isAligned(to: pageSize) && area.end.isAligned(to: pageSize),
                         "MemorySet: area \(area) is not aligned to the page size")
        }
    }

    /// Runs ``_checkInvariants()`` after each mutation in debug builds.
    @inlinable
    func _checkInvariantsInDebug() {
        #if MEMORY_SET_INVARIANT_CHECKS
        _checkInvariants()
        #endif
    }
}
