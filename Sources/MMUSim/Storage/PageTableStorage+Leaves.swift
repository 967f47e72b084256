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
    /// `body` returns `false`.
    /// - Complexity: O(entries of the present tables covering the range).
    @discardableResult
    func forEachLeaf(start: UInt64, end: UInt64, _ body: (Leaf) -> Bool) -> Bool {
        guard start < end else { return true }
        return forEachLeaf(table: root, level: Geometry.levels, tableBase: 0, start: start, end: end, body)
    }

    private func forEachLeaf(
        table: Int, level: Int, tableBase: UInt64, start: UInt64, end: UInt64, _ body: (Leaf) -> Bool
    ) -> Bool {
        let size = Geometry.entrySize(level)
        let first = start <= tableBase ? 0 : Geometry.index(start, level)
        let last = end >= tableBase + size * 512 ? 511 : Geometry.index(end - 1, level)
        guard first <= last, let page = tables[table] else { return true }
        for index in first...last {
            let entry = PageTableEntry(raw: page.entries[index])
            guard entry.isPresent else { continue }
            let base = tableBase + UInt64(index) * size
            if entry.isLeaf(atLevel: level) {
                guard body(Leaf(va: base, level: level, entry: entry)) else { return false }
            } else {
                guard forEachLeaf(table: entry.frame, level: level - 1, tableBase: base,
                                  start: start, end: end, body) else { return false }
            }
        }
        return true
    }
}
