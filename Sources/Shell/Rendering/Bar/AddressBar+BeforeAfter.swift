import MemorySetCore

/// The bars before and after a command, over one shared axis:
/// ```
/// unmap 0x2000 0x3000 on [0x1000, 0x4000) rw:
/// before |.....wwwwwwwwwwwwwwwwwwwwwwwwwwwwwww~~~|
/// after  |.....wwwwwwwwwww...........wwwwwwwwww~~~|
///                         ^^^^^^^^^^^
///        0x0  0x1000      0x2000     0x3000  0x800000000000
/// ```
/// Both bars are drawn on the cells of the window cut at every edge of either set, so a
/// cell shows the same addresses in both. When those pieces do not fit in the width, each
/// bar is drawn on its own, with its own axis.
extension AddressBar {
    /// The width of the `before ` / `after  ` label in front of each bar.
    static let sideLabelWidth = 7

    /// Writes the bar of `before` and the bar of `after` over `window`, `width` columns wide
    /// in all (labels included), the marker line of `target` under the second, the axis and
    /// one legend.
    /// - Complexity: O(log n + k) for k areas of both sets in the window when they fit;
    ///   else that of two ``write(_:window:width:ansi:target:group:to:)``.
    static func writeBeforeAfter<B>(before: MemorySet<B>, after: MemorySet<B>, window: AddrRange, width: Int, ansi: ANSI,
                                    target: Target?, to text: inout TextBuffer) {
        let cells = max(width - sideLabelWidth - 2, 8)
        let indent = String(repeating: " ", count: sideLabelWidth)
        var drawing = Drawing(target: target)
        var first: [UInt8] = []
        if drawShared(before, after, window: window, cells: cells, into: &drawing, before: &first) {
            writeBar(first, prefix: "before ", ansi: ansi, to: &text)
            writeBar(drawing.bar, prefix: "after  ", ansi: ansi, to: &text)
            writeMarker(drawing, prefix: indent, to: &text)
            writeAxis(drawing, window: window, prefix: indent, to: &text)
            writeLegend([first, drawing.bar], sampled: false, width: width, to: &text)
            return
        }
        var old = Drawing(target: nil)
        draw(before, window: window, cells: cells, group: nil, into: &old)
        drawing = Drawing(target: target)
        draw(after, window: window, cells: cells, group: nil, into: &drawing)
        writeBar(old.bar, prefix: "before ", ansi: ansi, to: &text)
        writeAxis(old, window: window, prefix: indent, to: &text)
        writeBar(drawing.bar, prefix: "after  ", ansi: ansi, to: &text)
        writeMarker(drawing, prefix: indent, to: &text)
        writeAxis(drawing, window: window, prefix: indent, to: &text)
        writeLegend([old.bar, drawing.bar], sampled: old.sampled || drawing.sampled, width: width, to: &text)
    }

    /// The parts of the areas of `set` in `window`, in order.
    /// - Complexity: O(log n + k); `nil` (after O(log n + limit)) past `limit` areas.
    private static func clipped<B>(_ set: MemorySet<B>, _ window: AddrRange, limit: Int) -> [(start: UInt64, end: UInt64, glyph: UInt8)]? {
        var parts: [(start: UInt64, end: UInt64, glyph: UInt8)] = []
        for area in set.areas(endingAbove: window.start) {
            guard area.start < window.end else { break }
            if parts.count == limit { return nil }
            parts.append((max(area.start.rawValue, window.start.rawValue), min(area.end.rawValue, window.end.rawValue),
                          glyphByte(area.flags)))
        }
        return parts
    }

    /// Draws `after` into `drawing` and `before` into `first` on shared cells: the pieces of
    /// the window between consecutive edges of either set, with a boundary cell where either
    /// set has touching areas of one glyph. `false` when the pieces do not fit in `cells`.
    /// ```
    /// before  [----- w -----)                     pieces  |www|www|www|
    /// after   [-w-)     [-w-)                     before   wwwwwwwwwww
    ///                                             after    www.....www
    /// ```
    /// - Complexity: O(log n + k) for k areas of both sets in the window.
    private static func drawShared<B>(_ before: MemorySet<B>, _ after: MemorySet<B>, window: AddrRange, cells: Int,
                                      into drawing: inout Drawing, before first: inout [UInt8]) -> Bool {
        guard let old = clipped(before, window, limit: cells), let new = clipped(after, window, limit: cells) else { return false }
        // Every edge of either set, in order, without repeats.
        var edges: [UInt64] = [window.start.rawValue, window.end.rawValue]
        edges.reserveCapacity(2 * (old.count + new.count) + 2)
        for part in old { edges.append(part.start); edges.append(part.end) }
        for part in new { edges.append(part.start); edges.append(part.end) }
        edges.sort()
        var unique = 0
        for e in edges where unique == 0 || edges[unique - 1] != e {
            edges[unique] = e
            unique += 1
        }
        // The segments and, for each, the glyph of each bar.
        var segments: [Segment] = []
        var glyphs: [(old: UInt8, new: UInt8)] = []
        var o = 0, n = 0
        var previous: (old: Int?, new: Int?) = (nil, nil)
        for k in 0..<(unique - 1) {
            let p = edges[k], q = edges[k + 1]
            while o < old.count, old[o].end <= p { o += 1 }
            while n < new.count, new[n].end <= p { n += 1 }
            let inOld: Int? = o < old.count && old[o].start <= p ? o : nil
            let inNew: Int? = n < new.count && new[n].start <= p ? n : nil
            let oldGlyph = inOld.map { old[$0].glyph } ?? freeGlyph
            let newGlyph = inNew.map { new[$0].glyph } ?? freeGlyph
            // A boundary where either set has two touching areas of one glyph meeting at p.
            let oldTouch = inOld != nil && previous.old != nil && previous.old != inOld && old[previous.old!].glyph == oldGlyph
            let newTouch = inNew != nil && previous.new != nil && previous.new != inNew && new[previous.new!].glyph == newGlyph
            if oldTouch || newTouch {
                segments.append(.boundary(at: p))
                glyphs.append((oldTouch ? boundaryGlyph : oldGlyph, newTouch ? boundaryGlyph : newGlyph))
            }
            let covered = inOld != nil || inNew != nil
            segments.append(Segment(start: p, end: q, flags: covered ? MappingFlags() : nil))
            glyphs.append((oldGlyph, newGlyph))
            previous = (inOld, inNew)
        }
        guard segments.count <= cells else { return false }
        layout(&segments, cells: cells)
        first.reserveCapacity(cells)
        drawing.bar.reserveCapacity(cells)
        for i in segments.indices {
            let seg = segments[i]
            let col = drawing.bar.count
            if seg.elided {
                drawElided(seg.start, seg.end, into: &drawing)
                first.append(contentsOf: repeatElement(elidedGlyph, count: elidedCells))
            } else if seg.isBoundary {
                drawing.bar.append(glyphs[i].new)
                drawing.coverBoundary(seg.start)
                first.append(glyphs[i].old)
            } else {
                drawing.appendRun(glyphs[i].new, count: seg.cells, from: seg.start, to: seg.end)
                first.append(contentsOf: repeatElement(glyphs[i].old, count: seg.cells))
            }
            if i > 0, seg.isBoundary || (seg.flags != nil && !segments[i - 1].isBoundary) || segments[i - 1].elided {
                drawing.labels.append((col, seg.start))
            }
        }
        return true
    }
}
