// The edits of one area, each through its backend: what `unmap` and
// `protect` do to every area they touch.
extension MemoryArea {
    /// Unmaps the part of the area inside `[s, e)` (which must meet it) and
    /// returns what is left of the area, in address order:
    /// ```
    ///  [   area   ]   inside      -> none            (removed)
    ///  [ area ]       from s on   -> [left]          (shrink-right)
    ///       [ area ]  up to e     -> [right]         (shrink-left)
    ///  [    area    ] around      -> [left] [right]  (split)
    /// ```
    /// Returns `nil`, changing nothing, when the backend fails.
    /// - Complexity: O(1) plus the backend's cost.
    @inlinable
    func unmapping(_ s: UInt64, _ e: UInt64, in pageTable: inout Backend.PageTable) -> AreaPieces<Backend>? {
        let cutStart = Swift.max(start.rawValue, s)
        let cutEnd = Swift.min(end.rawValue, e)
        guard backend.unmap(start: VirtAddr(cutStart), size: cutEnd &- cutStart, in: &pageTable) else { return nil }
        switch (start.rawValue < cutStart, cutEnd < end.rawValue) {
        case (false, false): return AreaPieces()
        case (true, false): return AreaPieces(slice(start, VirtAddr(cutStart)))
        case (false, true): return AreaPieces(slice(VirtAddr(cutEnd), end))
        case (true, true): return AreaPieces(slice(start, VirtAddr(cutStart)), slice(VirtAddr(cutEnd), end))
        }
    }

    /// Gives the part of the area inside `[s, e)` (which must meet it) the
    /// flags `newFlags` and returns the 1 to 3 pieces the area becomes, in
    /// address order (only the inner one has the new flags). Returns `nil`,
    /// changing nothing, when the backend fails.
    /// - Complexity: O(1) plus the backend's cost.
    @inlinable
    func protecting(
        _ s: UInt64, _ e: UInt64, to newFlags: MappingFlags, in pageTable: inout Backend.PageTable
    ) -> AreaPieces<Backend>? {
        let innerStart = Swift.max(start.rawValue, s)
        let innerEnd = Swift.min(end.rawValue, e)
        guard backend.protect(start: VirtAddr(innerStart), size: innerEnd &- innerStart, newFlags: newFlags,
                              in: &pageTable) else { return nil }
        var inner = slice(VirtAddr(innerStart), VirtAddr(innerEnd))
        inner.flags = newFlags
        switch (start.rawValue < innerStart, innerEnd < end.rawValue) {
        case (false, false): return AreaPieces(inner)
        case (true, false): return AreaPieces(slice(start, VirtAddr(innerStart)), inner)
        case (false, true): return AreaPieces(inner, slice(VirtAddr(innerEnd), end))
        case (true, true): return AreaPieces(slice(start, VirtAddr(innerStart)), inner, slice(VirtAddr(innerEnd), end))
        }
    }
}
