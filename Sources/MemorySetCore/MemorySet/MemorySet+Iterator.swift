extension MemorySet {
    /// Iterates the areas of a ``MemorySet`` in address order. Holds the
    /// set's tree nodes, so later changes to the set do not affect an
    /// iteration in progress.
    public struct Iterator: IteratorProtocol {
        @usableFromInline typealias Node = AreaTree<Backend>.Node

        /// Internal nodes from the root down, each with the index of the child
        /// being visited.
        @usableFromInline var path: [(node: Node, child: Int)] = []
        @usableFromInline var leaf: Node?
        @usableFromInline var position = 0

        /// An iterator from the first area that ends above `x` (every area
        /// when `x` is 0): one descent by key.
        /// - Complexity: O(log n)
        @inlinable
        init(tree: AreaTree<Backend>, endingAbove x: UInt64) {
            var node = tree.root
            while !node.isLeaf {
                let c = AreaTree<Backend>.UnsafeHandle(node).firstChild(endingAbove: x)
                guard c < node.children.count else { return }
                path.append((node, c))
                node = node.children[c]
            }
            leaf = node
            position = AreaTree<Backend>.UnsafeHandle(node).firstPosition(endingAbove: x)
        }

        /// The next area, or `nil` after the last.
        /// - Complexity: O(1) amortized.
        @inlinable
        public mutating func next() -> Area? {
            guard let current = leaf else { return nil }
            if position < current.areas.count {
                defer { position &+= 1 }
                return current.areas[position]
            }
            // Climb to the first ancestor with a next child, then go down its leftmost path.
            while let top = path.popLast() {
                let node = top.node
                let c = top.child
                if c &+ 1 < node.children.count {
                    path.append((node, c &+ 1))
                    var down = node.children[c &+ 1]
                    while !down.isLeaf {
                        path.append((down, 0))
                        down = down.children[0]
                    }
                    leaf = down
                    position = 1
                    return down.areas[0]
                }
            }
            leaf = nil
            return nil
        }
    }

    /// The areas that end above `addr`, in address order: the area containing
    /// `addr` (if any) and every area after it.
    /// - Complexity: O(log n) to start, O(1) amortized per area.
    @inlinable
    public func areas(endingAbove addr: VirtAddr) -> IteratorSequence<Iterator> {
        IteratorSequence(Iterator(tree: tree, endingAbove: addr.rawValue))
    }
}

extension MemorySet: Sequence {
    /// Iterates the areas in address order.
    /// - Complexity: O(log n) to start, O(1) amortized per area.
    @inlinable
    public func makeIterator() -> Iterator { Iterator(tree: tree, endingAbove: 0) }

    /// The number of areas.
    @inlinable public var underestimatedCount: Int { tree.count }
}

extension MemorySet.Iterator: @unchecked Sendable where Backend: Sendable {}
