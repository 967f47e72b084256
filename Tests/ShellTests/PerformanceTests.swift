import Foundation
import Testing
@testable import Shell
import TestSupport


/// A random command line of the language: map/unmap/protect/find/free/areas-free mix.
func randomCommand(_ rng: inout SplitMix64, pages: UInt64) -> String {
    let start = UInt64.random(in: 0..<pages, using: &rng) * 0x1000
    let size = UInt64.random(in: 1...16, using: &rng) * 0x1000
    let flags = ["r", "rw", "rx", "rwx", "-", "rwu"].randomElement(using: &rng)!
    switch UInt64.random(in: 0..<10, using: &rng) {
    case 0...3: return "map \(hex(start)) +\(size) \(flags)\(Bool.random(using: &rng) ? " --force" : "")"
    case 4...5: return "unmap \(hex(start)) +\(size)"
    case 6...7: return "protect \(hex(start)) +\(size) \(flags)"
    case 8: return "find \(hex(start + 123))"
    default: return "free \(size) --hint \(hex(start))"
    }
}

/// 100,000 random commands through `Shell.execute` with `--json` (measured, printed; no timed
/// assertion). The addresses span `SHELL_BENCH_PAGES` pages (default 1024: a few hundred
/// areas, since debug builds check the set's invariants in O(n) after each mutation; use
/// 65536 in release for ~10,000 areas).
@Test func hundredThousandCommands() {
    let json = true
    let pages = ProcessInfo.processInfo.environment["SHELL_BENCH_PAGES"].flatMap { UInt64($0) } ?? 1024
    let shell = Shell(options: ShellOptions(json: json, render: false))
    var rng = SplitMix64(state: 42)
    let lines = (0..<100_000).map { _ in randomCommand(&rng, pages: pages) }
    let clock = ContinuousClock()
    var commands = 0
    var bytes = 0
    let elapsed = clock.measure {
        for (i, line) in lines.enumerated() {
            let out = shell.execute(line: line, at: SourceLocation(file: "<stdin>", line: i + 1))
            commands += out.commands
            bytes += out.stdout.utf8.count + out.stderr.utf8.count
        }
    }
    print("100,000 commands (json: \(json), \(pages) pages): \(elapsed), \(bytes) bytes of output, \(shell.session.state.set.count) areas")
    #expect(commands == 100_000)
    #expect(shell.session.state.pageTable.verify(shell.session.state.set).isEmpty)
}
