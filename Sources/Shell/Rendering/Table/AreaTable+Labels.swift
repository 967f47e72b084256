import MemorySetCore

extension AreaTable {
    /// The longest label shown in full; a longer path shows its last component
    /// (`…/libc.so.6`), or its end when that is still too long.
    static let maxLabelWidth = 24
    /// The narrowest a narrow table cuts the LABEL column to (before dropping it).
    static let minLabelWidth = 12
    /// The LABEL cell of a row whose area has the same label as the row above.
    static let ditto = "\""

    /// The LABEL cells of `rows`: the label (its end when long), or ``ditto`` for a row
    /// that continues the group of consecutive areas with the label of the row above.
    /// - Complexity: O(total length of the labels)
    static func labelCells(_ rows: [Row], labels: LabelTable) -> [String] {
        var cells: [String] = []
        cells.reserveCapacity(rows.count)
        var previous: LabelID? = nil
        for row in rows {
            let id = row.area.backend.label
            if id != .none, id == previous, row.kind != .removed {
                cells.append(ditto)
            } else {
                cells.append(id == .none ? "" : shortLabel(labels[id] ?? ""))
            }
            previous = id == .none || row.kind == .removed ? nil : id
        }
        return cells
    }

    /// `name`, or its shortened form when longer than `limit` columns: `…` and its last
    /// path component (`…/libc.so.6`) when that fits, else `…` and its end.
    ///
    /// ```
    ///   /usr/lib/x86_64-linux-gnu/libc.so.6   (limit 24) → …/libc.so.6
    ///   /usr/lib/x86_64-linux-gnu/libc.so.6   (limit 8)  → …libc.so.6 cut: …c.so.6
    /// ```
    /// - Complexity: O(length of `name`)
    static func shortLabel(_ name: String, limit: Int = maxLabelWidth) -> String {
        let width = columns(name)
        guard width > limit else { return name }
        let scalars = name.unicodeScalars
        if let slash = scalars.lastIndex(of: "/"), scalars.distance(from: slash, to: scalars.endIndex) + 1 <= limit {
            return "…" + String(scalars[slash...])
        }
        return "…" + String(scalars.suffix(limit - 1))
    }
}
