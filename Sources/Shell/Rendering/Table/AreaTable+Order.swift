import MemorySetCore

extension AreaTable {
    /// `rows` (in address order) ordered by cause: an added area comes after every row
    /// whose area it replaced (removed, cut or split, the row's before overlapping it);
    /// the other rows keep their address order.
    ///
    /// ```
    ///   map 0x3000 0x4000 r; map 0x2000 0x4000 rw --force
    ///
    ///   by address:                     by cause:
    ///   0x2000 0x4000 rw-- added        0x3000 0x4000 r--- removed  [0x3000, 0x4000)
    ///   0x3000 0x4000 r--- removed      0x2000 0x4000 rw-- added    [0x2000, 0x4000)
    /// ```
    /// - Complexity: O(r²) for r rows (at most ``maxRows``).
    static func orderedByCause(_ rows: [Row]) -> [Row] {
        guard rows.contains(where: { $0.kind == .added }) else { return rows }
        var rows = rows
        for i in rows.indices where rows[i].kind == .added {
            let added = rows[i].area
            for other in rows where other.kind != nil && other.kind != .added {
                guard let before = other.detail.before, before.start < added.end, added.start < before.end else { continue }
                rows[i].key = max(rows[i].key, other.key)
            }
        }
        // Stable: equal keys keep their order, an added row after the rows it replaced.
        var order = Array(rows.indices)
        order.sort { a, b in
            let ka = rows[a].key, kb = rows[b].key
            if ka != kb { return ka < kb }
            let addedA = rows[a].kind == .added, addedB = rows[b].kind == .added
            if addedA != addedB { return addedB }
            return a < b
        }
        return order.map { rows[$0] }
    }
}
