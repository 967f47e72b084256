import BenchKit
import Benchmark

// The four workloads of `memory-set bench --workload`, at 10^3, 10^4 and 10^5
// areas; each benchmark iteration runs one whole workload.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5),
        maxIterations: 20
    )
    for workload in Workload.allCases {
        for areas in [1_000, 10_000, 100_000] {
            Benchmark("\(workload.rawValue) \(areas)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(runWorkload(workload, areas: areas, seed: 1))
                }
            }
        }
    }
}
