/// The virtual-memory areas of an address space: non-overlapping,
/// page-aligned areas kept in address order, each with flags and a
/// ``MappingBackend`` that maps its pages in a caller-owned page table.
///
/// `MemorySet` is a value type: copying one is O(1), and the copies share
/// storage until one of them changes (copy on write), which makes snapshots
/// (undo, transactions) cheap.
///
/// ## Storage
/// A B+-tree of areas keyed by start address, where every subtree also
/// records the largest gap between its consecutive areas, so that
/// ``findFreeArea(hint:size:limit:alignment:)`` skips whole subtrees that
/// have no room.
///
/// ## Failures
/// A failed validation (``MappingError/invalidParam``,
/// ``MappingError/alreadyExists``) changes nothing. When a backend fails
/// (``MappingError/badState``), the operation stops at that backend call and
/// **keeps exactly what was applied before it**: each area the set reports is
/// mapped with its flags, and nothing the set dropped is still mapped.
/// Callers that want all-or-nothing take a copy of the set and page table
/// first and restore both on `badState` (copies are O(1)).
///
/// ## Long operations and interruption
/// The set polls nothing itself: stopping long work is the backend's business.
/// A backend that can be interrupted (the simulator's page table polls a
/// cancellation check) fails its call, and the operation stops there as for
/// any backend failure (above). Between two backend calls the set's own work
/// is bounded by the areas the operation touches, O(log n + k) for k areas:
/// measured in a release build, an `unmap` of the whole space or a `clear`
/// over 10^6 one-page areas spends some 270 million instructions (about
/// 50 ms) in the set, reporting each removed area; so with a backend that
/// does nothing (`NullBackend`, the simulator's `none`) such an operation
/// runs to its end within that bound.
public struct MemorySet<Backend: MappingBackend> {
    /// An area of this set.
    public typealias Area = MemoryArea<Backend>
    /// What an operation did to one area.
    public typealias Change = AreaChange<Backend>

    @usableFromInline var tree: AreaTree<Backend>

    /// The page size: every area's start and end are multiples of it.
    public let pageSize: UInt64

    /// Creates an empty set.
    ///
    /// - Parameter pageSize: A power of two; every area must be aligned to it.
    /// - Complexity: O(1)
    @inlinable
    public init(pageSize: UInt64 = 4096) {
        precondition(pageSize.isPowerOfTwo, "MemorySet: the page size must be a power of two")
        self.pageSize = pageSize
        self.tree = AreaTree()
    }

    /// Creates an empty set whose tree nodes hold at most `_nodeCapacity`
    /// entries (at least 4). For tests: small nodes exercise node splits and
    /// merges with few areas.
    /// - Complexity: O(1)
    public init(pageSize: UInt64 = 4096, _nodeCapacity: Int) {
        precondition(pageSize.isPowerOfTwo, "MemorySet: the page size must be a power of two")
        self.pageSize = pageSize
        self.tree = AreaTree(leafCapacity: _nodeCapacity, innerCapacity: _nodeCapacity)
    }

    /// The number of areas.
    /// - Complexity: O(1)
    @inlinable public var count: Int { tree.count }

    /// The bytes the areas cover together (the sum of their sizes; below 2^64,
    /// since areas do not overlap), kept in the tree's summaries by every edit.
    /// - Complexity: O(1) (at most one node's entries are added up).
    @inlinable public var mappedSize: UInt64 { tree.mappedSize }

    /// Whether the set has no area.
    /// - Complexity: O(1)
    @inlinable public var isEmpty: Bool { tree.count == 0 }

    /// The area at position `index` in address order.
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(log n)
    @inlinable
    public func area(at index: Int) -> Area { tree[index] }

    /// The area that contains `addr`, or `nil`.
    /// - Complexity: O(log n)
    @inlinable
    public func find(_ addr: VirtAddr) -> Area? {
        tree.area(containing: addr.rawValue)
    }

    /// The position (in address order) of the first area that ends above
    /// `addr`: the area containing `addr`, else the next one, else `count`.
    /// - Complexity: O(log n)
    @inlinable
    public func firstIndex(endingAbove addr: VirtAddr) -> Int {
        tree.firstIndex(endingAbove: addr.rawValue)
    }

    /// Whether any area shares an address with `range`. An empty range
    /// overlaps nothing.
    /// - Complexity: O(log n)
    @inlinable
    public func overlaps(_ range: AddrRange) -> Bool {
        guard !range.isEmpty else { return false }
        return tree.probe(range.start.rawValue, countingIndex: false)
            .overlaps(start: range.start.rawValue, end: range.end.rawValue)
    }

    /// Checks that `[start, start + size)` is page-aligned and fits in 64
    /// bits; returns its bounds.
    @inlinable
    func validatedRange(start: VirtAddr, size: UInt64) throws(MappingError) -> (start: UInt64, end: UInt64) {
        guard start.isAligned(to: pageSize), VirtAddr(size).isAligned(to: pageSize),
              let end = start.adding(size) else { throw .invalidParam }
        return (start.rawValue, end.rawValue)
    }
}

extension MemorySet: Sendable where Backend: Sendable {}

extension MemorySet: CustomStringConvertible {
    /// One area per line, e.g. `[0x1000, 0x3000) rw--`.
    public var description: String { map { $0.description }.joined(separator: "\n") }
}
