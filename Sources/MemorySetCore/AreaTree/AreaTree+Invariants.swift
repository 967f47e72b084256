extension AreaTree {
    /// Checks the tree's structure: every leaf at the same depth, node fill
    /// within bounds (an internal root has at least two children), stored
    /// summaries equal to recomputed ones, and areas non-empty, sorted and
    /// non-overlapping. Traps on the first violation.
    /// - Complexity: O(n)
    func checkInvariants() {
        if height == 0 {
            precondition(root.isLeaf, "AreaTree: height 0 but the root is internal")
        } else {
            precondition(!root.isLeaf && root.children.count >= 2, "AreaTree: internal root with fewer than two children")
        }
        var previousEnd: UInt64? = nil
        _ = check(root, height: height, isRoot: true, previousEnd: &previousEnd)
    }

    private func check(_ node: Node, height h: Int, isRoot: Bool, previousEnd: inout UInt64?) -> Summary {
        precondition(node.isLeaf == (h == 0), "AreaTree: leaves are not all at the same depth")
        let entries = node.entryCount
        precondition(entries <= capacity(ofHeight: h), "AreaTree: node over capacity")
        if !isRoot {
            precondition(entries >= minimum(ofHeight: h), "AreaTree: node under its minimum (\(entries) < \(minimum(ofHeight: h)))")
        }
        if h == 0 {
            precondition(node.children.isEmpty && node.sums.isEmpty, "AreaTree: leaf with children")
            for area in node.areas {
                precondition(area.start < area.end, "AreaTree: empty area \(area)")
                if let previousEnd {
                    precondition(previousEnd <= area.start.rawValue, "AreaTree: areas unsorted or overlapping at \(area)")
                }
                previousEnd = area.end.rawValue
            }
            return node.summary
        }
        precondition(node.areas.isEmpty, "AreaTree: internal node with areas")
        precondition(node.children.count == node.sums.count, "AreaTree: children and summaries differ in number")
        for (c, child) in node.children.enumerated() {
            let actual = check(child, height: h - 1, isRoot: false, previousEnd: &previousEnd)
            precondition(actual == node.sums[c], "AreaTree: stale summary \(node.sums[c]) for \(actual)")
        }
        return node.summary
    }
}
