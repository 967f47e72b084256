import BenchKit
import MemorySetCore

/// `memory-set bench FILE`: times the commands of a session file.
///
/// The whole file is parsed first (not timed); a line that does not parse
/// stops the benchmark before anything runs. Then each command runs through
/// the session's executor (the same code as the REPL, with its undo
/// snapshots) with no rendering, and is timed on its own; the report has one
/// line per command word. `source`, `save`, `load`, `export`, `help` and
/// `quit` are not run (they do I/O or end the session), and nor is anything
/// after `quit`.
public enum SessionBenchmark {
    /// Benchmarks the session `text`, read from `file`.
    ///
    /// - Parameters:
    ///   - text: The session file's contents.
    ///   - file: Its name, for error messages.
    ///   - backend: `none` (no page table) or `mmu` (the simulator, whose
    ///     areas are lazily allocated unless the file says otherwise).
    /// - Returns: The report, or `FILE:LINE: error: SyntaxError: …` for the
    ///   first line that does not parse.
    /// - Complexity: O(size of the file) to parse, plus each command's cost.
    public static func run(text: String, file: String, backend: BenchBackend) -> Result<BenchReport, BenchmarkInputError> {
        var commands: [ParsedCommand] = []
        var lineNumber = 0
        parsing: for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            for segment in Lexer.segments(of: String(line)) {
                let parsed: ParsedCommand
                switch Parser.parse(segment) {
                case .failure(let failure):
                    return .failure(BenchmarkInputError(
                        message: "\(file):\(lineNumber): error: \(failure.error.kind.rawValue): \(failure.error.message)"))
                case .success(let p):
                    parsed = p
                }
                switch parsed.command {
                case .quit: break parsing
                case .source, .save, .help, .load, .export: continue
                default: commands.append(parsed)
                }
            }
        }

        var session = Session()
        let mode: BackendMode = backend == .mmu ? .mmu : .none
        let setup = ParsedCommand(word: "set", command: .set(.backend(mode)), tokens: [])
        _ = try? session.run(setup)
        var report = BenchReport()
        let start = monotonicNanoseconds()
        for parsed in commands {
            let t0 = monotonicNanoseconds()
            _ = try? session.run(parsed)
            report.record(parsed.word, nanoseconds: monotonicNanoseconds() &- t0)
        }
        report.totalNanoseconds = monotonicNanoseconds() &- start
        return .success(report)
    }
}

/// A session file that cannot be benchmarked: the message says where and why.
public struct BenchmarkInputError: Error, Sendable, CustomStringConvertible {
    /// `FILE:LINE: error: SyntaxError: …`.
    public var message: String
    public var description: String { message }
}
