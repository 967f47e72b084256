import Foundation
import Testing

/// The command lines `main` reads without ArgumentParser (`MemorySetCommand+FastPath.swift`)
/// behave as when ArgumentParser reads them (`MEMORY_SET_ARGUMENT_PARSER` set): the same
/// standard output, standard error and exit status, for every flag the fast path takes and for
/// lines it leaves to ArgumentParser.
@Suite("Command line: fast path and ArgumentParser")
struct CommandLineFastPathTests {
    /// A session with a failure, a change of every kind and a comment.
    static let input = """
        map 0x1000 0x9000 rw
        unmap 0x3000 0x4000
        # a comment
        protect 0x5000 0x6000 r
        map 0x1000 0x2000 rw
        areas
        undo

        """

    /// Runs `arguments` (with `$A` and `$B` replaced by the paths of two session files) both
    /// ways and compares.
    func expectSameBothWays(_ arguments: [String], input: String = Self.input) throws {
        let directory = try TemporaryDirectory()
        let first = try directory.file("a.mset", "map 0x10000 0x20000 rx\nfind 0x10000\n")
        let second = try directory.file("b.mset", "unmap 0x10000\nmap 0x40000 0x41000 r\nquit\nareas\n")
        let resolved = arguments.map { $0 == "$A" ? first.path : $0 == "$B" ? second.path : $0 }
        let fast = try runMemorySet(resolved, input: input)
        let parsed = try runMemorySet(resolved, input: input, environment: ["MEMORY_SET_ARGUMENT_PARSER": "1"])
        #expect(fast.status == parsed.status, "\(arguments)")
        #expect(fast.stdout == parsed.stdout, "\(arguments)")
        #expect(fast.stderr == parsed.stderr, "\(arguments)")
        #expect(!fast.timedOut && !fast.killedBySignal)
    }

    @Test("Flags the fast path takes", arguments: [
        [],
        ["--no-render"],
        ["--json"],
        ["--echo"],
        ["--json", "--no-render", "--echo"],
        ["--color", "always"],
        ["--color=always", "--no-render"],
        ["--color", "never", "--before-after"],
        ["--no-before-after", "--color=auto"],
        ["--before-after", "--echo", "--no-render"],
    ])
    func flags(arguments: [String]) throws {
        try expectSameBothWays(arguments)
    }

    @Test("Session files, standard input among them, a missing file, quit", arguments: [
        ["$A"],
        ["$A", "$B"],
        ["--json", "$A", "-", "$B"],
        ["$B", "$A"],
        ["-", "--no-render", "$A"],
        ["/nonexistent/memory-set/session.mset", "$A"],
    ])
    func files(arguments: [String]) throws {
        try expectSameBothWays(arguments)
    }

    @Test("A session that succeeds, one that quits, an empty one", arguments: [
        "map 0x1000 0x2000 rw\nareas\n",
        "map 0x1000 0x2000 rw\nquit\nfrobnicate\n",
        "",
    ])
    func inputs(input: String) throws {
        try expectSameBothWays([], input: input)
        try expectSameBothWays(["--json"], input: input)
    }

    @Test("Lines left to ArgumentParser", arguments: [
        ["--json", "--json"], ["--color", "purple"], ["--color"], ["--color="], ["--bogus"],
        ["-c", "areas", "$A"], ["--step"], ["--help"], ["help"], ["$A", "run"], [""], ["--", "$A"],
    ])
    func leftToArgumentParser(arguments: [String]) throws {
        try expectSameBothWays(arguments)
    }
}
