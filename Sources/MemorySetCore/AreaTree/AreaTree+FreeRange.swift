// The free-range search: the first aligned gap that fits, skipping whole the
// subtrees whose largest gap is too small.

extension AreaTree {
    /// The lowest address `A` that is a multiple of `alignment`, with
    /// `A >= lowest`, `A + size <= highest`, and `[A, A + size)` in no area.
    ///
    /// Subtrees whose largest inner gap is smaller than `size` are skipped
    /// whole, so the search reads O(log n) nodes unless many gaps are large
    /// enough in size but unusable because of the alignment.
    /// ```
    ///  areas:    [a]  [b]      [c]  [d][e]           [f]
    ///  subtrees: |   X: maxGap small  |  Y: maxGap big   |
    ///  X is passed by its bounds only; Y is entered, gap e..f tried.
    /// ```
    @inlinable
    func firstFit(size: UInt64, lowest: UInt64, highest: UInt64, alignment: UInt64) -> UInt64? {
        var search = FitSearch(size: size, lowest: lowest, highest: highest, alignment: alignment)
        search.visit(root, height: height)
        if !search.done { search.gap(before: UInt64.max) }
        return search.result
    }

    /// The state of a first-fit search over the gaps of an ``AreaTree``,
    /// visited in address order.
    @usableFromInline
    struct FitSearch {
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
            (self.size, self.lowest, self.highest, self.alignment) = (size, lowest, highest, alignment)
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
        mutating func visit(_ node: Node, height: Int) {
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
}
