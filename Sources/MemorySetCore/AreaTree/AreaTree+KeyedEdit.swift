// Edits found by start address, with O(1) summary updates per level: the
// descent carries the end of the area before the edited one and the start of
// the area after it, so each level knows how its gaps changed.

extension AreaTree {
    /// The child of an internal node that holds (or would hold) `key`: the
    /// last child whose first start is at or below `key`, or the first child.
    @inlinable
    func child(for key: UInt64, in node: Node) -> Int {
        node.sums.withUnsafeBufferPointer { sums in Swift.max(sums.partitionPoint { $0.first <= key }, 1) &- 1 }
    }

    /// The position in a leaf of the area that starts at `key`.
    @inlinable
    func position(of key: UInt64, in leaf: Node) -> Int {
        let p = leaf.areas.withUnsafeBufferPointer { areas in areas.partitionPoint { $0.start.rawValue < key } }
        precondition(p < leaf.areas.count && leaf.areas[p].start.rawValue == key, "AreaTree: no area starts at the key")
        return p
    }

    /// Replaces the area that starts at `key` by `new`, a part of it (its
    /// neighbouring gaps only grow).
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
            let p = position(of: key, in: node)
            let before = p > 0 ? node.areas[p &- 1].end.rawValue : prevEnd
            let after = p &+ 1 < node.areas.count ? node.areas[p &+ 1].start.rawValue : nextStart
            let oldEnd = node.areas[p].end.rawValue
            precondition(new.start.rawValue >= key && new.end.rawValue <= oldEnd && new.start < new.end,
                         "AreaTree: shrink must keep a non-empty part of the area")
            node.areas[p] = new
            return (oldEnd, new.start.rawValue &- before, after &- new.end.rawValue)
        }
        let c = child(for: key, in: node)
        let childPrev = c > 0 ? node.sums[c &- 1].last : prevEnd
        let childNext = c &+ 1 < node.sums.count ? node.sums[c &+ 1].first : nextStart
        makeChildUnique(node, c)
        let result = shrink(startingAt: key, to: new, in: node.children[c], height: h &- 1,
                            prevEnd: childPrev, nextStart: childNext)
        node.sums[c] = node.sums[c].shrinking(from: key, result.oldEnd, to: new.start.rawValue, new.end.rawValue,
                                              leftGap: result.leftGap, rightGap: result.rightGap)
        return result
    }

    /// Removes the area that starts at `key`.
    /// - Precondition: an area starts at `key`.
    /// - Complexity: O(log n)
    @inlinable
    mutating func remove(startingAt key: UInt64) {
        makeRootUnique()
        _ = remove(startingAt: key, from: root, height: height, prevEnd: 0, nextStart: UInt64.max)
        collapseRoot()
    }

    /// Returns the removed area's end and its neighbours' end and start.
    @inlinable
    func remove(
        startingAt key: UInt64, from node: Node, height h: Int, prevEnd: UInt64, nextStart: UInt64
    ) -> (oldEnd: UInt64, prevEnd: UInt64, nextStart: UInt64) {
        if h == 0 {
            let p = position(of: key, in: node)
            let before = p > 0 ? node.areas[p &- 1].end.rawValue : prevEnd
            let after = p &+ 1 < node.areas.count ? node.areas[p &+ 1].start.rawValue : nextStart
            let removed = node.areas.remove(at: p)
            return (removed.end.rawValue, before, after)
        }
        let c = child(for: key, in: node)
        let childPrev = c > 0 ? node.sums[c &- 1].last : prevEnd
        let childNext = c &+ 1 < node.sums.count ? node.sums[c &+ 1].first : nextStart
        makeChildUnique(node, c)
        let child = node.children[c]
        let result = remove(startingAt: key, from: child, height: h &- 1, prevEnd: childPrev, nextStart: childNext)
        if child.entryCount < minimum(ofHeight: h &- 1) && node.children.count > 1 {
            // Rebalancing recomputes the summaries of the pair it touches.
            rebalance(node, pairStartingAt: c > 0 ? c &- 1 : c, childHeight: h &- 1)
        } else {
            node.sums[c] = node.sums[c].removing(key, result.oldEnd, prevEnd: result.prevEnd, nextStart: result.nextStart)
                ?? child.summary
        }
        return result
    }
}

extension AreaSummary {
    /// This subtree's summary after its area `[oldStart, oldEnd)` shrank to
    /// `[newStart, newEnd)`, the gaps beside it becoming `leftGap` and
    /// `rightGap` (they only grow, so the largest gap only grows).
    @inlinable
    func shrinking(
        from oldStart: UInt64, _ oldEnd: UInt64, to newStart: UInt64, _ newEnd: UInt64, leftGap: UInt64, rightGap: UInt64
    ) -> AreaSummary {
        var s = self
        if first == oldStart { s.first = newStart } else { s.maxGap = Swift.max(s.maxGap, leftGap) }
        if last == oldEnd { s.last = newEnd } else { s.maxGap = Swift.max(s.maxGap, rightGap) }
        return s
    }

    /// This subtree's summary after removing its area `[start, end)`, whose
    /// neighbours end at `prevEnd` and start at `nextStart`; `nil` when it
    /// must be recomputed (a gap that vanished may have been the largest).
    @inlinable
    func removing(_ start: UInt64, _ end: UInt64, prevEnd: UInt64, nextStart: UInt64) -> AreaSummary? {
        if count == 1 { return AreaSummary(count: 0, first: 0, last: 0, maxGap: 0) }
        var s = self
        s.count &-= 1
        let isFirst = first == start
        let isLast = last == end
        if isFirst {
            // The gap after the area, inside the subtree, is gone.
            if nextStart &- end >= maxGap { return nil }
            s.first = nextStart
        }
        if isLast {
            if start &- prevEnd >= maxGap { return nil }
            s.last = prevEnd
        }
        if !isFirst && !isLast {
            s.maxGap = Swift.max(maxGap, nextStart &- prevEnd)
        }
        return s
    }
}
