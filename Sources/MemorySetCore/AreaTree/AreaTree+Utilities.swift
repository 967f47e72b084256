// The search and edit helpers of the tree's nodes: binary search in a node,
// the guessed first probe, and the leaf insertion.

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

    /// ``partitionPoint(_:)`` starting from a guessed position (`nil`: no guess).
    ///
    /// When the guess and its neighbour bracket the answer (entries spread evenly, as in
    /// dense regions of an address space), two adjacent entries are read instead of the
    /// ~log₂(count) scattered ones of a binary search, which matters when the node is not in
    /// cache. Otherwise a binary search finishes on the side the guess tells: at most one
    /// probe more than a plain search.
    /// ```
    ///  entries:  [0] [1] [2] [3] [4] [5] [6] [7]
    ///  guess g:              ^
    ///  isBefore: yes yes yes yes  no  no  no  no   -> g and g+1 bracket it: 4
    /// ```
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
