extension AreaTree {
    /// Makes `node.children[c]` uniquely referenced, copying it if shared.
    @inlinable
    func makeChildUnique(_ node: Node, _ c: Int) {
        if !isKnownUniquelyReferenced(&node.children[c]) {
            node.children[c] = node.children[c].copy()
        }
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

    /// Calls `body` on each area that meets `[s, e)`, in address order,
    /// letting it change the area's flags or backend in place (never its
    /// start or end: the summaries are left as they are); stops early when
    /// `body` returns `false`. Finds the areas by key; copies the shared
    /// nodes on the way (copy on write).
    /// - Complexity: O(log n + k) for k areas visited.
    @inlinable
    mutating func updateFlags(meeting s: UInt64, _ e: UInt64, _ body: (inout Area) -> Bool) {
        guard s < e else { return }
        makeRootUnique()
        _ = walk(root, height: height, meeting: s, e, body)
    }

    @inlinable
    func walk(_ node: Node, height h: Int, meeting s: UInt64, _ e: UInt64, _ body: (inout Area) -> Bool) -> Bool {
        if h == 0 {
            var j = node.areas.withUnsafeBufferPointer { areas in areas.partitionPoint { $0.end.rawValue <= s } }
            while j < node.areas.count && node.areas[j].start.rawValue < e {
                let start = node.areas[j].start
                let end = node.areas[j].end
                let more = body(&node.areas[j])
                precondition(node.areas[j].start == start && node.areas[j].end == end,
                             "AreaTree: updateFlags must not move an area")
                if !more { return false }
                j &+= 1
            }
            return true
        }
        var c = node.sums.withUnsafeBufferPointer { sums in sums.partitionPoint { $0.last <= s } }
        while c < node.children.count && node.sums[c].first < e {
            makeChildUnique(node, c)
            if !walk(node.children[c], height: h &- 1, meeting: s, e, body) { return false }
            c &+= 1
        }
        return true
    }
}

/// What ``AreaTree/insertIfFree(_:accept:)`` did.
@usableFromInline
enum InsertOutcome {
    /// The area was inserted.
    case inserted
    /// The area overlaps an existing one: nothing changed.
    case overlap
    /// `accept` returned false: nothing changed.
    case refused
}

extension AreaTree {
    /// Inserts `area` at its place by start address if it overlaps no area
    /// and `accept()` (called once, just before the insertion) agrees; in one
    /// descent from the root. Knowing the free gap the area lands in lets each
    /// level update its summary in O(1) unless that gap was the subtree's
    /// largest.
    /// - Complexity: O(log n)
    @inlinable
    mutating func insertIfFree(_ area: Area, accept: () -> Bool) -> InsertOutcome {
        makeRootUnique()
        var outcome = InsertOutcome.inserted
        var gap: UInt64 = 0
        if let sibling = insert(area, into: root, height: height, span: (0, 0), prevEnd: 0, nextStart: UInt64.max,
                                gap: &gap, outcome: &outcome, accept: accept) {
            let left = root
            root = Node(children: [left, sibling], sums: [left.summary, sibling.summary])
            height &+= 1
        }
        return outcome
    }

    /// Inserts `area`, which the caller knows overlaps no area.
    /// - Complexity: O(log n)
    @inlinable
    mutating func insertKnownFree(_ area: Area) {
        let outcome = insertIfFree(area) { true }
        precondition(outcome == .inserted, "AreaTree: the area overlaps another")
    }

    /// Inserts into the subtree of the (unique) `node`, whose neighbours
    /// outside end at `prevEnd` and start at `nextStart`; returns the new
    /// right sibling when the node had to split. Sets `gap` to the size of
    /// the free gap the area landed in. `span` (the node's first start and
    /// last end, from its parent; `(0, 0)` for the root) guides the first
    /// probe of each search.
    @inlinable
    func insert(
        _ area: Area, into node: Node, height h: Int, span: (first: UInt64, last: UInt64),
        prevEnd: UInt64, nextStart: UInt64,
        gap: inout UInt64, outcome: inout InsertOutcome, accept: () -> Bool
    ) -> Node? {
        let key = area.start.rawValue
        if h == 0 {
            let position = node.areas.withUnsafeBufferPointer { areas in
                areas.partitionPoint(guessingFrom: spreadGuess(key, in: span, count: areas.count)) { $0.start.rawValue <= key }
            }
            let before = position > 0 ? node.areas[position &- 1].end.rawValue : prevEnd
            let after = position < node.areas.count ? node.areas[position].start.rawValue : nextStart
            if before > key || after < area.end.rawValue {
                outcome = .overlap
                return nil
            }
            guard accept() else {
                outcome = .refused
                return nil
            }
            outcome = .inserted
            gap = after &- before
            node.areas.insertFast(area, at: position)
            return node.areas.count > leafCapacity ? splitOff(node) : nil
        }
        let c = node.sums.withUnsafeBufferPointer { sums in
            Swift.max(sums.partitionPoint(guessingFrom: spreadGuess(key, in: span, count: sums.count)) { $0.first <= key }, 1) &- 1
        }
        let childPrevEnd = c > 0 ? node.sums[c &- 1].last : prevEnd
        let childNextStart = c &+ 1 < node.sums.count ? node.sums[c &+ 1].first : nextStart
        let childSpan = (node.sums[c].first, node.sums[c].last)
        makeChildUnique(node, c)
        let child = node.children[c]
        let sibling = insert(area, into: child, height: h &- 1, span: childSpan, prevEnd: childPrevEnd, nextStart: childNextStart,
                             gap: &gap, outcome: &outcome, accept: accept)
        guard case .inserted = outcome else { return nil }
        if let sibling {
            node.sums[c] = child.summary
            node.children.insert(sibling, at: c &+ 1)
            node.sums.insert(sibling.summary, at: c &+ 1)
            if node.children.count > innerCapacity { return splitOff(node) }
        } else {
            node.sums[c] = node.sums[c].adding(area, splitting: gap) ?? child.summary
        }
        return nil
    }

}

extension AreaSummary {
    /// This summary after inserting `area` into the subtree, where `area`
    /// lands in a free gap of `gap` bytes; `nil` when it must be recomputed
    /// (the split gap was the subtree's largest).
    @inlinable
    func adding<B>(_ area: MemoryArea<B>, splitting gap: UInt64) -> AreaSummary? {
        let s = area.start.rawValue
        let e = area.end.rawValue
        if count == 0 { return AreaSummary(count: 1, first: s, last: e, maxGap: 0) }
        if e <= first {
            return AreaSummary(count: count &+ 1, first: s, last: last, maxGap: Swift.max(maxGap, first &- e))
        }
        if s >= last {
            return AreaSummary(count: count &+ 1, first: first, last: e, maxGap: Swift.max(maxGap, s &- last))
        }
        // Inside the subtree's span: the gap it split was inside too.
        guard gap < maxGap else { return nil }
        return AreaSummary(count: count &+ 1, first: first, last: last, maxGap: maxGap)
    }
}

extension Array {
    /// `insert(_:at:)` without the generic `replaceSubrange` path: appends,
    /// then moves the tail up by one slot (one `memmove` for trivial types).
    /// - Complexity: O(count - position)
    @inlinable
    mutating func insertFast(_ element: Element, at position: Int) {
        let n = count
        precondition(position >= 0 && position <= n, "Array.insertFast: position out of range")
        append(element)
        guard position < n else { return }
        withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let last = (base + n).move()
            (base + position + 1).moveInitialize(from: base + position, count: n &- position)
            (base + position).initialize(to: last)
        }
    }
}
