import Foundation
import MemorySetCore
import MMUSim

extension Shell {
    /// Runs a session file: every line with `FILE:LINE:` locations (even in interactive
    /// mode), until its end or `quit`. An unreadable file is one failed command.
    /// - Complexity: the cost of its commands.
    public func runFile(path: String) -> ShellOutput {
        var out = ShellOutput()
        do {
            try source(file: path, into: &out)
        } catch {
            fail(word: nil, error, at: SourceLocation(file: path, line: 0), inFile: false, into: &out)
        }
        totalFailures += out.failures
        return out
    }

    /// Runs a session file like ``runFile(path:)`` but hands over the output of each line as
    /// soon as it is produced (so stdout and stderr stay interleaved in order).
    /// - Parameter perLine: Called once per line (blank and comment lines included, with an
    ///   empty output), and once for an unreadable file.
    /// - Returns: The totals (commands, failures, `shouldExit`) with empty texts: the texts
    ///   were already given to `perLine`.
    /// - Complexity: the cost of its commands.
    public func runFile(path: String, perLine: (ShellOutput) -> Void) -> ShellOutput {
        var total = ShellOutput()
        func deliver(_ out: ShellOutput) {
            totalFailures += out.failures
            total.commands += out.commands
            total.failures += out.failures
            total.shouldExit = total.shouldExit || out.shouldExit
            perLine(out)
        }
        let data: Data
        do {
            data = try Shell.readFile(path)
        } catch {
            var out = ShellOutput()
            fail(word: nil, error, at: SourceLocation(file: path, line: 0), inFile: false, into: &out)
            deliver(out)
            return total
        }
        sourceStack.append(path)
        defer { sourceStack.removeLast() }
        Shell.forEachLine(of: data) { line, number in
            var out = ShellOutput()
            run(line: line, at: SourceLocation(file: path, line: number), inFile: true, into: &out)
            deliver(out)
            return !out.shouldExit
        }
        return total
    }

    /// Runs the lines of `file` (lossy UTF-8; `\n` or `\r\n` line ends).
    /// - Throws: `BadState` when the file cannot be read or `source` nests too deep.
    func source(file: String, into out: inout ShellOutput) throws(ShellError) {
        guard sourceStack.count < Shell.maxSourceDepth else {
            throw .badState("source: files nested more than \(Shell.maxSourceDepth) deep (does \(Token.show(file)) source itself?)")
        }
        let data = try Shell.readFile(file)
        sourceStack.append(file)
        defer { sourceStack.removeLast() }
        Shell.forEachLine(of: data) { line, number in
            run(line: line, at: SourceLocation(file: file, line: number), inFile: true, into: &out)
            return !out.shouldExit
        }
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
    /// - Complexity: O(size of the file), plus the cost of `body`.
    static func forEachLine(of data: Data, _ body: (String, Int) -> Bool) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
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

    /// The contents of `path`.
    /// - Throws: `BadState` when the file cannot be read (`cannot read 'PATH': why`).
    /// - Complexity: O(size of the file)
    static func readFile(_ path: String) throws(ShellError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw .badState("cannot read \(Token.show(path)): " + (isDirectory.boolValue ? "it is a directory" : "permission denied"))
            }
            throw .badState("cannot read \(Token.show(path)): no such file")
        }
        return data
    }

    /// Writes a session file rebuilding the current settings and areas, atomically: a
    /// temporary file in the same directory, then `rename`.
    /// - Returns: The number of areas written.
    /// - Throws: `BadState` when the file cannot be written.
    /// - Complexity: O(n) for n areas.
    func save(to path: String) throws(ShellError) -> Int {
        try Shell.writeAtomically(sessionText(), to: path, word: "save")
        return session.state.set.count
    }

    /// Writes `text` to `path` atomically: a temporary file in the same directory, then
    /// `rename`; nothing is left behind on failure.
    /// - Throws: `BadState` (`WORD: cannot write 'PATH': why`).
    /// - Complexity: O(length of the text)
    static func writeAtomically(_ text: String, to path: String, word: String) throws(ShellError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temp = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try Data(text.utf8).write(to: temp)
        } catch {
            throw .badState("\(word): cannot write \(Token.show(path)): \(Shell.reason(error))")
        }
        if rename(temp.path, url.path) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw .badState("\(word): cannot write \(Token.show(path)): \(why)")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileNoSuchFileError || ns.code == NSFileWriteNoPermissionError {
            return ns.code == NSFileNoSuchFileError ? "no such directory" : "permission denied"
        }
        return ns.localizedDescription
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
    /// - Complexity: O(n + faulted pages)
    func sessionText() -> String {
        let state = session.state
        let settings = state.settings
        let defaults = Settings()
        var text = "# memory-set session: \(state.set.count) area\(state.set.count == 1 ? "" : "s")\nreset\n"
        if settings.backend == .none { text += "set backend none\n" }
        if settings.pageSize != defaults.pageSize { text += "set page-size \(hex(settings.pageSize))\n" }
        if settings.space != defaults.space { text += "set space \(settings.space.start) \(settings.space.end)\n" }
        if settings.frames != defaults.frames { text += "set frames \(settings.frames)\n" }
        var touches = ""
        for area in state.set {
            let label = state.label(of: area).map { " --label " + Parser.quote($0) } ?? ""
            text += "map \(area.start) \(area.end) \(area.flags)\(backendOptions(area))\(label)\n"
            touches += faultedPages(of: area, in: state.pageTable)
        }
        if !touches.isEmpty { text += "# pages faulted in by touch\n" + touches }
        return text
    }
}
