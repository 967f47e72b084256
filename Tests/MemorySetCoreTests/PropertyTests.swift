import Testing
import MemorySetCore
import TestSupport

/// Seeded random operation sequences against ``ModelSet``: every result
/// (changes, errors, lookups) and the full area list are compared after every
/// step, and the mock page table must match the set. Node capacity 4 makes the
/// tree split and merge nodes all the time.
@Suite struct PropertyTests {
    struct Config: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var pages: UInt64        // size of the address universe, in pages
        var maxLength: UInt64    // longest map / unmap / protect, in pages
        var capacity: Int
        var testDescription: String { "seed \(seed), \(pages) pages, ≤\(maxLength), capacity \(capacity)" }
    }

    static let configs: [Config] = [
        Config(seed: 1, pages: 512, maxLength: 8, capacity: 4),
        Config(seed: 2, pages: 512, maxLength: 8, capacity: 5),
        Config(seed: 3, pages: 2048, maxLength: 64, capacity: 4),
        Config(seed: 4, pages: 4096, maxLength: 600, capacity: 4),
        Config(seed: 5, pages: 8192, maxLength: 8, capacity: 64),
    ]

    @Test(arguments: configs)
    func randomOperationsMatchTheModel(config: Config) throws {
        var rng = SplitMix64(seed: config.seed)
        var set = MockSet(_nodeCapacity: config.capacity)
        var pt = MockPageTable(pageCount: Int(config.pages))
        var model = ModelSet()
        let page = MockPageTable.pageSize
        let flagChoices: [MappingFlags] = [.read, [.read, .write], [.read, .execute], [.read, .write, .user], []]

        func randomRange() -> (UInt64, UInt64) {
            let length = UInt64.random(in: 0...config.maxLength, using: &rng)
            let start = UInt64.random(in: 0..<(config.pages - min(length, config.pages - 1)), using: &rng)
            return (start * page, min(start + length, config.pages) * page)
        }

        var maxCount = 0
        for step in 0..<10_000 {
            let op = Int.random(in: 0..<100, using: &rng)
            let context = "seed \(config.seed) step \(step)"
            switch op {
            case 0..<40:
                let (s, e) = randomRange()
                let flags = flagChoices.randomElement(using: &rng)!
                let force = Bool.random(using: &rng)
                let expected = model.map(s, e, flags, force: force)
                let actual = Result { () throws(MappingError) in
                    try set.map(area(s, max(s, e), flags), in: &pt, unmapOverlap: force).map(ChangeRecord.init)
                }
                #expect(actual == expected, "\(context): map \(s) \(e) force \(force)")
            case 40..<65:
                let (s, e) = randomRange()
                let expected = model.unmap(s, e - s)
                let actual = Result { () throws(MappingError) in
                    try set.unmap(start: VirtAddr(s), size: e - s, in: &pt).map(ChangeRecord.init)
                }
                #expect(actual == expected, "\(context): unmap \(s) \(e)")
            case 65..<85:
                let (s, e) = randomRange()
                let flags = flagChoices.randomElement(using: &rng)!
                let expected = model.protect(s, e - s, flags)
                let actual = Result { () throws(MappingError) in
                    try set.protect(start: VirtAddr(s), size: e - s, in: &pt) { $0 == flags ? nil : flags }
                        .map(ChangeRecord.init)
                }
                #expect(actual == expected, "\(context): protect \(s) \(e) \(flags)")
            case 85..<92:
                let size = UInt64.random(in: 0...4, using: &rng) * page
                let hint = UInt64.random(in: 0..<(config.pages * page + page), using: &rng)
                let lo = UInt64.random(in: 0..<(config.pages * page), using: &rng) & ~(page - 1)
                let hi = lo + UInt64.random(in: 0...(config.pages * page), using: &rng)
                let align: UInt64? = [nil, page, 2 * page, 8 * page, 3 * page].randomElement(using: &rng)!
                let expected = model.findFree(hint: hint, size: size, limit: (lo, hi), align: align)
                let actual = Result { () throws(MappingError) in
                    try set.findFreeArea(hint: VirtAddr(hint), size: size,
                                         limit: AddrRange(start: VirtAddr(lo), end: VirtAddr(hi)), alignment: align)?.rawValue
                }
                #expect(actual == expected, "\(context): free size \(size) hint \(hint) limit \(lo)..<\(hi) align \(String(describing: align))")
            case 92..<99:
                let addr = UInt64.random(in: 0..<(config.pages * page + 2 * page), using: &rng)
                #expect(set.find(VirtAddr(addr)).map(Span.init) == model.find(addr), "\(context): find \(addr)")
                let after = model.spans.filter { $0.end > addr }
                #expect(set.areas(endingAbove: VirtAddr(addr)).map(Span.init) == after, "\(context): areas ending above \(addr)")
                #expect(set.firstIndex(endingAbove: VirtAddr(addr)) == model.spans.count - after.count, "\(context): first index")
                let (s, e) = randomRange()
                #expect(set.overlaps(AddrRange(start: VirtAddr(s), end: VirtAddr(e))) == model.overlaps(s, e), "\(context): overlaps")
            default:
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    let expected = model.spans.map { ChangeRecord(.removed, $0, []) }
                    model.spans = []
                    #expect(try set.clear(in: &pt).map(ChangeRecord.init) == expected, "\(context): clear")
                }
            }
            maxCount = max(maxCount, set.count)
            guard spans(set) == model.spans, set.count == model.spans.count, pagesMatch(set, pt) else {
                Issue.record("\(context): the set diverged from the model or the page table")
                return
            }
        }
        #expect(maxCount > 3 * config.capacity, "the tree grew past one level")
    }

    /// A copy taken at every step stays equal to the model at that step while
    /// the original moves on (copy-on-write along the written path).
    @Test func snapshotsStayFrozen() throws {
        var rng = SplitMix64(seed: 99)
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 1024)
        var snapshots: [(MockSet, [Span])] = []
        for step in 0..<2_000 {
            let s = UInt64.random(in: 0..<1000, using: &rng) * 0x1000
            let e = s + UInt64.random(in: 1...20, using: &rng) * 0x1000
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: _ = try? set.map(area(s, e, .read), in: &pt, unmapOverlap: true)
            case 1: _ = try? set.unmap(start: VirtAddr(s), size: e - s, in: &pt)
            default: _ = try? set.protect(start: VirtAddr(s), size: e - s, in: &pt) { _ in .write }
            }
            if step % 50 == 0 { snapshots.append((set, spans(set))) }
        }
        for (snapshot, expected) in snapshots {
            #expect(spans(snapshot) == expected)
            snapshot._checkInvariants()
        }
    }
}
