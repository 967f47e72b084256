extension AreaTree {
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

    /// Inserts `area` at its place by start address if it overlaps no area
    /// and `accept()` (called once, just before the insertion) agrees; in one
    /// descent from the root. Knowing the free gap the area lands in lets each
    /// level update its summary in O(1) unless that gap was the subtree's
    /// largest. A node that overflows splits in two (``splitOff(_:)``); a
    /// root that splits gets a new root above it.
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
            let position = UnsafeHandle(node).insertionPosition(of: key, span: span)
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
        let c = UnsafeHandle(node).child(for: key, span: span)
        let childPrevEnd = c > 0 ? node.sums[c &- 1].last : prevEnd
        let childNextStart = c &+ 1 < node.sums.count ? node.sums[c &+ 1].first : nextStart
        let childSpan = (node.sums[c].first, node.sums[c].last)
        makeChildUnique(node, c)
        let child = node.children[c]
        let sibling = insert(area, into: child, height: h &- 1, span: childSpan, prevEnd: childPrevEnd,
                             nextStart: childNextStart, gap: &gap, outcome: &outcome, accept: accept)
        guard case .inserted = outcome else { return nil }
        if let sibling {
            node.sums[c] = child.summary
            node.children.insert(sibling, at: c &+ 1)
            node.sums.insert(sibling.summary, at: c &+ 1)
            if node.children.count > innerCapacity { return splitOff(node) }
        } else {
            let sum = node.sums[c]
            node.sums[c] = sum.adding(area, splitting: gap) ?? sum.adding(area, maxGap: child.maxGap)
        }
        return nil
    }
}
