extension AreaTree {
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
        _ = updateFlags(in: root, height: height, meeting: s, e, body)
    }

    @inlinable
    func updateFlags(in node: Node, height h: Int, meeting s: UInt64, _ e: UInt64, _ body: (inout Area) -> Bool) -> Bool {
        if h == 0 {
            var j = UnsafeHandle(node).firstPosition(endingAbove: s)
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
        var c = UnsafeHandle(node).firstChild(endingAbove: s)
        while c < node.children.count && node.sums[c].first < e {
            makeChildUnique(node, c)
            if !updateFlags(in: node.children[c], height: h &- 1, meeting: s, e, body) { return false }
            c &+= 1
        }
        return true
    }
}
