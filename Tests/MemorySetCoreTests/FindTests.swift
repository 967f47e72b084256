import Testing
import MemorySetCore
import TestSupport

/// `find` on large sets whose areas are spread evenly, in clusters, or with sizes growing
/// geometrically (the leaf search guesses a position from the leaf's span and must stay
/// right when the guess is far off), against a binary search of the sorted areas.
@Suite struct FindTests {
    enum Layout: CaseIterable { case even, clustered, geometric }

    @Test(arguments: Layout.allCases)
    func findMatchesASortedArray(layout: Layout) throws {
        var rng = SplitMix64(seed: 77)
        var set = MemorySet<NullBackend>()
        var spans: [(UInt64, UInt64)] = []
        var pageTable: Void = ()
        var next: UInt64 = 0x1000
        for i in 0..<4_000 {
            let size: UInt64
            let gap: UInt64
            switch layout {
            case .even: (size, gap) = (1, 1)
            case .clustered: (size, gap) = (UInt64.random(in: 1...3, using: &rng), i % 97 == 0 ? 1 << 20 : UInt64.random(in: 0...2, using: &rng))
            case .geometric: (size, gap) = (1, UInt64(1) << UInt64(i % 40))
            }
            let start = next + gap * 0x1000
            let end = start + size * 0x1000
            try set.map(MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: .read, backend: NullBackend()), in: &pageTable)
            spans.append((start, end))
            next = end
        }
        let top = next + 0x10000
        func model(_ x: UInt64) -> (UInt64, UInt64)? {
            var lo = 0, hi = spans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spans[mid].0 <= x { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 && spans[lo - 1].1 > x ? spans[lo - 1] : nil
        }
        for _ in 0..<30_000 {
            // Addresses anywhere, and right at the bounds of areas.
            let x: UInt64
            if Bool.random(using: &rng) {
                x = UInt64.random(in: 0..<top, using: &rng)
            } else {
                let s = spans.randomElement(using: &rng)!
                x = [s.0, s.0 - 1, s.1 - 1, s.1].randomElement(using: &rng)!
            }
            let found = set.find(VirtAddr(x)).map { ($0.start.rawValue, $0.end.rawValue) }
            let expected = model(x)
            #expect(found?.0 == expected?.0 && found?.1 == expected?.1, "find \(VirtAddr(x))")
            if found?.0 != expected?.0 { return }
        }
    }
}
