import MemorySetCore
import MMUSim

extension Shell {
    /// The most skipped lines `load` lists one by one (human output).
    static let maxListedSkips = 5

    /// `load maps FILE` / `load pid PID|self`: reads the file (`/proc/PID/maps` for a pid)
    /// through the shell's file system, parses it (all lines first),
    /// then loads it in one undoable step (see ``Session/load(_:from:force:text:)``).
    /// - Throws: `BadState` when the file cannot be read (for a pid: no such process, or
    ///   not allowed); `SyntaxError` `FILE:LINE:` for a malformed line; the errors of
    ///   ``Session/load(_:from:force:text:)``. Nothing is loaded on any error.
    /// - Complexity: O(length of the file) plus the cost of the maps.
    func load(_ given: LoadSource, force: Bool, text: String) throws(ShellError) -> LoadSummary {
        // A file named inside a session file is relative to it (the messages show the path read).
        var source = given
        if case .file(let file) = given { source = .file(resolve(file)) }
        let path = source.path
        let contents: String
        do {
            contents = String(decoding: try files.read(path, Shell.maxFileSize), as: UTF8.self)
        } catch {
            var failure = error.readFailure("load \(source.keyword)", path)
            if case .pid(let pid) = source, error == .noSuchFile { failure.message += " (is there a process \(pid)?)" }
            throw failure
        }
        let entries: [MapsFormat.Entry]
        do {
            entries = try MapsFormat.parse(contents, file: path)
        } catch {
            throw .syntax("load \(source.keyword): \(error.message); nothing loaded")
        }
        return try session.load(entries, from: source, force: force, text: text)
    }

    /// `export maps [FILE]`: the areas in `/proc/PID/maps` format (see
    /// ``MapsFormat/line(start:end:flags:label:)``), written atomically to FILE, or returned
    /// to be printed.
    /// - Throws: `BadState` when FILE cannot be written; `Interrupted` when ``cancellation``
    ///   says stop (polled every 4096 areas; nothing written).
    /// - Complexity: O(n) for n areas.
    func export(to file: String?) throws(ShellError) -> CommandResult {
        let state = session.state
        var text = ""
        for (i, area) in state.set.enumerated() {
            // Ctrl-C: every 4096 areas, before anything is written.
            if i & 4095 == 4095 && session.cancellation.isCancelled { throw .interrupted }
            text += MapsFormat.line(start: area.start.rawValue, end: area.end.rawValue, flags: area.flags,
                                    label: state.label(of: area))
        }
        let target = file.map(resolve)
        if let target { try writeFile(text, to: target, word: "export") }
        return .export(file: target, areas: state.set.count, text: text)
    }

    /// The `warning:` lines of the skipped lines (at most ``maxListedSkips``, then a count).
    static func loadWarnings(_ summary: LoadSummary) -> String {
        var out = ""
        for skip in summary.skipped.prefix(maxListedSkips) {
            out += "warning: \(summary.source.path):\(skip.line): [\(hex(skip.start)), \(hex(skip.end)))"
                + (skip.label.map { " " + $0 } ?? "") + " is outside the address space: skipped\n"
        }
        if summary.skipped.count > maxListedSkips {
            out += "warning: \(summary.skipped.count - maxListedSkips) more lines outside the address space skipped\n"
        }
        return out
    }

    /// `loaded 23 areas from FILE (1 line outside the address space skipped)`.
    static func loadSummaryLine(_ summary: LoadSummary) -> String {
        let n = summary.loaded, s = summary.skipped.count
        var line = "loaded \(n) area\(n == 1 ? "" : "s") from \(summary.source.path)"
        let replaced = summary.changes.filter { $0.kind != .added }.count
        var notes: [String] = []
        if replaced > 0 { notes.append("\(replaced) existing area\(replaced == 1 ? "" : "s") unmapped or cut") }
        if s > 0 { notes.append("\(s) line\(s == 1 ? "" : "s") outside the address space skipped") }
        if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
        return line + "\n"
    }
}
