import Testing
import MemorySetCore
@testable import MMUSim
import TestSupport

/// Seeded random sequences of map / unmap / protect / touch / clear driven
/// through `MemorySet<SimBackend>`. After every operation the page table must
/// verify against the areas, and its frame counts must equal what a simple
/// model of the areas predicts (no leak, no missing page).
@Suite struct RandomOperationTests {
    struct Model {
        /// Pages of lazy alloc areas that were faulted in.
        var touched = Set<UInt64>()
    }

    /// Runs `count` random operations; returns how many failed with BadState.
    @discardableResult
    static func run(seed: UInt64, count: Int, frameCount: Int) -> Int {
        var rng = SplitMix64(seed: seed)
        var set = MemorySet<SimBackend>(pageSize: 4096, _nodeCapacity: 4)
        var pt = PageTable(frameCount: frameCount)
        var model = Model()
        var badStates = 0
        let page: UInt64 = 4096

        func randomRange() -> (start: UInt64, size: UInt64) {
            switch UInt64.random(in: 0..<100, using: &rng) {
            case 0..<75:  // small, dense: lots of overlaps
                return (UInt64.random(in: 0..<4096, using: &rng) * page, UInt64.random(in: 1...64, using: &rng) * page)
            case 75..<95:  // around 2 MiB boundaries, sometimes off by a page
                let start = UInt64.random(in: 0..<32, using: &rng) * 2 * MiB
                let size = UInt64.random(in: 1...4, using: &rng) * 2 * MiB
                let skew = UInt64.random(in: 0..<3, using: &rng) * page
                return (start + skew, size)
            default:  // whole GiBs
                return (UInt64.random(in: 1...3, using: &rng) * GiB, UInt64.random(in: 1...2, using: &rng) * GiB)
            }
        }

        func randomFlags() -> MappingFlags { MappingFlags(rawValue: UInt8.random(in: 0..<16, using: &rng)) }

        func randomBackend(size: UInt64) -> SimBackend {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: return .none
            case 1..<5:
                // Large ranges get huge-page-friendly offsets (else a GiB is 262144 leaves).
                let alignments: [UInt64] = size >= GiB ? [2 * MiB, GiB] : [page, 2 * MiB, GiB]
                let alignment = alignments.randomElement(using: &rng)!
                return .linear(paVaOffset: UInt64.random(in: 0..<64, using: &rng) &* alignment &- UInt64.random(in: 0...1, using: &rng) * GiB)
            case 5..<7: return .alloc(populate: size <= 64 * page)
            default: return .alloc(populate: false)
            }
        }

        for step in 0..<count {
            let context = "seed \(seed) step \(step)"
            // Now and then keep a snapshot (as the shell does for undo): the
            // operation must not change it.
            let snapshot = step % 50 == 0 ? (set, pt, pt.stats, pt.mappedRanges()) : nil
            let op = Int.random(in: 0..<100, using: &rng)
            var forcedRange: (UInt64, UInt64)? = nil
            do {
                switch op {
                case 0..<35:
                    let (start, size) = randomRange()
                    let force = Bool.random(using: &rng)
                    let backend = randomBackend(size: size)
                    if force { forcedRange = (start, start + size) }
                    try set.map(MemoryArea(start: VirtAddr(start), end: VirtAddr(start + size), flags: randomFlags(),
                                           backend: backend), in: &pt, unmapOverlap: force)
                case 35..<55:
                    let (start, size) = randomRange()
                    try set.unmap(start: VirtAddr(start), size: size, in: &pt)
                case 55..<70:
                    let (start, size) = randomRange()
                    let flags = randomFlags()
                    let keep = Int.random(in: 0..<5, using: &rng) == 0
                    try set.protect(start: VirtAddr(start), size: size, in: &pt) { _ in keep ? nil : flags }
                case 70..<99:
                    touch(&pt, &model, set: set, rng: &rng, context: context)
                default:
                    try set.clear(in: &pt)
                }
                if let (s, e) = forcedRange { model.touched = model.touched.filter { $0 < s || $0 >= e } }
            } catch .alreadyExists {
            } catch .badState {
                badStates += 1
            } catch {
                Issue.record("\(context): unexpected \(error)")
            }
            if let (oldSet, oldPT, oldStats, oldRanges) = snapshot {
                #expect(oldPT.stats == oldStats, "\(context): snapshot changed")
                #expect(oldPT.mappedRanges() == oldRanges, "\(context): snapshot changed")
                #expect(oldPT.verify(oldSet).isEmpty, "\(context): snapshot changed")
            }
            // Stop at the first inconsistency: later steps would only repeat it.
            guard check(pt, &model, set: set, context: context, tables: step % 100 == 0) else { return badStates }
        }
        return badStates
    }

    /// A touch, checked against what the model predicts.
    static func touch(
        _ pt: inout PageTable, _ model: inout Model, set: MemorySet<SimBackend>, rng: inout SplitMix64, context: String
    ) {
        let addr: UInt64
        if !set.isEmpty && Int.random(in: 0..<5, using: &rng) != 0 {
            let area = set.area(at: Int.random(in: 0..<set.count, using: &rng))
            addr = area.start.rawValue + UInt64.random(in: 0..<area.size, using: &rng)
        } else {
            addr = UInt64.random(in: 0..<(4 * GiB), using: &rng)
        }
        let access = Access.allCases.randomElement(using: &rng)!
        let outcome = pt.touch(VirtAddr(addr), access: access, areas: set)
        let pageBase = addr & ~4095
        guard let area = set.find(VirtAddr(addr)) else {
            #expect(outcome == .noArea(address: VirtAddr(addr)), "\(context)")
            return
        }
        guard area.flags.contains(access.requiredFlag) else {
            #expect(outcome.kind == "protection-fault", "\(context): \(outcome) in \(area)")
            return
        }
        switch area.backend {
        case .none:
            #expect(outcome == .unbacked(address: VirtAddr(addr), backend: .none), "\(context)")
        case let .linear(offset):
            #expect(outcome == .hit(address: VirtAddr(addr), physical: addr &- offset, flags: area.flags), "\(context)")
        case .alloc(populate: true):
            #expect(outcome.kind == "hit", "\(context): \(outcome)")
        case .alloc(populate: false):
            if model.touched.contains(pageBase) {
                #expect(outcome.kind == "hit", "\(context): \(outcome)")
            } else if case .faultResolved = outcome {
                model.touched.insert(pageBase)
            } else {
                #expect(outcome == .outOfFrames(address: VirtAddr(addr)), "\(context): \(outcome)")
                #expect(pt.stats.freeFrames < 4, "\(context): out of frames with \(pt.stats.freeFrames) free")
            }
        }
    }

    /// Verifies the table and compares its counts with the model.
    static func check(
        _ pt: PageTable, _ model: inout Model, set: MemorySet<SimBackend>, context: String, tables: Bool
    ) -> Bool {
        model.touched = model.touched.filter { page in
            if case .alloc(populate: false) = set.find(VirtAddr(page))?.backend { true } else { false }
        }
        let problems = pt.verify(set)
        #expect(problems.isEmpty, "\(context): \(problems.prefix(5))")
        var ok = problems.isEmpty
        var populated = 0, linear = 0
        for area in set {
            switch area.backend {
            case .alloc(populate: true): populated += Int(area.size / 4096)
            case .linear: linear += Int(area.size / 4096)
            default: break
            }
        }
        let stats = pt.stats
        #expect(stats.dataFrames == populated + model.touched.count, "\(context)")
        #expect(stats.mappedPages == populated + linear + model.touched.count, "\(context)")
        #expect(stats.usedFrames == stats.tablePages + stats.dataFrames, "\(context)")
        #expect(stats.usedFrames + stats.freeFrames == stats.frameCount, "\(context)")
        ok = ok && stats.dataFrames == populated + model.touched.count
            && stats.mappedPages == populated + linear + model.touched.count
            && stats.usedFrames == stats.tablePages + stats.dataFrames
        if tables {
            // The tables needed by the mapped leaves, counted independently.
            var l3 = Set<UInt64>(), l2 = Set<UInt64>(), l1 = Set<UInt64>()
            for run in pt.mappedRanges() {
                for va in stride(from: run.start.rawValue, to: run.end.rawValue, by: Int(run.pageSize)) {
                    l3.insert(va >> 39)
                    if run.pageSize <= 2 * MiB { l2.insert(va >> 30) }
                    if run.pageSize == 4096 { l1.insert(va >> 21) }
                }
            }
            #expect(stats.tablePages == 1 + l3.count + l2.count + l1.count, "\(context)")
            ok = ok && stats.tablePages == 1 + l3.count + l2.count + l1.count
        }
        return ok
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func plentyOfFrames(seed: UInt64) {
        Self.run(seed: seed, count: 5000, frameCount: 1 << 18)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func scarceFrames(seed: UInt64) {
        // Few frames: populate maps, faults and huge-page splits run out mid-way.
        let badStates = Self.run(seed: seed, count: 5000, frameCount: 160)
        #expect(badStates > 50, "the sequence rarely ran out of frames: the test checks little")
    }
}
