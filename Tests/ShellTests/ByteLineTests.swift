import Testing
@testable import Shell

/// ``Shell/execute(utf8:at:output:)``: a line given as bytes prints exactly what the same
/// line given as a `String` prints (``Shell/execute(line:at:)``), every kind of line.
@Suite struct ByteLineTests {
    /// A session of every kind of line: the usual ones (read the fast way), errors of the
    /// fast commands (overlap, bad range), `;`, comments, blank lines, other commands,
    /// non-ASCII words, undo and redo of byte lines, `quit`.
    static let session: [[UInt8]] = [
        "map 0x1000 +0x4000 rw", "map 0x44cb000 +0x1000 rwx --force", "  map\t0x10000   0x14000 r-x  \r",
        "map 0x2000 +4K r", "unmap 0x5000 0x1000", "protect 0x2000 +4K r", "find 0x2000", "find 0x100000",
        "unmap 0x1000 +4K", "", "   ", "# a comment", "map 0x20000 +4K rw # note", "map 0x30000 +4K rw; find 0x30000",
        "map 0x40000 +4K rw; bogus; find 0x40000", "areas", "undo", "undo", "redo", "MAP 0x50000 +4K rw",
        "find é", "map 0x60000 +4K \"rw\"", "map 0x1000 +4K rwq", "find 0xzz", "unmap 0 0xffffffffffffffff",
        "view 0x1000 +64K", "stats", "undo", "undo",
    ].map { Array($0.utf8) } + [
        [0x66, 0x69, 0x6e, 0x64, 0x20, 0xff, 0xfe],                 // find + invalid UTF-8
        [0x6d, 0x61, 0x70, 0x20, 0x30, 0x20, 0x34, 0x4b, 0x20, 0x72, 0x0a, 0x66, 0x69, 0x6e, 0x64, 0x20, 0x30], // two lines
        Array("quit".utf8), Array("map 0x70000 +4K rw".utf8),
    ]

    /// What `execute(utf8:)` gives for `bytes`, with the lent texts put back into the output.
    static func execute(_ shell: Shell, _ bytes: [UInt8], line number: Int) -> ShellOutput {
        let location = SourceLocation(file: "<stdin>", line: number)
        // A copy that is overwritten right after the call: nothing may keep pointing at it.
        var scratch = bytes
        defer { for i in scratch.indices { scratch[i] = 0x3f } }
        return scratch.withUnsafeBufferPointer { line in
            var lent = (stdout: "", stderr: "", calls: 0)
            var out = shell.execute(utf8: line, at: location) { stdout, stderr in
                lent.stdout += String(decoding: stdout, as: UTF8.self)
                lent.stderr += String(decoding: stderr, as: UTF8.self)
                lent.calls += 1
            }
            #expect(out.stdout.isEmpty && out.stderr.isEmpty)
            #expect(lent.calls == 1)
            out.stdout = lent.stdout
            out.stderr = lent.stderr
            return out
        }
    }

    @Test(arguments: [(false, false, false), (false, true, false), (true, true, false), (false, false, true),
                      (true, false, false)])
    func sameOutputAsText(json: Bool, render: Bool, interactive: Bool) {
        let bytes = makeShell(json: json, render: render, interactive: interactive)
        let text = makeShell(json: json, render: render, interactive: interactive)
        for (n, line) in Self.session.enumerated() {
            let location = SourceLocation(file: "<stdin>", line: n + 1)
            let expected = text.execute(line: String(decoding: line, as: UTF8.self), at: location)
            let got = Self.execute(bytes, line, line: n + 1)
            #expect(got == expected, "line \(n + 1): \(String(decoding: line, as: UTF8.self))")
        }
        #expect(bytes.failedCommands == text.failedCommands)
        #expect(areas(bytes) == areas(text))
    }

    /// The undo history keeps the text of a command read from bytes (made when it is
    /// recorded), not the bytes, which the caller reuses.
    @Test func undoTextOutlivesTheBytes() {
        let shell = makeShell(render: false)
        for line in ["map 0x1000 +4K rw", "protect 0x1000 +4K r", "unmap 0x1000 +4K"] {
            _ = Self.execute(shell, Array(line.utf8), line: 1)
        }
        #expect(run(shell, "undo", "undo", "undo").stdout
            == "undone: unmap 0x1000 +4K\nundone: protect 0x1000 +4K r\nundone: map 0x1000 +4K rw\n")
    }

    /// Words of 47 bytes and fewer are kept in the undo entry (``History/InlineWords``),
    /// longer ones in a `String` of the line: either way undo shows them, after the caller
    /// reused the bytes, with blanks and a comment around them left out.
    @Test(arguments: [0, 1, 13, 14, 15, 40])
    func undoTextAtTheInlineLimit(padding: Int) {
        // `map 0x1000 +4K rw` is 17 bytes; the zeros make it 17 + padding (31 to 57 here
        // with padding 14 to 40: on both sides of 47).
        let words = "map 0x" + String(repeating: "0", count: padding) + "1000 +4K rw"
        let shell = makeShell(render: false)
        _ = Self.execute(shell, Array("  \(words)  # note".utf8), line: 1)
        #expect(run(shell, "undo").stdout == "undone: \(words)\n")
        #expect(run(shell, "redo").stdout == "redone: \(words)\n")
    }

    /// `set echo` style options that print the line itself go the usual way, same output.
    @Test func echoedLines() {
        var options = ShellOptions(color: false, render: false, interactive: false)
        options.echo = true
        let bytes = Shell(options: options), text = Shell(options: options)
        for (n, line) in ["map 0x1000 +4K rw", "find 0x1000", "bogus"].enumerated() {
            let location = SourceLocation(file: "<stdin>", line: n + 1)
            #expect(Self.execute(bytes, Array(line.utf8), line: n + 1) == text.execute(line: line, at: location))
        }
    }
}
