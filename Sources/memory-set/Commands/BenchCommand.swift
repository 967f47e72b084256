import ArgumentParser
import BenchKit
import Shell

/// `memory-set bench`: times a session file, or a generated workload, with no
/// rendering. Build with `swift build -c release` (`make release`) for figures
/// that mean something.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the commands of a session file, or a generated workload (use a release build).",
        discussion: """
            memory-set bench FILE: parses the whole file first (not timed), then runs its commands \
            with no rendering and prints one line per command word: WORD count=N ns_per_op=X, \
            then total_ms=Y.

            memory-set bench --workload build|find|churn|free --areas N: N one-page areas with \
            one-page gaps at 0x10000000, inserted in shuffled order (build, which also prints \
            bytes_per_area); then 200,000 finds at random addresses (find); 100,000 operations of \
            1-4 pages, 40% protect, 30% unmap, 30% map --force, reported as map-force (churn); or \
            every gap filled and 2,000 'free 4K --hint 0x10000000' (free).
            """
    )

    @Argument(help: ArgumentHelp("Session file to time.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Generated workload to run instead of a file: build, find, churn or free.", valueName: "workload"))
    var workload: Workload?

    @Option(help: "Number of areas the workload builds first.")
    var areas: Int = 100_000

    @Option(help: "Seed of the workload's random choices (runs with one seed are reproducible).")
    var seed: UInt64 = 1

    @Option(help: "Page-table side: none (area bookkeeping only) or mmu (the simulated page table).")
    var backend: BenchBackend = .none

    func validate() throws {
        switch (file, workload) {
        case (nil, nil): throw ValidationError("Give a session FILE or --workload build|find|churn|free.")
        case (.some, .some): throw ValidationError("Give either a session FILE or --workload, not both.")
        default: break
        }
        guard areas >= 1 && areas <= 50_000_000 else {
            throw ValidationError("--areas must be between 1 and 50000000 (got \(areas)).")
        }
    }

    func run() throws {
        #if DEBUG
        OutputWriter(fd: 2, bufferLimit: 0).write("note: this is a debug build; use a release build (make release) for real figures\n")
        #endif
        let report: BenchReport
        if let workload {
            report = runWorkload(workload, areas: areas, seed: seed, backend: backend)
        } else if let file {
            guard let data = try? SystemFileSystem().read(file, limit: Int.max) else {
                throw ValidationError("cannot read '\(file)'")
            }
            switch SessionBenchmark.run(text: String(decoding: data, as: UTF8.self), file: file, backend: backend) {
            case .success(let r): report = r
            case .failure(let error):
                OutputWriter(fd: 2, bufferLimit: 0).write(error.message + "\n")
                throw ExitCode(1)
            }
        } else {
            throw ValidationError("Give a session FILE or --workload.")
        }
        let standardOutput = OutputWriter(fd: 1) { endAfterStandardOutputFailure($0) }
        standardOutput.write(report.text)
        standardOutput.flush()
    }
}

extension Workload: ExpressibleByArgument {}
extension BenchBackend: ExpressibleByArgument {}
