// Keeping node fill within bounds: a node over capacity splits in two
// (insertion); a node under its minimum merges with or borrows from a sibling
// (removal).

extension AreaTree {
    /// Moves the upper half of an overfull node's entries to a new node and
    /// returns that node (the caller puts it after `node` in the parent).
    /// ```
    ///  [a b c d e]  ->  [a b] [c d e]
    /// ```
    @inlinable
    func splitOff(_ node: Node) -> Node {
        if node.isLeaf {
            let mid = node.areas.count / 2
            let right = Node(areas: Array(node.areas[mid...]))
            node.areas.removeSubrange(mid...)
            return right
        }
        let mid = node.children.count / 2
        let right = Node(children: Array(node.children[mid...]), sums: Array(node.sums[mid...]))
        node.children.removeSubrange(mid...)
        node.sums.removeSubrange(mid...)
        return right
    }

    /// Merges children `l` and `l + 1` of `node` when their entries fit in
    /// one node, else shares the entries evenly between them.
    /// ```
    ///  merge:  [a b] [c]      ->  [a b c]
    ///  share:  [a b c d e] [f] -> [a b c] [d e f]
    /// ```
    @inlinable
    func rebalance(_ node: Node, pairStartingAt l: Int, childHeight h: Int) {
        makeChildUnique(node, l)
        makeChildUnique(node, l &+ 1)
        let a = node.children[l]
        let b = node.children[l &+ 1]
        if h == 0 {
            let total = a.areas.count &+ b.areas.count
            if total <= leafCapacity {
                a.areas.append(contentsOf: b.areas)
                node.children.remove(at: l &+ 1)
                node.sums.remove(at: l &+ 1)
            } else {
                let all = a.areas + b.areas
                let mid = total / 2
                a.areas = Array(all[..<mid])
                b.areas = Array(all[mid...])
                node.sums[l &+ 1] = b.summary
            }
        } else {
            let total = a.children.count &+ b.children.count
            if total <= innerCapacity {
                a.children.append(contentsOf: b.children)
                a.sums.append(contentsOf: b.sums)
                node.children.remove(at: l &+ 1)
                node.sums.remove(at: l &+ 1)
            } else {
                let allChildren = a.children + b.children
                let allSums = a.sums + b.sums
                let mid = total / 2
                a.children = Array(allChildren[..<mid])
                a.sums = Array(allSums[..<mid])
                b.children = Array(allChildren[mid...])
                b.sums = Array(allSums[mid...])
                node.sums[l &+ 1] = b.summary
            }
        }
        node.sums[l] = a.summary
    }
}
