import MemorySetCore

/// The lines of the bar, written as bytes (no `Character`s, no per-cell strings):
/// ```
/// |....wwww:wwww......~~~|      writeBar     (runs of one glyph colored together)
///          ^^^^^                writeMarker  (only when the target has cells)
/// 0x0 0x1000 0x2000  0x8000     writeAxis    (window, START, END, then area starts)
/// legend: w rw-  . free  ...    writeLegend  (wrapped to the width)
/// ```
extension AddressBar {
    /// Writes `prefix|bar|` and a newline, each run of one glyph in its color.
    /// - Complexity: O(cells)
    static func writeBar(_ bar: [UInt8], prefix: String, ansi: ANSI, to text: inout TextBuffer) {
        text.write(prefix)
        text.write(UInt8(ascii: "|"))
        if ansi.enabled {
            var i = 0
            while i < bar.count {
                var j = i + 1
                while j < bar.count, bar[j] == bar[i] { j += 1 }
                let code = colorCode(bar[i])
                if !code.isEmpty { text.write("\u{1b}[" + code + "m") }
                bar.withUnsafeBufferPointer { text.write(UnsafeBufferPointer(rebasing: $0[i..<j])) }
                if !code.isEmpty { text.write("\u{1b}[0m") }
                i = j
            }
        } else {
            bar.withUnsafeBufferPointer { text.write($0) }
        }
        text.write("|\n")
    }

    /// The ANSI color of a glyph (`""`: none).
    static func colorCode(_ glyph: UInt8) -> String {
        switch glyph | 0x20 {
        case UInt8(ascii: "r"): "32"
        case UInt8(ascii: "w"): "33"
        case UInt8(ascii: "x"): "31"
        case UInt8(ascii: "!"): "35"
        case UInt8(ascii: "o"): "34"
        case UInt8(ascii: "~"): "2"
        default: ""
        }
    }

    /// Writes the marker line, `^` under the marked cells, when there are some.
    /// - Complexity: O(cells)
    static func writeMarker(_ drawing: Drawing, prefix: String, to text: inout TextBuffer) {
        guard drawing.markFirst >= 0 else { return }
        var line = [UInt8](repeating: UInt8(ascii: " "), count: drawing.markLast + 2)
        for col in drawing.markFirst...drawing.markLast { line[col + 1] = UInt8(ascii: "^") }
        text.write(prefix)
        line.withUnsafeBufferPointer { text.write($0) }
        text.write(UInt8(ascii: "\n"))
    }

    /// The number of characters of `value` in hex with its `0x`.
    @inline(__always)
    static func hexLength(_ value: UInt64) -> Int {
        Swift.max(1, (64 &- value.leadingZeroBitCount &+ 3) / 4) &+ 2
    }

    /// Writes the label line: the window's start at the left, its end at the right, then
    /// the target's START and END, then the other labels where they fit without touching.
    /// - Complexity: O(width + labels × placed labels)
    static func writeAxis(_ drawing: Drawing, window: AddrRange, prefix: String, to text: inout TextBuffer) {
        let ws = window.start.rawValue, we = window.end.rawValue
        let width = Swift.max(drawing.bar.count + 2, hexLength(ws) + hexLength(we) + 1)
        var line = [UInt8](repeating: UInt8(ascii: " "), count: width)
        var taken: [(lo: Int, hi: Int)] = []
        taken.reserveCapacity(8)
        func place(_ col: Int, _ value: UInt64) {
            let length = hexLength(value)
            let lo = col, hi = col + length
            guard lo >= 0, hi <= line.count else { return }
            for t in taken where lo < t.hi + 1 && t.lo < hi + 1 { return }
            line[lo] = UInt8(ascii: "0")
            line[lo + 1] = UInt8(ascii: "x")
            var rest = value
            var i = hi - 1
            while i >= lo + 2 {
                line[i] = TextBuffer.hexDigit(UInt8(truncatingIfNeeded: rest & 0xf))
                rest >>= 4
                i -= 1
            }
            taken.append((lo, hi))
        }
        place(0, ws)
        place(width - hexLength(we), we)
        if let target = drawing.target, drawing.markFirst >= 0 {
            if target.first >= ws { place(drawing.markFirst + 1, target.first) }
            if !target.isPoint, target.last < we &- 1 {
                place((drawing.markEndsOnBoundary ? drawing.markLast : drawing.markLast + 1) + 1, target.last &+ 1)
            }
        }
        for label in drawing.labels { place(label.col + 1, label.address) }
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: " ") { end -= 1 }
        text.write(prefix)
        line.withUnsafeBufferPointer { text.write(UnsafeBufferPointer(rebasing: $0[0..<end])) }
        text.write(UInt8(ascii: "\n"))
    }

    /// The legend's entries, in order: a glyph and what it means.
    static let legendNames: [(glyph: UInt8, name: String)] = [
        (UInt8(ascii: "r"), "r r--"), (UInt8(ascii: "w"), "w rw-"), (UInt8(ascii: "x"), "x r-x"),
        (UInt8(ascii: "!"), "! w+x"), (UInt8(ascii: "o"), "o ---"),
        (UInt8(ascii: "R"), "R r--u"), (UInt8(ascii: "W"), "W rw-u"), (UInt8(ascii: "X"), "X r-xu"),
        (UInt8(ascii: "O"), "O ---u"), (freeGlyph, ". free"), (elidedGlyph, "~~~ elided gap"),
        (boundaryGlyph, ": boundary"),
    ]

    /// Writes `legend: w rw-  r r--  . free  ~~~ elided gap  : boundary` for the glyphs in
    /// `bars`, wrapped (indented) so that no line is wider than `width`.
    /// - Complexity: O(cells)
    static func writeLegend(_ bars: [[UInt8]], sampled: Bool, width: Int, to text: inout TextBuffer) {
        // The glyphs present, as bits of their ASCII codes (no hashed collection).
        var low: UInt64 = 0, high: UInt64 = 0
        for bar in bars {
            for g in bar { if g < 64 { low |= 1 << UInt64(g) } else { high |= 1 << UInt64(g & 63) } }
        }
        let head = "legend:"
        text.write(head)
        var column = head.utf8.count
        var first = true
        func part(_ s: String) {
            let n = s.utf8.count
            let gap = first ? 1 : 2
            if !first, column + gap + n > width {
                text.write("\n        ")
                column = 8
            } else {
                text.write(first ? " " : "  ")
                column += gap
            }
            text.write(s)
            column += n
            first = false
        }
        for (g, name) in legendNames {
            let present = g < 64 ? low & (1 << UInt64(g)) != 0 : high & (1 << UInt64(g & 63)) != 0
            if present { part(name) }
        }
        if sampled { part("(some cells sample several areas)") }
        text.write(UInt8(ascii: "\n"))
    }
}
