import MemorySetCore

extension PageTable {
    /// Checks that `[start, start + size)` is 4 KiB-aligned and below 2^48;
    /// returns its end.
    func checkedEnd(start: VirtAddr, size: UInt64) -> UInt64? {
        guard start.isAligned(to: Self.pageSize), size & (Self.pageSize - 1) == 0,
              let end = start.adding(size), end.rawValue <= Self.addressLimit else { return nil }
        return end.rawValue
    }

    /// Maps `[start, start + size)` to the physical addresses `va - paVaOffset`
    /// (wrapping), using 2 MiB and 1 GiB leaves where possible.
    ///
    /// Fails (returning `false`, nothing changed) when the range is unaligned,
    /// reaches 2^48, maps to a physical range that wraps or reaches 2^52, a
    /// page is already mapped, or a table page cannot be allocated.
    /// - Complexity: O(leaves + tables written).
    mutating func mapLinear(start: VirtAddr, size: UInt64, paVaOffset: UInt64, flags: MappingFlags) -> Bool {
        guard let end = checkedEnd(start: start, size: size) else { return false }
        guard size > 0 else { return true }
        let s = start.rawValue
        let paStart = s &- paVaOffset
        let paLast = (end - 1) &- paVaOffset
        guard paStart <= paLast, paLast < Geometry.physicalLimit else { return false }
        return transaction { storage in
            storage.mapRange(
                table: storage.root, level: Geometry.levels, start: s, end: end,
                allowsHuge: { va, level in (va &- paVaOffset) & (Geometry.entrySize(level) - 1) == 0 },
                makeLeaf: { va, level in
                    .leaf(physical: va &- paVaOffset, flags: flags, huge: level > 1, owned: false)
                }
            )
        }
    }

    /// Maps every 4 KiB page of `[start, start + size)` to a newly allocated
    /// frame with `flags`.
    ///
    /// Fails (returning `false`, nothing changed, no frame kept) when the
    /// range is unaligned or reaches 2^48, a page is already mapped, or the
    /// frames run out.
    /// - Complexity: O(pages + tables written).
    mutating func mapAllocated(start: VirtAddr, size: UInt64, flags: MappingFlags) -> Bool {
        guard let end = checkedEnd(start: start, size: size) else { return false }
        guard size > 0 else { return true }
        return transaction { storage in
            storage.mapRange(
                table: storage.root, level: Geometry.levels, start: start.rawValue, end: end,
                allowsHuge: { _, _ in false },
                makeLeaf: { _, _ in
                    guard let frame = storage.allocateFrame() else { return nil }
                    return .leaf(physical: UInt64(frame) << 12, flags: flags, huge: false, owned: true)
                }
            )
        }
    }

    /// Checks a lazily allocated range: nothing is mapped until a page is touched.
    /// - Complexity: O(1)
    func mapLazy(start: VirtAddr, size: UInt64) -> Bool {
        checkedEnd(start: start, size: size) != nil
    }

    /// Unmaps every present page of `[start, start + size)`, returning owned
    /// frames to the allocator and freeing table pages left empty.
    ///
    /// Fails (nothing changed) when the range is unaligned or reaches 2^48,
    /// or a huge page crossing a bound must be split and no frame is free.
    /// - Complexity: O(entries of the present tables that cover the range);
    ///   absent subtrees are skipped.
    mutating func unmapRange(start: VirtAddr, size: UInt64) -> Bool {
        guard let end = checkedEnd(start: start, size: size) else { return false }
        guard size > 0 else { return true }
        return transaction { storage in
            storage.updateRange(table: storage.root, level: Geometry.levels, start: start.rawValue, end: end, newFlags: nil)
        }
    }

    /// Sets `flags` on every present page of `[start, start + size)`.
    ///
    /// Fails (nothing changed) when the range is unaligned or reaches 2^48,
    /// or a huge page crossing a bound must be split and no frame is free.
    /// - Complexity: O(entries of the present tables that cover the range).
    mutating func protectRange(start: VirtAddr, size: UInt64, flags: MappingFlags) -> Bool {
        guard let end = checkedEnd(start: start, size: size) else { return false }
        guard size > 0 else { return true }
        return transaction { storage in
            storage.updateRange(table: storage.root, level: Geometry.levels, start: start.rawValue, end: end, newFlags: flags)
        }
    }
}
