import MemorySetCore

extension PageTableStorage {
    /// Maps leaves over `[start, end)` below `table` (at `level`).
    ///
    /// A 4 KiB leaf is always written at level 1; a 2 MiB (level 2) or 1 GiB
    /// (level 3) leaf where the chunk covers the entry's whole span and
    /// `allowsHuge(va, level)` says so. `makeLeaf(va, level)` builds the
    /// entry, or returns `nil` to fail (e.g. out of frames). Fails, leaving
    /// the caller to roll back, when a page is already mapped or a table
    /// cannot be allocated, or when the transaction's cancellation says stop
    /// (polled every 4096 entries).
    /// - Complexity: O(number of entries written + tables visited).
    func mapRange(
        table: Int, level: Int, start: UInt64, end: UInt64,
        allowsHuge: (UInt64, Int) -> Bool, makeLeaf: (UInt64, Int) -> PageTableEntry?
    ) -> Bool {
        let size = Geometry.entrySize(level)
        var va = start
        while va < end {
            operationCount += 1
            if poller.tick() { return false }
            let index = Geometry.index(va, level)
            let base = va & ~(size - 1)
            let chunkEnd = Swift.min(base + size, end)
            let entry = self.entry(table, index)
            let whole = va == base && chunkEnd == base + size
            if whole && (level == 1 || (level <= 3 && allowsHuge(va, level))) && !entry.isPresent {
                guard let leaf = makeLeaf(va, level) else { return false }
                setEntry(table, index, leaf)
                countLeaf(leaf, level: level, 1)
            } else {
                guard level > 1 else { return false }  // a 4 KiB page already mapped
                let child: Int
                if !entry.isPresent {
                    guard let frame = newTable() else { return false }
                    setEntry(table, index, .table(physical: UInt64(frame) << 12))
                    child = frame
                } else if entry.isLeaf(atLevel: level) {
                    return false  // inside a huge page already mapped
                } else {
                    child = entry.frame
                }
                guard mapRange(table: child, level: level - 1, start: va, end: chunkEnd,
                               allowsHuge: allowsHuge, makeLeaf: makeLeaf) else { return false }
            }
            va = chunkEnd
        }
        return true
    }

    /// Replaces the huge leaf at `table[index]` (at `level` 2 or 3) by a new
    /// table of 512 leaves one level down covering the same memory with the
    /// same flags. Returns the new table's frame, or `nil` when no frame is free.
    /// - Complexity: O(512)
    func splitHugeLeaf(table: Int, index: Int, level: Int) -> Int? {
        let leaf = entry(table, index)
        guard let child = newTable() else { return nil }
        let childSize = Geometry.entrySize(level - 1)
        let flags = leaf.flags
        var page = TablePage()
        for i in 0..<Geometry.entries {
            page.entries[i] = PageTableEntry.leaf(
                physical: leaf.physical + UInt64(i) * childSize, flags: flags,
                huge: level - 1 > 1, owned: false
            ).raw
        }
        page.used = Geometry.entries
        tables[child] = page  // a new table: undone by removing it on rollback
        operationCount += Geometry.entries
        countLeaf(leaf, level: level, -1)
        counters.leaves[level - 1] += Geometry.entries
        counters.mappedPages += Int(Geometry.entrySize(level) / Geometry.pageSize)
        setEntry(table, index, .table(physical: UInt64(child) << 12))
        return child
    }

    /// Applies `action` to the present leaves of `[start, end)` below `table`:
    /// unmapping (`newFlags == nil`: the entry is cleared and an owned frame
    /// freed; tables left empty are freed) or protecting (the leaf's flags
    /// become `newFlags`). A huge leaf only partly inside the range is split
    /// first. Absent entries are skipped at every level, so the work is
    /// bounded by the tables present, not by the size of the range.
    /// Returns `false` when a split needs a frame and none is free, or when
    /// the transaction's cancellation says stop (polled every 4096 entries).
    /// - Complexity: O(entries visited in present tables).
    func updateRange(table: Int, level: Int, start: UInt64, end: UInt64, newFlags: MappingFlags?) -> Bool {
        let size = Geometry.entrySize(level)
        let first = Geometry.index(start, level)
        let last = Geometry.index(end - 1, level)
        let tableBase = start & ~(size * 512 - 1)
        // Present entries left to see in `first...last` (known when the range
        // covers the whole table): stop once they have all been handled.
        var remaining = first == 0 && last == Geometry.entries - 1 ? tables[table]!.used : Int.max
        for index in first...last {
            guard remaining > 0 else { break }
            operationCount += 1
            if poller.tick() { return false }
            var entry = self.entry(table, index)
            guard entry.isPresent else { continue }
            remaining -= 1
            let base = tableBase + UInt64(index) * size
            let chunkStart = Swift.max(base, start)
            let chunkEnd = Swift.min(base + size, end)
            if entry.isLeaf(atLevel: level) {
                if let newFlags, entry.flags == newFlags { continue }
                if chunkStart == base && chunkEnd == base + size {
                    if let newFlags {
                        let updated = entry.withFlags(newFlags, atLevel: level)
                        if updated != entry { setEntry(table, index, updated) }
                    } else {
                        setEntry(table, index, .empty)
                        countLeaf(entry, level: level, -1)
                        if entry.isOwned { freeFrame(entry.frame) }
                    }
                    continue
                }
                guard splitHugeLeaf(table: table, index: index, level: level) != nil else { return false }
                entry = self.entry(table, index)
            }
            let child = entry.frame
            guard updateRange(table: child, level: level - 1, start: chunkStart, end: chunkEnd,
                              newFlags: newFlags) else { return false }
            if tables[child]!.used == 0 {
                setEntry(table, index, .empty)
                removeTable(child)
            }
        }
        return true
    }
}
