import MemorySetCore

extension AddressBar {
    /// A piece of the window: an area (with its flags), a group of areas, a gap, or the
    /// boundary between two touching areas of the same glyph (one cell, no size).
    struct Segment {
        var start: UInt64
        var end: UInt64
        var flags: MappingFlags?
        /// For a group of touching areas with the same label: its areas (start, end, flags).
        var members: [(start: UInt64, end: UInt64, flags: MappingFlags)] = []
        var elided = false
        var isBoundary = false
        var cells = 0
        var size: UInt64 { end &- start }

        /// The boundary cell at `address`.
        static func boundary(at address: UInt64) -> Segment {
            Segment(start: address, end: address, flags: nil, isBoundary: true)
        }

        /// The flags of the segment's last area (a group's last member).
        var lastFlags: MappingFlags? { members.last?.flags ?? flags }
    }

    /// Draws `window` in `cells` cells: exact segments when its areas fit, else split at a
    /// gap that dwarfs the rest of the window (elided), else uniform sampling.
    static func draw<B>(_ set: MemorySet<B>, window: AddrRange, cells: Int,
                        group: ((MemoryArea<B>) -> UInt32?)?, into drawing: inout Drawing) {
        let ws = window.start.rawValue, we = window.end.rawValue
        let first = set.firstIndex(endingAbove: window.start)
        var last = set.firstIndex(endingAbove: window.end)
        if last < set.count, set.area(at: last).start < window.end { last += 1 }
        let inWindow = max(0, last - first)
        if 2 * inWindow + 1 <= cells {
            drawSegments(set, window: window, cells: cells, group: nil, into: &drawing)
            return
        }
        if let group, inWindow <= 16 * cells, 2 * groupCount(set, window: window, group: group) + 1 <= cells {
            drawSegments(set, window: window, cells: cells, group: group, into: &drawing)
            return
        }
        // A gap dwarfing the rest, or else (rather than sampling uniform slices, which mostly
        // shows free space when a process's areas sit terabytes apart) one holding half the window.
        if cells >= 2 * elidedCells + 2,
           let gap = hugeGap(set, in: window, need: window.size - window.size / 17)
               ?? hugeGap(set, in: window, need: window.size / 2 + window.size % 2) {
            let left = gap.start.rawValue - ws, right = we - gap.end.rawValue
            let spare = cells - elidedCells
            // Share the cells by the number of areas on each side (distant clusters stay legible).
            let split = set.firstIndex(endingAbove: gap.start)
            let leftWeight = split - first + 1, rightWeight = last - split + 1
            // spare × left / (left + right), rounded half up.
            var leftCells = left == 0 ? 0 : right == 0 ? spare
                : (2 * spare * leftWeight + leftWeight + rightWeight) / (2 * (leftWeight + rightWeight))
            if left > 0, right > 0 { leftCells = max(1, min(spare - 1, leftCells)) }
            if left > 0 {
                draw(set, window: AddrRange(start: window.start, end: gap.start), cells: leftCells, group: group, into: &drawing)
            }
            drawElided(gap.start.rawValue, gap.end.rawValue, into: &drawing)
            if right > 0 {
                drawing.labels.append((drawing.bar.count, gap.end.rawValue))
                draw(set, window: AddrRange(start: gap.end, end: window.end), cells: spare - leftCells, group: group, into: &drawing)
            }
            return
        }
        // Uniform sampling: cell j shows [ws + j·step, ws + (j+1)·step).
        drawing.sampled = true
        let size = we &- ws
        let step = max(1, size / UInt64(cells) + (size % UInt64(cells) == 0 ? 0 : 1))
        for j in 0..<cells {
            let (offset, o1) = UInt64(j).multipliedReportingOverflow(by: step)
            let (cs, o) = ws.addingReportingOverflow(offset)
            guard !o1, !o, cs < we else {
                drawing.bar.append(freeGlyph)
                continue
            }
            let (sum, o2) = cs.addingReportingOverflow(step)
            let ce = o2 ? we : min(we, sum)
            let i = set.firstIndex(endingAbove: VirtAddr(cs))
            if i < set.count, case let area = set.area(at: i), area.start.rawValue < ce {
                drawing.bar.append(glyphByte(area.flags))
            } else {
                drawing.bar.append(freeGlyph)
            }
            drawing.cover(cs, ce)
        }
    }

    /// Appends the cells of an elided gap `[start, end)`.
    static func drawElided(_ start: UInt64, _ end: UInt64, into drawing: inout Drawing) {
        for _ in 0..<elidedCells {
            drawing.bar.append(elidedGlyph)
            drawing.cover(start, end)
        }
    }

    /// Draws a group's cells: cell j shows the first area of its slice of the group; a
    /// cell where a touching area of the same glyph begins shows the boundary glyph.
    /// - Complexity: O(cells + areas of the group)
    static func drawGroup(_ seg: Segment, into drawing: inout Drawing) {
        var m = 0
        var previous = -1
        for j in 0..<seg.cells {
            let sliceStart = seg.start + scaled(seg.size, by: UInt64(j), over: UInt64(seg.cells)).quotient
            let sliceEnd = j + 1 == seg.cells ? seg.end : seg.start + scaled(seg.size, by: UInt64(j + 1), over: UInt64(seg.cells)).quotient
            while m + 1 < seg.members.count, seg.members[m].end <= sliceStart { m += 1 }
            let glyph = glyphByte(seg.members[m].flags)
            if previous >= 0, previous != m, glyphByte(seg.members[previous].flags) == glyph {
                drawing.bar.append(boundaryGlyph)
            } else {
                drawing.bar.append(glyph)
            }
            drawing.cover(sliceStart, sliceEnd)
            previous = m
        }
        if seg.members.count > seg.cells { drawing.sampled = true }
    }

    /// The lowest gap of `window` at least `need` bytes long, if any (not the whole window).
    /// - Complexity: O(log n)
    static func hugeGap<B>(_ set: MemorySet<B>, in window: AddrRange, need: UInt64) -> AddrRange? {
        let page = set.pageSize
        guard need >= page, let size = VirtAddr(need).alignedUp(to: page)?.rawValue,
              let found = try? set.findFreeArea(hint: window.start, size: size, limit: window, alignment: page)
        else { return nil }
        let next = set.firstIndex(endingAbove: found)
        let start = next > 0 ? max(window.start, set.area(at: next - 1).end) : window.start
        let end = next < set.count ? min(window.end, set.area(at: next).start) : window.end
        guard start < end, end.rawValue - start.rawValue >= need, !(start == window.start && end == window.end) else { return nil }
        return AddrRange(start: start, end: end)
    }

    /// The number of areas and groups of touching same-group areas in `window`.
    /// - Complexity: O(log n + k) for k areas in the window.
    static func groupCount<B>(_ set: MemorySet<B>, window: AddrRange, group: (MemoryArea<B>) -> UInt32?) -> Int {
        var count = 0
        var previous: (end: VirtAddr, key: UInt32?)? = nil
        for area in set.areas(endingAbove: window.start) {
            guard area.start < window.end else { break }
            let key = group(area)
            if let previous, let key, previous.key == key, previous.end == area.start {
            } else {
                count += 1
            }
            previous = (area.end, key)
        }
        return count
    }

    /// Draws the areas (or groups, when `group` is given) and gaps of `window` one by one
    /// (they fit in `cells`), with a boundary cell between touching areas of one glyph:
    /// ```
    /// [0x0, 0x4000) rw, [0x4000, 0x8000) rw, [0x8000, 0x10000) r:   |wwww:wwwwrrrrrrrr|
    /// ```
    /// (The cells suffice: between two areas lies a gap, a boundary or nothing, so there
    /// are at most 2k + 1 segments for k areas.)
    static func drawSegments<B>(_ set: MemorySet<B>, window: AddrRange, cells: Int,
                                group: ((MemoryArea<B>) -> UInt32?)?, into drawing: inout Drawing) {
        let ws = window.start.rawValue, we = window.end.rawValue
        var segments: [Segment] = []
        var cursor = ws
        var lastKey: UInt32? = nil
        for area in set.areas(endingAbove: window.start) {
            guard area.start < window.end else { break }
            let s = max(area.start.rawValue, ws), e = min(area.end.rawValue, we)
            let key = group?(area)
            if let key, key == lastKey, s == cursor, let last = segments.indices.last, segments[last].flags != nil {
                if segments[last].members.isEmpty {
                    segments[last].members = [(segments[last].start, segments[last].end, segments[last].flags!)]
                }
                segments[last].members.append((s, e, area.flags))
                segments[last].end = e
            } else {
                if s > cursor {
                    segments.append(Segment(start: cursor, end: s, flags: nil))
                } else if let last = segments.last, let flags = last.lastFlags, glyphByte(flags) == glyphByte(area.flags) {
                    segments.append(.boundary(at: s))
                }
                segments.append(Segment(start: s, end: e, flags: area.flags))
            }
            lastKey = key
            cursor = e
        }
        if cursor < we { segments.append(Segment(start: cursor, end: we, flags: nil)) }
        layout(&segments, cells: cells)
        for i in segments.indices {
            let seg = segments[i]
            let col = drawing.bar.count
            if seg.elided {
                drawElided(seg.start, seg.end, into: &drawing)
            } else if seg.isBoundary {
                drawing.bar.append(boundaryGlyph)
                drawing.coverBoundary(seg.start)
            } else if !seg.members.isEmpty {
                drawGroup(seg, into: &drawing)
            } else {
                drawing.appendRun(seg.flags.map(glyphByte) ?? freeGlyph, count: seg.cells, from: seg.start, to: seg.end)
            }
            if i > 0, seg.isBoundary || (seg.flags != nil && !segments[i - 1].isBoundary) || segments[i - 1].elided {
                drawing.labels.append((col, seg.start))
            }
        }
    }

    /// Gives each segment its cells: elides huge gaps, then shares the cells in proportion
    /// to the sizes, at least one per segment (exactly one per boundary).
    static func layout(_ segments: inout [Segment], cells: Int) {
        var boundaries = 0
        var hasArea = false
        var total: UInt64 = 0
        for seg in segments {
            if seg.isBoundary { boundaries += 1 }
            if seg.flags != nil { hasArea = true }
            // The sizes of the segments add up to the window's size, so no sum overflows.
            total += seg.size
        }
        var elided = 0
        if hasArea {
            var gaps = segments.indices.filter { segments[$0].flags == nil && !segments[$0].isBoundary }
            gaps.sort { segments[$0].size > segments[$1].size }
            var visible = segments.count
            for g in gaps {
                let size = segments[g].size
                let rest = total - size
                guard rest <= size / 16,
                      visible - 1 + (elided + 1) * elidedCells <= cells else { break }
                segments[g].elided = true
                segments[g].cells = elidedCells
                total = rest
                visible -= 1
                elided += 1
            }
        }
        var liveCount = 0
        total = 0
        for seg in segments where !seg.elided && !seg.isBoundary {
            liveCount += 1
            total += seg.size
        }
        let spare = cells - liveCount - boundaries - elided * elidedCells
        var given = 0
        // Each live segment's exact share spare × size / total: its whole part, and its
        // fractional part as a numerator over `total` (the same for all, so comparable).
        var remainders: [(Int, UInt64)] = []
        remainders.reserveCapacity(liveCount)
        for i in segments.indices {
            if segments[i].isBoundary { segments[i].cells = 1 }
            if segments[i].elided || segments[i].isBoundary { continue }
            let exact = total > 0 ? scaled(segments[i].size, by: UInt64(max(spare, 0)), over: total) : (quotient: 0, remainder: 0)
            let whole = Int(exact.quotient)
            segments[i].cells = 1 + whole
            given += whole
            remainders.append((i, exact.remainder))
        }
        remainders.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        var left = spare - given
        var k = 0
        while left > 0, !remainders.isEmpty {
            segments[remainders[k % remainders.count].0].cells += 1
            left -= 1
            k += 1
        }
    }
}
