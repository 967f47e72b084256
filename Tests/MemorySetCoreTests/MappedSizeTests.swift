import Testing
@testable import MemorySetCore
import TestSupport

/// `MemorySet.mappedSize`, kept in the tree's summaries by every edit, against a recount
/// (small nodes, so that splits, merges and rebalancing happen with few areas).
@Suite struct MappedSizeTests {
    @Test(arguments: [UInt64(7), 8, 9])
    func mappedSizeMatchesARecount(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        var set = MemorySet<NullBackend>(_nodeCapacity: 4)
        var backend: Void = ()
        var snapshots: [MemorySet<NullBackend>] = []
        for step in 0..<3_000 {
            let start = VirtAddr(UInt64.random(in: 0..<512, using: &rng) * 0x1000)
            let size = UInt64.random(in: 1...24, using: &rng) * 0x1000
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4:
                let area = MemoryArea(start: start, end: VirtAddr(start.rawValue + size), flags: .read, backend: NullBackend())
                _ = try? set.map(area, in: &backend, unmapOverlap: Bool.random(using: &rng))
            case 4..<6: _ = try? set.unmap(start: start, size: size, in: &backend)
            case 6..<8: _ = try? set.protect(start: start, size: size, in: &backend) { _ in [.read, .write] }
            case 8:
                snapshots.append(set)
                // Replace a region by fewer, larger areas (as undo does).
                let region = AddrRange(start: start, end: VirtAddr(start.rawValue + size))
                let inside = set.areas(overlapping: region).filter { region.start <= $0.start && $0.end <= region.end }
                if let first = inside.first, let last = inside.last {
                    let merged = MemoryArea(start: first.start, end: last.end, flags: .read, backend: NullBackend())
                    _ = try? set.replaceAreas(overlapping: AddrRange(start: first.start, end: last.end), with: [merged])
                }
            default: if let old = snapshots.popLast() { set = old }
            }
            if step % 500 == 499 { _ = try? set.clear(in: &backend) }
            #expect(set.mappedSize == set.reduce(0) { $0 + $1.size }, "seed \(seed) step \(step)")
        }
    }
}
