import ArgumentParser
import Testing
import TestSupport
@testable import MemorySetCLI

/// The fast path of `main` (`MemorySetCommand.fastRequest`) against ArgumentParser: every
/// command line it takes, ArgumentParser reads as the same `RunCommand.Request`.
@Suite("Command line without ArgumentParser")
struct FastPathTests {
    /// What ArgumentParser runs for `arguments`: nil when it refuses them or picks another
    /// command than `run`.
    static func parsedRequest(_ arguments: [String]) -> RunCommand.Request? {
        guard let command = try? MemorySetCommand.parseAsRoot(arguments) else { return nil }
        return (command as? RunCommand)?.request
    }

    @Test("The command lines of a session are taken, as ArgumentParser reads them", arguments: [
        [],
        ["--no-render"],
        ["--json"],
        ["--json", "--no-render", "--echo"],
        ["--color", "always"],
        ["--color=never", "--before-after"],
        ["--no-before-after", "--color", "auto", "session.mset"],
        ["a.mset", "--json", "-", "b.mset"],
        ["-"],
        ["--echo", "x", "y", "z", "--no-render"],
        ["runs.mset", "helpful", "Bench"],
    ])
    func taken(arguments: [String]) throws {
        let fast = try #require(MemorySetCommand.fastRequest(arguments))
        #expect(fast == Self.parsedRequest(arguments))
    }

    @Test("Anything else is left to ArgumentParser", arguments: [
        ["--help"], ["-h"], ["help"], ["run"], ["run", "--json"], ["bench"], ["trace", "ls"],
        ["a.mset", "run"], ["--json", "help"],
        ["-c", "areas"], ["--step", "a.mset"], ["--delay", "10", "a.mset"],
        ["--bogus"], ["--color", "purple"], ["--color"], ["--color="], ["--color=red"],
        ["--json", "--json"], ["--color", "never", "--color", "always"], ["--color=never", "--color", "never"],
        ["--before-after", "--no-before-after"], ["--no-render", "--no-render"],
        ["--"], ["--", "a.mset"], [""], ["-x"], ["--generate-completion-script", "bash"],
        ["---completion", "--", "memory-set"], ["--experimental-dump-help"], ["--version"],
    ])
    func refused(arguments: [String]) {
        #expect(MemorySetCommand.fastRequest(arguments) == nil)
    }

    @Test("Random command lines: the fast path takes only what ArgumentParser reads the same way")
    func randomLines() throws {
        let words = [
            "--json", "--no-render", "--echo", "--before-after", "--no-before-after", "--color",
            "--color=always", "--color=auto", "--color=bad", "always", "never", "auto", "purple",
            "-", "--", "", "a.mset", "b", "run", "help", "bench", "-c", "--step", "--delay", "5",
        ]
        var rng = SplitMix64(state: 17)
        var taken = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...5, using: &rng)
            let arguments = (0..<count).map { _ in words.randomElement(using: &rng)! }
            guard let fast = MemorySetCommand.fastRequest(arguments) else { continue }
            taken += 1
            #expect(fast == Self.parsedRequest(arguments), "\(arguments)")
        }
        // Enough lines go the fast way for the comparison to mean something.
        #expect(taken > 300)
    }
}
