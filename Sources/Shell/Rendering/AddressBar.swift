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

    /// A piece of the window: an area (with its flags) or a gap.
    private struct Segment {
        var start: UInt64
        var end: UInt64
        var flags: MappingFlags?
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
    /// - Complexity: O(log n + k) for k areas in the window when they fit, else
    ///   O(width · log n).
    static func render<B>(_ set: MemorySet<B>, window: AddrRange, width: Int, ansi: ANSI) -> String {
        let cells = max(width - 2, 8)
        let ws = window.start.rawValue, we = window.end.rawValue
        let first = set.firstIndex(endingAbove: window.start)
        var last = set.firstIndex(endingAbove: window.end)
        if last < set.count, set.area(at: last).start < window.end { last += 1 }
        let inWindow = max(0, last - first)
        var bar: [Character]
        var labels: [(col: Int, text: String, right: Bool)] = []
        var footnote = ""
        if 2 * inWindow + 1 <= cells {
            var segments: [Segment] = []
            var cursor = ws
            for area in set.areas(endingAbove: window.start) {
                guard area.start < window.end else { break }
                let s = max(area.start.rawValue, ws), e = min(area.end.rawValue, we)
                if s > cursor { segments.append(Segment(start: cursor, end: s, flags: nil)) }
                segments.append(Segment(start: s, end: e, flags: area.flags))
                cursor = e
            }
            if cursor < we { segments.append(Segment(start: cursor, end: we, flags: nil)) }
            layout(&segments, cells: cells)
            bar = []
            bar.reserveCapacity(cells)
            var col = 0
            for (i, seg) in segments.enumerated() {
                if seg.elided {
                    bar.append(contentsOf: marker)
                } else {
                    let ch: Character = seg.flags.map(glyph) ?? "."
                    bar.append(contentsOf: repeatElement(ch, count: seg.cells))
                }
                if i > 0, seg.flags != nil || segments[i - 1].elided {
                    labels.append((col, hex(seg.start), false))
                }
                if seg.elided, i + 1 == segments.count {
                    // An elided gap at the end: nothing after it to label.
                }
                col += seg.cells
            }
        } else {
            let size = we &- ws
            let step = max(1, size / UInt64(cells) + (size % UInt64(cells) == 0 ? 0 : 1))
            bar = []
            bar.reserveCapacity(cells)
            var used = 0
            for j in 0..<cells {
                let (cs, o) = ws.addingReportingOverflow(UInt64(j) &* step)
                guard !o, cs < we else { break }
                let ce = min(we, cs.addingReportingOverflow(step).overflow ? we : cs &+ step)
                let i = set.firstIndex(endingAbove: VirtAddr(cs))
                if i < set.count, case let area = set.area(at: i), area.start.rawValue < ce {
                    bar.append(glyph(area.flags))
                } else {
                    bar.append(".")
                }
                used += 1
            }
            _ = used
            footnote = "  (\(inWindow) areas; 1 cell = \(SizeFormat.human(step)))"
        }
        var out = "|" + bar.map { ansi.glyph($0) }.joined() + "|\n"
        out += axis(start: hex(ws), end: hex(we), labels: labels, width: bar.count + 2) + "\n"
        out += legend(bar) + footnote + "\n"
        return out
    }

    /// Gives each segment its cells: elides huge gaps, then shares the cells in proportion
    /// to the sizes, at least one per segment.
    private static func layout(_ segments: inout [Segment], cells: Int) {
        let hasArea = segments.contains { $0.flags != nil }
        if hasArea {
            var total = segments.reduce(0.0) { $0 + Double($1.size) }
            let gaps = segments.indices.filter { segments[$0].flags == nil }.sorted { segments[$0].size > segments[$1].size }
            var visible = segments.count
            var elided = 0
            for g in gaps {
                let size = Double(segments[g].size)
                let rest = total - size
                guard size >= 16 * rest,
                      visible - 1 + (elided + 1) * marker.count <= cells else { break }
                segments[g].elided = true
                segments[g].cells = marker.count
                total = rest
                visible -= 1
                elided += 1
            }
        }
        let live = segments.indices.filter { !segments[$0].elided }
        let spare = cells - live.count - segments.filter(\.elided).count * marker.count
        let total = live.reduce(0.0) { $0 + Double(segments[$1].size) }
        var given = 0
        var remainders: [(Int, Double)] = []
        for i in live {
            let exact = total > 0 ? Double(spare) * Double(segments[i].size) / total : 0
            let whole = Int(exact.rounded(.down))
            segments[i].cells = 1 + whole
            given += whole
            remainders.append((i, exact - Double(whole)))
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
    private static func axis(start: String, end: String, labels: [(col: Int, text: String, right: Bool)], width: Int) -> String {
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
        let present = Set(bar)
        var parts: [String] = []
        for (ch, name) in names where present.contains(ch) { parts.append("\(ch) \(name)") }
        if present.contains(".") { parts.append(". free") }
        if present.contains("~") { parts.append("\(marker) elided gap") }
        return "legend: " + parts.joined(separator: "  ")
    }
}
