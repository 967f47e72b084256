import Foundation
import Testing

/// Ctrl-C at the REPL prompt right after a line arrives (pasted, or typed ahead): nothing typed
/// before it may reach the next command, however far the line editor had read (issue 18).
///
/// No delay is put between the line and Ctrl-C. The only waits are for the REPL's own output:
/// the echo of the line's first character (so that Ctrl-C reaches the terminal driver while
/// the editor is in the middle of reading the line, where the bug was), the REPL's `^C`
/// (written once the line is abandoned and pending input dropped) before the next line is
/// typed, and the prompt after that line's output.
@Suite("Ctrl-C at the prompt", .serialized)
struct InterruptAtPromptTests {
    /// The areas of the issue's scenario, made before the interrupted lines.
    static let setUp = ["map 0x1000 0x4000 rw", "unmap 0x2000 0x3000", "areas"]
    /// The line that is interrupted before its Enter.
    static let abandoned = "map 0x9000 0xa000 r"
    /// The line typed after Ctrl-C, and what it must print (no area was ever mapped there).
    static let following = "find 0x9000"
    static let expected = ["0x9000: no area"]

    /// When Ctrl-C is sent after the line.
    enum Timing: CaseIterable, CustomStringConvertible {
        /// In the same `write` as the line.
        case sameWrite
        /// As soon as the editor has echoed the line's first character.
        case afterFirstEcho
        /// The same, the line followed by 100 blanks: the editor takes longer to read it, so
        /// Ctrl-C lands in the middle more often.
        case afterFirstEchoOfLongLine

        var description: String {
            switch self {
            case .sameWrite: "in the same write"
            case .afterFirstEcho: "after the first echo"
            case .afterFirstEchoOfLongLine: "after the first echo of a long line"
            }
        }
    }

    /// What went wrong in one round, or nil.
    ///
    /// A round sends ``abandoned`` and Ctrl-C as `timing` says, waits for the REPL's `^C`,
    /// then types ``following`` and compares what it printed with ``expected``.
    static func round(_ repl: PseudoTerminalSession, timing: Timing) throws -> String? {
        let start = repl.mark
        switch timing {
        case .sameWrite:
            try repl.type(abandoned + "\u{3}")
        case .afterFirstEcho, .afterFirstEchoOfLongLine:
            let blanks = timing == .afterFirstEchoOfLongLine ? String(repeating: " ", count: 100) : ""
            try repl.type(abandoned + blanks)
            repl.read(from: start) { $0.contains("m") }
            try repl.type("\u{3}")
        }
        // Without the REPL's "^C" the line was not abandoned: the editor still holds part of
        // it. (The wait is bounded so that such a round is reported, not hung on.)
        let acknowledged = repl.expect("^C", from: start, timeout: 5)
        let typed = repl.mark
        try repl.type(following + "\r")
        let shown = repl.read(from: typed, timeout: 10) { $0.contains("\n") && $0.hasSuffix("> ") }
        // The first line is the echo of what was typed, the last one the next prompt.
        var lines = withoutEscapes(shown).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard lines.count >= 2, lines.last?.hasSuffix("> ") == true else {
            return "no prompt after `\(following)`: \(withoutEscapes(shown).debugDescription)"
        }
        lines.removeFirst()
        lines.removeLast()
        if lines != expected {
            return "`\(following)` printed \(lines)"
        }
        if !acknowledged { return "no ^C after Ctrl-C" }
        return nil
    }

    /// Starts the REPL and makes the areas of ``setUp``.
    static func start() throws -> PseudoTerminalSession {
        // `find` prints its one line (no bar before and after, on by default in the REPL).
        let repl = try PseudoTerminalSession(arguments: ["--color", "never", "--no-before-after"])
        #expect(repl.expect("> "), "no prompt: \(repl.transcript)")
        for line in setUp {
            let mark = repl.mark
            try repl.type(line + "\r")
            repl.read(from: mark) { $0.contains("\n") && $0.hasSuffix("> ") }
        }
        return repl
    }

    @Test("A line and Ctrl-C sent back to back 200 times: the next command always runs as typed")
    func lineThenInterrupt() throws {
        let repl = try Self.start()
        var failures: [Timing: [String]] = [:]
        for index in 0..<200 {
            let timing = Timing.allCases[index % Timing.allCases.count]
            if let failure = try Self.round(repl, timing: timing) {
                failures[timing, default: []].append("round \(index): \(failure)")
            }
        }
        let count = failures.values.map(\.count).reduce(0, +)
        let report = Timing.allCases.map { "Ctrl-C \($0): \(failures[$0]?.count ?? 0) failed\n" + (failures[$0] ?? []).prefix(3).joined(separator: "\n") }
        #expect(count == 0, "\(count) of 200 rounds failed:\n\(report.joined(separator: "\n"))")
        // Nothing abandoned ever ran: no area at 0x9000, only the two of the set-up.
        let mark = repl.mark
        try repl.type("areas\r")
        let listing = withoutEscapes(repl.read(from: mark) { $0.contains("0x3000") && $0.hasSuffix("> ") })
        #expect(listing.contains("0x1000") && listing.contains("0x3000"), "\(listing)")
        #expect(!listing.contains("0x9000"), "\(listing)")
        try repl.type("\u{4}")
        #expect(repl.waitForExit() == 0)
    }

    @Test("Ctrl-\\ at the prompt quits (SIGQUIT's default action), without a backtrace")
    func quitKey() throws {
        // No core file from the child (the limit is inherited).
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        limit.rlim_cur = 0
        setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        let repl = try Self.start()
        try repl.type("map 0x9000")
        #expect(repl.expect("0x9000"))
        try repl.type("\u{1C}")
        let status = repl.waitForExit(timeout: 10)
        #expect(status == 128 + SIGQUIT, "exit status \(String(describing: status)): \(repl.transcript)")
        #expect(!repl.transcript.contains("Backtrace"), "\(repl.transcript)")
    }

    @Test("The issue's scenario in fresh REPLs: map, unmap, areas, a line cut by Ctrl-C, find")
    func issueScenario() throws {
        var failures: [String] = []
        for run in 0..<12 {
            let repl = try Self.start()
            if let failure = try Self.round(repl, timing: Timing.allCases[run % Timing.allCases.count]) {
                failures.append("run \(run): \(failure)")
            }
            try repl.type("\u{4}")
            if repl.waitForExit() != 0 { failures.append("run \(run): no clean exit: \(repl.transcript)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of 12 runs failed:\n\(failures.joined(separator: "\n"))")
    }
}
