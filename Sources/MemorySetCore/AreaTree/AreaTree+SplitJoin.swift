extension AreaTree {
    /// A standalone tree: a root and its height. The root may hold fewer
    /// entries than a node's minimum, but an internal root has at least two
    /// children; every other node is within its bounds. An empty fragment is a
    /// leaf with no areas.
    @frozen @usableFromInline
    struct Fragment {
        @usableFromInline var node: Node
        @usableFromInline var height: Int

        @inlinable
        init(node: Node, height: Int) {
            self.node = node
            self.height = height
        }

        @inlinable var isEmpty: Bool { height == 0 && node.areas.isEmpty }
    }
}

// Split and join never write to an existing node: they build new nodes along
// the cut and share everything else, so they are safe on shared (copied)
// trees.
extension AreaTree {
    /// Splits `tree` into the areas that start below `key` and the rest.
    /// ```
    ///           key
    ///  [a] [b] [c|d] [e]   (c starts below key)  ->  [a] [b] [c]  +  [e]
    /// ```
    /// In each node on the way down, the child that may hold areas on both
    /// sides is split further; the children left and right of it are joined
    /// to the two halves.
    /// - Complexity: O(log n)
    @inlinable
    func split(_ tree: Fragment, atKey key: UInt64) -> (Fragment, Fragment) {
        let node = tree.node
        let h = tree.height
        if h == 0 {
            let p = UnsafeHandle(node).firstPosition(startingAtOrAbove: key)
            return (Fragment(node: Node(areas: Array(node.areas[..<p])), height: 0),
                    Fragment(node: Node(areas: Array(node.areas[p...])), height: 0))
        }
        // The children below `c` lie wholly below `key`, those above it wholly above.
        let c = UnsafeHandle(node).child(for: key)
        let (innerLeft, innerRight) = split(Fragment(node: node.children[c], height: h &- 1), atKey: key)
        let left = join(fragment(of: node, height: h, children: 0..<c), innerLeft)
        let right = join(innerRight, fragment(of: node, height: h, children: (c &+ 1)..<node.children.count))
        return (left, right)
    }

    /// The tree made of some consecutive children of an internal node.
    @inlinable
    func fragment(of node: Node, height h: Int, children range: Range<Int>) -> Fragment {
        switch range.count {
        case 0: return Fragment(node: Node(areas: []), height: 0)
        case 1: return Fragment(node: node.children[range.lowerBound], height: h &- 1)
        default:
            return Fragment(node: Node(children: Array(node.children[range]), sums: Array(node.sums[range])), height: h)
        }
    }

    /// Joins two trees, every area of `left` lying below every area of `right`.
    /// - Complexity: O(|height(left) − height(right)| + 1)
    @inlinable
    func join(_ left: Fragment, _ right: Fragment) -> Fragment {
        if left.isEmpty { return right }
        if right.isEmpty { return left }
        let parts: [Node]
        let h: Int
        if left.height == right.height {
            parts = combine(left.node, right.node, height: left.height)
            h = left.height
        } else if left.height > right.height {
            parts = joinRight(left.node, height: left.height, right)
            h = left.height
        } else {
            parts = joinLeft(left, right.node, height: right.height)
            h = right.height
        }
        if parts.count == 1 { return Fragment(node: parts[0], height: h) }
        return Fragment(node: Node(children: parts, sums: parts.map { $0.summary }), height: h &+ 1)
    }

    /// Hangs `right` (lower) under the right spine of `node`; returns the
    /// node's replacement(s) at the same height.
    @inlinable
    func joinRight(_ node: Node, height h: Int, _ right: Fragment) -> [Node] {
        let last = node.children.count &- 1
        let parts = h &- 1 == right.height
            ? combine(node.children[last], right.node, height: right.height)
            : joinRight(node.children[last], height: h &- 1, right)
        return nodes(children: node.children[..<last] + parts,
                     sums: node.sums[..<last] + parts.map { $0.summary }, height: h)
    }

    /// Hangs `left` (lower) under the left spine of `node`.
    @inlinable
    func joinLeft(_ left: Fragment, _ node: Node, height h: Int) -> [Node] {
        let parts = h &- 1 == left.height
            ? combine(left.node, node.children[0], height: left.height)
            : joinLeft(left, node.children[0], height: h &- 1)
        return nodes(children: parts + node.children[1...],
                     sums: parts.map { $0.summary } + node.sums[1...], height: h)
    }

    /// The entries of two nodes of one height, in one node when they fit,
    /// else evenly in two.
    @inlinable
    func combine(_ a: Node, _ b: Node, height h: Int) -> [Node] {
        if h == 0 {
            let all = a.areas + b.areas
            if all.count <= leafCapacity { return [Node(areas: all)] }
            let mid = all.count / 2
            return [Node(areas: Array(all[..<mid])), Node(areas: Array(all[mid...]))]
        }
        return nodes(children: a.children + b.children, sums: a.sums + b.sums, height: h)
    }

    /// One internal node over `children`, or two when they overflow it.
    @inlinable
    func nodes(children: [Node], sums: [Summary], height h: Int) -> [Node] {
        if children.count <= innerCapacity { return [Node(children: children, sums: sums)] }
        let mid = children.count / 2
        return [Node(children: Array(children[..<mid]), sums: Array(sums[..<mid])),
                Node(children: Array(children[mid...]), sums: Array(sums[mid...]))]
    }
}
