/// Iterates the areas of an ``AreaTree`` in address order, from a given
/// position. Holds the tree's nodes, so later changes to the tree do not
/// affect an iteration in progress.
public struct AreaTreeIterator<Backend: MappingBackend>: IteratorProtocol {
    @usableFromInline typealias Node = AreaTreeNode<Backend>

    /// Internal nodes from the root down, each with the index of the child
    /// being visited.
    @usableFromInline var path: [(node: Node, child: Int)] = []
    @usableFromInline var leaf: Node?
    @usableFromInline var position = 0

    @inlinable
    init(tree: AreaTree<Backend>, from index: Int) {
        guard index < tree.count else { return }
        var node = tree.root
        var offset = Swift.max(index, 0)
        while !node.isLeaf {
            var c = 0
            while offset >= node.sums[c].count {
                offset &-= node.sums[c].count
                c &+= 1
            }
            path.append((node, c))
            node = node.children[c]
        }
        leaf = node
        position = offset
    }

    /// The next area, or `nil` after the last.
    /// - Complexity: O(1) amortized.
    @inlinable
    public mutating func next() -> MemoryArea<Backend>? {
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

extension AreaTree {
    /// An iterator over the areas from position `index` on.
    /// - Complexity: O(log n)
    @inlinable
    func makeIterator(from index: Int = 0) -> AreaTreeIterator<Backend> {
        AreaTreeIterator(tree: self, from: index)
    }
}
