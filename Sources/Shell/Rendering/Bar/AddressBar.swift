import MemorySetCore

/// The ASCII bar of an address window:
/// ```
/// |......wwwwwwwwwwwrrrrr.......~~~.........xxx:xxxx.............................|
///            ^^^^^^^^^^^^^^^
///  0x0   0x10000   0x22000               0x7fff0000                    0x800000000000
/// legend: r r--  w rw-  x r-x  . free  ~~~ elided gap  : boundary
/// ```
/// Areas are drawn by flags (see ``glyph(_:)``), free space as `.`; every area gets at
/// least one cell; a gap much larger than everything else shown is elided as `~~~` so
/// that distant areas stay visible. Two touching areas that would draw the same glyph are
/// told apart by a boundary cell `:` between them. When the window holds more areas than
/// fit, each cell shows a uniform slice of the window instead (an area in it draws the cell).
///
/// Given the range a command acted on (its ``Target``), a marker line puts `^` under its
/// cells and the axis labels its START and END first, before the starts of the areas.
/// ``writeBeforeAfter(before:after:window:width:ansi:target:to:)`` draws the bars before
/// and after a command over one shared axis.
enum AddressBar {
    /// The number of cells of an elided gap (`~~~`).
    static let elidedCells = 3
    /// The glyph of an elided gap's cells.
    static let elidedGlyph = UInt8(ascii: "~")
    /// The glyph of free space.
    static let freeGlyph = UInt8(ascii: ".")
    /// The cell between two touching areas of the same glyph.
    static let boundaryGlyph = UInt8(ascii: ":")

    /// The range a command acted on, as the marker shows it: `[first, last]` (inclusive, so
    /// that a range ending at 2^64 fits), or the single address of `find`.
    struct Target: Equatable {
        var first: UInt64
        var last: UInt64
        /// An address (`find`), not a range: no END label, boundaries not marked.
        var isPoint: Bool

        /// The non-empty range `[first, last]`.
        /// - Precondition: `first <= last`.
        init(first: UInt64, last: UInt64) {
            precondition(first <= last, "AddressBar.Target: empty range")
            self.first = first
            self.last = last
            isPoint = false
        }

        /// The address `point`.
        init(point: UInt64) {
            first = point
            last = point
            isPoint = true
        }
    }

    /// The glyph of an area with `flags`: `o` none, `r` read-only, `w` writable, `x`
    /// executable, `!` writable and executable; uppercase when user-accessible.
    /// - Complexity: O(1)
    static func glyph(_ flags: MappingFlags) -> Character {
        Character(Unicode.Scalar(glyphByte(flags)))
    }

    /// ``glyph(_:)`` as an ASCII byte.
    /// - Complexity: O(1)
    @inline(__always)
    static func glyphByte(_ flags: MappingFlags) -> UInt8 {
        let w = flags.contains(.write), x = flags.contains(.execute)
        if w && x { return UInt8(ascii: "!") }
        let ch = x ? UInt8(ascii: "x") : w ? UInt8(ascii: "w") : flags.contains(.read) ? UInt8(ascii: "r") : UInt8(ascii: "o")
        return flags.contains(.user) ? ch &- 32 : ch
    }

    /// The bar, the marker line (with a `target`), its axis labels and a legend, each
    /// newline-terminated (see ``write(_:window:width:ansi:target:group:to:)``).
    /// - Complexity: see ``write(_:window:width:ansi:target:group:to:)``.
    static func render<B>(_ set: MemorySet<B>, window: AddrRange, width: Int, ansi: ANSI, target: Target? = nil,
                          group: ((MemoryArea<B>) -> UInt32?)? = nil) -> String {
        var text = TextBuffer(capacity: 4 * width)
        write(set, window: window, width: width, ansi: ansi, target: target, group: group, to: &text)
        return text.string
    }

    /// Writes the bar of `window`, `width` columns wide, the marker line under the cells of
    /// `target` (when it has some in the window), the axis and the legend.
    ///
    /// `group` names the group of an area (e.g. its label), `nil` for none: touching areas
    /// of one group share the cells of their total size (at least one cell for the whole
    /// group instead of one per area), each cell showing the first area in its slice. So a
    /// real process (a library is 4–5 touching areas) keeps exact proportions longer
    /// before the bar falls back to uniform sampling.
    /// - Complexity: O(log n + k) for k areas in the window when they fit (grouped: when
    ///   k ≤ 16 × width); else each elided gap costs O(log n) and each cell drawn by
    ///   sampling O(log n).
    static func write<B>(_ set: MemorySet<B>, window: AddrRange, width: Int, ansi: ANSI, target: Target? = nil,
                         group: ((MemoryArea<B>) -> UInt32?)? = nil, to text: inout TextBuffer) {
        var drawing = Drawing(target: target)
        drawing.bar.reserveCapacity(width)
        draw(set, window: window, cells: max(width - 2, 8), group: group, into: &drawing)
        writeBar(drawing.bar, prefix: "", ansi: ansi, to: &text)
        writeMarker(drawing, prefix: "", to: &text)
        writeAxis(drawing, window: window, prefix: "", to: &text)
        writeLegend([drawing.bar], sampled: drawing.sampled, width: width, to: &text)
    }

    /// The cells drawn so far, their labels (column in the bar, address) and the cells of
    /// the target.
    struct Drawing {
        var bar: [UInt8] = []
        var labels: [(col: Int, address: UInt64)] = []
        var sampled = false
        /// The range whose cells are marked.
        var target: Target?
        /// The first and last marked cells (-1: none).
        var markFirst = -1, markLast = -1
        /// The last marked cell is the boundary at the target's end (its END goes there).
        var markEndsOnBoundary = false

        init(target: Target?) { self.target = target }

        /// Marks the cell just appended when it covers part of `[lo, hi)` (`hi` 0: 2^64).
        /// - Complexity: O(1)
        @inline(__always)
        mutating func cover(_ lo: UInt64, _ hi: UInt64) {
            guard let target, lo <= target.last, hi == 0 || target.first < hi else { return }
            if markFirst < 0 { markFirst = bar.count - 1 }
            markLast = bar.count - 1
            markEndsOnBoundary = false
        }

        /// Marks the boundary cell just appended, at `address`, when the target (a range)
        /// starts or ends there or holds it.
        /// - Complexity: O(1)
        mutating func coverBoundary(_ address: UInt64) {
            guard let target, !target.isPoint, target.first <= address, address &- 1 <= target.last else { return }
            if markFirst < 0 { markFirst = bar.count - 1 }
            markLast = bar.count - 1
            markEndsOnBoundary = address &- 1 == target.last
        }

        /// Appends `count` cells of `glyph` showing `[lo, hi)` in equal slices (`hi` 0:
        /// 2^64), marking those of the target.
        /// - Complexity: O(count), plus O(count × 64) when the target meets the range.
        mutating func appendRun(_ glyph: UInt8, count: Int, from lo: UInt64, to hi: UInt64) {
            guard count > 0 else { return }
            guard let target, lo <= target.last, hi == 0 || target.first < hi else {
                bar.append(contentsOf: repeatElement(glyph, count: count))
                return
            }
            let size = hi &- lo
            for j in 0..<count {
                let cellLo = lo &+ AddressBar.scaled(size, by: UInt64(j), over: UInt64(count)).quotient
                let cellHi = j + 1 == count ? hi : lo &+ AddressBar.scaled(size, by: UInt64(j + 1), over: UInt64(count)).quotient
                bar.append(glyph)
                cover(cellLo, cellHi)
            }
        }
    }
}
