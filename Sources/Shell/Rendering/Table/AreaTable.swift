import MemorySetCore
import MMUSim

/// The area table: one row per area (start, end, size, flags, backend and resident size
/// with the MMU backend, its label when any row has one, and what happened to it this
/// step with its before → after), truncated to ``maxRows`` rows with a count of the hidden
/// ones, and a totals line over the whole set. Consecutive areas with the same label form a
/// group: the label is written on its first row and a ditto mark (`"`) on the others.
///
/// ```
///   START   END     SIZE    FLAGS  BACKEND  RSS    CHANGE
///   0x1000  0x2000  4 KiB   r---   alloc    0 B    shrink-right  [0x1000, 0x3000) → [0x1000, 0x2000)
///   0x4000  0x5000  4 KiB   rw--   alloc    -      removed       [0x4000, 0x5000)
///   0x7000  0x9000  8 KiB   r-x-   alloc    0 B    shrink-left   [0x6000, 0x9000) → [0x7000, 0x9000)
///   0x2000  0x7000  20 KiB  rwx-   alloc    8 KiB  added         [0x2000, 0x7000)
///   total: 3 areas, 32 KiB mapped, 8 KiB resident
/// ```
///
/// Rows are in address order, except that an added area comes after the removed, cut or
/// split areas it replaces (rows ordered by cause, ``orderedByCause(_:)``). The table fits
/// the width it is given (``Layout``): the before → after moves to continuation lines,
/// then labels are cut, then columns are dropped. Everything is written as bytes into the
/// renderer's ``TextBuffer``.
enum AreaTable {
    /// The most rows a table shows.
    static let maxRows = 24

    /// One row: an area, its change word and its before → after.
    struct Row {
        var area: Area
        var kind: AreaChangeKind?
        /// The before → after shown with the change word (empty for unchanged rows).
        var detail = Detail()
        /// The position that orders the rows: the start, or later for an added area
        /// (``AreaTable/orderedByCause(_:)``).
        var key: UInt64 = 0
        /// The resident bytes of the area (MMU backend); nil for a removed area.
        var resident: UInt64? = nil

        init(area: Area, kind: AreaChangeKind? = nil, detail: Detail = Detail()) {
            self.area = area
            self.kind = kind
            self.detail = detail
            self.key = area.start.rawValue
        }
    }

    /// Writes the table after `changes` (starting two rows above the first change; or,
    /// without changes, starting at `anchor`), fitted to `width` columns, and its totals.
    /// - Complexity: O(log n · maxRows + k log k) for k changes, plus the resident counts of
    ///   the rows shown with the MMU backend (``PageTable/residentSize(in:)``); the totals
    ///   are O(1).
    static func write(_ state: SessionState, changes: some RandomAccessCollection<Change>, anchor: VirtAddr, width: Int, ansi: ANSI,
                      to text: inout TextBuffer) {
        let set = state.set
        var selection = select(set, changes: changes, anchor: anchor)
        if selection.rows.isEmpty && selection.hiddenAbove == 0 && selection.hiddenBelow == 0 {
            return text.write("(no areas)\n")
        }
        let mmu = state.settings.backend == .mmu
        if mmu {
            for i in selection.rows.indices where selection.rows[i].kind != .removed {
                selection.rows[i].resident = state.pageTable.residentSize(in: selection.rows[i].area.range)
            }
        }
        let rows = orderedByCause(selection.rows)
        let labels = labelCells(rows, labels: state.labels)
        let layout = Layout(rows, labels: labels, mmu: mmu, width: width)
        if selection.hiddenAbove > 0 { writeHidden(selection.hiddenAbove, " above", to: &text) }
        layout.writeHeader(ansi: ansi, to: &text)
        for (r, row) in rows.enumerated() { layout.write(row, label: labels[r], ansi: ansi, to: &text) }
        if selection.hiddenBelow > 0 { writeHidden(selection.hiddenBelow, " below", to: &text, more: true) }
        writeTotals(set, resident: mmu ? state.pageTable.residentSize : nil, to: &text)
    }

    /// The rows shown and how many are hidden above and below them.
    struct Selection {
        var rows: [Row] = []
        var hiddenAbove = 0
        var hiddenBelow = 0
    }

    /// The rows of the areas in the set and of the removed ones, in address order, at most
    /// ``maxRows`` of them, each with its change (matched by start).
    /// - Complexity: O(log n · maxRows + k log k) for k changes.
    static func select(_ set: AreaSet, changes: some RandomAccessCollection<Change>, anchor: VirtAddr) -> Selection {
        // The pieces that are in the set now, by start; removed areas apart.
        var marks: [Mark] = []
        var removed: [Area] = []
        var lowest = changes.isEmpty ? anchor : VirtAddr(UInt64.max)
        for (c, change) in changes.enumerated() {
            if let before = change.before { lowest = min(lowest, before.start) }
            if change.kind == .removed, let before = change.before {
                removed.append(before)
                continue
            }
            for (p, piece) in change.after.enumerated() {
                lowest = min(lowest, piece.start)
                marks.append(Mark(start: piece.start.rawValue, change: c, piece: p))
            }
        }
        if marks.count > 1 { marks.sort { $0.start < $1.start } }
        if removed.count > 1 { removed.sort { $0.start < $1.start } }
        let total = set.count + removed.count
        var index = 0
        if total > maxRows {
            index = set.firstIndex(endingAbove: lowest)
            if !changes.isEmpty { index = max(0, index - 2) }
        }
        let from = index < set.count ? min(set.area(at: index).start, lowest) : lowest
        var selection = Selection()
        selection.rows.reserveCapacity(min(total, maxRows))
        var r = firstIndex(of: removed, from: from)
        selection.hiddenAbove = index + r
        var iterator = set.areas(endingAbove: index < set.count ? set.area(at: index).start : VirtAddr(UInt64.max))
            .makeIterator()
        var current = index < set.count ? iterator.next() : nil
        while selection.rows.count < maxRows {
            if r < removed.count, current == nil || removed[r].start <= current!.start {
                selection.rows.append(Row(area: removed[r], kind: .removed, detail: Detail(removed: removed[r])))
                r += 1
            } else if let area = current {
                if let mark = find(area.start.rawValue, in: marks) {
                    let change = changes[changes.index(changes.startIndex, offsetBy: mark.change)]
                    selection.rows.append(Row(area: area, kind: change.kind, detail: Detail(change, piece: mark.piece)))
                } else {
                    selection.rows.append(Row(area: area))
                }
                current = iterator.next()
            } else {
                break
            }
        }
        selection.hiddenBelow = total - selection.hiddenAbove - selection.rows.count
        return selection
    }

    /// A piece of a change that is in the set: its start, its change and its position
    /// among the change's pieces.
    struct Mark {
        var start: UInt64
        var change: Int
        var piece: Int
    }

    /// The mark of the piece starting at `start`, by binary search in `marks` (sorted).
    /// - Complexity: O(log k)
    static func find(_ start: UInt64, in marks: [Mark]) -> Mark? {
        var low = 0
        var high = marks.count
        while low < high {
            let mid = (low + high) / 2
            if marks[mid].start < start { low = mid + 1 } else { high = mid }
        }
        return low < marks.count && marks[low].start == start ? marks[low] : nil
    }

    /// The position of the first area of `removed` (sorted) starting at or above `from`.
    /// - Complexity: O(log k)
    static func firstIndex(of removed: [Area], from: VirtAddr) -> Int {
        var low = 0
        var high = removed.count
        while low < high {
            let mid = (low + high) / 2
            if removed[mid].start < from { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
