import MemorySetCore

extension PageTable {
    /// Simulates one memory access to `addr`, as the MMU and a kernel's page
    /// fault handler would.
    ///
    /// 1. The page is mapped: the access is checked against the page's flags
    ///    (`read` needs `r`, `write` needs `w`, `execute` needs `x`, and a
    ///    `user`-mode access needs `u`) → ``TouchOutcome/hit(address:physical:flags:)``
    ///    or ``TouchOutcome/protectionFault(address:access:flags:missing:)``.
    /// 2. Otherwise (page fault) the area containing `addr` is looked up in
    ///    `areas`: none → ``TouchOutcome/noArea(address:)``; the area's flags
    ///    forbid the access → protection fault; a lazy `alloc` area → a frame is
    ///    allocated and mapped with the area's flags
    ///    (``TouchOutcome/faultResolved(address:physical:frame:flags:)``), or
    ///    ``TouchOutcome/outOfFrames(address:)`` with nothing changed; any
    ///    other backend → ``TouchOutcome/unbacked(address:backend:)``.
    ///
    /// Only a resolved fault changes the table.
    /// - Parameters:
    ///   - addr: Any address (one at or above 2^48 is never mapped).
    ///   - access: The kind of access.
    ///   - user: Whether the access comes from user mode (then pages need `u`).
    ///   - areas: The areas whose backends mapped this table (any ``SimulatedBackend``).
    /// - Complexity: O(log n) for n areas on a fault, O(1) on a hit.
    public mutating func touch<Backend: SimulatedBackend>(
        _ addr: VirtAddr, access: Access, user: Bool = false, areas: MemorySet<Backend>
    ) -> TouchOutcome {
        var needed = access.requiredFlag
        if user { needed.insert(.user) }
        if let (entry, level) = leaf(for: addr.rawValue) {
            let flags = entry.flags
            guard flags.contains(needed) else {
                return .protectionFault(address: addr, access: access, flags: flags, missing: needed.subtracting(flags))
            }
            let physical = entry.physical + (addr.rawValue & (Geometry.entrySize(level) - 1))
            return .hit(address: addr, physical: physical, flags: flags)
        }
        guard let area = areas.find(addr) else { return .noArea(address: addr) }
        guard area.flags.contains(needed) else {
            return .protectionFault(address: addr, access: access, flags: area.flags,
                                    missing: needed.subtracting(area.flags))
        }
        guard case .alloc = area.backend.simBackend, addr.rawValue < Self.addressLimit else {
            return .unbacked(address: addr, backend: area.backend.simBackend)
        }
        let page = addr.rawValue & ~(Self.pageSize - 1)
        var frame: UInt64 = 0
        let flags = area.flags
        let mapped = transaction { storage in
            storage.mapRange(
                table: storage.root, level: Geometry.levels, start: page, end: page + Self.pageSize,
                allowsHuge: { _, _ in false },
                makeLeaf: { _, _ in
                    guard let f = storage.allocateFrame() else { return nil }
                    frame = UInt64(f) << 12
                    return .leaf(physical: frame, flags: flags, huge: false, owned: true)
                }
            )
        }
        guard mapped else { return .outOfFrames(address: addr) }
        return .faultResolved(address: addr, physical: frame + (addr.rawValue & (Self.pageSize - 1)),
                              frame: frame, flags: flags)
    }
}
