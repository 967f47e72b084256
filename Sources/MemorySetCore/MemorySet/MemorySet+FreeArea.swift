extension MemorySet {
    /// The lowest free, aligned address range of `size` bytes.
    ///
    /// Returns the lowest address `A` such that `A` is a multiple of
    /// `alignment`, `A >= max(hint, limit.start)`, `[A, A + size)` overlaps no
    /// area and lies inside `limit`; or `nil` when there is none. It only
    /// reports: nothing is mapped.
    ///
    /// - Parameters:
    ///   - hint: The lowest acceptable address.
    ///   - size: A non-zero multiple of the page size.
    ///   - limit: The range the result must lie in.
    ///   - alignment: A power of two, at least the page size; defaults to
    ///     the page size.
    /// - Throws: ``MappingError/invalidParam`` for a zero or unaligned size
    ///   or a bad alignment.
    /// - Complexity: O(log n) when the first gaps of `size` bytes at or above
    ///   the hint fit (subtrees without such a gap are skipped whole); gaps
    ///   that are large enough but unusable through alignment add O(1) each.
    @inlinable
    public func findFreeArea(
        hint: VirtAddr, size: UInt64, limit: AddrRange, alignment: UInt64? = nil
    ) throws(MappingError) -> VirtAddr? {
        let alignment = alignment ?? pageSize
        guard size > 0, VirtAddr(size).isAligned(to: pageSize),
              alignment.isPowerOfTwo, alignment >= pageSize else { throw .invalidParam }
        let lowest = Swift.max(hint.rawValue, limit.start.rawValue)
        return tree.firstFit(size: size, lowest: lowest, highest: limit.end.rawValue, alignment: alignment)
            .map { VirtAddr($0) }
    }
}
