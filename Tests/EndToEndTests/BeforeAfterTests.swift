import Foundation
import Testing

/// `--before-after` / `set show before-after` (#14): the bars before and after each change,
/// on by default in the REPL, off for pipes and files.
@Suite("Before and after bars", .serialized)
struct BeforeAfterTests {
    let input = "map 0x1000 0x4000 rw\nunmap 0x2000 0x3000\n"

    @Test("Piped runs draw the bar after only, unless --before-after")
    func pipedDefaultAndFlag() throws {
        let plain = try runMemorySet([], input: input)
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("before |"))
        #expect(plain.stdout.contains("\n|"))

        let both = try runMemorySet(["--before-after"], input: input)
        #expect(both.status == 0)
        let lines = both.stdoutLines
        let before = lines.filter { $0.hasPrefix("before |") }, after = lines.filter { $0.hasPrefix("after  |") }
        #expect(before.count == 2 && after.count == 2, "\(both.stdout)")
        // The unmap: the hole marked under the after bar, its START and END on the shared axis.
        guard let last = lines.lastIndex(where: { $0.hasPrefix("after  |") }) else { return }
        #expect(lines[last - 1].hasPrefix("before |"))
        #expect(lines[last + 1].trimmingCharacters(in: .whitespaces).allSatisfy { $0 == "^" })
        #expect(lines[last + 2].contains("0x2000") && lines[last + 2].contains("0x3000"), "\(both.stdout)")
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test("set show switches it inside a session; --no-before-after is the piped default")
    func setShowInAFile() throws {
        let result = try runMemorySet(["--no-before-after"], input: "set show before-after\n" + input + "set show after\nmap 0x8000 +4K r\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("show = before-after\n") && result.stdout.contains("show = after\n"))
        #expect(result.stdoutLines.filter { $0.hasPrefix("before |") }.count == 2, "\(result.stdout)")
    }

    @Test("The REPL draws both bars by default, within the terminal's 100 columns")
    func replDefault() throws {
        let repl = try PseudoTerminalSession(environment: ["MEMORY_SET_HISTORY": "/dev/null"])
        #expect(repl.expect("> "), "no prompt: \(repl.transcript)")
        let mark = repl.mark
        try repl.type("map 0x1000 0x4000 rw\r")
        let out = repl.read(from: mark) { withoutEscapes($0).contains("legend:") && $0.hasSuffix("> ") }
        let text = withoutEscapes(out)
        #expect(text.contains("before |") && text.contains("after  |"), "\(repl.transcript)")
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where line.contains("|") {
            #expect(line.count <= 100, "\(line)")
        }
        try repl.type("\u{4}")
        #expect(repl.waitForExit(timeout: 10) == 0)
    }
}
