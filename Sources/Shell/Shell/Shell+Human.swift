import MemorySetCore

extension Shell {
    /// The human-readable output of a successful command.
    func human(_ parsed: ParsedCommand, _ result: CommandResult) -> String {
        let ansi = ANSI(enabled: options.color)
        if case .changes(let changes) = result, !changes.isEmpty, !options.render {
            // The common answer of a piped session, before the (costly) copy of the state.
            return Shell.changeLines(changes, ansi: ansi)
        }
        let state = session.state
        switch result {
        case .changes(let changes):
            guard !changes.isEmpty else { return "(no change)\n" }
            return AreaTable.render(state.set, labels: state.labels, changes: changes, anchor: session.window.start,
                                    showBackend: state.settings.backend == .mmu, ansi: ansi)
                + bar()
        case let .find(addr, area):
            guard let area else { return TextWriter.concatenate(addr.description, ": no area\n") }
            // `0x1000 is in [0x1000, 0x3000) rw-- (8 KiB, alloc, label)`
            let backend = state.settings.backend == .mmu ? backendName(area) : nil
            let label = state.label(of: area)
            return TextWriter.concatenate(
                addr.description, " is in ", area.description, " (", SizeFormat.human(area.size),
                backend == nil ? "" : ", ", backend ?? "", label == nil ? "" : ", ", label ?? "", ")\n")
        case let .free(size, address):
            guard let address else { return "free: no free range of \(SizeFormat.human(size))\n" }
            let end = address.adding(size).map(\.description) ?? "2^64"
            return "free: [\(address), \(end)) (\(SizeFormat.human(size)))\n"
        case .areas:
            if options.render {
                return AreaTable.render(state.set, labels: state.labels, changes: [], anchor: session.window.start,
                                        showBackend: state.settings.backend == .mmu, ansi: ansi)
                    + bar()
            }
            if state.set.isEmpty { return "(no areas)\n" }
            var out = ""
            for area in state.set { out += area.description + (state.label(of: area).map { "  " + $0 } ?? "") + "\n" }
            return out
        case let .settings(key, note):
            var out = ""
            let s = state.settings
            let lines: [(String, String)] = [
                ("page-size", "\(hex(s.pageSize)) (\(SizeFormat.human(s.pageSize)))"),
                ("space", "\(s.space) (\(SizeFormat.human(s.space.size)))"),
                ("backend", s.backend.rawValue),
                ("frames", "\(s.frames) (\(SizeFormat.human(UInt64(s.frames) * Settings.mmuPageSize)))"),
            ]
            for (name, value) in lines where key == nil || key == name {
                out += name + (key == nil ? String(repeating: " ", count: 10 - name.count) : " = ") + value + "\n"
            }
            if let note { out += "note: \(note)\n" }
            return out
        case .help(let topic):
            return Shell.helpText(topic)
        case let .history(undo, text):
            var out = (undo ? "undone: " : "redone: ") + text + "\n"
            if options.render {
                out += AreaTable.render(state.set, labels: state.labels, changes: [], anchor: session.window.start,
                                        showBackend: state.settings.backend == .mmu, ansi: ansi) + bar()
            }
            return out
        case .reset:
            return "reset: no areas, default settings\n" + (options.render ? "(no areas)\n" + bar() : "")
        case .source:
            return ""
        case let .save(file, areas):
            return "saved \(areas) area\(areas == 1 ? "" : "s") to \(file)\n"
        case .view(let window):
            return "view: \(window) (\(SizeFormat.human(window.size)))\n" + (options.render ? bar() : "")
        case .quit:
            return ""
        case .touch, .walk, .ptDump, .stats, .verified:
            return humanMMU(result)
        case .load(let summary):
            var out = Shell.loadSummaryLine(summary)
            if options.render {
                out += AreaTable.render(state.set, labels: state.labels, changes: [], anchor: session.window.start,
                                        showBackend: state.settings.backend == .mmu, ansi: ansi) + bar()
            }
            return out
        case let .export(file, areas, text):
            guard let file else { return text }
            return "exported \(areas) area\(areas == 1 ? "" : "s") to \(file)\n"
        }
    }

    /// The bar of the current view window.
    func bar() -> String {
        AddressBar.render(session.state.set, window: session.window, width: options.terminalWidth,
                          ansi: ANSI(enabled: options.color)) { $0.backend.label == .none ? nil : $0.backend.label.raw }
    }

    /// One line per change, e.g.
    /// `split [0x1000, 0x4000) rw-- -> [0x1000, 0x2000) rw--, [0x3000, 0x4000) rw--`, written
    /// into one string.
    /// - Complexity: O(total length); one allocation for the text and one per area description.
    static func changeLines(_ changes: [Change], ansi: ANSI) -> String {
        let capacity = changes.reduce(0) { $0 + changeLineCapacity($1) }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var line = TextWriter(buffer)
            for change in changes {
                line.write(ansi.change(change.kind.rawValue, change.kind))
                if let before = change.before {
                    line.write(UInt8(ascii: " "))
                    line.write(before)
                }
                for (i, area) in change.after.enumerated() {
                    line.write(i > 0 ? ", " : change.before == nil ? " " : " -> ")
                    line.write(area)
                }
                line.write(UInt8(ascii: "\n"))
            }
            return line.count
        }
    }

    /// An upper bound of the UTF-8 length of the line of `change`: 21 for the word (colors
    /// included), at most 4 + 47 per area (` -> ` or `, `, then
    /// `[0x…(16 digits), 0x…(16 digits)) rwxu`), and the newline.
    /// - Complexity: O(1)
    static func changeLineCapacity(_ change: Change) -> Int {
        22 + (change.after.count + (change.before == nil ? 0 : 1)) * 51
    }

    /// `usage` on lines of at most 80 columns, broken before an option group (` [`) and
    /// continued under the first word after `usage: `.
    static func wrapUsage(_ usage: String) -> String {
        var out = ""
        var rest = Substring(usage)
        while rest.count > 80 {
            let head = rest.prefix(80)
            guard let cut = head.ranges(of: " [").last?.lowerBound, cut > rest.startIndex else { break }
            out += rest[..<cut] + "\n"
            rest = "       " + rest[rest.index(after: cut)...]
        }
        return out + rest + "\n"
    }

    /// `help` or `help CMD`.
    static func helpText(_ topic: String?) -> String {
        if let topic, let info = CommandCatalog.info(topic) {
            var out = Shell.wrapUsage("usage: " + info.usage) + "  \(info.summary)\n"
            for line in info.details { out += "  \(line)\n" }
            out += "example: \(info.example)\n"
            return out
        }
        let width = CommandCatalog.all.map(\.name.count).max() ?? 8
        var out = "commands (`help COMMAND` for its syntax and an example):\n"
        for info in CommandCatalog.all {
            out += "  " + info.name + String(repeating: " ", count: width - info.name.count + 2) + info.summary + "\n"
        }
        out += """
        numbers: 0x1f000, 4096, 0b1010; _ between digits; suffixes K M G T (4K = 4096).
        END may be +SIZE. FLAGS: r w x u in any order, '-' as placeholder: rw, r-x, -.
        `;` separates commands, `#` starts a comment, keywords are case-insensitive.
        bar: r read-only, w writable, x executable, ! writable+executable, o no access
        (uppercase: user), . free, ~~~ an elided gap.

        """
        return out
    }
}
