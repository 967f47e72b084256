/// The storage of a ``MemorySet``: a copy-on-write B+-tree of areas ordered by
/// start address, augmented with per-subtree summaries (element count, first
/// start, last end and the largest gap between consecutive areas).
///
/// Areas live in the leaves; an internal node keeps its children and, in a
/// parallel array, each child's ``Summary``, so a search reads one contiguous
/// array per level. Every node but the root holds between `capacity / 2` and
/// `capacity` entries; an internal root has at least two children.
///
/// Copying an `AreaTree` is O(1): nodes are shared and copied on the first
/// write through the path that is written (`isKnownUniquelyReferenced`).
///
/// The parts, one file each: ``Node``, ``Summary`` (and how each edit updates
/// it), ``UnsafeHandle`` (the only unsafe access to nodes), the search
/// utilities, lookups, the free-range search, insertion, flag updates,
/// shrinking, removal, rebalancing, split and join, and the invariant check.
/// Every edit finds its areas by start address.
@usableFromInline
struct AreaTree<Backend: MappingBackend> {
    @usableFromInline typealias Area = MemoryArea<Backend>

    @usableFromInline var root: Node
    /// Height of the tree: 0 when the root is a leaf.
    @usableFromInline var height: Int
    /// Maximum number of areas in a leaf.
    @usableFromInline let leafCapacity: Int
    /// Maximum number of children of an internal node.
    @usableFromInline let innerCapacity: Int

    /// Default node capacities, chosen so that a leaf of areas with a small
    /// backend spans a few cache lines and the tree stays 3–4 levels deep at
    /// a million areas.
    @usableFromInline static var defaultLeafCapacity: Int { 64 }
    @usableFromInline static var defaultInnerCapacity: Int { 64 }

    @inlinable
    init(leafCapacity: Int = defaultLeafCapacity, innerCapacity: Int = defaultInnerCapacity) {
        precondition(leafCapacity >= 4 && innerCapacity >= 4, "node capacities must be at least 4")
        self.root = Node(areas: [])
        self.height = 0
        self.leafCapacity = leafCapacity
        self.innerCapacity = innerCapacity
    }

    /// Number of areas.
    @inlinable var count: Int {
        root.isLeaf ? root.areas.count : root.totalCount
    }

    /// The bytes the areas cover: the root's summary, from its entries.
    /// - Complexity: O(entries of the root), at most the node capacity.
    @inlinable var mappedSize: UInt64 { root.summary.mapped }

    @inlinable var leafMinimum: Int { leafCapacity / 2 }
    @inlinable var innerMinimum: Int { innerCapacity / 2 }

    @inlinable
    func capacity(ofHeight h: Int) -> Int { h == 0 ? leafCapacity : innerCapacity }

    @inlinable
    func minimum(ofHeight h: Int) -> Int { h == 0 ? leafMinimum : innerMinimum }

    @inlinable
    mutating func makeRootUnique() {
        if !isKnownUniquelyReferenced(&root) { root = root.copy() }
    }

    /// Makes `node.children[c]` uniquely referenced, copying it if shared.
    @inlinable
    func makeChildUnique(_ node: Node, _ c: Int) {
        if !isKnownUniquelyReferenced(&node.children[c]) {
            node.children[c] = node.children[c].copy()
        }
    }

    /// Removes every area. O(1) here; the old nodes are freed by ARC.
    @inlinable
    mutating func removeAll() {
        root = Node(areas: [])
        height = 0
    }
}

extension AreaTree: @unchecked Sendable where Backend: Sendable {}
