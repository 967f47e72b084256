// Lookups: one descent from the root (`descend`) or one walk over the areas
// meeting a range (`visit`), both on unsafe handles; nothing is changed,
// copied or retained.

extension AreaTree {
    /// The result of ``AreaTree/probe(_:countingIndex:)``.
    @frozen @usableFromInline
    struct Probe {
        /// Position of `before` (-1 when there is none; unset unless counted).
        @usableFromInline var index: Int
        /// The last area whose start is at or below the probed address.
        @usableFromInline var before: Area?
        /// The start of the area after `before`, if any.
        @usableFromInline var nextStart: UInt64?

        @inlinable
        init(index: Int, before: Area?, nextStart: UInt64?) {
            self.index = index
            self.before = before
            self.nextStart = nextStart
        }

        /// Whether `[start, end)` (with `start` the probed address) meets an area.
        @inlinable
        func overlaps(start: UInt64, end: UInt64) -> Bool {
            if let before, before.end.rawValue > start { return true }
            if let nextStart, nextStart < end { return true }
            return false
        }
    }

    /// Where `x` falls: the last area whose start is at or below `x` (with
    /// its position when `countingIndex`), and the start of the area after it.
    /// One descent from the root.
    /// - Complexity: O(log n)
    @inlinable
    func probe(_ x: UInt64, countingIndex: Bool) -> Probe {
        var base = 0
        var nextStart: UInt64? = nil
        let found = descend(
            child: { sums in
                let lo = sums.partitionPoint { $0.first <= x }
                if lo < sums.count { nextStart = sums[lo].first }
                if countingIndex && lo > 0 {
                    for j in 0..<(lo &- 1) { base &+= sums[j].count }
                }
                return lo > 0 ? lo &- 1 : nil
            },
            leaf: { areas in
                let lo = areas.partitionPoint { $0.start.rawValue <= x }
                if lo < areas.count { nextStart = areas[lo].start.rawValue }
                return Probe(index: base &+ lo &- 1, before: lo == 0 ? nil : areas[lo &- 1], nextStart: nextStart)
            })
        // `nil`: below the first child's first start (only possible at the root).
        return found ?? Probe(index: -1, before: nil, nextStart: nextStart)
    }

    /// The area that contains `x`, or `nil`: the lean form of
    /// ``probe(_:countingIndex:)`` for lookups.
    /// - Complexity: O(log n)
    @inlinable
    func area(containing x: UInt64) -> Area? {
        // Each node's span, from its parent's summary (already in cache), guides the first
        // probe in the node (see `partitionPoint(guessingFrom:_:)`).
        var span = (first: UInt64(0), last: UInt64(0))
        return descend(
            child: { sums in
                let guess = spreadGuess(x, in: span, count: sums.count)
                let c = sums.partitionPoint(guessingFrom: guess) { $0.first <= x } &- 1
                if c < 0 { return nil }
                span = (sums[c].first, sums[c].last)
                return c
            },
            leaf: { areas in
                let guess = spreadGuess(x, in: span, count: areas.count)
                let lo = areas.partitionPoint(guessingFrom: guess) { $0.start.rawValue <= x }
                return lo > 0 && areas[lo &- 1].end.rawValue > x ? areas[lo &- 1] : nil
            })
    }

    /// One walk from the root to a leaf: `child` picks the child to go down
    /// to from an internal node's summaries (`nil`: stop, no result), and
    /// `leaf` gives the result from the leaf's areas. Leaves are told by the
    /// tree's height, and nothing is retained on the way.
    /// - Complexity: O(log n) plus the cost of the closures.
    @inlinable
    func descend<R>(
        child: (UnsafeBufferPointer<Summary>) -> Int?, leaf: (UnsafeBufferPointer<Area>) -> R?
    ) -> R? {
        var node = UnsafeHandle(root)
        var level = height
        while level > 0 {
            guard let c = node.withSums(child) else { return nil }
            node = node.child(at: c)
            level &-= 1
        }
        return node.withAreas(leaf)
    }

    /// The position of the first area that ends above `x`: the area holding
    /// `x`, or else the first area after `x` (or `count`).
    /// - Complexity: O(log n)
    @inlinable
    func firstIndex(endingAbove x: UInt64) -> Int {
        let p = probe(x, countingIndex: true)
        if let before = p.before, before.end.rawValue > x { return p.index }
        return p.index &+ 1
    }

    /// Calls `body` on each area that meets `[s, e)`, in address order, until
    /// it returns `false`. Finds them by key (no positions are counted) and
    /// reads only: nothing is copied or retained. `body` must not change the
    /// tree.
    /// - Complexity: O(log n + k) for k areas visited.
    @inlinable
    func visit(meeting s: UInt64, _ e: UInt64, _ body: (Area) -> Bool) {
        guard s < e else { return }
        _ = visit(UnsafeHandle(root), height: height, meeting: s, e, body)
    }

    @inlinable
    func visit(_ node: UnsafeHandle, height h: Int, meeting s: UInt64, _ e: UInt64, _ body: (Area) -> Bool) -> Bool {
        if h == 0 {
            return node.withAreas { areas in
                var j = areas.partitionPoint { $0.end.rawValue <= s }
                while j < areas.count && areas[j].start.rawValue < e {
                    if !body(areas[j]) { return false }
                    j &+= 1
                }
                return true
            }
        }
        return node.withSums { sums in
            var c = sums.partitionPoint { $0.last <= s }
            while c < sums.count && sums[c].first < e {
                if !visit(node.child(at: c), height: h &- 1, meeting: s, e, body) { return false }
                c &+= 1
            }
            return true
        }
    }

    /// The first and the last area that meet `[s, e)`, or `nil` when none does.
    ///
    /// One descent, to the leaf of the first area (the first that ends above `s`); the last
    /// is found in that leaf too unless the leaf's areas all start below `e`, the usual case
    /// for a small range. Otherwise a second descent finds the last (the area holding
    /// `e - 1`, or the one before it):
    /// ```
    ///  leaf:  [ first ]  [ b ] [ last ]  [ c ]      leaf:  [ first ]  [ b ]  | next leaf ...
    ///            [s                 e)                       [s              |       e)
    ///  last: the area before c, the leaf's first       last: a second descent
    ///        area starting at or above e
    /// ```
    /// - Complexity: O(log n)
    @inlinable
    func bounds(meeting s: UInt64, _ e: UInt64) -> (first: Area, last: Area)? {
        let found: (first: Area, last: Area?)? = descend(
            child: { sums in
                let c = sums.partitionPoint { $0.last <= s }
                return c == sums.count ? nil : c
            },
            leaf: { areas in
                let j = areas.partitionPoint { $0.end.rawValue <= s }
                guard j < areas.count, areas[j].start.rawValue < e else { return nil }
                // Every later area starts at or after the first's end.
                if areas[j].end.rawValue >= e { return (areas[j], areas[j]) }
                let k = (j &+ 1) &+ UnsafeBufferPointer(rebasing: areas[(j &+ 1)...]).partitionPoint {
                    $0.start.rawValue < e
                }
                return (areas[j], k < areas.count ? areas[k &- 1] : nil)
            })
        guard let found else { return nil }
        if let last = found.last { return (found.first, last) }
        guard let last = probe(e &- 1, countingIndex: false).before else { return nil }
        return (found.first, last)
    }

    /// The area at position `index`.
    /// - Complexity: O(log n)
    @inlinable
    subscript(index: Int) -> Area {
        precondition(index >= 0 && index < count, "AreaTree: index out of range")
        var node = root
        var offset = index
        while !node.isLeaf {
            var c = 0
            while offset >= node.sums[c].count {
                offset &-= node.sums[c].count
                c &+= 1
            }
            node = node.children[c]
        }
        return node.areas[offset]
    }
}
