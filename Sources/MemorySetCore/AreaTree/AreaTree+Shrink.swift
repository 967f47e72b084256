extension AreaTree {
    /// Replaces the area that starts at `key` by `new`, a part of it (its
    /// neighbouring gaps only grow):
    /// ```
    ///  before:   [prev]   [    area    ]   [next]
    ///  after:    [prev]      [ new ]       [next]
    ///                  leftGap      rightGap      (both grew)
    /// ```
    /// The descent carries the end of the area before and the start of the
    /// area after, so each level updates its summary in O(1).
    /// - Precondition: an area starts at `key` and contains `new`.
    /// - Complexity: O(log n)
    @inlinable
    mutating func shrink(startingAt key: UInt64, to new: Area) {
        makeRootUnique()
        _ = shrink(startingAt: key, to: new, in: root, height: height, prevEnd: 0, nextStart: UInt64.max)
    }

    /// Returns the old end of the area and the sizes of the gaps now before
    /// and after it.
    @inlinable
    func shrink(
        startingAt key: UInt64, to new: Area, in node: Node, height h: Int, prevEnd: UInt64, nextStart: UInt64
    ) -> (oldEnd: UInt64, leftGap: UInt64, rightGap: UInt64) {
        if h == 0 {
            let p = UnsafeHandle(node).firstPosition(startingAtOrAbove: key)
            precondition(p < node.areas.count && node.areas[p].start.rawValue == key, "AreaTree: no area starts at the key")
            let before = p > 0 ? node.areas[p &- 1].end.rawValue : prevEnd
            let after = p &+ 1 < node.areas.count ? node.areas[p &+ 1].start.rawValue : nextStart
            let oldEnd = node.areas[p].end.rawValue
            precondition(new.start.rawValue >= key && new.end.rawValue <= oldEnd && new.start < new.end,
                         "AreaTree: shrink must keep a non-empty part of the area")
            node.areas[p] = new
            return (oldEnd, new.start.rawValue &- before, after &- new.end.rawValue)
        }
        let c = UnsafeHandle(node).child(for: key)
        let childPrev = c > 0 ? node.sums[c &- 1].last : prevEnd
        let childNext = c &+ 1 < node.sums.count ? node.sums[c &+ 1].first : nextStart
        makeChildUnique(node, c)
        let result = shrink(startingAt: key, to: new, in: node.children[c], height: h &- 1,
                            prevEnd: childPrev, nextStart: childNext)
        node.sums[c] = node.sums[c].shrinking(from: key, result.oldEnd, to: new.start.rawValue, new.end.rawValue,
                                              leftGap: result.leftGap, rightGap: result.rightGap)
        return result
    }
}
