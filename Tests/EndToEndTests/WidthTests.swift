import Foundation
import Testing

/// The width the human output fits: 80 columns when piped, `COLUMNS` when it says otherwise,
/// the terminal's own width in the REPL (whatever `COLUMNS` says).
@Suite("Output width")
struct WidthTests {
    /// A session whose tables have labels, 48-bit addresses and every change word.
    let session = """
        map 0x400000 0x401000 r --label /usr/lib/x86_64-linux-gnu/libc.so.6
        map 0x401000 0x479000 rx --label /usr/lib/x86_64-linux-gnu/libc.so.6
        map 0x7ffff7dd3000 0x7ffff7dfc000 rw --label /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
        unmap 0x7ffff7dd3000 0x7ffff7dd4000
        unmap 0x7ffff7de0000 0x7ffff7de1000
        protect 0x401000 0x402000 r
        map 0x400000 0x402000 rw --force --label [heap]
        areas
        clear

        """

    /// The widest line of `text`, in columns (Unicode scalars: the output is ASCII, `…`, `→`).
    func widest(_ text: String) -> Int {
        text.split(separator: "\n").map { $0.unicodeScalars.count }.max() ?? 0
    }

    @Test("COLUMNS=60, piped: no line is wider than 60 columns")
    func columns60() throws {
        let result = try runMemorySet([], input: session, environment: ["COLUMNS": "60"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(widest(result.stdout) <= 60, "\(result.stdout)")
        #expect(result.stdout.contains("shrink-left") && result.stdout.contains("→"))
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("|") && $0.unicodeScalars.count == 60 })
    }

    @Test("Piped without COLUMNS: 80 columns; COLUMNS=100: the bar takes 100 and the before → after stays on its row")
    func defaultAndWide() throws {
        let plain = try runMemorySet([], input: session, environment: [:])
        #expect(plain.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }.allSatisfy { $0.count == 80 })
        let input = "map 0x1000 0x3000 r\nmap 0x6000 0x9000 rx\ntouch 0x8000 r\nmap 0x2000 0x7000 rwx --force\n"
        let wide = try runMemorySet([], input: input, environment: ["COLUMNS": "100"])
        let lines = wide.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("|") }.allSatisfy { $0.count == 100 }, "\(wide.stdout)")
        #expect(lines.contains("  0x1000  0x2000  4 KiB   r---   alloc    0 B    shrink-right  [0x1000, 0x3000) → [0x1000, 0x2000)"),
                "\(wide.stdout)")
        #expect(lines.contains("  0x7000  0x9000  8 KiB   r-x-   alloc    4 KiB  shrink-left   [0x6000, 0x9000) → [0x7000, 0x9000)"),
                "\(wide.stdout)")
        // At 80 columns the same table puts the before → after on continuation lines.
        let narrow = try runMemorySet([], input: input, environment: [:])
        #expect(narrow.stdout.contains("  0x1000  0x2000  4 KiB   r---   alloc    0 B    shrink-right\n    [0x1000, 0x3000) → [0x1000, 0x2000)\n"),
                "\(narrow.stdout)")
    }

    @Test("In the REPL the terminal's width (100) wins over COLUMNS")
    func terminalWins() throws {
        let repl = try PseudoTerminalSession(environment: ["COLUMNS": "60"])
        #expect(repl.expect("> "), "no prompt: \(repl.transcript)")
        let mark = repl.mark
        try repl.type("map 0x1000 0x4000 rw\r")
        let out = repl.read(from: mark) { withoutEscapes($0).contains("legend:") && $0.hasSuffix("> ") }
        let bar = withoutEscapes(out).split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first { $0.hasPrefix("after  |") }
        #expect(bar?.count == 100, "\(repl.transcript)")
        try repl.type("\u{4}")
        _ = repl.waitForExit()
    }
}
