import MemorySetCore

/// The ASCII bar of an address window:
/// ```
/// |......wwwwwwwwwwwrrrrr.......~~~.........xxxxxxx.............................|
///  0x0   0x10000                   0x7fff0000                    0x800000000000
/// ```
/// Areas are drawn by flags (see ``glyph(_:)``), free space as `.`; every area gets at
/// least one cell; a gap much larger than everything else shown is elided as `~~~` so
/// that distant areas stay visible. When the window holds more areas than fit, each cell
/// shows a uniform slice of the window instead (an area in it draws the cell).
enum AddressBar {
    /// The marker of an elided gap.
    static let marker = "~~~"

    /// A piece of the window: an area (with its flags), a group of areas, or a gap.
    private struct Segment {
        var start: UInt64
        var end: UInt64
        var flags: MappingFlags?
        /// For a group of touching areas with the same label: its areas (start, end, flags).
        var members: [(start: UInt64, end: UInt64, flags: MappingFlags)] = []
        var elided = false
        var cells = 0
        var size: UInt64 { end &- start }
    }

    /// The glyph of an area with `flags`: `o` none, `r` read-only, `w` writable, `x`
    /// executable, `!` writable and executable; uppercase when user-accessible.
    /// - Complexity: O(1)
    static func glyph(_ flags: MappingFlags) -> Character {
        let w = flags.contains(.write), x = flags.contains(.execute)
        if w && x { return "!" }
        let ch: Character = x ? "x" : w ? "w" : flags.contains(.read) ? "r" : "o"
        return flags.contains(.user) ? Character(ch.uppercased()) : ch
    }

    /// The bar, its axis labels and a legend line, each newline-terminated.
    ///
    /// `group` names the group of an area (e.g. its label), `nil` for none: touching areas
    /// of one group share the cells of their total size (at least one cell for the whole
    /// group instead of one per area), each cell showing the first area in its slice. So a
    /// real process (a library is 4–5 touching areas) keeps exact proportions longer
    /// before the bar falls back to uniform sampling.
    /// - Complexity: O(log n + k) for k areas in the window when they fit (grouped: when
    ///   k ≤ 16 × width); else each elided gap costs O(log n) and each cell drawn by
    ///   sampling O(log n).
    static func render<B>(_ set: MemorySet<B>, window: AddrRange, width: Int, ansi: ANSI,
                          group: ((MemoryArea<B>) -> UInt32?)? = nil) -> String {
        let cells = max(width - 2, 8)
        var drawing = Drawing()
        draw(set, window: window, cells: cells, group: group, into: &drawing)
        var out = "|" + drawing.bar.map { ansi.glyph($0) }.joined() + "|\n"
        out += axis(start: hex(window.start.rawValue), end: hex(window.end.rawValue), labels: drawing.labels,
                    width: drawing.bar.count + 2) + "\n"
        out += legend(drawing.bar) + (drawing.sampled ? "  (some cells sample several areas)" : "") + "\n"
        return out
    }

    /// The cells drawn so far and their labels (column in the bar, address).
    private struct Drawing {
        var bar: [Character] = []
        var labels: [(col: Int, text: String)] = []
        var sampled = false
    }

    /// Draws `window` in `cells` cells: exact segments when its areas fit, else split at a
    /// gap that dwarfs the rest of the window (elided), else uniform sampling.
    private static func draw<B>(_ set: MemorySet<B>, window: AddrRange, cells: Int,
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
        if cells >= 2 * marker.count + 2,
           let gap = hugeGap(set, in: window, need: window.size - window.size / 17)
               ?? hugeGap(set, in: window, need: window.size / 2 + window.size % 2) {
            let left = gap.start.rawValue - ws, right = we - gap.end.rawValue
            let spare = cells - marker.count
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
            drawing.bar.append(contentsOf: marker)
            if right > 0 {
                drawing.labels.append((drawing.bar.count, hex(gap.end.rawValue)))
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
                drawing.bar.append(".")
                continue
            }
            let (sum, o2) = cs.addingReportingOverflow(step)
            let ce = o2 ? we : min(we, sum)
            let i = set.firstIndex(endingAbove: VirtAddr(cs))
            if i < set.count, case let area = set.area(at: i), area.start.rawValue < ce {
                drawing.bar.append(glyph(area.flags))
            } else {
                drawing.bar.append(".")
            }
        }
    }

    /// Draws a group's cells: cell j shows the first area of its slice of the group.
    /// - Complexity: O(cells + areas of the group)
    private static func drawGroup(_ seg: Segment, into drawing: inout Drawing) {
        var m = 0
        for j in 0..<seg.cells {
            let sliceStart = seg.start + scaled(seg.size, by: UInt64(j), over: UInt64(seg.cells)).quotient
            while m + 1 < seg.members.count, seg.members[m].end <= sliceStart { m += 1 }
            drawing.bar.append(glyph(seg.members[m].flags))
        }
        if seg.members.count > seg.cells { drawing.sampled = true }
    }

    /// The lowest gap of `window` at least `need` bytes long, if any (not the whole window).
    /// - Complexity: O(log n)
    private static func hugeGap<B>(_ set: MemorySet<B>, in window: AddrRange, need: UInt64) -> AddrRange? {
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
    private static func groupCount<B>(_ set: MemorySet<B>, window: AddrRange, group: (MemoryArea<B>) -> UInt32?) -> Int {
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
    /// (they fit in `cells`).
    private static func drawSegments<B>(_ set: MemorySet<B>, window: AddrRange, cells: Int,
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
                if s > cursor { segments.append(Segment(start: cursor, end: s, flags: nil)) }
                segments.append(Segment(start: s, end: e, flags: area.flags))
            }
            lastKey = key
            cursor = e
        }
        if cursor < we { segments.append(Segment(start: cursor, end: we, flags: nil)) }
        layout(&segments, cells: cells)
        for (i, seg) in segments.enumerated() {
            let col = drawing.bar.count
            if seg.elided {
                drawing.bar.append(contentsOf: marker)
            } else if !seg.members.isEmpty {
                drawGroup(seg, into: &drawing)
            } else {
                let ch: Character = seg.flags.map(glyph) ?? "."
                drawing.bar.append(contentsOf: repeatElement(ch, count: seg.cells))
            }
            if i > 0, seg.flags != nil || segments[i - 1].elided {
                drawing.labels.append((col, hex(seg.start)))
            }
        }
    }

    /// Gives each segment its cells: elides huge gaps, then shares the cells in proportion
    /// to the sizes, at least one per segment.
    private static func layout(_ segments: inout [Segment], cells: Int) {
        let hasArea = segments.contains { $0.flags != nil }
        if hasArea {
            // The sizes of the segments add up to the window's size, so no sum overflows.
            var total = segments.reduce(0) { $0 + $1.size }
            let gaps = segments.indices.filter { segments[$0].flags == nil }.sorted { segments[$0].size > segments[$1].size }
            var visible = segments.count
            var elided = 0
            for g in gaps {
                let size = segments[g].size
                let rest = total - size
                guard rest <= size / 16,
                      visible - 1 + (elided + 1) * marker.count <= cells else { break }
                segments[g].elided = true
                segments[g].cells = marker.count
                total = rest
                visible -= 1
                elided += 1
            }
        }
        let live = segments.indices.filter { !segments[$0].elided }
        let spare = cells - live.count - segments.reduce(0) { $0 + ($1.elided ? 1 : 0) } * marker.count
        let total = live.reduce(0) { $0 + segments[$1].size }
        var given = 0
        // Each live segment's exact share spare × size / total: its whole part, and its
        // fractional part as a numerator over `total` (the same for all, so comparable).
        var remainders: [(Int, UInt64)] = []
        for i in live {
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

    /// The label line: the window's start at the left, its end at the right, then the
    /// other labels where they fit without touching.
    private static func axis(start: String, end: String, labels: [(col: Int, text: String)], width: Int) -> String {
        var line = [Character](repeating: " ", count: max(width, start.count + end.count + 1))
        var taken: [(Int, Int)] = []
        func place(_ col: Int, _ text: String) -> Bool {
            let lo = col, hi = col + text.count
            guard lo >= 0, hi <= line.count else { return false }
            for (a, b) in taken where lo < b + 1 && a < hi + 1 { return false }
            for (k, ch) in text.enumerated() { line[lo + k] = ch }
            taken.append((lo, hi))
            return true
        }
        _ = place(0, start)
        _ = place(line.count - end.count, end)
        for label in labels { _ = place(label.col + 1, label.text) }
        var text = String(line)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// `legend: w rw-  r r--  . free  ~~~ elided gap` for the glyphs in `bar`.
    private static func legend(_ bar: [Character]) -> String {
        let names: [(Character, String)] = [
            ("r", "r--"), ("w", "rw-"), ("x", "r-x"), ("!", "w+x"), ("o", "---"),
            ("R", "r--u"), ("W", "rw-u"), ("X", "r-xu"), ("O", "---u"),
        ]
        // A linear scan per glyph (no hashed collection: the bar is short).
        var parts: [String] = []
        for (ch, name) in names where bar.contains(ch) { parts.append("\(ch) \(name)") }
        if bar.contains(".") { parts.append(". free") }
        if bar.contains("~") { parts.append("\(marker) elided gap") }
        return "legend: " + parts.joined(separator: "  ")
    }

    /// `value × factor / divisor` in integers, as a quotient and a remainder, without
    /// overflow: `value ≤ divisor`, or `factor < divisor` (then the quotient is below `value`).
    /// Shifts and adds over the bits of `factor`, keeping the remainder below `divisor`.
    /// ```
    /// value 3, factor 5, divisor 4:  15 / 4 = 3 remainder 3
    /// ```
    /// - Precondition: `divisor > 0`.
    /// - Complexity: O(bits of `factor`)
    static func scaled(_ value: UInt64, by factor: UInt64, over divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        precondition(divisor > 0, "AddressBar.scaled: zero divisor")
        // value = vq × divisor + vr, so value × factor / divisor = vq × factor + vr × factor / divisor,
        // the last term by doubling (q, r) over the bits of `factor`, highest first.
        let vq = value / divisor, vr = value % divisor
        var q: UInt64 = 0, r: UInt64 = 0
        var bit = 64 - factor.leadingZeroBitCount
        while bit > 0 {
            bit -= 1
            q += q
            if r >= divisor - r { r -= divisor - r; q += 1 } else { r += r }
            if factor >> UInt64(bit) & 1 == 1 {
                if r >= divisor - vr { r -= divisor - vr; q += 1 } else { r += vr }
            }
        }
        q += vq * factor
        return (q, r)
    }
}
