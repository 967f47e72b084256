extension AreaTree {
    /// The most areas ``removeAreas(in:_:count:)`` removes one by one; a
    /// longer run is cut out of the tree with split and join.
    @inlinable static var oneByOneRemovalLimit: Int { 4 }

    /// Removes the `count` areas that lie in `[s, e)`; no area crosses `s`
    /// or `e`:
    /// ```
    ///  before:  [a]  |[b] [c] ... [x]|  [y]
    ///                s               e
    ///  after:   [a]                     [y]
    /// ```
    /// A few areas are removed one by one, each by one descent from the root
    /// (the first area that ends above `s`); a longer run is cut out by
    /// splitting the tree at the keys `s` and `e` and joining the outer
    /// parts, which reads O(log n) nodes whatever the length of the run.
    /// - Precondition: exactly `count` areas lie in `[s, e)` and none crosses
    ///   a bound (checked in part).
    /// - Complexity: O(log n), plus O(k) to free k removed areas.
    @inlinable
    mutating func removeAreas(in s: UInt64, _ e: UInt64, count: Int) {
        guard count > 0 else { return }
        if count <= Self.oneByOneRemovalLimit {
            for _ in 0..<count { removeFirstArea(endingAbove: s, below: e) }
            return
        }
        let whole = Fragment(node: root, height: height)
        root = Node(areas: [])
        height = 0
        let (left, rest) = split(whole, atKey: s)
        let (_, right) = split(rest, atKey: e)
        let joined = join(left, right)
        root = joined.node
        height = joined.height
    }

    /// Removes the first area that ends above `s`, which must start at or
    /// above `s` and below `e`.
    /// - Complexity: O(log n)
    @inlinable
    mutating func removeFirstArea(endingAbove s: UInt64, below e: UInt64) {
        makeRootUnique()
        _ = removeFirstArea(endingAbove: s, below: e, from: root, height: height, prevEnd: 0, nextStart: UInt64.max)
        collapseRoot()
    }

    /// Returns the removed area's start and end and its neighbours' end and
    /// start, for the O(1) summary update of each level
    /// (``Summary/removing(_:_:prevEnd:nextStart:)``).
    @inlinable
    func removeFirstArea(
        endingAbove s: UInt64, below e: UInt64, from node: Node, height h: Int, prevEnd: UInt64, nextStart: UInt64
    ) -> (start: UInt64, end: UInt64, prevEnd: UInt64, nextStart: UInt64) {
        if h == 0 {
            let p = UnsafeHandle(node).firstPosition(endingAbove: s)
            precondition(p < node.areas.count && node.areas[p].start.rawValue >= s && node.areas[p].start.rawValue < e,
                         "AreaTree: no area to remove in the range")
            let before = p > 0 ? node.areas[p &- 1].end.rawValue : prevEnd
            let after = p &+ 1 < node.areas.count ? node.areas[p &+ 1].start.rawValue : nextStart
            let removed = node.areas.remove(at: p)
            return (removed.start.rawValue, removed.end.rawValue, before, after)
        }
        let c = UnsafeHandle(node).firstChild(endingAbove: s)
        precondition(c < node.children.count, "AreaTree: no area to remove in the range")
        let childPrev = c > 0 ? node.sums[c &- 1].last : prevEnd
        let childNext = c &+ 1 < node.sums.count ? node.sums[c &+ 1].first : nextStart
        makeChildUnique(node, c)
        let child = node.children[c]
        let result = removeFirstArea(endingAbove: s, below: e, from: child, height: h &- 1,
                                     prevEnd: childPrev, nextStart: childNext)
        if child.entryCount < minimum(ofHeight: h &- 1) && node.children.count > 1 {
            // Rebalancing recomputes the summaries of the pair it touches.
            rebalance(node, pairStartingAt: c > 0 ? c &- 1 : c, childHeight: h &- 1)
        } else {
            node.sums[c] = node.sums[c].removing(result.start, result.end, prevEnd: result.prevEnd,
                                                 nextStart: result.nextStart) ?? child.summary
        }
        return result
    }

    /// Replaces an internal root with a single child by that child.
    @inlinable
    mutating func collapseRoot() {
        while height > 0 && root.children.count == 1 {
            root = root.children[0]
            height &-= 1
        }
    }
}
