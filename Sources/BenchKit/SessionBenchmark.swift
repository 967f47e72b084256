import Shell

/// `memory-set bench FILE`: times the commands of a session file.
///
/// The whole file is parsed first (not timed, ``CommandScript``); a line that does not parse
/// stops the benchmark before anything runs. Then each command runs through the session's
/// executor (the same code as the REPL, with its undo snapshots) with no rendering, and is
/// timed on its own; the report has one line per command word. `source`, `save`, `load`,
/// `export`, `help` and `quit` are not run (they do I/O or end the session), and nor is
/// anything after `quit`.
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
        let script: CommandScript
        do {
            script = try CommandScript(text: text, file: file)
        } catch {
            return .failure(BenchmarkInputError(message: error.message))
        }
        var runner = CommandScript.Runner(pageTable: backend == .mmu)
        var report = BenchReport()
        let start = monotonicNanoseconds()
        // A run of commands with the same word is timed as a whole, as the workloads time
        // their loops: two clock reads per command would add their own cost (tens of
        // nanoseconds) to every figure.
        var index = 0
        while index < script.count {
            let word = script.word(at: index)
            var end = index + 1
            while end < script.count && script.word(at: end) == word { end += 1 }
            let t0 = monotonicNanoseconds()
            for i in index..<end { runner.run(script, at: i) }
            report.record(word, count: end - index, nanoseconds: monotonicNanoseconds() &- t0)
            index = end
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
