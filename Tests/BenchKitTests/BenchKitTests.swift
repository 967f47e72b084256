import BenchKit
import Shell
import Testing

@Suite struct BenchKitTests {
    @Test func reportFormat() {
        var report = BenchReport()
        report.record("map", count: 4, nanoseconds: 1_000)
        report.record("find", nanoseconds: 7)
        report.record("map", count: 1, nanoseconds: 1)
        report.totalNanoseconds = 2_345_678
        #expect(report.text == "map count=5 ns_per_op=200.2\nfind count=1 ns_per_op=7.0\ntotal_ms=2.3\n")
        report.bytesPerArea = 41.25
        #expect(report.text.hasSuffix("total_ms=2.3\nbytes_per_area=41.3\n"))
    }

    @Test(arguments: [BenchBackend.none, .mmu])
    func workloadsRunTheirOperations(backend: BenchBackend) {
        let build = runWorkload(.build, areas: 100, seed: 3, backend: backend)
        #expect(build.entries.map(\.word) == ["map"])
        #expect(build.entries[0].count == 100)
        #expect(build.bytesPerArea != nil)

        let find = runWorkload(.find, areas: 100, seed: 3, backend: backend)
        #expect(find.entries.map(\.word) == ["map", "find"])
        #expect(find.entries[1].count == 200_000)

        let churn = runWorkload(.churn, areas: 100, seed: 3, backend: backend)
        #expect(Set(churn.entries.map(\.word)) == ["map", "protect", "unmap", "map-force"])
        #expect(churn.entries.dropFirst().map(\.count).reduce(0, +) == 100_000)
        let protects = churn.entries.first { $0.word == "protect" }!.count
        #expect(protects > 35_000 && protects < 45_000, "about 40% protect")

        let free = runWorkload(.free, areas: 100, seed: 3, backend: backend)
        #expect(free.entries.map(\.word) == ["map", "free"])
        #expect(free.entries[1].count == 2_000)
    }

    @Test func sessionFileIsParsedBeforeAnythingRuns() throws {
        // File commands and help are not run (nor timed); nothing after quit.
        let ok = SessionBenchmark.run(text: "map 0x1000 0x4000 rw\nunmap 0x2000 0x3000; find 0x1000\nsave s.mset; source s.mset\nload maps m; export maps; help\nmap 0x9000 +4K r\n# done\nquit\nmap 0x20000 +4K r\n",
                                      file: "s.mset", backend: .none)
        let report = try ok.get()
        #expect(report.entries.map(\.word) == ["map", "unmap", "find"])
        #expect(report.entries.map(\.count) == [2, 1, 1])

        let bad = SessionBenchmark.run(text: "map 0x1000 0x4000 rw\nmap 0x1000 0x4000 rq\n", file: "s.mset", backend: .mmu)
        guard case .failure(let error) = bad else {
            Issue.record("a line that does not parse must fail the benchmark")
            return
        }
        #expect(error.message.hasPrefix("s.mset:2: error: SyntaxError:"))
    }
}
