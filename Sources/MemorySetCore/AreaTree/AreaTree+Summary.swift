extension AreaTree {
    /// What a subtree holds, in a form that lets searches skip it: how many
    /// areas, the first start, the last end, the largest gap between two
    /// consecutive areas inside the subtree (0 with fewer than two areas), and
    /// the bytes its areas cover (so the set's mapped size is O(1)).
    ///
    /// ```
    ///   subtree:  [a0    )   [a1  )        [a2      )
    ///             first ^                          ^ last
    ///                     gap      maxGap
    ///   mapped = |a0| + |a1| + |a2|
    /// ```
    ///
    /// Edits update the summaries on their path in O(1) per level
    /// (``adding(_:splitting:)``, ``shrinking(from:_:to:_:leftGap:rightGap:)``,
    /// ``removing(_:_:prevEnd:nextStart:)``) unless the largest gap may have
    /// vanished; then the node's summary is recomputed from its entries.
    @frozen @usableFromInline
    struct Summary: Equatable {
        @usableFromInline var count: Int
        @usableFromInline var first: UInt64
        @usableFromInline var last: UInt64
        @usableFromInline var maxGap: UInt64
        /// The sum of the areas' sizes (below 2^64: the areas do not overlap).
        @usableFromInline var mapped: UInt64

        @inlinable
        init(count: Int, first: UInt64, last: UInt64, maxGap: UInt64, mapped: UInt64) {
            self.count = count
            self.first = first
            self.last = last
            self.maxGap = maxGap
            self.mapped = mapped
        }

        /// The summary of a leaf's areas.
        /// - Complexity: O(areas)
        @inlinable
        init(leaf areas: [Area]) {
            guard let head = areas.first else {
                self.init(count: 0, first: 0, last: 0, maxGap: 0, mapped: 0)
                return
            }
            var gap: UInt64 = 0
            var prevEnd = head.end.rawValue
            var mapped = prevEnd &- head.start.rawValue
            for i in 1..<areas.count {
                let a = areas[i]
                gap = Swift.max(gap, a.start.rawValue &- prevEnd)
                prevEnd = a.end.rawValue
                mapped &+= prevEnd &- a.start.rawValue
            }
            self.init(count: areas.count, first: head.start.rawValue, last: prevEnd, maxGap: gap, mapped: mapped)
        }

        /// The summary of an internal node, from its children's.
        /// - Complexity: O(children)
        @inlinable
        init(inner sums: [Summary]) {
            let head = sums[0]
            var total = head.count
            var gap = head.maxGap
            var prevEnd = head.last
            var mapped = head.mapped
            for i in 1..<sums.count {
                let s = sums[i]
                total &+= s.count
                gap = Swift.max(gap, s.maxGap, s.first &- prevEnd)
                prevEnd = s.last
                mapped &+= s.mapped
            }
            self.init(count: total, first: head.first, last: prevEnd, maxGap: gap, mapped: mapped)
        }
    }
}

extension AreaTree.Summary {
    /// This summary after inserting `area` into the subtree, where `area`
    /// lands in a free gap of `gap` bytes; `nil` when it must be recomputed
    /// (the split gap was the subtree's largest).
    @inlinable
    func adding(_ area: AreaTree.Area, splitting gap: UInt64) -> Self? {
        let s = area.start.rawValue
        let e = area.end.rawValue
        let size = mapped &+ (e &- s)
        if count == 0 { return Self(count: 1, first: s, last: e, maxGap: 0, mapped: e &- s) }
        if e <= first {
            return Self(count: count &+ 1, first: s, last: last, maxGap: Swift.max(maxGap, first &- e), mapped: size)
        }
        if s >= last {
            return Self(count: count &+ 1, first: first, last: e, maxGap: Swift.max(maxGap, s &- last), mapped: size)
        }
        // Inside the subtree's span: the gap it split was inside too.
        guard gap < maxGap else { return nil }
        return Self(count: count &+ 1, first: first, last: last, maxGap: maxGap, mapped: size)
    }

    /// This summary after inserting `area` inside the subtree's span, when the gap it split
    /// was the largest: the count, the first start, the last end and the mapped bytes follow
    /// in O(1); the largest gap, `maxGap`, is the subtree's (recomputed by the caller, see
    /// ``AreaTree/Node/maxGap``).
    @inlinable
    func adding(_ area: AreaTree.Area, maxGap: UInt64) -> Self {
        Self(count: count &+ 1, first: first, last: last, maxGap: maxGap,
             mapped: mapped &+ (area.end.rawValue &- area.start.rawValue))
    }

    /// The largest gap between two consecutive areas of a leaf (0 with fewer than two):
    /// ``init(leaf:)`` without the count, the ends and the mapped bytes, which an insertion
    /// knows without a pass over the leaf.
    /// - Complexity: O(areas)
    @inlinable
    static func maxGap(leaf areas: UnsafeBufferPointer<AreaTree.Area>) -> UInt64 {
        guard var prevEnd = areas.first?.end.rawValue else { return 0 }
        var gap: UInt64 = 0
        for i in 1..<areas.count {
            gap = Swift.max(gap, areas[i].start.rawValue &- prevEnd)
            prevEnd = areas[i].end.rawValue
        }
        return gap
    }

    /// This subtree's summary after its area `[oldStart, oldEnd)` shrank to
    /// `[newStart, newEnd)`, the gaps beside it becoming `leftGap` and
    /// `rightGap` (they only grow, so the largest gap only grows).
    @inlinable
    func shrinking(
        from oldStart: UInt64, _ oldEnd: UInt64, to newStart: UInt64, _ newEnd: UInt64, leftGap: UInt64, rightGap: UInt64
    ) -> Self {
        var s = self
        s.mapped &-= (oldEnd &- oldStart) &- (newEnd &- newStart)
        if first == oldStart { s.first = newStart } else { s.maxGap = Swift.max(s.maxGap, leftGap) }
        if last == oldEnd { s.last = newEnd } else { s.maxGap = Swift.max(s.maxGap, rightGap) }
        return s
    }

    /// This subtree's summary after removing its area `[start, end)`, whose
    /// neighbours end at `prevEnd` and start at `nextStart`; `nil` when it
    /// must be recomputed (a gap that vanished may have been the largest).
    @inlinable
    func removing(_ start: UInt64, _ end: UInt64, prevEnd: UInt64, nextStart: UInt64) -> Self? {
        if count == 1 { return Self(count: 0, first: 0, last: 0, maxGap: 0, mapped: 0) }
        var s = self
        s.count &-= 1
        s.mapped &-= end &- start
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
