import MemorySetCore

extension AreaTable {
    /// The before → after of a changed row, in up to three segments that a narrow table
    /// puts on separate continuation lines:
    ///
    /// ```
    ///   removed       [0x4000, 0x5000)                           (beside the word only:
    ///   added         [0x2000, 0x7000)                            START and END say it)
    ///   shrink-left   [0x6000, 0x9000) → [0x7000, 0x9000)
    ///   split         [0x1000, 0x4000) → [0x1000, 0x2000) + [0x3000, 0x4000)   (first piece;
    ///   split                                                                    the second: none)
    ///   protected     rw-- → r---                                (the whole area)
    ///   protected     [0x1000, 0x5000) rw-- → [0x1000, 0x2000) r---   (the piece whose flags changed)
    ///   protected     [0x1000, 0x5000) → [0x2000, 0x5000)        (a piece that kept its flags)
    /// ```
    struct Detail {
        /// The range of the area before the change (what an added area is ordered after).
        var before: AddrRange? = nil
        /// The number of segments (0 to 3).
        private(set) var count = 0
        /// Whether it only repeats the row's own START and END (added, removed): a table
        /// too narrow to show it beside the change word leaves it out.
        private(set) var repeatsRow = false
        private var first = Segment()
        private var second = Segment()
        private var third = Segment()

        /// No detail.
        init() {}

        /// The detail of a removed area: its range.
        init(removed area: Area) {
            before = area.range
            repeatsRow = true
            append(Segment(range: area.range))
        }

        /// The detail of piece `piece` of `change`.
        init(_ change: Change, piece: Int) {
            let after = change.after[piece]
            guard let old = change.before else {
                repeatsRow = true
                append(Segment(range: after.range))
                return
            }
            before = old.range
            switch change.kind {
            case .added, .removed:
                repeatsRow = true
                append(Segment(range: after.range))
            case .shrinkLeft, .shrinkRight:
                append(Segment(range: old.range))
                append(Segment(.arrow, range: after.range))
            case .split:
                guard piece == 0 else { return }
                append(Segment(range: old.range))
                for (i, p) in change.after.enumerated() { append(Segment(i == 0 ? .arrow : .plus, range: p.range)) }
            case .protected:
                if after.flags == old.flags {
                    append(Segment(range: old.range))
                    append(Segment(.arrow, range: after.range))
                } else if after.range == old.range {
                    append(Segment(flags: old.flags))
                    append(Segment(.arrow, flags: after.flags))
                } else {
                    append(Segment(range: old.range, flags: old.flags))
                    append(Segment(.arrow, range: after.range, flags: after.flags))
                }
            }
        }

        private mutating func append(_ segment: Segment) {
            switch count {
            case 0: first = segment
            case 1: second = segment
            default: third = segment
            }
            count = Swift.min(count + 1, 3)
        }

        /// Segment `i` (`0 ..< count`).
        subscript(i: Int) -> Segment { i == 0 ? first : i == 1 ? second : third }

        /// The columns of the segments on one line (separated by one blank).
        var width: Int {
            var total = 0
            for i in 0..<count { total += self[i].width + (i > 0 ? 1 : 0) }
            return total
        }
    }

    /// One part of a ``Detail``: `[0x1000, 0x3000)`, `rw--`, or both, after `→ ` or `+ `.
    struct Segment {
        /// What joins the segment to the one before it.
        enum Joint { case none, arrow, plus }
        var joint = Joint.none
        var range: AddrRange? = nil
        var flags: MappingFlags? = nil

        init(_ joint: Joint = .none, range: AddrRange? = nil, flags: MappingFlags? = nil) {
            self.joint = joint
            self.range = range
            self.flags = flags
        }

        /// Its width in columns (`→` is one column).
        var width: Int {
            var w = joint == .none ? 0 : 2
            if let range { w += rangeWidth(range) }
            if flags != nil { w += range == nil ? 4 : 5 }
            return w
        }

        /// Writes it.
        func write(to text: inout TextBuffer) {
            switch joint {
            case .none: break
            case .arrow: text.write("→ ")
            case .plus: text.write("+ ")
            }
            if let range { text.write(range) }
            if let flags {
                if range != nil { text.write(UInt8(ascii: " ")) }
                text.write(flags)
            }
        }
    }
}
