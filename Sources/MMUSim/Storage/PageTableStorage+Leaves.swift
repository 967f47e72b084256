extension PageTableStorage {
    /// A present leaf: its virtual base, level and entry.
    struct Leaf {
        var va: UInt64
        var level: Int
        var entry: PageTableEntry
        var size: UInt64 { Geometry.entrySize(level) }
    }

    /// Calls `body` for every present leaf that overlaps `[start, end)`, in
    /// address order, skipping absent entries at every level. Stops when
    /// `body` returns `false`, or when `poller` says stop (it counts every
    /// entry visited; `poller.stopped` tells the two apart). With
    /// `trustingCounts`, a table wholly inside the range is left as soon as
    /// its present entries were all seen (pass `false` to check a table whose
    /// counts may be wrong).
    /// - Returns: `false` when stopped early.
    /// - Complexity: O(entries of the present tables covering the range).
    @discardableResult
    func forEachLeaf(
        start: UInt64, end: UInt64, trustingCounts: Bool = true, poller: inout Poller, _ body: (Leaf) -> Bool
    ) -> Bool {
        guard start < end else { return true }
        return forEachLeaf(table: root, level: Geometry.levels, tableBase: 0, start: start, end: end,
                           trustingCounts: trustingCounts, &poller, body)
    }

    private func forEachLeaf(
        table: Int, level: Int, tableBase: UInt64, start: UInt64, end: UInt64, trustingCounts: Bool,
        _ poller: inout Poller, _ body: (Leaf) -> Bool
    ) -> Bool {
        let size = Geometry.entrySize(level)
        let first = start <= tableBase ? 0 : Geometry.index(start, level)
        let last = end >= tableBase + size * 512 ? 511 : Geometry.index(end - 1, level)
        guard first <= last, let page = tables[table] else { return true }
        // Stop once every present entry of a wholly covered table was seen.
        var remaining = trustingCounts && first == 0 && last == Geometry.entries - 1 ? page.used : Int.max
        for index in first...last {
            guard remaining > 0 else { break }
            if poller.tick() { return false }
            let entry = PageTableEntry(raw: page.entries[index])
            guard entry.isPresent else { continue }
            remaining -= 1
            let base = tableBase + UInt64(index) * size
            if entry.isLeaf(atLevel: level) {
                guard body(Leaf(va: base, level: level, entry: entry)) else { return false }
            } else {
                guard forEachLeaf(table: entry.frame, level: level - 1, tableBase: base,
                                  start: start, end: end, trustingCounts: trustingCounts, &poller, body) else {
                    return false
                }
            }
        }
        return true
    }
}
