/// The storage of a ``MemorySet``: a copy-on-write B+-tree of areas ordered by
/// start address, augmented with per-subtree summaries (element count, first
/// start, last end and the largest gap between consecutive areas).
///
/// Areas live in the leaves; an internal node keeps its children and, in a
/// parallel array, each child's summary, so a search reads one contiguous
/// array per level. Every node but the root holds between `capacity / 2` and
/// `capacity` entries; an internal root has at least two children.
///
/// Copying an `AreaTree` is O(1): nodes are shared and copied on the first
/// write through the path that is written (`isKnownUniquelyReferenced`).
@usableFromInline
struct AreaTree<Backend: MappingBackend> {
    @usableFromInline typealias Area = MemoryArea<Backend>
    @usableFromInline typealias Node = AreaTreeNode<Backend>

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

    /// Removes every area. O(1) here; the old nodes are freed by ARC.
    @inlinable
    mutating func removeAll() {
        root = Node(areas: [])
        height = 0
    }
}

/// A node of an ``AreaTree``: a leaf holds areas; an internal node holds
/// children and their summaries.
@usableFromInline
final class AreaTreeNode<Backend: MappingBackend> {
    @usableFromInline typealias Area = MemoryArea<Backend>

    /// The areas of a leaf, in address order (empty in an internal node).
    @exclusivity(unchecked) @usableFromInline var areas: [Area]
    /// The children of an internal node (empty in a leaf).
    @exclusivity(unchecked) @usableFromInline var children: [AreaTreeNode]
    /// `sums[i]` summarizes `children[i]`.
    @exclusivity(unchecked) @usableFromInline var sums: [AreaSummary]

    @inlinable
    init(areas: [Area]) {
        self.areas = areas
        self.children = []
        self.sums = []
    }

    @inlinable
    init(children: [AreaTreeNode], sums: [AreaSummary]) {
        self.areas = []
        self.children = children
        self.sums = sums
    }

    @inlinable var isLeaf: Bool { children.isEmpty }

    /// Number of entries: areas of a leaf, children of an internal node.
    @inlinable var entryCount: Int { isLeaf ? areas.count : children.count }

    /// Number of areas in the subtree.
    @inlinable var totalCount: Int {
        if isLeaf { return areas.count }
        var n = 0
        for s in sums { n &+= s.count }
        return n
    }

    /// A shallow copy: the same areas or the same (shared) children.
    @inlinable
    func copy() -> AreaTreeNode {
        isLeaf ? AreaTreeNode(areas: areas) : AreaTreeNode(children: children, sums: sums)
    }

    /// The summary of this subtree, computed from its entries.
    /// - Complexity: O(entries)
    @inlinable
    var summary: AreaSummary {
        isLeaf ? AreaSummary(leaf: areas) : AreaSummary(inner: sums)
    }
}

/// What a subtree holds, in a form that lets searches skip it: how many
/// areas, the first start, the last end, and the largest gap between two
/// consecutive areas inside the subtree (0 with fewer than two areas).
@frozen @usableFromInline
struct AreaSummary: Equatable {
    @usableFromInline var count: Int
    @usableFromInline var first: UInt64
    @usableFromInline var last: UInt64
    @usableFromInline var maxGap: UInt64

    @inlinable
    init(count: Int, first: UInt64, last: UInt64, maxGap: UInt64) {
        self.count = count
        self.first = first
        self.last = last
        self.maxGap = maxGap
    }

    @inlinable
    init<B>(leaf areas: [MemoryArea<B>]) {
        guard let head = areas.first else {
            self.init(count: 0, first: 0, last: 0, maxGap: 0)
            return
        }
        var gap: UInt64 = 0
        var prevEnd = head.end.rawValue
        for i in 1..<areas.count {
            let a = areas[i]
            gap = Swift.max(gap, a.start.rawValue &- prevEnd)
            prevEnd = a.end.rawValue
        }
        self.init(count: areas.count, first: head.start.rawValue, last: prevEnd, maxGap: gap)
    }

    @inlinable
    init(inner sums: [AreaSummary]) {
        let head = sums[0]
        var total = head.count
        var gap = head.maxGap
        var prevEnd = head.last
        for i in 1..<sums.count {
            let s = sums[i]
            total &+= s.count
            gap = Swift.max(gap, s.maxGap, s.first &- prevEnd)
            prevEnd = s.last
        }
        self.init(count: total, first: head.first, last: prevEnd, maxGap: gap)
    }
}
