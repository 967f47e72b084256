// Restoring the areas of a region from a saved copy, without backends: for
// callers that keep the page table apart and put both back themselves (undo,
// rollback of a failed operation) without copying the whole set.

extension MemorySet {
    /// The areas that share an address with `range`, in address order
    /// (including areas that stick out of it on either side).
    /// - Complexity: O(log n + k) for k areas returned.
    @inlinable
    public func areas(overlapping range: AddrRange) -> [Area] {
        guard !range.isEmpty else { return [] }
        var result: [Area] = []
        tree.visit(meeting: range.start.rawValue, range.end.rawValue) { area in
            result.append(area)
            return true
        }
        return result
    }

    /// Puts `areas` in the place of the areas that share an address with
    /// `range`, **without calling any backend**, and returns the areas taken
    /// out.
    ///
    /// This is bookkeeping only: a caller that saved the areas of a region
    /// with ``areas(overlapping:)`` (and its page table, by its own means)
    /// before an operation can put both back afterwards — to undo it, or to
    /// roll back a failed one — in O((k + m) log n) instead of copying the
    /// whole set first. Calling it again with the returned areas goes back.
    /// ```
    ///  range:           [s              e)
    ///  before:   [  a  ]   [ b ]   [   c    ]      [ d ]
    ///  areas:      [ x ]        [ y ]
    ///  after:      [ x ]        [ y ]              [ d ]    returns [a, b, c]
    /// ```
    ///
    /// - Parameters:
    ///   - range: The region; every area sharing an address with it is
    ///     removed (an empty range removes nothing).
    ///   - areas: The areas to put in, in address order.
    /// - Returns: The areas removed, in address order.
    /// - Throws: ``MappingError/invalidParam`` when `areas` are not in address
    ///   order, overlap each other, are empty or not page-aligned, or overlap
    ///   an area that stays (one outside `range`). The set is unchanged then.
    /// - Complexity: O((k + m) log n) for k removed and m inserted areas
    ///   (O(log n + m log n) when k is large: a long run is cut out at once).
    @inlinable
    @discardableResult
    public mutating func replaceAreas(overlapping range: AddrRange, with areas: [Area]) throws(MappingError) -> [Area] {
        var previousEnd: UInt64 = 0
        for (i, area) in areas.enumerated() {
            guard area.start < area.end, area.start.isAligned(to: pageSize), area.end.isAligned(to: pageSize),
                  i == 0 || area.start.rawValue >= previousEnd else { throw .invalidParam }
            previousEnd = area.end.rawValue
        }
        let removed = self.areas(overlapping: range)
        if let first = removed.first, let last = removed.last {
            tree.removeAreas(in: first.start.rawValue, last.end.rawValue, count: removed.count)
        }
        for (i, area) in areas.enumerated() {
            guard tree.insertIfFree(area, accept: { true }) == .inserted else {
                // `area` overlaps an area that stays: take everything back.
                // (One by one: areas that stay may lie between the inserted ones.)
                for inserted in areas[..<i] {
                    tree.removeFirstArea(endingAbove: inserted.start.rawValue, below: inserted.end.rawValue)
                }
                for old in removed { tree.insertKnownFree(old) }
                _checkInvariantsInDebug()
                throw .invalidParam
            }
        }
        _checkInvariantsInDebug()
        return removed
    }
}
