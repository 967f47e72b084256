import MemorySetCore

/// The area table: one row per area (start, end, size, flags, backend, what happened to it
/// this step, and its label when any row has one), truncated to ``maxRows`` rows with a
/// count of the hidden ones. Consecutive areas with the same label form a group: the label
/// is written on its first row and a ditto mark (`"`) on the others.
enum AreaTable {
    /// The most rows a table shows.
    static let maxRows = 24

    /// One row: an area and its change word.
    struct Row {
        var area: Area
        var kind: AreaChangeKind?
        var note: String = ""
    }

    /// The table after `changes`, starting two rows above the first change; or, without
    /// changes, the table starting at `anchor`.
    /// - Complexity: O(log n · maxRows + k) for k changes.
    static func render(_ set: AreaSet, labels: LabelTable, changes: [Change], anchor: VirtAddr, showBackend: Bool, ansi: ANSI) -> String {
        // Rows for areas that are in the set now, keyed by start; removed areas apart.
        var marks: [UInt64: (AreaChangeKind, String)] = [:]
        var removed: [Area] = []
        var lowest = changes.isEmpty ? anchor : VirtAddr(UInt64.max)
        for change in changes {
            if let before = change.before { lowest = min(lowest, before.start) }
            if change.kind == .removed, let before = change.before {
                removed.append(before)
                continue
            }
            for piece in change.after {
                lowest = min(lowest, piece.start)
                var note = ""
                if change.kind == .protected, let before = change.before, piece.flags != before.flags {
                    note = " (was \(before.flags))"
                }
                marks[piece.start.rawValue] = (change.kind, note)
            }
        }
        removed.sort { $0.start < $1.start }
        let total = set.count + removed.count
        var index = 0
        if total > maxRows {
            index = set.firstIndex(endingAbove: lowest)
            if !changes.isEmpty { index = max(0, index - 2) }
        }
        let from = index < set.count ? min(set.area(at: index).start, lowest) : lowest
        var rows: [Row] = []
        var r = removed.firstIndex { $0.start >= from } ?? removed.count
        let hiddenAbove = index + r
        var iterator = set.areas(endingAbove: index < set.count ? set.area(at: index).start : VirtAddr(UInt64.max)).makeIterator()
        var current = index < set.count ? iterator.next() : nil
        while rows.count < maxRows {
            if r < removed.count, current == nil || removed[r].start <= current!.start {
                rows.append(Row(area: removed[r], kind: .removed))
                r += 1
            } else if let area = current {
                let mark = marks[area.start.rawValue]
                rows.append(Row(area: area, kind: mark?.0, note: mark?.1 ?? ""))
                current = iterator.next()
            } else {
                break
            }
        }
        let hiddenBelow = total - hiddenAbove - rows.count
        return format(rows, labels: labels, hiddenAbove: hiddenAbove, hiddenBelow: hiddenBelow, showBackend: showBackend, ansi: ansi)
    }

    /// The longest label shown in full; a longer path shows its last component
    /// (`…/libc.so.6`), or its end when that is still too long.
    static let maxLabelWidth = 24
    /// The LABEL cell of a row whose area has the same label as the row above.
    static let ditto = "\""

    /// The LABEL cells of `rows`: the label (its end when long), or ``ditto`` for a row
    /// that continues the group of consecutive areas with the label of the row above.
    static func labelCells(_ rows: [Row], labels: LabelTable) -> [String] {
        var cells: [String] = []
        var previous: LabelID? = nil
        for row in rows {
            let id = row.area.backend.label
            if id != .none, id == previous, row.kind != .removed {
                cells.append(ditto)
            } else {
                let name = labels[id] ?? ""
                cells.append(shortLabel(name))
            }
            previous = id == .none || row.kind == .removed ? nil : id
        }
        return cells
    }

    /// `name`, or its shortened form when longer than ``maxLabelWidth``.
    static func shortLabel(_ name: String) -> String {
        guard name.count > maxLabelWidth else { return name }
        if let slash = name.lastIndex(of: "/"), name.distance(from: slash, to: name.endIndex) + 1 <= maxLabelWidth {
            return "…" + name[slash...]
        }
        return "…" + name.suffix(maxLabelWidth - 1)
    }

    private static func format(_ rows: [Row], labels: LabelTable, hiddenAbove: Int, hiddenBelow: Int, showBackend: Bool, ansi: ANSI) -> String {
        if rows.isEmpty && hiddenAbove == 0 && hiddenBelow == 0 { return "(no areas)\n" }
        var header = ["START", "END", "SIZE", "FLAGS"]
        if showBackend { header.append("BACKEND") }
        let showChange = rows.contains { $0.kind != nil }
        if showChange { header.append("CHANGE") }
        let labelCells = labelCells(rows, labels: labels)
        let showLabel = labelCells.contains { !$0.isEmpty }
        if showLabel { header.append("LABEL") }
        let changeColumn = showChange ? header.count - (showLabel ? 2 : 1) : -1
        var table: [[String]] = [header]
        for (r, row) in rows.enumerated() {
            var cells = [row.area.start.description, row.area.end.description,
                         SizeFormat.human(row.area.size), row.area.flags.description]
            if showBackend { cells.append(backendName(row.area)) }
            if showChange { cells.append(row.kind.map { $0.rawValue + row.note } ?? "") }
            if showLabel { cells.append(labelCells[r]) }
            table.append(cells)
        }
        var widths = [Int](repeating: 0, count: header.count)
        for line in table { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        if hiddenAbove > 0 { out += "  … \(hiddenAbove) row\(hiddenAbove == 1 ? "" : "s") above\n" }
        for (n, line) in table.enumerated() {
            var text = ""
            for (i, cell) in line.enumerated() {
                let isLast = i == line.count - 1
                let padded = isLast ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
                if n == 0 { text += ansi.bold(padded) }
                else if i == changeColumn { text += ansi.change(padded, rows[n - 1].kind) }
                else { text += padded }
                if !isLast { text += "  " }
            }
            while text.last == " " { text.removeLast() }
            out += "  " + text + "\n"
        }
        if hiddenBelow > 0 { out += "  … \(hiddenBelow) more row\(hiddenBelow == 1 ? "" : "s") below\n" }
        return out
    }
}
