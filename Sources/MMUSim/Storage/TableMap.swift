/// The table pages of a ``PageTableStorage`` by frame number: a persistent
/// 32-way radix trie whose nodes are shared between copies.
///
/// Copying a map is O(1). Changing a page copies only the nodes on that
/// page's path that are still shared with another copy (at most ``height``
/// nodes of 32 slots), never the whole map, so the first write after a copy
/// costs O(log F) for F frames instead of O(table pages). The trie has a
/// fixed height, set by the frame count, and keeps no empty node besides the
/// root, so equal contents have equal shapes.
struct TableMap {
    /// A trie node: `children` above the bottom level, `pages` at the bottom
    /// (the other array is empty). Mutated only when uniquely referenced.
    final class Node {
        var children: [Node?]
        var pages: [TablePage?]
        /// Occupied slots.
        var count = 0

        init(bottom: Bool) {
            children = bottom ? [] : Array(repeating: nil, count: TableMap.fanout)
            pages = bottom ? Array(repeating: nil, count: TableMap.fanout) : []
        }

        init(copying other: Node) {
            children = other.children
            pages = other.pages
            count = other.count
        }
    }

    static let bitsPerLevel = 5
    static let fanout = 1 << bitsPerLevel

    /// Levels of nodes: keys are below 32^height.
    let height: Int
    private var root: Node
    /// Table pages stored.
    private(set) var count = 0
    /// Trie nodes copied because they were shared with another copy (each
    /// copy moves at most 32 slots): a work measure for tests.
    private(set) var nodesCopied = 0

    /// An empty map for frame numbers below `frameCount`.
    /// - Complexity: O(1)
    init(frameCount: Int) {
        var height = 1
        while height * Self.bitsPerLevel < Int.bitWidth - 1, (1 << (height * Self.bitsPerLevel)) < frameCount {
            height += 1
        }
        self.height = height
        root = Node(bottom: height == 1)
    }

    @inline(__always)
    private func slot(_ frame: Int, _ level: Int) -> Int {
        (frame >> (level * Self.bitsPerLevel)) & (Self.fanout - 1)
    }

    /// The page at `frame`, or `nil`. Setting `nil` removes it.
    /// - Complexity: O(height) to read; O(height) nodes copied at most to
    ///   write (none when the path is not shared).
    subscript(frame: Int) -> TablePage? {
        get {
            var node = root
            for level in stride(from: height - 1, to: 0, by: -1) {
                guard let child = node.children[slot(frame, level)] else { return nil }
                node = child
            }
            return node.pages[slot(frame, 0)]
        }
        _modify {
            precondition(frame >= 0 && (height * Self.bitsPerLevel >= Int.bitWidth - 1
                                        || frame < 1 << (height * Self.bitsPerLevel)), "TableMap: frame out of range")
            if !isKnownUniquelyReferenced(&root) {
                root = Node(copying: root)
                nodesCopied += 1
            }
            var node = root
            for level in stride(from: height - 1, to: 0, by: -1) {
                let i = slot(frame, level)
                if node.children[i] == nil {
                    node.children[i] = Node(bottom: level == 1)
                    node.count += 1
                } else if !isKnownUniquelyReferenced(&node.children[i]) {
                    node.children[i] = Node(copying: node.children[i]!)
                    nodesCopied += 1
                }
                node = node.children[i]!
            }
            let i = slot(frame, 0)
            let wasPresent = node.pages[i] != nil
            defer {
                let isPresent = node.pages[i] != nil
                if wasPresent != isPresent {
                    node.count += isPresent ? 1 : -1
                    count += isPresent ? 1 : -1
                }
                if node.count == 0 { prune(frame) }
            }
            yield &node.pages[i]
        }
    }

    /// Removes the empty nodes on the (unshared) path to `frame`.
    private mutating func prune(_ frame: Int) {
        var path: [Node] = [root]
        for level in stride(from: height - 1, to: 0, by: -1) {
            guard let child = path.last!.children[slot(frame, level)] else { break }
            path.append(child)
        }
        // path[k] is at level height-1-k; remove empty nodes bottom-up.
        var k = path.count - 1
        while k > 0, path[k].count == 0 {
            let parent = path[k - 1]
            parent.children[slot(frame, height - k)] = nil
            parent.count -= 1
            k -= 1
        }
    }
}

extension TableMap: Equatable {
    /// Same pages at the same frames; shared subtrees compare in O(1).
    /// - Complexity: O(nodes that differ in identity).
    static func == (lhs: TableMap, rhs: TableMap) -> Bool {
        lhs.height == rhs.height && lhs.count == rhs.count && equal(lhs.root, rhs.root)
    }

    private static func equal(_ a: Node?, _ b: Node?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a === b { return true }
        guard a.count == b.count else { return false }
        if !a.pages.isEmpty || !b.pages.isEmpty { return a.pages == b.pages }
        for i in 0..<fanout where !equal(a.children[i], b.children[i]) { return false }
        return true
    }
}
