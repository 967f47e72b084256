import MemorySetCore

extension PageTable {
    /// The bytes of `range` that are resident: covered by present leaves (a 4 KiB page, or
    /// the part of a 2 MiB or 1 GiB leaf inside the range).
    ///
    /// The walk skips absent entries at every level and never reads a last-level table that
    /// the range covers whole: its present-entry count gives its resident pages. So only
    /// the tables at the two ends of the range are read entry by entry.
    ///
    /// ```
    ///   range:          [=========================================)
    ///   level 1:   |..xx.x..|xxx.x..x|........|xx......|.x.xx...|
    ///               read the   counted    absent:   counted   read the
    ///               part in    (used=6)   skipped   (used=2)  part in
    /// ```
    /// - Returns: a multiple of 4 KiB, at most `range.size`.
    /// - Complexity: O(tables met by the range), plus O(512) entries for each of the
    ///   at most two partly covered tables per level; never O(pages of the range).
    public func residentSize(in range: AddrRange) -> UInt64 {
        let start = range.start.rawValue
        let end = Swift.min(range.end.rawValue, Self.addressLimit)
        // No leaf at all (nothing touched or populated yet): no table to read.
        guard start < end, storage.counters.mappedPages > 0 else { return 0 }
        return storage.residentSize(table: storage.root, level: Geometry.levels, tableBase: 0, start: start, end: end)
    }

    /// The bytes mapped by every present leaf of the table: the sum of
    /// ``residentSize(in:)`` over the whole space.
    /// - Complexity: O(1)
    public var residentSize: UInt64 { UInt64(storage.counters.mappedPages) &* Self.pageSize }
}

extension PageTableStorage {
    /// The resident bytes of `[start, end)` under `table` (at `level`, mapping from
    /// `tableBase`); see ``PageTable/residentSize(in:)``.
    func residentSize(table: Int, level: Int, tableBase: UInt64, start: UInt64, end: UInt64) -> UInt64 {
        let size = Geometry.entrySize(level)
        let span = size &* UInt64(Geometry.entries)
        let covered = start <= tableBase && end >= tableBase &+ span
        guard let page = tables[table] else { return 0 }
        // A last-level table covered whole: its present entries are its resident pages.
        if covered && level == 1 { return UInt64(page.used) &* Geometry.pageSize }
        let first = start <= tableBase ? 0 : Geometry.index(start, level)
        let last = end >= tableBase &+ span ? Geometry.entries - 1 : Geometry.index(end - 1, level)
        guard first <= last else { return 0 }
        var remaining = covered ? page.used : Int.max
        var total: UInt64 = 0
        page.entries.withUnsafeBufferPointer { entries in
            for index in first...last {
                guard remaining > 0 else { break }
                let entry = PageTableEntry(raw: entries[index])
                guard entry.isPresent else { continue }
                remaining -= 1
                let base = tableBase &+ UInt64(index) &* size
                if entry.isLeaf(atLevel: level) {
                    total &+= Swift.min(end, base &+ size) &- Swift.max(start, base)
                } else {
                    total &+= residentSize(table: entry.frame, level: level - 1, tableBase: base, start: start, end: end)
                }
            }
        }
        return total
    }
}
