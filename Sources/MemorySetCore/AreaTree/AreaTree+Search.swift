extension AreaTree {
    /// Where `x` falls: the last area whose start is at or below `x` (with
    /// its position when `countingIndex`), and the start of the area after it.
    /// One descent from the root.
    /// - Complexity: O(log n)
    @inlinable
    func probe(_ x: UInt64, countingIndex: Bool) -> AreaProbe<Backend> {
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
                var after: Area? = nil
                if lo < areas.count {
                    nextStart = areas[lo].start.rawValue
                    after = areas[lo]
                }
                return AreaProbe(index: base &+ lo &- 1, before: lo == 0 ? nil : areas[lo &- 1],
                                 after: after, nextStart: nextStart)
            })
        // `nil`: below the first child's first start (only possible at the root).
        return found ?? AreaProbe(index: -1, before: nil, after: nil, nextStart: nextStart)
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
        child: (UnsafeBufferPointer<AreaSummary>) -> Int?, leaf: (UnsafeBufferPointer<Area>) -> R?
    ) -> R? {
        var node = Unmanaged.passUnretained(root)
        var level = height
        while level > 0 {
            let next: Unmanaged<Node>? = node._withUnsafeGuaranteedRef { n in
                guard let c = n.sums.withUnsafeBufferPointer(child) else { return nil }
                return n.children.withUnsafeBufferPointer { Unmanaged.passUnretained($0[c]) }
            }
            guard let next else { return nil }
            node = next
            level &-= 1
        }
        return node._withUnsafeGuaranteedRef { $0.areas.withUnsafeBufferPointer(leaf) }
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
        _ = visit(Unmanaged.passUnretained(root), height: height, meeting: s, e, body)
    }

    @inlinable
    func visit(
        _ node: Unmanaged<Node>, height h: Int, meeting s: UInt64, _ e: UInt64, _ body: (Area) -> Bool
    ) -> Bool {
        node._withUnsafeGuaranteedRef { n in
            if h == 0 {
                return n.areas.withUnsafeBufferPointer { areas in
                    var j = areas.partitionPoint { $0.end.rawValue <= s }
                    while j < areas.count && areas[j].start.rawValue < e {
                        if !body(areas[j]) { return false }
                        j &+= 1
                    }
                    return true
                }
            }
            return n.sums.withUnsafeBufferPointer { sums in
                n.children.withUnsafeBufferPointer { children in
                    var c = sums.partitionPoint { $0.last <= s }
                    while c < sums.count && sums[c].first < e {
                        if !visit(Unmanaged.passUnretained(children[c]), height: h &- 1, meeting: s, e, body) {
                            return false
                        }
                        c &+= 1
                    }
                    return true
                }
            }
        }
    }

    /// The first and the last area that meet `[s, e)`, or `nil` when none does.
    /// - Complexity: O(log n)
    @inlinable
    func bounds(meeting s: UInt64, _ e: UInt64) -> (first: Area, last: Area)? {
        guard let first = firstArea(endingAbove: s), first.start.rawValue < e,
              let last = probe(e &- 1, countingIndex: false).before else { return nil }
        return (first, last)
    }

    /// The first area that ends above `x`, or `nil`. One descent: the first
    /// child whose last end is above `x` holds it.
    /// - Complexity: O(log n)
    @inlinable
    func firstArea(endingAbove x: UInt64) -> Area? {
        descend(
            child: { sums in
                let c = sums.partitionPoint { $0.last <= x }
                return c == sums.count ? nil : c
            },
            leaf: { areas in
                let j = areas.partitionPoint { $0.end.rawValue <= x }
                return j < areas.count ? areas[j] : nil
            })
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

    /// The lowest address `A` that is a multiple of `alignment`, with
    /// `A >= lowest`, `A + size <= highest`, and `[A, A + size)` in no area.
    ///
    /// Subtrees whose largest inner gap is smaller than `size` are skipped
    /// whole, so the search reads O(log n) nodes unless many gaps are large
    /// enough in size but unusable because of the alignment.
    @inlinable
    func firstFit(size: UInt64, lowest: UInt64, highest: UInt64, alignment: UInt64) -> UInt64? {
        var search = FitSearch<Backend>(size: size, lowest: lowest, highest: highest, alignment: alignment)
        search.visit(root, height: height)
        if !search.done { search.gap(before: UInt64.max) }
        return search.result
    }
}

/// The result of ``AreaTree/probe(_:countingIndex:)``.
@frozen @usableFromInline
struct AreaProbe<Backend: MappingBackend> {
    /// Position of `before` (-1 when there is none; unset unless counted).
    @usableFromInline var index: Int
    /// The last area whose start is at or below the probed address.
    @usableFromInline var before: MemoryArea<Backend>?
    /// The area after `before` when it lies in the same leaf (else `nil`).
    @usableFromInline var after: MemoryArea<Backend>?
    /// The start of the area after `before`, if any.
    @usableFromInline var nextStart: UInt64?

    @inlinable
    init(index: Int, before: MemoryArea<Backend>?, after: MemoryArea<Backend>?, nextStart: UInt64?) {
        self.index = index
        self.before = before
        self.after = after
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

/// The state of a first-fit search over the gaps of an ``AreaTree``, visited
/// in address order.
@usableFromInline
struct FitSearch<Backend: MappingBackend> {
    @usableFromInline let size: UInt64
    @usableFromInline let lowest: UInt64
    @usableFromInline let highest: UInt64
    @usableFromInline let alignment: UInt64
    /// End of the last area visited (the start of the current gap).
    @usableFromInline var prevEnd: UInt64 = 0
    @usableFromInline var result: UInt64?
    @usableFromInline var done = false

    @inlinable
    init(size: UInt64, lowest: UInt64, highest: UInt64, alignment: UInt64) {
        self.size = size
        self.lowest = lowest
        self.highest = highest
        self.alignment = alignment
    }

    /// Tries the gap `[prevEnd, gapEnd)`. Sets `done` when it fits, or when
    /// no later gap can fit either (every later candidate is higher).
    @inlinable
    mutating func gap(before gapEnd: UInt64) {
        let from = Swift.max(prevEnd, lowest)
        let (bumped, overflow) = from.addingReportingOverflow(alignment &- 1)
        if overflow { done = true; return }
        let a = bumped & ~(alignment &- 1)
        let (end, overflow2) = a.addingReportingOverflow(size)
        if overflow2 || end > highest { done = true; return }
        if end <= gapEnd {
            result = a
            done = true
        }
    }

    @inlinable
    mutating func visit(_ node: AreaTreeNode<Backend>, height: Int) {
        if height == 0 {
            for area in node.areas {
                gap(before: area.start.rawValue)
                if done { return }
                prevEnd = area.end.rawValue
            }
            return
        }
        for c in 0..<node.children.count {
            let s = node.sums[c]
            if s.last <= lowest {
                // Every gap up to this child's end lies below `lowest`.
                prevEnd = s.last
                continue
            }
            if s.maxGap >= size {
                visit(node.children[c], height: height &- 1)
            } else {
                gap(before: s.first)
                prevEnd = s.last
            }
            if done { return }
        }
    }
}

extension UnsafeBufferPointer {
    /// The number of leading elements for which `isBefore` holds, in a
    /// buffer where every such element comes before every other (binary
    /// search).
    ///
    /// With branches: on nodes that are not in cache, the processor's guess
    /// of each branch starts the next load early, which measured faster
    /// than a branch-free form (conditional moves) on lookups and edits.
    /// - Complexity: O(log n)
    @inlinable
    func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if isBefore(self[mid]) { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }
}

/// Where `x` would fall among `count` entries spread evenly over `span` (`[first, last)`),
/// or `nil` when `x` is outside the span, the span is unknown (`first == last`) or the node
/// is too small for a guess to pay.
/// - Complexity: O(1)
@inlinable @inline(__always)
func spreadGuess(_ x: UInt64, in span: (first: UInt64, last: UInt64), count: Int) -> Int? {
    guard count > 2, span.first <= x, x < span.last else { return nil }
    // In integers (no floating point in a kernel): the span and the offset are shifted right
    // until the span fits in 32 bits, so one 64-bit multiply and divide give the guess. A
    // guess needs no exactness (it is clamped into the node).
    let width = span.last &- span.first
    let shift = UInt64(Swift.max(32 &- width.leadingZeroBitCount, 0))
    let offset = (x &- span.first) &>> shift
    return Swift.min(Int(truncatingIfNeeded: offset &* UInt64(truncatingIfNeeded: count) / (width &>> shift)), count &- 1)
}

extension UnsafeBufferPointer {
    /// ``partitionPoint(_:)`` starting from a guessed position (`nil`: no guess).
    ///
    /// When the guess and its neighbour bracket the answer (entries spread evenly, as in
    /// dense regions of an address space), two adjacent entries are read instead of the
    /// ~log₂(count) scattered ones of a binary search, which matters when the node is not in
    /// cache. Otherwise a binary search finishes on the side the guess tells: at most one
    /// probe more than a plain search.
    /// - Complexity: O(log n)
    @inlinable
    func partitionPoint(guessingFrom guess: Int?, _ isBefore: (Element) -> Bool) -> Int {
        guard let g = guess else { return partitionPoint(isBefore) }
        if isBefore(self[g]) {
            if g &+ 1 == count || !isBefore(self[g &+ 1]) { return g &+ 1 }
            return (g &+ 2) &+ UnsafeBufferPointer(rebasing: self[(g &+ 2)...]).partitionPoint(isBefore)
        }
        if g == 0 || isBefore(self[g &- 1]) { return g }
        return UnsafeBufferPointer(rebasing: self[..<(g &- 1)]).partitionPoint(isBefore)
    }
}
