import MemorySetCore

/// The bar of an SVG picture laid out in whole pixels: which piece of the view window each
/// horizontal run of pixels shows, and the addresses worth a label under it.
///
/// The same rules as the terminal's bar, in pixels instead of cells, with integer arithmetic
/// only:
/// ```
///   x0                                                               x0 + width
///   |free |area|area|   free    |//|  area   |free|area |   free      |
///          ^    ^ separator       ^ elided gap (a gap dwarfing the rest, drawn as a break)
///          area start labels under the bar where they fit
/// ```
/// - Every area in the window gets at least ``minAreaWidth`` pixels, every gap
///   ``minGapWidth``; the spare pixels are shared in proportion to the sizes (largest
///   remainders first).
/// - A gap at least 16 times the rest of the window, or 16 times the areas of the window
///   together, is elided, largest first, as ``elidedWidth`` pixels: distant areas stay
///   visible, and areas do not shrink to slivers between gaps of a real process.
/// - When the areas do not fit, the window is cut at a gap holding at least 16/17 (else half)
///   of it, elided, and each side laid out on its own (pixels shared by area counts); when
///   no such gap exists, strips of ``stripWidth`` pixels sample uniform slices of the window
///   (a strip shows the first area in its slice; ``sampled`` is set).
struct SVGLayout {
    /// The least width of an area (room for its colour and a separator).
    static let minAreaWidth = 3
    /// The least width of a visible gap.
    static let minGapWidth = 2
    /// The width of an elided gap (its break mark).
    static let elidedWidth = 18
    /// The width of a strip when the window is sampled.
    static let stripWidth = 2

    /// What a run of pixels shows.
    enum Content: Equatable {
        /// An area (clipped to the window by the run, not in its value).
        case area(Area)
        /// Free space.
        case free
        /// An elided gap: the range left out.
        case elided(AddrRange)

        static func == (a: Content, b: Content) -> Bool {
            switch (a, b) {
            case let (.area(x), .area(y)): return x.start == y.start && x.end == y.end
            case (.free, .free): return true
            case let (.elided(x), .elided(y)): return x == y
            default: return false
            }
        }
    }

    /// A run of pixels `[x, x + width)` showing `content`.
    struct Piece {
        var x: Int
        var width: Int
        var content: Content

        /// The area shown, if any.
        var area: Area? {
            if case .area(let area) = content { return area }
            return nil
        }
    }

    /// The pieces from left to right, covering the bar without holes or overlap.
    private(set) var pieces: [Piece] = []
    /// Candidate labels under the bar: a pixel column, the address there, and whether it
    /// starts an area or follows an elided gap (`primary`, labelled first) rather than ending
    /// an area before free space.
    private(set) var marks: [(x: Int, address: UInt64, primary: Bool)] = []
    /// Whether some strips sample several areas.
    private(set) var sampled = false
    /// Where the next piece starts.
    private var cursor: Int

    /// The layout of `window` of `set` in `width` pixels from `x`.
    /// - Complexity: O(log n + k) for k areas in the window when they fit (k ≤ width / 5);
    ///   else O(log n) per elided gap and per strip.
    init(_ set: AreaSet, window: AddrRange, x: Int, width: Int) {
        cursor = x
        lay(set, window: window, width: width)
    }

    /// Appends a piece, merging it with the previous one when they show the same thing.
    private mutating func append(_ content: Content, width: Int) {
        guard width > 0 else { return }
        if let last = pieces.indices.last, pieces[last].content == content {
            pieces[last].width += width
        } else {
            pieces.append(Piece(x: cursor, width: width, content: content))
        }
        cursor += width
    }

    /// The index range of the areas of `set` overlapping `window`.
    /// - Complexity: O(log n)
    private static func indices(_ set: AreaSet, _ window: AddrRange) -> Range<Int> {
        let first = set.firstIndex(endingAbove: window.start)
        var last = set.firstIndex(endingAbove: window.end)
        if last < set.count, set.area(at: last).start < window.end { last += 1 }
        return first..<max(first, last)
    }

    /// Lays out `window` in `width` pixels: exactly, split at a huge gap, or sampled.
    private mutating func lay(_ set: AreaSet, window: AddrRange, width: Int) {
        let areas = Self.indices(set, window)
        if areas.count * (Self.minAreaWidth + Self.minGapWidth) + Self.minGapWidth <= width {
            return layExactly(set, window: window, areas: areas, width: width)
        }
        if width >= 2 * Self.elidedWidth + 2 * Self.minAreaWidth,
           let gap = AddressBar.hugeGap(set, in: window, need: window.size - window.size / 17)
               ?? AddressBar.hugeGap(set, in: window, need: window.size / 2 + window.size % 2) {
            let split = set.firstIndex(endingAbove: gap.start)
            let leftWeight = split - areas.lowerBound, rightWeight = areas.upperBound - split
            let spare = width - Self.elidedWidth
            let hasLeft = gap.start > window.start, hasRight = gap.end < window.end
            var left = !hasLeft ? 0 : !hasRight ? spare
                : Int(SVGText.scaled(UInt64(leftWeight), by: UInt64(spare), over: UInt64(leftWeight + rightWeight)).quotient)
            if hasLeft, hasRight { left = max(Self.minAreaWidth, min(spare - Self.minAreaWidth, left)) }
            if hasLeft { lay(set, window: AddrRange(start: window.start, end: gap.start), width: left) }
            append(.elided(gap), width: Self.elidedWidth)
            if hasRight {
                marks.append((cursor, gap.end.rawValue, true))
                lay(set, window: AddrRange(start: gap.end, end: window.end), width: spare - left)
            }
            return
        }
        layStrips(set, window: window, width: width)
    }

    /// Uniform sampling: strip j shows the first area of its slice of the window.
    private mutating func layStrips(_ set: AreaSet, window: AddrRange, width: Int) {
        sampled = true
        let strips = max(1, width / Self.stripWidth)
        let ws = window.start.rawValue, we = window.end.rawValue, size = window.size
        let step = max(1, size / UInt64(strips) + (size % UInt64(strips) == 0 ? 0 : 1))
        var previous: UInt64? = nil
        for j in 0..<strips {
            let w = j == strips - 1 ? width - Self.stripWidth * (strips - 1) : Self.stripWidth
            let (offset, o1) = UInt64(j).multipliedReportingOverflow(by: step)
            let (cs, o2) = ws.addingReportingOverflow(offset)
            guard !o1, !o2, cs < we else {
                append(.free, width: w)
                continue
            }
            let (sum, o3) = cs.addingReportingOverflow(step)
            let ce = o3 ? we : min(we, sum)
            let i = set.firstIndex(endingAbove: VirtAddr(cs))
            if i < set.count, case let area = set.area(at: i), area.start.rawValue < ce {
                if previous != area.start.rawValue, j > 0 { marks.append((cursor, max(area.start.rawValue, ws), true)) }
                previous = area.start.rawValue
                append(.area(area), width: w)
            } else {
                previous = nil
                append(.free, width: w)
            }
        }
    }

    /// A segment of the window before layout: an area or a gap, and its pixels.
    private struct Segment {
        var start: UInt64
        var end: UInt64
        var area: Area?
        var elided = false
        var width = 0
        var size: UInt64 { end &- start }
    }

    /// Draws the areas `areas` and the gaps of `window` one by one (they fit in `width`).
    private mutating func layExactly(_ set: AreaSet, window: AddrRange, areas: Range<Int>, width: Int) {
        let ws = window.start.rawValue, we = window.end.rawValue
        var segments: [Segment] = []
        var at = ws
        if !areas.isEmpty {
            for area in set.areas(endingAbove: window.start) {
                guard area.start < window.end else { break }
                let s = max(area.start.rawValue, ws), e = min(area.end.rawValue, we)
                if s > at { segments.append(Segment(start: at, end: s)) }
                segments.append(Segment(start: s, end: e, area: area))
                at = e
            }
        }
        if at < we { segments.append(Segment(start: at, end: we)) }
        Self.share(&segments, width: width)
        for (i, segment) in segments.enumerated() {
            if i > 0, segment.area != nil || segments[i - 1].elided {
                marks.append((cursor, segment.start, true))
            } else if i > 0, segments[i - 1].area != nil, !segment.elided {
                marks.append((cursor, segment.start, false))
            }
            if let area = segment.area {
                append(.area(area), width: segment.width)
            } else if segment.elided {
                append(.elided(AddrRange(start: VirtAddr(segment.start), end: VirtAddr(segment.end))), width: segment.width)
            } else {
                append(.free, width: segment.width)
            }
        }
    }

    /// Gives each segment its pixels: elides the gaps dwarfing the rest of the window or all
    /// its areas together (at least 16 times), largest first while the break marks fit, then
    /// shares the spare pixels in proportion to the sizes (largest remainders first).
    private static func share(_ segments: inout [Segment], width: Int) {
        func least(_ s: Segment) -> Int { s.elided ? elidedWidth : s.area == nil ? minGapWidth : minAreaWidth }
        if segments.contains(where: { $0.area != nil }) {
            // The sizes add up to the window's size: no sum overflows.
            var total = segments.reduce(0) { $0 + $1.size }
            let mapped = segments.reduce(0) { $0 + ($1.area == nil ? 0 : $1.size) }
            let gaps = segments.indices.filter { segments[$0].area == nil }
                .sorted { segments[$0].size > segments[$1].size || (segments[$0].size == segments[$1].size && $0 < $1) }
            for g in gaps {
                let rest = total - segments[g].size
                let used = segments.reduce(0) { $0 + least($1) } - minGapWidth + elidedWidth
                guard rest <= segments[g].size / 16 || mapped <= segments[g].size / 16, used <= width else { break }
                segments[g].elided = true
                total = rest
            }
        }
        let live = segments.indices.filter { !segments[$0].elided }
        let spare = max(0, width - segments.reduce(0) { $0 + least($1) })
        let total = live.reduce(0) { $0 + segments[$1].size }
        var given = 0
        var remainders: [(index: Int, remainder: UInt64)] = []
        for i in segments.indices {
            segments[i].width = least(segments[i])
            guard !segments[i].elided, total > 0 else { continue }
            let exact = SVGText.scaled(segments[i].size, by: UInt64(spare), over: total)
            segments[i].width += Int(exact.quotient)
            given += Int(exact.quotient)
            remainders.append((i, exact.remainder))
        }
        remainders.sort { $0.remainder > $1.remainder || ($0.remainder == $1.remainder && $0.index < $1.index) }
        var left = spare - given, k = 0
        while left > 0, !remainders.isEmpty {
            segments[remainders[k % remainders.count].index].width += 1
            left -= 1
            k += 1
        }
        // No live segment (every gap elided, no area): the last one takes what is left.
        let used = segments.reduce(0) { $0 + $1.width }
        if used < width, let last = segments.indices.last { segments[last].width += width - used }
    }
}
