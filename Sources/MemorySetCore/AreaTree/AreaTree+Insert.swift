extension AreaTree {
    /// Makes `node.children[c]` uniquely referenced, copying it if shared.
    @inlinable
    func makeChildUnique(_ node: Node, _ c: Int) {
        if !isKnownUniquelyReferenced(&node.children[c]) {
            node.children[c] = node.children[c].copy()
        }
    }

    /// Inserts `area` at position `index` (the caller keeps the order).
    /// - Complexity: O(log n)
    @inlinable
    mutating func insert(_ area: Area, at index: Int) {
        precondition(index >= 0 && index <= count, "AreaTree: insert position out of range")
        makeRootUnique()
        if let sibling = insert(area, at: index, into: root, height: height) {
            let left = root
            root = Node(children: [left, sibling], sums: [left.summary, sibling.summary])
            height &+= 1
        }
    }

    /// Inserts into the subtree of the (unique) `node`; returns the new right
    /// sibling when the node had to split.
    @inlinable
    func insert(_ area: Area, at index: Int, into node: Node, height h: Int) -> Node? {
        if h == 0 {
            node.areas.insert(area, at: index)
            return node.areas.count > leafCapacity ? splitOff(node) : nil
        }
        var c = 0
        var offset = index
        let last = node.children.count &- 1
        while c < last && offset > node.sums[c].count {
            offset &-= node.sums[c].count
            c &+= 1
        }
        makeChildUnique(node, c)
        let child = node.children[c]
        let sibling = insert(area, at: offset, into: child, height: h &- 1)
        node.sums[c] = child.summary
        if let sibling {
            node.children.insert(sibling, at: c &+ 1)
            node.sums.insert(sibling.summary, at: c &+ 1)
            if node.children.count > innerCapacity { return splitOff(node) }
        }
        return nil
    }

    /// Moves the upper half of an overfull node's entries to a new node and
    /// returns that node.
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

    /// Replaces the area at `index` through `body`, which must keep the
    /// areas ordered and non-overlapping.
    /// - Complexity: O(log n)
    @inlinable
    mutating func update<R>(at index: Int, _ body: (inout Area) -> R) -> R {
        precondition(index >= 0 && index < count, "AreaTree: index out of range")
        var result: R?
        forEach(in: index..<(index &+ 1)) { area in
            result = body(&area)
            return true
        }
        return result!
    }

    /// Calls `body` on each area at positions `range`, in order, letting it
    /// change the area in place; stops early when `body` returns `false`.
    /// `body` must keep the areas ordered and non-overlapping. Summaries are
    /// recomputed on the visited paths.
    /// - Complexity: O(log n + k) for k = `range.count`.
    @inlinable
    mutating func forEach(in range: Range<Int>, _ body: (inout Area) -> Bool) {
        guard !range.isEmpty else { return }
        makeRootUnique()
        _ = walk(root, height: height, base: 0, range: range, body)
    }

    @inlinable
    func walk(_ node: Node, height h: Int, base: Int, range: Range<Int>, _ body: (inout Area) -> Bool) -> Bool {
        if h == 0 {
            let lo = Swift.max(range.lowerBound &- base, 0)
            let hi = Swift.min(range.upperBound &- base, node.areas.count)
            var j = lo
            while j < hi {
                if !body(&node.areas[j]) { return false }
                j &+= 1
            }
            return true
        }
        var offset = base
        for c in 0..<node.children.count {
            let n = node.sums[c].count
            if offset &+ n > range.lowerBound {
                makeChildUnique(node, c)
                let child = node.children[c]
                let more = walk(child, height: h &- 1, base: offset, range: range, body)
                node.sums[c] = child.summary
                if !more { return false }
            }
            offset &+= n
            if offset >= range.upperBound { break }
        }
        return true
    }
}
