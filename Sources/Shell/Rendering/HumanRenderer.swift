import MemorySetCore
import MMUSim

/// The human-readable output of every command.
///
/// ```
/// map 0x1000 0x4000 rw            (--no-render)     added [0x1000, 0x4000) rw--
/// map 0x1000 0x4000 rw            (default)         the area table, then the bar:
///                                                     START   END     SIZE    FLAGS ...
///                                                   |...www.................|
/// bogus                           (stderr)          test:1: error: SyntaxError: ...
/// ```
/// Results go to stdout (the warnings of `load` to stderr); failures to stderr as
/// `error: Kind: message`, prefixed with `FILE:LINE: ` outside an interactive session.
struct HumanRenderer {
    /// Colors (or none).
    let ansi: ANSI
    /// `false` for `--no-render`: results only, no area table or bar.
    let showsState: Bool
    /// The width the table and the bar must fit in.
    let width: Int
    /// `set show before-after` (``ShellOptions/beforeAfter``; with rendering on): the bars
    /// before and after each set-changing command, and the bar with the marker after
    /// find, free and touch.
    let beforeAfter: Bool

    /// The renderer of `options` (colors, rendering, width).
    /// - Complexity: O(1)
    init(_ options: ShellOptions) {
        ansi = ANSI(enabled: options.color)
        showsState = options.render
        width = options.terminalWidth
        beforeAfter = options.beforeAfter
    }

    /// Writes the output of a successful `command`, `session` being the state after it (read
    /// only; see ``Renderer/render(_:command:before:in:to:)``) and `before` the set before
    /// it, when kept for ``beforeAfter``.
    /// - Complexity: O(length of the output); the table and the bar cost O(log n) searches
    ///   per row and cell (see ``AreaTable`` and ``AddressBar``).
    func render(_ result: CommandResult, command: borrowing ParsedCommand, before: AreaSet?, in session: inout Session,
                to output: inout RenderedText) {
        write(result, &session, command: command, before: before, to: &output.stdout)
        if case .load(let summary) = result { output.stderr.write(Shell.loadWarnings(summary)) }
    }

    /// Writes `error: Kind: message` on stderr, after `FILE:LINE: ` when `location` is given.
    /// - Complexity: O(length of the message)
    /// An interrupted command is not an error of the user's: `interrupted` alone.
    func renderFailure(_ error: ShellError, at location: SourceLocation?, to output: inout RenderedText) {
        if error.kind == .interrupted { return output.stderr.write("interrupted\n") }
        if let location { output.stderr.write("\(location.file):\(location.line): ") }
        output.stderr.write(ansi.paint("error:", "1;31"))
        output.stderr.write(" " + error.kind.rawValue + ": " + error.message + "\n")
    }

    /// Writes the text of `result`.
    /// (`session` is `inout`, read only, as in ``render(_:command:before:in:to:)``: passed on
    /// from there as `borrowing`, it would be moved to the stack and back, 304 bytes twice.)
    private func write(_ result: CommandResult, _ session: inout Session, command: borrowing ParsedCommand,
                       before: AreaSet?, to text: inout TextBuffer) {
        switch result {
        case .changes(let changes):
            if changes.isEmpty {
                text.write(literal: "(no change)\n")
            } else if showsState {
                writeState(session, changes: changes, target: Self.target(of: command.command, result), before: before, to: &text)
            } else {
                writeChangeLines(changes, stoppingAt: session.cancellation, to: &text)
            }
        case let .find(addr, area):
            writeFindLine(addr, area, &session, to: &text)
            if beforeAfter && showsState { writeBar(session, target: Self.target(of: command.command, result), before: nil, to: &text) }
        case let .free(size, address):
            guard let address else { return text.write("free: no free range of \(SizeFormat.human(size))\n") }
            let end = address.adding(size).map { hex($0.rawValue) } ?? "2^64"
            text.write("free: [\(address), \(end)) (\(SizeFormat.human(size)))\n")
            if beforeAfter && showsState { writeBar(session, target: Self.target(of: command.command, result), before: nil, to: &text) }
        case .areas:
            if showsState { return writeState(session, changes: [], to: &text) }
            let state = session.state
            if state.set.isEmpty { return text.write("(no areas)\n") }
            for (i, area) in state.set.enumerated() {
                if session.cancellation.stops(at: i) { text.isCut = true; break }
                text.write(area)
                if let label = state.label(of: area) { text.write("  " + label) }
                text.write(UInt8(ascii: "\n"))
            }
        case let .settings(key, note):
            let s = session.state.settings
            let lines: [(String, String)] = [
                ("page-size", "\(hex(s.pageSize)) (\(SizeFormat.human(s.pageSize)))"),
                ("space", "\(s.space) (\(SizeFormat.human(s.space.size)))"),
                ("backend", s.backend.rawValue),
                ("frames", "\(s.frames) (\(SizeFormat.human(UInt64(s.frames) * Settings.mmuPageSize)))"),
                ("show", beforeAfter ? "before-after" : "after"),
            ]
            for (name, value) in lines where key == nil || key == name {
                text.write(name + (key == nil ? String(repeating: " ", count: 10 - name.count) : " = ") + value + "\n")
            }
            if let note { text.write("note: \(note)\n") }
        case .help(let topic):
            text.write(HumanRenderer.helpText(topic))
        case let .history(undo, done):
            text.write((undo ? "undone: " : "redone: ") + done + "\n")
            if showsState { writeState(session, changes: [], before: before, to: &text) }
        case .reset:
            text.write("reset: no areas, default settings\n")
            if showsState { text.write("(no areas)\n" + bar(session)) }
        case .source, .quit:
            break
        case let .save(file, areas):
            text.write("saved \(areas) area\(areas == 1 ? "" : "s") to \(file)\n")
        case .view(let window):
            text.write("view: \(window) (\(SizeFormat.human(window.size)))\n")
            if showsState { text.write(bar(session)) }
        case let .touch(outcome, access, user):
            text.write("touch \(outcome.address) \(access.rawValue)\(user ? " (user)" : ""): \(outcome)\n")
            if beforeAfter && showsState { writeBar(session, target: Self.target(of: command.command, result), before: nil, to: &text) }
        case let .walk(addr, steps, physical, paging):
            let name = paging.map { " (\($0))" } ?? ""
            text.write("walk \(addr)\(name): " + (physical.map { "pa \(hex($0))" } ?? "not mapped") + "\n")
            for step in steps { text.write("  " + (paging == nil ? step.description : Self.machineStepLine(step)) + "\n") }
        case let .ptDump(window, ranges):
            text.write("mapped ranges" + (window.map { " in \($0)" } ?? "") + ": \(ranges.count)\n")
            for (i, range) in ranges.enumerated() {
                if session.cancellation.stops(at: i) { text.isCut = true; break }
                text.write("  \(range)\n")
            }
        case .stats(let stats):
            text.write("areas: \(session.state.set.count)\n\(stats)\n")
        case .verified:
            let n = session.state.set.count
            text.write("verify: ok (page table consistent with \(n) area\(n == 1 ? "" : "s"))\n")
        case .load(let summary):
            text.write(Shell.loadSummaryLine(summary))
            if showsState { writeState(session, changes: [], before: before, to: &text) }
        case let .export(file, areas, maps):
            guard let file else { return text.write(maps) }
            text.write("exported \(areas) area\(areas == 1 ? "" : "s") to \(file)\n")
        case let .exportSVG(file, picture):
            guard let file else { return text.write(picture.text) }
            let n = picture.areas
            text.write("exported \(n) area\(n == 1 ? "" : "s") as SVG (\(picture.width) x \(picture.height) px) to \(file)\n")
        }
    }

    /// One line per change, e.g.
    /// `split [0x1000, 0x4000) rw-- -> [0x1000, 0x2000) rw--, [0x3000, 0x4000) rw--`.
    /// - Complexity: O(total length)
    /// Stops early when `cancellation` says stop (polled every few thousand lines).
    func writeChangeLines(_ changes: some RandomAccessCollection<Change>, stoppingAt cancellation: PageTable.Cancellation = .never,
                          to text: inout TextBuffer) {
        // By offset, each change read in place (borrowed): an iterator would hold a copy of
        // the changes (the core's list).
        for i in 0..<changes.count {
            if cancellation.stops(at: i) { text.isCut = true; break }
            writeChangeLine(changes[changes.index(changes.startIndex, offsetBy: i)], to: &text)
        }
    }

    /// The line of one change (see ``writeChangeLines(_:stoppingAt:to:)``).
    /// - Complexity: O(1)
    private func writeChangeLine(_ change: borrowing Change, to text: inout TextBuffer) {
        if ansi.enabled {
            text.write(ansi.change(change.kind.rawValue, change.kind))
        } else {
            text.write(literal: TextBuffer.name(of: change.kind))
        }
        let hasBefore = change.before != nil
        if hasBefore {
            text.write(UInt8(ascii: " "))
            text.write(change.before.unsafelyUnwrapped)
        }
        for j in change.after.indices {
            if j > 0 {
                text.write(literal: ", ")
            } else if !hasBefore {
                text.write(UInt8(ascii: " "))
            } else {
                text.write(literal: " -> ")
            }
            text.write(change.after[j])
        }
        text.write(UInt8(ascii: "\n"))
    }

    /// `0x1000 is in [0x1000, 0x3000) rw-- (8 KiB, alloc, label)` (the backend with the mmu
    /// backend only, the label when the area has one), or `0x5000: no area`.
    private func writeFindLine(_ addr: VirtAddr, _ area: Area?, _ session: inout Session, to text: inout TextBuffer) {
        text.writeHex(addr.rawValue)
        guard let area else { return text.write(literal: ": no area\n") }
        text.write(literal: " is in ")
        text.write(area)
        text.write(literal: " (")
        text.write(SizeFormat.human(area.size))
        if session.state.settings.backend == .mmu {
            text.write(literal: ", ")
            text.write(backendName(area))
        }
        if let label = session.state.label(of: area) {
            text.write(", ")
            text.write(label)
        }
        text.write(literal: ")\n")
    }
}
