import MemorySetCore
import MMUSim
import SeededRandom

/// The page-table side of a benchmark run.
public enum BenchBackend: String, CaseIterable, Sendable {
    /// No page table: the cost of the area bookkeeping alone.
    case none
    /// The MMU simulator: every area allocates and maps its frames at map time.
    case mmu
}

/// The generated workloads of `memory-set bench --workload`.
///
/// All of them start by building N one-page areas with one-page gaps at
/// `0x1000_0000`, inserted in a shuffled order:
/// - `build`: only that (and reports `bytes_per_area`);
/// - `find`: then 200,000 finds at random addresses of the span;
/// - `churn`: then 100,000 operations of 1–4 pages at random page offsets:
///   40% protect, 30% unmap, 30% map with unmapOverlap (`map-force`);
/// - `free`: then fills every gap (2N areas), then 2,000 searches for one
///   page from the hint `0x1000_0000` (only the top is free).
public enum Workload: String, CaseIterable, Sendable {
    case build, find, churn, free
}

/// The base address of every workload's areas.
public let workloadBase: UInt64 = 0x1000_0000
let benchPage: UInt64 = 0x1000

/// Runs a generated workload on a `MemorySet`, with no page table
/// (``BenchBackend/none``: the cost of the area bookkeeping alone) or with
/// the MMU simulator.
///
/// - Parameters:
///   - workload: Which workload.
///   - areas: N, the number of areas built first.
///   - seed: Seed of the shuffles and random operations (reproducible).
///   - backend: The page-table side.
/// - Returns: Per-word timings, and for `build`, the peak memory per area.
/// - Complexity: O(N log N + operations × log N).
public func runWorkload(_ workload: Workload, areas n: Int, seed: UInt64, backend: BenchBackend = .none) -> BenchReport {
    // Concrete calls, so the generic code below is specialized here.
    switch backend {
    case .none:
        return runWorkload(workload, areas: n, seed: seed, backend: NullBackend(), pageTable: ())
    case .mmu:
        // Room for every populated page (the free workload maps 2N) and its tables.
        let frames = 3 * n + (1 << 16)
        return runWorkload(workload, areas: n, seed: seed, backend: SimBackend.alloc(populate: true),
                           pageTable: PageTable(frameCount: frames))
    }
}

/// Runs a generated workload on a `MemorySet` whose areas use `backend`.
///
/// - Parameters:
///   - workload: Which workload.
///   - areas: N, the number of areas built first.
///   - seed: Seed of the shuffles and random operations (reproducible).
///   - backend: The backend of every area.
///   - pageTable: The page table the backends write to.
/// - Returns: Per-word timings, and for `build`, the peak memory per area.
/// - Complexity: O(N log N + operations × log N).
func runWorkload<B: MappingBackend>(
    _ workload: Workload, areas n: Int, seed: UInt64, backend: B, pageTable: B.PageTable
) -> BenchReport {
    var rng = SplitMix64(seed: seed)
    var pageTable = pageTable
    var set = MemorySet<B>()
    var report = BenchReport()
    let flagChoices: [MappingFlags] = [.read, [.read, .write], [.read, .execute], [.read, .write, .user]]
    // Build: N one-page areas with one-page gaps, in shuffled order.
    var order = Array(0..<n)
    order.shuffle(using: &rng)
    let baselineMemory = peakResidentBytes()
    let start = monotonicNanoseconds()
    var t0 = start
    for i in order {
        let s = workloadBase + UInt64(i) * 2 * benchPage
        let area = MemoryArea(start: VirtAddr(s), end: VirtAddr(s + benchPage), flags: [.read, .write], backend: backend)
        _ = try? set.map(area, in: &pageTable)
    }
    report.record("map", count: n, nanoseconds: monotonicNanoseconds() - t0)
    let spanPages = UInt64(2 * n)

    switch workload {
    case .build:
        if let before = baselineMemory, let after = peakResidentBytes(), n > 0 {
            report.bytesPerArea = Double(after &- before) / Double(n)
        }
    case .find:
        let count = 200_000
        let addresses = (0..<count).map { _ in workloadBase + UInt64.random(in: 0..<(spanPages * benchPage), using: &rng) }
        var found = 0
        t0 = monotonicNanoseconds()
        for a in addresses where set.find(VirtAddr(a)) != nil { found &+= 1 }
        report.record("find", count: count, nanoseconds: monotonicNanoseconds() - t0)
        blackHole(found)
    case .churn:
        for _ in 0..<100_000 {
            let s = workloadBase + UInt64.random(in: 0..<spanPages, using: &rng) * benchPage
            let size = UInt64.random(in: 1...4, using: &rng) * benchPage
            let kind = Int.random(in: 0..<10, using: &rng)
            let flags = flagChoices.randomElement(using: &rng)!
            let t = monotonicNanoseconds()
            switch kind {
            case 0..<4:
                _ = try? set.protect(start: VirtAddr(s), size: size, in: &pageTable) { $0 == flags ? nil : flags }
                report.record("protect", nanoseconds: monotonicNanoseconds() - t)
            case 4..<7:
                _ = try? set.unmap(start: VirtAddr(s), size: size, in: &pageTable)
                report.record("unmap", nanoseconds: monotonicNanoseconds() - t)
            default:
                let area = MemoryArea(start: VirtAddr(s), end: VirtAddr(s + size), flags: flags, backend: backend)
                _ = try? set.map(area, in: &pageTable, unmapOverlap: true)
                report.record("map-force", nanoseconds: monotonicNanoseconds() - t)
            }
        }
    case .free:
        var gaps = Array(0..<n)
        gaps.shuffle(using: &rng)
        for i in gaps {
            let s = workloadBase + (UInt64(i) * 2 + 1) * benchPage
            _ = try? set.map(MemoryArea(start: VirtAddr(s), end: VirtAddr(s + benchPage), flags: .read, backend: backend), in: &pageTable)
        }
        let space = AddrRange(start: 0, end: 0x8000_0000_0000)
        var sum: UInt64 = 0
        t0 = monotonicNanoseconds()
        for _ in 0..<2_000 {
            sum &+= (try? set.findFreeArea(hint: VirtAddr(workloadBase), size: benchPage, limit: space))??.rawValue ?? 0
        }
        report.record("free", count: 2_000, nanoseconds: monotonicNanoseconds() - t0)
        blackHole(sum)
    }
    report.totalNanoseconds = monotonicNanoseconds() - start
    return report
}

/// Where ``blackHole(_:)`` puts results: public, so the optimizer must assume
/// another module reads it and cannot drop the work producing them.
nonisolated(unsafe) public var benchSink: UInt64 = 0

/// Consumes a result so the optimizer cannot drop the work producing it (a
/// loop of pure lookups whose result is unused would be deleted).
@inline(never)
func blackHole<I: BinaryInteger>(_ value: I) { benchSink &+= UInt64(truncatingIfNeeded: value) }
