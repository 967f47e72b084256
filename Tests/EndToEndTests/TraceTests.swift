import Foundation
import Testing

/// `memory-set trace` and `load strace` run by the built binary (issue 15).
@Suite struct TraceTests {
    @Test func traceReplaysTheMemoryCallsAsJSONWithTheProgramOutputOnStderr() throws {
        let result = try runMemorySet(["trace", "--json", "--", "/bin/echo", "hello"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.allSatisfy { $0.hasPrefix("{\"ok\":true,\"cmd\":") })
        #expect(lines.contains { $0.hasPrefix("{\"ok\":true,\"cmd\":\"map\"") })
        #expect(lines.last?.hasPrefix("{\"ok\":true,\"cmd\":\"load\",\"log\":") == true)
        #expect(lines.last?.hasSuffix(",\"skipped\":[]}") == true)
        #expect(!result.stdout.contains("hello"))
        #expect(result.stderr == "hello\n")
    }

    @Test func traceSavesTheLogAndShowsEachCallBeforeItsCommand() throws {
        let directory = try TemporaryDirectory()
        let log = directory.url.appendingPathComponent("true.strace").path
        let result = try runMemorySet(["trace", "--no-render", "--save", log, "/bin/true"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.split(separator: "\n").first?.contains(" execve(\"/bin/true\", [\"/bin/true\"]") == true)
        let lines = result.stdoutLines
        let firstMap = try #require(lines.firstIndex { $0.hasPrefix("> map ") })
        #expect(lines[firstMap - 1].hasPrefix("# mmap("))
        #expect(lines[firstMap].hasSuffix("--force --label \"[anon]\"") || lines[firstMap].contains("--label \"/"))
        #expect(lines.last?.hasPrefix("replayed ") == true)
        #expect(lines.last?.hasSuffix(" from \(log) (\(lines.filter { $0.hasPrefix("> ") }.count) commands)") == true)
    }

    @Test func theTracedExitStatusIsReportedNotReturned() throws {
        let result = try runMemorySet(["trace", "--no-render", "--", "/bin/sh", "-c", "exit 3"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("memory-set trace: /bin/sh exited with status 3\n"))
    }

    @Test func aCommandThatCannotStartFails() throws {
        let result = try runMemorySet(["trace", "/nonexistent/program"])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("memory-set trace: strace recorded nothing (did '/nonexistent/program' start?)\n"))
        #expect(result.stdout.isEmpty)
    }

    @Test func traceWithoutACommandIsAUsageErrorAndHelpIsHelp() throws {
        #expect(try runMemorySet(["trace"]).status == 64)
        let help = try runMemorySet(["trace", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Run a command under strace"))
    }

    @Test func loadStraceWithSkippedLinesExitsOne() throws {
        let directory = try TemporaryDirectory()
        let log = directory.url.appendingPathComponent("bad.strace")
        try Data("""
            9 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x10000
            9 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANON

            """.utf8).write(to: log)
        let result = try runMemorySet(["--no-render", "-c", "load strace \"\(log.path)\"; areas"])
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("replayed 1 call of process 9 from \(log.path) (1 command)\n[0x10000, 0x11000) r--u  [anon]\n"))
        #expect(result.stderr == """
            warning: \(log.path):2: truncated mmap call: no ')' closes its arguments
            <command-line>:1: error: SyntaxError: load strace: 1 line of \(log.path) skipped

            """)
    }
}
