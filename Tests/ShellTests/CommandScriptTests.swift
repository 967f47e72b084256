import Testing
@testable import Shell
import TestSupport

/// ``CommandScript``: its commands, read from the bytes of the text it keeps, run as the same
/// lines run through the shell, and nothing they leave behind (the undo steps and their
/// texts) points into the text once the script is gone.
@Suite struct CommandScriptTests {
    /// Lines of every kind a script keeps: the usual ones, options, quotes, non-ASCII words,
    /// `;`, comments, blanks, tabs, failing commands, words on both sides of
    /// what an undo slot keeps inline (47 bytes), settings, undo and redo.
    static var lines: [String] {
        // `map 0x8i000 +4K rw` is 18 bytes; the zeros make it 46 to 49.
        let atTheLimit = [28, 29, 30, 31].enumerated().map { i, zeros in
            "map 0x" + String(repeating: "0", count: zeros) + "8\(i)000 +4K rw"
        }
        return [
            "map 0x1000 +0x4000 rw", "  map\t0x10000   0x14000 r-x  ", "map 0x2000 +4K r",
            "map 0x44cb000 +0x1000 rwx --force", "unmap 0x5000 0x1000", "protect 0x2000 +4K r", "find 0x2000",
            "", "   ", "# a comment", "map 0x20000 +4K rw # note", "map 0x30000 +4K rw; find 0x30000; map 0x31000 +4K r",
            "MAP 0x50000 +4K rw", "map 0x60000 +4K \"rw\"", "map 0x1000 +4K rw", "unmap 0 0xffffffffffffffff",
            "map 0x70000 +0x1000 rw --label \"é a\"", "map 0x90000 +4K rw --label " + String(repeating: "x", count: 40),
        ] + atTheLimit + [
            "set frames 64", "map 0xa0000 +8K rw --populate", "undo", "undo", "redo", "protect 0x1000 0x100000 rwx",
            "unmap 0x30000 +4K", "map 0xb0000 +4K rw",
        ]
    }

    /// Everything undo restores, as in ``UndoPropertyTests``.
    func fingerprint(_ session: Session) -> String {
        let state = session.state
        let areas = state.set.map { "\($0) \($0.backend.sim) \($0.backend.label.raw)" }
        return areas.joined(separator: "\n") + "\n\(state.pageTable.mappedRanges())\n\(state.pageTable.stats)\n\(state.settings)"
    }

    @Test(arguments: [false, true])
    func commandsRunAsTheSameLinesInTheShell(pageTable: Bool) throws {
        let shell = makeShell(render: false)
        run(shell, pageTable ? "set backend mmu" : "set backend none")
        var runner = CommandScript.Runner(pageTable: pageTable)
        do {
            let script = try CommandScript(text: Self.lines.joined(separator: "\n"), file: "t.mset")
            for (n, line) in Self.lines.enumerated() {
                _ = shell.execute(line: line, at: SourceLocation(file: "t.mset", line: n + 1))
            }
            for index in 0..<script.count { runner.run(script, at: index) }
        }
        // The script is gone: its text is freed. Memory of the same size, written over,
        // likely takes its place.
        let scratch = [UInt8](repeating: 0x3f, count: Self.lines.joined(separator: "\n").utf8.count)
        #expect(fingerprint(runner.session) == fingerprint(shell.session))
        let steps = shell.session.history.undoCount - 1  // (the backend set first: its text differs)
        #expect(steps > 15 && runner.session.history.undoCount == steps + 1, "\(steps) steps")
        guard let segment = Lexer.segments(of: "undo").first, case .success(let undo) = Parser.parse(segment) else {
            Issue.record("undo does not parse")
            return
        }
        for _ in 0..<steps {
            guard case .history(undo: true, let text)? = try? runner.session.run(undo) else {
                Issue.record("undo failed")
                break
            }
            #expect(run(shell, "undo").stdout == "undone: \(text)\n")
            #expect(fingerprint(runner.session) == fingerprint(shell.session))
        }
        #expect(scratch.allSatisfy { $0 == 0x3f })
    }

    /// The lines are the text's bytes between `\n`s, a `\r\n` is not a break (one character
    /// of the text, as before the script kept bytes), and the numbers in errors count them.
    @Test func linesAndErrors() {
        let text = CommandScript.Text("map 0x1000 +4K rw\n\nfind 0x1000\r\nunmap 0x1000 +4K\n")
        #expect(text.lines.map { String(decoding: $0, as: UTF8.self) }
            == ["map 0x1000 +4K rw", "", "find 0x1000\r\nunmap 0x1000 +4K", ""])
        #expect(CommandScript.Text("").lines.map(\.count) == [0])
        #expect(throws: CommandScript.ParseError.self) { try CommandScript(text: "map 0x1000 +4K rw\n\nmap 0x1000 +4K rq", file: "f") }
        do {
            _ = try CommandScript(text: "map 0x1000 +4K rw\n\nmap 0x1000 +4K rq", file: "f")
        } catch {
            #expect(error.message.hasPrefix("f:3: error: SyntaxError:"))
        }
    }
}
