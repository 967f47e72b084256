import MemorySetCore

extension AreaTable {
    /// The table's columns, in the order they are written.
    enum Column: Int, CaseIterable {
        case start, end, size, flags, backend, resident, label, change

        /// Every column, in order (a constant: `allCases` builds an array each time).
        static let all: [Column] = [.start, .end, .size, .flags, .backend, .resident, .label, .change]

        /// The header cell.
        var title: String {
            switch self {
            case .start: "START"
            case .end: "END"
            case .size: "SIZE"
            case .flags: "FLAGS"
            case .backend: "BACKEND"
            case .resident: "RSS"
            case .label: "LABEL"
            case .change: "CHANGE"
            }
        }
    }

    /// Which columns a table shows and how wide they are, fitted to the width it is given.
    /// Each step is taken only while the table is still too wide:
    ///
    /// ```
    ///   1. CHANGE holds the word and the before → after:   shrink-left   [a, b) → [c, d)
    ///   2. the before → after goes on continuation lines:  shrink-left
    ///                                                          [a, b) → [c, d)
    ///      (split at `→` and `+` when one line is too narrow; that of an added or
    ///      removed area, which only repeats START and END, is left out)
    ///   3. BACKEND is dropped
    ///   4. labels are cut (down to 12 columns, with …)
    ///   5. SIZE is dropped, 6. RSS, 7. LABEL
    /// ```
    /// START, END, FLAGS and CHANGE always stay (the narrowest table, of 64-bit addresses,
    /// takes 60 columns).
    struct Layout {
        /// The widths of the columns shown, by ``Column`` (0: not shown).
        private var widths = [Int](repeating: 0, count: Column.all.count)
        /// The widest change word.
        private var wordWidth = 0
        /// The widest before → after.
        private var detailWidth = 0
        /// Whether the before → after follows the change word on its row (else it goes on
        /// continuation lines).
        private(set) var inlineDetail = true
        /// The width labels are cut to.
        private(set) var labelLimit = AreaTable.maxLabelWidth
        /// The width to fit.
        let width: Int

        /// The blanks before every line, and between two columns.
        static let margin = 2
        /// The indentation of continuation lines.
        static let indent = 4

        /// The layout of `rows` (with their LABEL cells) for `width` columns.
        /// - Complexity: O(rows)
        init(_ rows: [Row], labels: [String], mmu: Bool, width: Int) {
            self.width = width
            func grow(_ column: Column, _ w: Int) { widths[column.rawValue] = Swift.max(widths[column.rawValue], w) }
            for column in [Column.start, .end, .size, .flags] { grow(column, column.title.utf8.count) }
            if mmu { grow(.backend, Column.backend.title.utf8.count); grow(.resident, Column.resident.title.utf8.count) }
            for (r, row) in rows.enumerated() {
                let area = row.area
                grow(.start, hexWidth(area.start.rawValue))
                grow(.end, hexWidth(area.end.rawValue))
                grow(.size, SizeFormat.width(area.size))
                if mmu {
                    grow(.backend, backendWidth(area))
                    grow(.resident, row.resident.map(SizeFormat.width) ?? 1)
                }
                if !labels[r].isEmpty { grow(.label, Swift.max(Column.label.title.utf8.count, columns(labels[r]))) }
                if let kind = row.kind {
                    wordWidth = Swift.max(wordWidth, kind.rawValue.utf8.count)
                    detailWidth = Swift.max(detailWidth, row.detail.width)
                }
            }
            if wordWidth > 0 { grow(.change, Swift.max(Column.change.title.utf8.count, wordWidth)) }
            fit()
        }

        /// Takes the steps of ``Layout`` until the table fits.
        private mutating func fit() {
            if lineWidth <= width { return }
            inlineDetail = false
            if lineWidth <= width { return }
            if shows(.backend) {
                widths[Column.backend.rawValue] = 0
                if lineWidth <= width { return }
            }
            let label = widths[Column.label.rawValue]
            if label > AreaTable.minLabelWidth {
                let cut = Swift.max(AreaTable.minLabelWidth, label - (lineWidth - width))
                widths[Column.label.rawValue] = cut
                labelLimit = cut
                if lineWidth <= width { return }
            }
            for column in [Column.size, .resident, .label] where widths[column.rawValue] > 0 {
                widths[column.rawValue] = 0
                if lineWidth <= width { return }
            }
        }

        /// The width of the widest line of the rows.
        var lineWidth: Int {
            var total = 0
            var count = 0
            for column in Column.all where widths[column.rawValue] > 0 {
                total += column == .change ? changeWidth : widths[column.rawValue]
                count += 1
            }
            return Layout.margin + total + Layout.margin * Swift.max(0, count - 1)
        }

        /// The width of the CHANGE column: the word, and the before → after when inline.
        private var changeWidth: Int {
            let base = widths[Column.change.rawValue]
            guard inlineDetail, detailWidth > 0 else { return base }
            return Swift.max(base, wordWidth + Layout.margin + detailWidth)
        }

        /// Whether `column` is shown.
        func shows(_ column: Column) -> Bool { widths[column.rawValue] > 0 }

        /// Writes the header line.
        func writeHeader(ansi: ANSI, to text: inout TextBuffer) {
            var line = LineWriter()
            for column in Column.all where shows(column) {
                line.cell(width: widths[column.rawValue], to: &text) { (text: inout TextBuffer) in
                    if ansi.enabled { text.write(ansi.bold(column.title)) } else { text.write(column.title) }
                    return column.title.utf8.count
                }
            }
            text.write(UInt8(ascii: "\n"))
        }

        /// Writes the line of `row` (its LABEL cell being `label`) and its continuation lines.
        func write(_ row: Row, label: String, ansi: ANSI, to text: inout TextBuffer) {
            var line = LineWriter()
            let area = row.area
            for column in Column.all where shows(column) {
                let w = widths[column.rawValue]
                switch column {
                case .start:
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in t.writeHex(area.start.rawValue); return hexWidth(area.start.rawValue) }
                case .end:
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in t.writeHex(area.end.rawValue); return hexWidth(area.end.rawValue) }
                case .size:
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in SizeFormat.write(area.size, to: &t); return SizeFormat.width(area.size) }
                case .flags:
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in t.write(area.flags); return 4 }
                case .backend:
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in writeBackend(area, to: &t) }
                case .resident:
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in
                        guard let resident = row.resident else { t.write(UInt8(ascii: "-")); return 1 }
                        SizeFormat.write(resident, to: &t)
                        return SizeFormat.width(resident)
                    }
                case .label:
                    guard !label.isEmpty else { line.skip(width: w); break }
                    let cell = columns(label) > labelLimit ? shortLabel(label, limit: labelLimit) : label
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in t.write(cell); return columns(cell) }
                case .change:
                    guard let kind = row.kind else { break }
                    line.cell(width: w, to: &text) { (t: inout TextBuffer) in
                        if ansi.enabled { t.write(ansi.change(kind.rawValue, kind)) } else { t.write(kind.rawValue) }
                        guard inlineDetail, row.detail.count > 0 else { return kind.rawValue.utf8.count }
                        AreaTable.writeSpaces(wordWidth - kind.rawValue.utf8.count + Layout.margin, to: &t)
                        writeSegments(row.detail, 0..<row.detail.count, to: &t)
                        return wordWidth + Layout.margin + row.detail.width
                    }
                }
            }
            text.write(UInt8(ascii: "\n"))
            if !inlineDetail && row.detail.count > 0 && !row.detail.repeatsRow { writeContinuation(row.detail, to: &text) }
        }

        /// Writes `detail` on continuation lines, as many segments on each as fit.
        private func writeContinuation(_ detail: Detail, to text: inout TextBuffer) {
            let room = width - Layout.indent
            var first = 0
            while first < detail.count {
                var last = first + 1
                var used = detail[first].width
                while last < detail.count, used + 1 + detail[last].width <= room {
                    used += 1 + detail[last].width
                    last += 1
                }
                AreaTable.writeSpaces(Layout.indent, to: &text)
                writeSegments(detail, first..<last, to: &text)
                text.write(UInt8(ascii: "\n"))
                first = last
            }
        }

        /// Writes `segments` of `detail`, separated by one blank.
        private func writeSegments(_ detail: Detail, _ segments: Range<Int>, to text: inout TextBuffer) {
            for i in segments {
                if i > segments.lowerBound { text.write(UInt8(ascii: " ")) }
                detail[i].write(to: &text)
            }
        }
    }

    /// Writes the cells of one line: the margin, then each cell padded to its column's
    /// width, the padding written only before a later non-empty cell (no trailing blanks).
    struct LineWriter {
        /// Blanks owed before the next cell.
        private var pending = Layout.margin

        /// Writes one cell (`body` writes it and returns its width in columns).
        mutating func cell(width: Int, to text: inout TextBuffer, _ body: (inout TextBuffer) -> Int) {
            AreaTable.writeSpaces(pending, to: &text)
            let written = body(&text)
            pending = Swift.max(0, width - written) + Layout.margin
        }

        /// Skips an empty cell of a column `width` wide.
        mutating func skip(width: Int) { pending += width + Layout.margin }
    }

    /// The width of the backend's name (``backendName(_:)``).
    /// - Complexity: O(1)
    static func backendWidth(_ area: Area) -> Int {
        switch area.backend.sim {
        case .none: 4
        case .alloc(let populate): populate ? 9 : 5
        case .linear(let offset): 7 + hexWidth(area.start.rawValue &- offset)
        }
    }

    /// Writes the backend's name (``backendName(_:)``) and returns its width.
    /// - Complexity: O(1)
    static func writeBackend(_ area: Area, to text: inout TextBuffer) -> Int {
        switch area.backend.sim {
        case .none: text.write("none")
        case .alloc(let populate): text.write(populate ? "alloc+pop" : "alloc")
        case .linear(let offset):
            text.write("linear ")
            text.writeHex(area.start.rawValue &- offset)
        }
        return backendWidth(area)
    }
}
