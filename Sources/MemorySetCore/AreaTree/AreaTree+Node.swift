extension AreaTree {
    /// A node of an ``AreaTree``: a leaf holds areas; an internal node holds
    /// children and their summaries.
    @usableFromInline
    final class Node {
        /// The areas of a leaf, in address order (empty in an internal node).
        @exclusivity(unchecked) @usableFromInline var areas: [Area]
        /// The children of an internal node (empty in a leaf).
        @exclusivity(unchecked) @usableFromInline var children: [Node]
        /// `sums[i]` summarizes `children[i]`.
        @exclusivity(unchecked) @usableFromInline var sums: [Summary]

        @inlinable
        init(areas: [Area]) {
            self.areas = areas
            self.children = []
            self.sums = []
        }

        @inlinable
        init(children: [Node], sums: [Summary]) {
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
        func copy() -> Node {
            isLeaf ? Node(areas: areas) : Node(children: children, sums: sums)
        }

        /// The largest gap between two consecutive areas of this subtree, computed from its
        /// entries (the rest of ``summary`` without the pass a leaf would need for it).
        /// - Complexity: O(entries)
        @inlinable
        var maxGap: UInt64 {
            isLeaf ? areas.withUnsafeBufferPointer { Summary.maxGap(leaf: $0) } : Summary(inner: sums).maxGap
        }

        /// The summary of this subtree, computed from its entries.
        /// - Complexity: O(entries)
        @inlinable
        var summary: Summary {
            isLeaf ? Summary(leaf: areas) : Summary(inner: sums)
        }
    }
}
