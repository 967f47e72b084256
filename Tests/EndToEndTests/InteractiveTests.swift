import Foundation
import Testing

/// The REPL under a pseudo-terminal, driven by keystrokes as a user would.
@Suite("Interactive REPL", .serialized)
struct InteractiveTests {
    @Test("Enter runs a command, Tab completes, Ctrl-C clears the line, Ctrl-D exits 0, history is saved")
    func session() throws {
        let directory = try TemporaryDirectory()
        let history = directory.url.appendingPathComponent("history").path
        let repl = try PseudoTerminalSession(environment: ["MEMORY_SET_HISTORY": history])

        #expect(repl.expect("> "), "no prompt: \(repl.transcript)")

        // Enter: the command runs and its table appears.
        var mark = repl.mark
        try repl.type("map 0x1000 0x4000 rw\r")
        #expect(repl.expect("0x4000", from: mark), "no table after map: \(repl.transcript)")
        #expect(repl.expect("> ", from: mark))

        // Tab completes the command word "unm" to "unmap".
        mark = repl.mark
        try repl.type("unm\t")
        let completed = repl.read(from: mark) { withoutEscapes($0).contains("unmap ") }
        #expect(withoutEscapes(completed).contains("unmap "), "Tab did not complete: \(repl.transcript)")
        mark = repl.mark
        try repl.type("0x2000 0x3000\r")
        #expect(repl.expect("split", from: mark), "unmap did not split: \(repl.transcript)")
        #expect(repl.expect("> ", from: mark))

        // Ctrl-C drops the half-typed line; the REPL stays alive and the line never runs.
        mark = repl.mark
        try repl.type("map 0x9000")
        #expect(repl.expect("0x9000", from: mark))
        try repl.type("\u{3}")
        #expect(repl.expect("^C", from: mark), "no ^C: \(repl.transcript)")
        mark = repl.mark
        try repl.type("areas\r")
        let listing = repl.read(from: mark) { $0.contains("0x3000") && $0.hasSuffix("> ") }
        #expect(listing.contains("0x1000"))
        #expect(listing.contains("0x3000"))
        #expect(!listing.contains("0x9000"))
        #expect(!repl.transcript.lowercased().contains("syntaxerror"))

        // Ctrl-D on an empty line: clean exit, status 0.
        try repl.type("\u{4}")
        let status = repl.waitForExit(timeout: 10)
        #expect(status == 0, "exit status \(String(describing: status)): \(repl.transcript)")

        // libedit's history file encodes blanks as octal escapes (vis(3)).
        let saved = ((try? String(contentsOfFile: history, encoding: .utf8)) ?? "")
            .replacingOccurrences(of: "\\040", with: " ")
        #expect(saved.contains("map 0x1000 0x4000 rw"))
        #expect(saved.contains("areas"))
        #expect(!saved.contains("0x9000"))
    }

    @Test("Up-arrow recalls history from an earlier session; exit exits 0")
    func historyAcrossSessions() throws {
        let directory = try TemporaryDirectory()
        let history = directory.url.appendingPathComponent("history").path
        do {
            let first = try PseudoTerminalSession(environment: ["MEMORY_SET_HISTORY": history])
            #expect(first.expect("> "))
            try first.type("map 0x5000 0x6000 rx\r")
            // Ctrl-D once the prompt is back: typed in the middle of the output (the terminal
            // still in canonical mode), an end of file does not survive the switch to the
            // editor's raw mode.
            #expect(first.expect("(1 area)> "))
            try first.type("\u{4}")
            #expect(first.waitForExit() == 0)
        }
        let second = try PseudoTerminalSession(environment: ["MEMORY_SET_HISTORY": history])
        #expect(second.expect("> "))
        let mark = second.mark
        try second.type("\u{1B}[A\r")  // Up, Enter
        #expect(second.expect("r-x", from: mark), "history not recalled: \(second.transcript)")
        // The output of the line that exits is shown before the process ends.
        let last = second.mark
        try second.type("find 0x5000; exit\r")
        #expect(second.waitForExit() == 0)
        #expect(second.expect("0x5000 is in", from: last), "output lost at exit: \(second.transcript)")
    }

    @Test("On a terminal, output is colored unless NO_COLOR is set, and the bar fits its width")
    func colorAndWidth() throws {
        for noColor in [false, true] {
            let repl = try PseudoTerminalSession(unset: noColor ? [] : ["NO_COLOR"])
            #expect(repl.expect("> "))
            let mark = repl.mark
            try repl.type("map 0x1000 0x4000 rw\r")
            let shown = repl.read(from: mark) { $0.contains("0x4000") && $0.hasSuffix("> ") }
            let colored = shown.contains("\u{1B}[0m") || shown.contains("\u{1B}[1m") || shown.contains("\u{1B}[3")
            #expect(colored == !noColor, "NO_COLOR \(noColor ? "set" : "unset"): \(shown)")
            // The pty is 100 columns wide (80 is the default when not a terminal).
            let widths = withoutEscapes(shown).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).count }
            #expect(widths.max() ?? 0 > 80, "\(widths)")
            #expect(widths.max() ?? 0 <= 100, "\(widths)")
            try repl.type("\u{4}")
            #expect(repl.waitForExit() == 0)
        }
    }

    @Test("With TERM=dumb, --color auto does not color")
    func dumbTerminal() throws {
        let repl = try PseudoTerminalSession(environment: ["TERM_FOR_TESTS": "dumb"], unset: ["NO_COLOR"])
        #expect(repl.expect("> "), "no prompt: \(repl.transcript)")
        let mark = repl.mark
        try repl.type("map 0x1000 0x4000 rw\r")
        let shown = repl.read(from: mark) { $0.contains("0x4000") && $0.hasSuffix("> ") }
        #expect(shown.contains("0x4000"))
        #expect(!shown.contains("\u{1B}["), "escape codes with TERM=dumb: \(shown.debugDescription)")
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }

    @Test("After the terminal is resized, the next command renders at the new width")
    func resize() throws {
        let repl = try PseudoTerminalSession()
        #expect(repl.expect("> "))
        func widths(of line: String) throws -> [Int] {
            let mark = repl.mark
            try repl.type(line + "\r")
            let shown = repl.read(from: mark) { $0.contains("legend") && $0.hasSuffix("> ") }
            return withoutEscapes(shown).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).count }
        }
        let before = try widths(of: "map 0x1000 0x4000 rw")
        #expect(before.max() ?? 0 > 80 && before.max() ?? 0 <= 100, "\(before)")
        // As a terminal emulator does: set the size on the terminal; the driver sends SIGWINCH.
        let slave = try #require(
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(repl.pid)/fd/0"))
        let descriptor = open(slave, O_RDWR | O_NOCTTY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var size = winsize(ws_row: 30, ws_col: 60, ws_xpixel: 0, ws_ypixel: 0)
        try #require(ioctl(descriptor, UInt(TIOCSWINSZ), &size) == 0)
        let after = try widths(of: "areas")
        #expect(after.max() ?? 0 > 40 && after.max() ?? 0 <= 60, "\(after)")
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }

    @Test("memory-set | cat at a terminal: each command's output comes before the next prompt")
    func outputPipedToTerminal() throws {
        // stdin and stderr are the terminal, stdout a pipe to `cat`, which writes to the
        // terminal: the prompt (on stderr) must wait until `cat` has taken the output.
        let pipeline = "'\(Binary.url.path)' --color never | cat"
        let repl = try PseudoTerminalSession(executable: "/bin/sh", arguments: ["-c", pipeline])
        #expect(repl.expect(")> "), "no prompt: \(repl.transcript)")
        var misordered: [String] = []
        for index in 0..<50 {
            let mark = repl.mark
            let address = "0x\(String(0x1000 * index, radix: 16))"
            try repl.type("find \(address)\r")
            let shown = repl.read(from: mark) { $0.contains("no area") && $0.contains(")> ") }
            guard let output = shown.range(of: "no area"), let prompt = shown.range(of: ")> "),
                output.lowerBound < prompt.lowerBound
            else {
                misordered.append(shown.debugDescription)
                continue
            }
        }
        #expect(misordered.isEmpty, "\(misordered.count) of 50 prompts came before the output: \(misordered.prefix(3))")
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }

    @Test("After source, Tab completes file names")
    func fileNameCompletion() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.file("demo_session.mset", "map 0x7000 0x8000 rx\n")
        let repl = try PseudoTerminalSession()
        #expect(repl.expect("> "))
        let mark = repl.mark
        // Only "demo" is typed: the file runs only if Tab completed its name. (The drawn line
        // may wrap at the terminal's width, so the echo is not compared.)
        try repl.type("source \(directory.url.path)/demo\t")
        repl.read(from: mark, timeout: 1) { withoutEscapes($0).contains("_sess") }
        try repl.type("\r")
        #expect(repl.expect("0x8000", from: mark), "the completed file did not run: \(repl.transcript)")
        #expect(!repl.transcript.contains("no such file"))
        // Ctrl-D at the prompt (an end of file typed during the output would not survive the
        // editor's switch to raw mode).
        repl.read(from: mark) { withoutEscapes($0).hasSuffix("> ") }
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }

    @Test("Errors in the REPL go to the terminal without a FILE:LINE location")
    func errorsWithoutLocation() throws {
        let repl = try PseudoTerminalSession()
        #expect(repl.expect("> "))
        let mark = repl.mark
        try repl.type("frobnicate\r")
        let shown = repl.read(from: mark) { $0.lowercased().contains("error") && $0.hasSuffix("> ") }
        #expect(shown.lowercased().contains("error"))
        #expect(!shown.contains("<stdin>:"))
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }
}

/// `text` without ANSI CSI sequences (`ESC [ … final-byte`) and control characters other than
/// newline: the cursor motions, bells and colors a line editor mixes into what it draws.
func withoutEscapes(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        guard scalar == "\u{1B}" else {
            if scalar == "\n" || scalar.value >= 0x20 { result.append(scalar) }
            continue
        }
        guard let next = scalars.next(), next == "[" else { continue }
        while let inner = scalars.next(), !(0x40...0x7E).contains(inner.value) {}
    }
    return String(result)
}
