extension AreaTree {
    /// Removes and returns the area at `index`.
    /// - Complexity: O(log n)
    @inlinable
    @discardableResult
    mutating func remove(at index: Int) -> Area {
        precondition(index >= 0 && index < count, "AreaTree: index out of range")
        makeRootUnique()
        let area = remove(at: index, from: root, height: height)
        collapseRoot()
        return area
    }

    /// Replaces an internal root with a single child by that child.
    @inlinable
    mutating func collapseRoot() {
        while height > 0 && root.children.count == 1 {
            root = root.children[0]
            height &-= 1
        }
    }

    @inlinable
    func remove(at index: Int, from node: Node, height h: Int) -> Area {
        if h == 0 { return node.areas.remove(at: index) }
        var c = 0
        var offset = index
        while offset >= node.sums[c].count {
            offset &-= node.sums[c].count
            c &+= 1
        }
        makeChildUnique(node, c)
        let child = node.children[c]
        let area = remove(at: offset, from: child, height: h &- 1)
        node.sums[c] = child.summary
        if child.entryCount < minimum(ofHeight: h &- 1) && node.children.count > 1 {
            rebalance(node, pairStartingAt: c > 0 ? c &- 1 : c, childHeight: h &- 1)
        }
        return area
    }

    /// Merges children `l` and `l + 1` of `node` when their entries fit in
    /// one node, else shares the entries evenly between them.
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

    /// Removes the areas at positions `range`.
    ///
    /// A few areas are removed one by one; a longer run is cut out by
    /// splitting the tree at both ends and joining the outer parts, which
    /// reads O(log n) nodes whatever the length of the run.
    /// - Complexity: O(log n), plus O(k) to free k removed areas.
    @inlinable
    mutating func removeSubrange(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "AreaTree: range out of bounds")
        if range.count <= 4 {
            for _ in range { remove(at: range.lowerBound) }
            return
        }
        let whole = Fragment(node: root, height: height)
        root = Node(areas: [])
        height = 0
        let (left, rest) = split(whole, at: range.lowerBound)
        let (_, right) = split(rest, at: range.count)
        let joined = join(left, right)
        root = joined.node
        height = joined.height
    }
}
