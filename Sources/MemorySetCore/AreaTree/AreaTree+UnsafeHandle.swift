extension AreaTree {
    /// Read access to a node through unsafe buffers, without retaining it:
    /// the one place where the tree touches `Unmanaged` and
    /// `UnsafeBufferPointer` (in the style of swift-collections'
    /// `_BTree.UnsafeHandle`).
    ///
    /// Searches run on a handle: going down from a node to a child costs no
    /// reference counting, and reading an entry no bounds check.
    ///
    /// A handle is valid while the node is held by the tree (or the caller)
    /// and not changed: it must not outlive the operation that made it, and
    /// the buffers it lends must not escape their closures.
    @frozen @usableFromInline
    struct UnsafeHandle {
        @usableFromInline let node: Unmanaged<Node>

        @inlinable @inline(__always)
        init(_ node: Node) {
            self.node = Unmanaged.passUnretained(node)
        }

        @inlinable @inline(__always)
        init(_ node: Unmanaged<Node>) {
            self.node = node
        }

        /// Calls `body` with the areas of a leaf.
        @inlinable @inline(__always)
        func withAreas<R>(_ body: (UnsafeBufferPointer<Area>) -> R) -> R {
            node._withUnsafeGuaranteedRef { $0.areas.withUnsafeBufferPointer(body) }
        }

        /// Calls `body` with the children's summaries of an internal node.
        @inlinable @inline(__always)
        func withSums<R>(_ body: (UnsafeBufferPointer<Summary>) -> R) -> R {
            node._withUnsafeGuaranteedRef { $0.sums.withUnsafeBufferPointer(body) }
        }

        /// The handle of child `c` of an internal node.
        @inlinable @inline(__always)
        func child(at c: Int) -> UnsafeHandle {
            node._withUnsafeGuaranteedRef { n in
                n.children.withUnsafeBufferPointer { UnsafeHandle(Unmanaged.passUnretained($0[c])) }
            }
        }

        /// The child that holds (or would hold) `key`: the last child whose
        /// first start is at or below `key`, or the first child. `span` (the
        /// node's first start and last end, `(0, 0)` when unknown) guides the
        /// first probe.
        @inlinable @inline(__always)
        func child(for key: UInt64, span: (first: UInt64, last: UInt64) = (0, 0)) -> Int {
            withSums { sums in
                Swift.max(sums.partitionPoint(guessingFrom: spreadGuess(key, in: span, count: sums.count)) {
                    $0.first <= key
                }, 1) &- 1
            }
        }

        /// The first child whose last end is above `x` (the one holding the
        /// first area that ends above `x`), or the number of children.
        @inlinable @inline(__always)
        func firstChild(endingAbove x: UInt64) -> Int {
            withSums { sums in sums.partitionPoint { $0.last <= x } }
        }

        /// The position in a leaf where an area starting at `key` goes: after
        /// every area that starts at or below `key`. `span` guides the first
        /// probe as in ``child(for:span:)``.
        @inlinable @inline(__always)
        func insertionPosition(of key: UInt64, span: (first: UInt64, last: UInt64) = (0, 0)) -> Int {
            withAreas { areas in
                areas.partitionPoint(guessingFrom: spreadGuess(key, in: span, count: areas.count)) {
                    $0.start.rawValue <= key
                }
            }
        }

        /// The position in a leaf of the first area that ends above `x`, or
        /// the number of areas.
        @inlinable @inline(__always)
        func firstPosition(endingAbove x: UInt64) -> Int {
            withAreas { areas in areas.partitionPoint { $0.end.rawValue <= x } }
        }

        /// The position in a leaf of the first area that starts at or above
        /// `key`, or the number of areas.
        @inlinable @inline(__always)
        func firstPosition(startingAtOrAbove key: UInt64) -> Int {
            withAreas { areas in areas.partitionPoint { $0.start.rawValue < key } }
        }
    }
}
