import MemorySetCore
import MMUSim

extension Shell {
    /// Runs a session file: every line with `FILE:LINE:` locations (even in interactive
    /// mode), until its end or `quit`. An unreadable file is one failed command.
    /// - Complexity: the cost of its commands.
    public func runFile(path: String) -> ShellOutput {
        var out = ShellOutput()
        let totals = runFile(path: path) { out.append($0) }
        out.shouldExit = totals.shouldExit
        return out
    }

    /// Runs a session file like ``runFile(path:)`` but hands over the output of each line as
    /// soon as it is produced (so stdout and stderr stay interleaved in order).
    ///
    /// With `stepping` (`memory-set --step FILE`), the file is a presentation paced by
    /// ``pacer``: each command is shown after the prompt as if typed, the pacer waits, then
    /// the command runs (its errors shown as in the REPL, without `FILE:LINE:`); comment lines
    /// are narration; files it sources and `load strace` calls are stepped too. A `q` ends
    /// the run with `shouldExit` set (the caller runs no further file).
    /// - Parameters:
    ///   - stepping: Whether to step the file; with a pacer that cannot wait, the file is not
    ///     read and one failure says why (`BadState`).
    ///   - perLine: Called once per line (blank and comment lines included, with an
    ///     empty output), and once for an unreadable file.
    /// - Returns: The totals (commands, failures, `shouldExit`) with empty texts: the texts
    ///   were already given to `perLine` (or, stepping, to the pacer).
    /// - Complexity: the cost of its commands.
    public func runFile(path: String, stepping: Bool = false, perLine: (ShellOutput) -> Void) -> ShellOutput {
        var total = ShellOutput()
        func deliver(_ out: ShellOutput) {
            totalFailures += out.failures
            total.commands += out.commands
            total.failures += out.failures
            total.shouldExit = total.shouldExit || out.shouldExit
            total.interrupted = total.interrupted || out.interrupted
            perLine(out)
        }
        let bytes: [UInt8]
        do throws(ShellError) {
            if stepping && !pacer.isAvailable { throw Shell.noPacerError(word: nil) }
            bytes = try readSessionFile(path, word: nil)
        } catch {
            var out = ShellOutput()
            fail(word: nil, error, at: SourceLocation(file: path, line: 0), inFile: false, into: &out)
            deliver(out)
            return total
        }
        sourceStack.append(path)
        defer { sourceStack.removeLast() }
        let outermost = stepping && beginStepping()
        defer { endStepping(outermost) }
        let stepped = stepping || stepState.active
        Shell.forEachLine(of: bytes) { line, number in
            var out = ShellOutput()
            let location = SourceLocation(file: path, line: number)
            if stepped { step(line: line, at: location, into: &out) } else { runPolling(line: line, at: location, into: &out) }
            deliver(out)
            return !out.shouldExit && !out.interrupted && !stepState.quit
        }
        if stepState.quit { total.shouldExit = true }
        return total
    }

    /// Runs the lines of `file` (lossy UTF-8; `\n` or `\r\n` line ends); a command's path
    /// is resolved by the caller (``resolve(_:)``).
    ///
    /// `source --step` (`stepping`), and any `source` inside a stepped run, steps the file
    /// (``step(line:at:into:)``): `q` ends it (and the run it is part of), Ctrl-C at a wait
    /// stops it as `interrupted`.
    /// - Throws: `BadState` when the file cannot be read (see ``readSessionFile(_:word:)``),
    ///   `source` nests too deep, or `--step` is given and ``pacer`` cannot wait (no terminal):
    ///   nothing is run then.
    func source(file: String, stepping: Bool = false, into out: inout ShellOutput) throws(ShellError) {
        guard sourceStack.count < Shell.maxSourceDepth else {
            throw .badState("source: files nested more than \(Shell.maxSourceDepth) deep (does \(Token.show(file)) source itself?)")
        }
        if stepping && !pacer.isAvailable { throw Shell.noPacerError(word: "source") }
        let bytes = try readSessionFile(file, word: "source")
        sourceStack.append(file)
        defer { sourceStack.removeLast() }
        let outermost = stepping && beginStepping()
        defer { endStepping(outermost) }
        let stepped = stepping || stepState.active
        Shell.forEachLine(of: bytes) { line, number in
            let location = SourceLocation(file: file, line: number)
            if stepped { step(line: line, at: location, into: &out) } else { runPolling(line: line, at: location, into: &out) }
            return !out.shouldExit && !out.interrupted && !stepState.quit
        }
    }

    /// Runs a line of a file, unless ``cancellation`` says stop: then reports the line as
    /// interrupted (a file of many short commands stops between two of them).
    func runPolling(line: String, at location: SourceLocation, into out: inout ShellOutput) {
        if session.cancellation.isCancelled {
            fail(word: nil, .interrupted, at: location, inFile: true, into: &out)
            return
        }
        run(line: line, at: location, inFile: true, into: &out)
    }

    /// The lines of a text: `\n` or `\r\n` end a line, a lone `\r` does not (``LineBreak``). A
    /// text ending in a line break has a last, empty line; "" is one empty line.
    /// - Complexity: O(length of the text)
    static func lines(of text: String) -> [Substring] {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var lines: [Substring] = []
        var start = 0
        utf8.withContiguousStorageIfAvailable { bytes in
            while let (lineEnd, next) = LineBreak.next(in: bytes, from: start) {
                lines.append(text[index(start)..<index(lineEnd)])
                start = next
            }
        }
        lines.append(text[index(start)...])
        return lines
    }

    /// Calls `body` with each line of a file's bytes and its number (from 1), in order, until
    /// `body` returns false. Lines are cut as in ``lines(of:)`` (``LineBreak``: a file ending in
    /// a line break has a last, empty line) and decoded as UTF-8 with invalid bytes replaced by
    /// U+FFFD, which gives the same lines as decoding the whole file first (a `\n` byte is never
    /// part of a UTF-8 sequence, so decoding resynchronizes at every line break).
    /// A UTF-8 byte-order mark (EF BB BF) at the start of the file is skipped.
    /// - Complexity: O(size of the file), plus the cost of `body`.
    static func forEachLine(of data: [UInt8], _ body: (String, Int) -> Bool) {
        data.withUnsafeBufferPointer { bytes in
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var number = 1
            while let (lineEnd, next) = LineBreak.next(in: bytes, from: start) {
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]), as: UTF8.self)
                guard body(line, number) else { return }
                start = next
                number += 1
            }
            _ = body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self), number)
        }
    }

    /// The most bytes a command reads from one file (`source`, `load`, a session file run):
    /// 64 MiB. A longer file (or an endless stream such as `/dev/zero`) is an error.
    static let maxFileSize = 64 << 20

    /// The contents of the session file `path`, through the shell's file system.
    /// - Throws: `BadState` `WORD: cannot read 'PATH': why` (``FileError/reason``; no
    ///   `WORD: ` for a file run by ``runFile(path:)``).
    /// - Complexity: O(size of the file)
    func readSessionFile(_ path: String, word: String?) throws(ShellError) -> [UInt8] {
        do {
            return try files.read(path, Shell.maxFileSize)
        } catch {
            throw error.readFailure(word, path)
        }
    }

    /// `path` as a file command inside a session file means it: a relative path is relative
    /// to the directory of the file being run (innermost `source` first), so a session runs
    /// the same from any directory. Absolute paths, `~` paths, and every path typed in the
    /// REPL or given with `-c` (no file being run) are left as they are (the current
    /// directory).
    ///
    /// ```
    ///   running           path                 resolved
    ///   Sessions/a.mset   maps/static.maps     Sessions/maps/static.maps
    ///   /srv/b.mset       ../x.mset            /srv/../x.mset
    ///   a.mset            x.mset               x.mset
    ///   (REPL, -c)        x.mset               x.mset
    /// ```
    /// - Complexity: O(length of the paths)
    func resolve(_ path: String) -> String {
        guard let file = sourceStack.last, let first = path.utf8.first,
              first != UInt8(ascii: "/"), first != UInt8(ascii: "~"),
              let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(file[...slash]) + path
    }

    /// Writes a session file rebuilding the current settings and areas (atomically, see
    /// ``ShellFileSystem/write(_:to:)``).
    /// - Returns: The number of areas written.
    /// - Throws: `BadState` when the file cannot be written.
    /// - Complexity: O(n) for n areas.
    func save(to path: String) throws(ShellError) -> Int {
        guard let text = sessionText() else { throw .interrupted }
        try writeFile(text, to: path, word: "save")
        return session.state.set.count
    }

    /// Writes `text` to `path` through the shell's file system: all of it or, on failure,
    /// nothing (the old file is left as it was).
    /// - Throws: `BadState` (`WORD: cannot write 'PATH': why`, ``FileError/reason``).
    /// - Complexity: O(length of the text)
    func writeFile(_ text: String, to path: String, word: String) throws(ShellError) {
        do {
            try files.write(Array(text.utf8), path)
        } catch {
            throw .badState("\(word): cannot write \(Token.show(path)): \(error.reason)")
        }
    }

    /// `touch` lines that fault in again the pages of a lazy (`--alloc`) area that are mapped
    /// now, with an access its flags allow; "" for other areas.
    /// - Complexity: O(mapped pages of the area)
    func faultedPages(of area: Area, in pageTable: PageTable) -> String {
        guard case .alloc(populate: false) = area.backend.sim else { return "" }
        let access = area.flags.contains(.read) ? "r" : area.flags.contains(.write) ? "w"
            : area.flags.contains(.execute) ? "x" : nil
        guard let access else { return "" }
        var text = ""
        for range in pageTable.mappedRanges(in: area.range) {
            var page = range.start.rawValue
            while page < range.end.rawValue {
                text += "touch \(hex(page)) \(access)\n"
                page += PageTable.pageSize
            }
        }
        return text
    }

    /// The session file of the current state: `reset`, the non-default settings, one `map`
    /// per area with its backend options and `--label`, then a `touch` per page faulted in a lazy area.
    /// `nil` when the shell's cancellation said stop (polled every 4096 areas): nothing is
    /// written then.
    /// - Complexity: O(n + faulted pages)
    func sessionText() -> String? {
        let state = session.state
        let settings = state.settings
        let defaults = Settings()
        var text = "# memory-set session: \(state.set.count) area\(state.set.count == 1 ? "" : "s")\nreset\n"
        if settings.backend == .none { text += "set backend none\n" }
        if settings.pageSize != defaults.pageSize { text += "set page-size \(hex(settings.pageSize))\n" }
        if settings.space != defaults.space { text += "set space \(settings.space.start) \(settings.space.end)\n" }
        if settings.frames != defaults.frames { text += "set frames \(settings.frames)\n" }
        var touches = ""
        for (i, area) in state.set.enumerated() {
            if session.cancellation.stops(at: i) { return nil }
            let label = state.label(of: area).map { " --label " + Parser.quote($0) } ?? ""
            text += "map \(area.start) \(area.end) \(area.flags)\(backendOptions(area))\(label)\n"
            touches += faultedPages(of: area, in: state.pageTable)
        }
        if !touches.isEmpty { text += "# pages faulted in by touch\n" + touches }
        return text
    }
}
