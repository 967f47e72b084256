import KernelSupport
import MemorySetCore
import MMUSim

/// The real Sv39 table kept equal to the Shell's simulated page table.
///
/// The simulated table's frame *n* is the real frame at ``simulatedBase`` + *n* × 4 KiB, so a
/// page the simulator maps at physical address `pa` is mapped in the real table at
/// `simulatedBase + pa`, with the same flags (less `u`: the kernel makes every access in
/// S-mode, where the simulator's supervisor accesses ignore `u` too). The real table's own
/// table pages come from a separate pool. After every command that changed the simulated
/// table (rollbacks, undo and redo included) ``sync(_:)`` replays it: the playground's real
/// leaves are cleared and every page the simulator maps is written again.
///
/// ```
///   simulated PageTable (4 levels, frames 0..<8192) ──sync──▶ Sv39 (3 levels, real frames)
///   VA 0x10000000 → pa 0x4000                                VA 0x10000000 → 0x84004000
/// ```
struct Mirror {
    /// Where areas may be mapped: the session's address space.
    static let playground = AddrRange(start: 0x1000_0000, end: 0x7000_0000)
    /// The frames of the simulated physical memory.
    static let simulatedFrames = 8192

    var table: Sv39Table
    /// The physical address of the simulator's frame 0.
    let simulatedBase: UInt64
    /// The simulated table the real one last followed.
    private var last: PageTable? = nil

    init(table: Sv39Table, simulatedBase: UInt64) {
        self.table = table
        self.simulatedBase = simulatedBase
    }

    /// Makes the real table map exactly what `sim` maps: `nil`, or why a page could not be
    /// mapped (then the pages that could be are).
    /// - Complexity: O(1) when `sim` is the table of the last call, else O(pages mapped).
    mutating func sync(_ sim: PageTable) -> String? {
        if let last, last == sim { return nil }
        last = sim
        table.clear(Self.playground)
        var problem: String? = nil
        for run in sim.mappedRanges() {
            if let why = check(run) {
                if problem == nil { problem = why }
                continue
            }
            var va = run.start.rawValue, pa = simulatedBase &+ run.physicalStart
            while va < run.end.rawValue {
                guard table.map(va, to: pa, flags: run.flags) else {
                    if problem == nil { problem = "no frame left for the machine's page tables" }
                    break
                }
                va &+= 4096
                pa &+= 4096
            }
        }
        sfence_vma_all()
        return problem
    }

    /// Why `run` cannot be in the real table, if it cannot.
    func check(_ run: MappedRange) -> String? {
        if run.start < Self.playground.start || run.end > Self.playground.end {
            return "the machine maps pages in \(Self.playground) only, not \(run.range)"
        }
        if run.physicalEnd > UInt64(Self.simulatedFrames) << 12 {
            return "the machine has \(Self.simulatedFrames) frames, physical [\(hex(run.physicalStart)), \(hex(run.physicalEnd))) lies past them"
        }
        if !Sv39Table.canMap(run.flags) {
            return "Sv39 has no page with flags \(run.flags) (it needs r, or x without w)"
        }
        return nil
    }

    /// Where the real table differs from `sim`: pages mapped differently or only in one of them.
    /// - Complexity: O(pages mapped + tables of the playground)
    func verify(_ sim: PageTable) -> [String] {
        var table = self.table  // a copy to read through (entry(_:create:) is mutating)
        var problems: [String] = []
        var expected = 0
        for run in sim.mappedRanges() where check(run) == nil {
            var va = run.start.rawValue, pa = simulatedBase &+ run.physicalStart
            while va < run.end.rawValue && problems.count < 4 {
                let entry = table.leaf(va)
                let want = Sv39Table.leafBits(pa, flags: run.flags)
                if entry != want {
                    problems.append("Sv39 entry of \(hex(va)) is \(hex(entry)), not \(hex(want))")
                }
                expected &+= 1
                va &+= 4096
                pa &+= 4096
            }
        }
        let mapped = table.count(Self.playground)
        if problems.isEmpty, mapped != expected {
            problems.append("the Sv39 table maps \(mapped) pages, the simulator \(expected)")
        }
        return problems
    }
}
