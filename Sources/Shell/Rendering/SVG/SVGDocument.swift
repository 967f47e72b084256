import MemorySetCore
import MMUSim

/// `export svg`: the view window as a standalone SVG 1.1 picture, in whole pixels.
///
/// ```
///   memory-set  view [0x0, 0x40000) (256 KiB)  3 areas                      title
///   +--------------------------------------------------------------------+
///   |   |rw-  |r--|r-x |        free        |//|   rw-u (hatched)      |    bar
///   +--------------------------------------------------------------------+
///   0x0 0x1000    0x5000   0x8000               0x7fff0000     0x40000      labels
///   [] rw- writable  [] r-- read-only  [] free  // elided gap  | boundary      legend
///   START    END      SIZE    FLAGS  LABEL                                   table
///   [] 0x1000   0x3000   8 KiB   rw--   [heap]
///   … 3 more areas in the view
///   5 areas in the view, 40 KiB
/// ```
/// - Bar: ``SVGLayout`` (areas proportional, huge gaps elided as a break mark, sampled
///   when too many), coloured by ``SVGPalette``, a 1 px line between touching areas, a
///   `<title>` (tooltip) on each area and elided gap.
/// - Labels: the window's start and end, then area starts and what follows an elided gap,
///   then area ends before free space, where they fit without touching another label.
/// - Legend: the kinds drawn, user hatching, free space, elided gaps, boundaries, sampling.
/// - Table: the areas of the window (at most ``maxRows``, then `… N more`), a swatch each;
///   columns START END SIZE FLAGS LABEL, SIZE then END dropped when narrow, labels cut with
///   `…`; then a totals line.
///
/// Text is escaped (``SVGText/escaped(_:)``) and labels are cut to the width, so the
/// document's size is bounded by its width: under 2 MiB at the widest.
enum SVGDocument {
    /// The width without `--width`.
    static let defaultWidth = 800
    /// The widths `--width` accepts.
    static let widths = 200...10_000
    /// The most table rows.
    static let maxRows = 24

    /// A rendered picture.
    struct Picture {
        /// The document.
        var text: String
        /// Its size in pixels.
        var width: Int
        var height: Int
        /// The areas in the window.
        var areas: Int
    }

    // Vertical layout, in pixels.
    private static let margin = 16
    private static let titleBaseline = 24
    private static let barTop = 36
    private static let barHeight = 40
    private static let labelBaseline = barTop + barHeight + 18
    private static let labelRows = 2
    private static let legendTop = labelBaseline + 14 * labelRows
    private static let lineHeight = 18
    private static let rowHeight = 16

    /// The picture of `window` of `state`, `width` pixels wide.
    /// - Throws: `Interrupted` when `cancellation` says stop (polled every 4096 areas while
    ///   the window's total is added up).
    /// - Complexity: O(log n + k) for k areas in the window (their total size), plus
    ///   O(width × log n) when the bar samples.
    static func render(_ state: SessionState, window: AddrRange, width: Int,
                       cancellation: PageTable.Cancellation = .never) throws(ShellError) -> Picture {
        let set = state.set
        let barWidth = width - 2 * margin
        let layout = SVGLayout(set, window: window, x: margin, width: barWidth)
        var body = ""
        let separators = drawBar(layout, state: state, into: &body)
        drawLabels(layout, window: window, width: width, into: &body)
        let tableTop = drawLegend(layout, separators: separators, width: width, into: &body) + 10
        let first = set.firstIndex(endingAbove: window.start)
        var end = set.firstIndex(endingAbove: window.end)
        if end < set.count, set.area(at: end).start < window.end { end += 1 }
        let inWindow = first..<max(first, end)
        var total: UInt64 = 0
        var index = 0
        for area in set.areas(endingAbove: window.start) {
            guard area.start < window.end else { break }
            if cancellation.stops(at: index) { throw .interrupted }
            total += area.size
            index += 1
        }
        let bottom = drawTable(state, areas: inWindow, total: total, top: tableTop, width: width, into: &body)
        let height = bottom + 12
        let n = inWindow.count
        let summary = "\(n) area\(n == 1 ? "" : "s") in view \(window) (\(SizeFormat.human(window.size)))"
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\""
        text += " viewBox=\"0 0 \(width) \(height)\" font-family=\"monospace\" font-size=\"11\" fill=\"\(SVGPalette.ink)\">\n"
        text += "<title>memory-set: \(summary)</title>\n"
        text += SVGPalette.definitions
        text += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        text += "<text x=\"\(margin)\" y=\"\(titleBaseline)\" font-size=\"13\" font-weight=\"bold\">"
        text += SVGText.escaped(SVGText.truncated("memory-set: " + summary, to: (width - 2 * margin) / 8)) + "</text>\n"
        text += body
        text += "</svg>\n"
        return Picture(text: text, width: width, height: height, areas: n)
    }

    /// `<rect …/>` with a fill (and other attributes, `extra`), or with a `<title>` (a
    /// tooltip, escaped) inside.
    private static func rect(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ fill: String, extra: String = "",
                             title: String? = nil) -> String {
        let open = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" fill=\"\(fill)\"\(extra)"
        guard let title else { return open + "/>" }
        return open + "><title>" + SVGText.escaped(title) + "</title></rect>"
    }

    /// `<text …>` of `text` (escaped) at `x`, baseline `y`.
    private static func label(_ x: Int, _ y: Int, _ text: String, anchor: String? = nil, bold: Bool = false) -> String {
        "<text x=\"\(x)\" y=\"\(y)\"" + (anchor.map { " text-anchor=\"\($0)\"" } ?? "")
            + (bold ? " font-weight=\"bold\"" : "") + ">" + SVGText.escaped(text) + "</text>\n"
    }

    /// The swatch of an area's flags: its fill, hatched when user-accessible.
    private static func swatch(_ flags: MappingFlags, _ x: Int, _ y: Int, _ w: Int, _ h: Int) -> String {
        var out = rect(x, y, w, h, SVGPalette.Kind(flags).fill)
        if flags.contains(.user) { out += rect(x, y, w, h, "url(#\(SVGPalette.userPattern))") }
        return out
    }

    /// The break mark of an elided gap: two slanted strokes across the bar.
    private static func breakMark(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> String {
        let a = x + w / 2 - 4, b = x + w / 2 + 1
        return "<path d=\"M\(a),\(y + h) L\(a + 4),\(y) M\(b),\(y + h) L\(b + 4),\(y)\" stroke=\"\(SVGPalette.ink)\" stroke-width=\"2\" fill=\"none\"/>"
    }

    /// `[0x1000, 0x3000) rw-- 8 KiB LABEL` (a tooltip).
    private static func describe(_ area: Area, _ state: SessionState) -> String {
        var text = "\(area.range) \(area.flags) \(SizeFormat.human(area.size))"
        if let name = state.label(of: area) { text += " " + SVGText.cut(name, to: 200) }
        return text
    }

    /// Draws the bar; returns whether a boundary between touching areas was drawn.
    private static func drawBar(_ layout: SVGLayout, state: SessionState, into out: inout String) -> Bool {
        let top = barTop, h = barHeight
        out += "<g id=\"bar\">\n"
        var separators = false
        var previous: Area? = nil
        for piece in layout.pieces {
            switch piece.content {
            case .area(let area):
                out += rect(piece.x, top, piece.width, h, SVGPalette.Kind(area.flags).fill, title: describe(area, state)) + "\n"
                if area.flags.contains(.user) {
                    out += rect(piece.x, top, piece.width, h, "url(#\(SVGPalette.userPattern))") + "\n"
                }
                if let previous, previous.end == area.start {
                    out += rect(piece.x, top, 1, h, SVGPalette.ink) + "\n"
                    separators = true
                }
                previous = area
            case .free:
                out += rect(piece.x, top, piece.width, h, SVGPalette.free) + "\n"
                previous = nil
            case .elided(let gap):
                out += "<g>" + rect(piece.x, top, piece.width, h, "#ffffff") + breakMark(piece.x, top, piece.width, h)
                out += "<title>elided gap " + SVGText.escaped("\(gap) (\(SizeFormat.human(gap.size)))") + "</title></g>\n"
                previous = nil
            }
        }
        let x = layout.pieces.first?.x ?? margin
        let w = layout.pieces.reduce(0) { $0 + $1.width }
        out += rect(x, top, w, h, "none", extra: " stroke=\"\(SVGPalette.grey)\"") + "\n</g>\n"
        return separators
    }

    /// Draws the address labels under the bar in ``labelRows`` rows, each with a tick: the
    /// window's ends first (first row), then the layout's marks (primary ones first) in the
    /// first row where they fit, 6 px apart at least from the others of the row (none under
    /// the window's end label).
    private static func drawLabels(_ layout: SVGLayout, window: AddrRange, width: Int, into out: inout String) {
        let left = margin, right = width - margin
        let startText = hex(window.start.rawValue), endText = hex(window.end.rawValue)
        var taken = [[(lo: Int, hi: Int)]](repeating: [], count: labelRows)
        var placed: [(x: Int, row: Int, text: String)] = []
        func fits(_ lo: Int, _ hi: Int, row: Int) -> Bool {
            guard lo >= left, hi <= right else { return false }
            for t in taken[row] where lo < t.hi + 6 && t.lo < hi + 6 { return false }
            return true
        }
        taken[0].append((left, left + SVGText.width(startText)))
        let endLo = right - SVGText.width(endText)
        let showsEnd = fits(endLo, right, row: 0)
        if showsEnd { taken[0].append((endLo, right)) }
        for primary in [true, false] {
            // A tick under the window's end label (right-aligned, ending at its own tick)
            // would read as that label's: such marks get none.
            for mark in layout.marks where mark.primary == primary && !(showsEnd && mark.x >= endLo - 6) {
                let text = hex(mark.address)
                let lo = mark.x, hi = mark.x + SVGText.width(text)
                guard let row = (0..<labelRows).first(where: { fits(lo, hi, row: $0) }) else { continue }
                taken[row].append((lo, hi))
                placed.append((mark.x, row, text))
            }
        }
        placed.sort { $0.row < $1.row || ($0.row == $1.row && $0.x < $1.x) }
        out += "<g id=\"labels\" fill=\"\(SVGPalette.ink)\">\n"
        let tickTop = barTop + barHeight
        out += rect(left, tickTop, 1, 5, SVGPalette.grey) + "\n" + label(left, labelBaseline, startText)
        for (x, row, text) in placed {
            out += rect(x, tickTop, 1, 5, SVGPalette.grey) + "\n" + label(x, labelBaseline + 14 * row, text)
        }
        if showsEnd { out += rect(right - 1, tickTop, 1, 5, SVGPalette.grey) + "\n" + label(right, labelBaseline, endText, anchor: "end") }
        out += "</g>\n"
    }

    /// Draws the legend (items flowing over lines); returns the y below it.
    private static func drawLegend(_ layout: SVGLayout, separators: Bool, width: Int, into out: inout String) -> Int {
        var kinds = [Bool](repeating: false, count: SVGPalette.Kind.allCases.count)
        var user = false, free = false, elided = false
        for piece in layout.pieces {
            switch piece.content {
            case .area(let area):
                kinds[SVGPalette.Kind(area.flags).rawValue] = true
                user = user || area.flags.contains(.user)
            case .free: free = true
            case .elided: elided = true
            }
        }
        // Each item: its swatch (drawn at x, y) and its words.
        var items: [(swatch: (Int, Int) -> String, text: String)] = []
        for kind in SVGPalette.Kind.allCases where kinds[kind.rawValue] {
            items.append(({ rect($0, $1, 12, 12, kind.fill) }, kind.legend))
        }
        if user { items.append(({ swatch([.user], $0, $1, 12, 12) }, "u user-accessible (hatched)")) }
        if free { items.append(({ rect($0, $1, 12, 12, SVGPalette.free, extra: " stroke=\"\(SVGPalette.grey)\"") }, "free")) }
        if elided {
            items.append(({ rect($0, $1, 12, 12, "#ffffff", extra: " stroke=\"\(SVGPalette.grey)\"") + breakMark($0, $1, 12, 12) },
                          "elided gap (not to scale)"))
        }
        if separators {
            items.append(({ rect($0, $1, 12, 12, SVGPalette.Kind.readWrite.fill) + rect($0 + 6, $1, 1, 12, SVGPalette.ink) },
                          "boundary between touching areas"))
        }
        if layout.sampled { items.append(({ _, _ in "" }, "some strips sample several areas")) }
        out += "<g id=\"legend\">\n"
        var x = margin, y = legendTop
        for item in items {
            let w = 12 + 6 + SVGText.width(item.text)
            if x > margin, x + w > width - margin {
                x = margin
                y += lineHeight
            }
            let drawn = item.swatch(x, y)
            out += drawn + (drawn.isEmpty ? "" : "\n")
            out += label(x + (drawn.isEmpty ? 0 : 18), y + 10, SVGText.truncated(item.text, to: (width - 2 * margin - 18) / SVGText.charWidth))
            x += w + 18
        }
        out += "</g>\n"
        return y + lineHeight
    }

    /// Draws the table of the areas `areas` (indices in the set) from `top`; returns the y
    /// below it.
    private static func drawTable(_ state: SessionState, areas: Range<Int>, total: UInt64, top: Int, width: Int,
                                  into out: inout String) -> Int {
        var y = top + 12
        out += "<g id=\"table\">\n"
        defer { out += "</g>\n" }
        guard !areas.isEmpty else {
            out += label(margin, y, state.set.isEmpty ? "(no areas)" : "(no areas in the view)")
            return y + 4
        }
        let shown = areas.lowerBound..<min(areas.upperBound, areas.lowerBound + maxRows)
        let rows = shown.map { state.set.area(at: $0) }
        let labels = rows.map { state.label(of: $0) ?? "" }
        let columns: [(title: String, values: [String])] = [
            ("START", rows.map { hex($0.start.rawValue) }),
            ("END", rows.map { hex($0.end.rawValue) }),
            ("SIZE", rows.map { SizeFormat.human($0.size) }),
            ("FLAGS", rows.map { "\($0.flags)" }),
        ]
        let textLeft = margin + 18, available = width - margin - textLeft
        func span(_ c: Int) -> Int { (columns[c].values.reduce(columns[c].title.count) { max($0, $1.count) } + 2) * SVGText.charWidth }
        var used = [true, true, true, true]
        // Narrow: drop SIZE, then END.
        for drop in [2, 1] where (0..<4).reduce(0, { $0 + (used[$1] ? span($1) : 0) }) > available { used[drop] = false }
        var xs: [Int] = []
        var x = textLeft
        for c in 0..<4 {
            xs.append(x)
            if used[c] { x += span(c) }
        }
        let labelChars = (width - margin - x) / SVGText.charWidth
        let showsLabels = labels.contains { !$0.isEmpty } && labelChars >= 4
        for c in 0..<4 where used[c] { out += label(xs[c], y, columns[c].title, bold: true) }
        if showsLabels { out += label(x, y, "LABEL", bold: true) }
        for (r, area) in rows.enumerated() {
            y += rowHeight
            out += swatch(area.flags, margin, y - 10, 12, 12) + "\n"
            for c in 0..<4 where used[c] { out += label(xs[c], y, columns[c].values[r]) }
            if showsLabels, !labels[r].isEmpty { out += label(x, y, SVGText.cut(labels[r], to: labelChars)) }
        }
        let more = areas.count - rows.count
        if more > 0 {
            y += rowHeight
            out += label(textLeft, y, "… \(more) more area\(more == 1 ? "" : "s") in the view")
        }
        y += rowHeight + 4
        let n = areas.count
        out += label(margin, y, SVGText.truncated("\(n) area\(n == 1 ? "" : "s") in the view, \(SizeFormat.human(total))",
                                            to: (width - 2 * margin) / SVGText.charWidth), bold: true)
        return y + 4
    }
}
