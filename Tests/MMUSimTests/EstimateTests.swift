import MemorySetCore
@testable import MMUSim
import Testing
import TestSupport

@Suite struct EstimateTests {
    @Test func populateNeedsAFramePerPageAndItsTables() {
        let pt = PageTable(frameCount: 64)
        // 4 pages in one 2 MiB chunk: 4 frames, one table at each of levels 1, 2, 3.
        #expect(pt.minimumFrames(toMap: 0x1000, size: 16 * KiB, with: .alloc(populate: true))
                == FrameEstimate(pages: 4, tablePages: 3))
        // Crossing a 2 MiB boundary: two level-1 tables.
        #expect(pt.minimumFrames(toMap: VirtAddr(2 * MiB - 4 * KiB), size: 8 * KiB, with: .alloc(populate: true))
                == FrameEstimate(pages: 2, tablePages: 4))
        // The whole user half: 2^35 pages, 2^26 + 2^17 + 2^8 tables.
        let all = pt.minimumFrames(toMap: 0, size: 1 << 47, with: .alloc(populate: true))
        #expect(all == FrameEstimate(pages: 1 << 35, tablePages: (1 << 26) + (1 << 17) + (1 << 8)))
    }

    @Test func lazyAndNoneNeedNothingUpFront() {
        let pt = PageTable(frameCount: 4)
        #expect(pt.minimumFrames(toMap: 0, size: 1 << 47, with: .alloc(populate: false))?.total == 0)
        #expect(pt.minimumFrames(toMap: 0, size: 1 << 47, with: .none)?.total == 0)
        #expect(pt.minimumFrames(toMap: 0x1001, size: 4 * KiB, with: .none) == nil)
        #expect(pt.minimumFrames(toMap: 0, size: 1 << 48 + 4096, with: .none) == nil)
    }

    @Test func linearUsesHugeLeavesWhereTheOffsetAllows() {
        let pt = PageTable(frameCount: 64)
        // 4 KiB-aligned offset: every 2 MiB chunk needs a level-1 table.
        #expect(pt.minimumFrames(toMap: 0, size: 1 << 47, with: .linear(start: 0, physicalStart: 0x1000))
                == FrameEstimate(pages: 0, tablePages: (1 << 26) + (1 << 17) + (1 << 8)))
        // 2 MiB-aligned: no level-1 table for whole chunks; 1 GiB-aligned: no level-2 either.
        #expect(pt.minimumFrames(toMap: 0, size: 1 << 47, with: .linear(start: 0, physicalStart: 2 * MiB))
                == FrameEstimate(pages: 0, tablePages: (1 << 17) + (1 << 8)))
        #expect(pt.minimumFrames(toMap: 0, size: 1 << 47, with: .linear(start: 0, physicalStart: 0))
                == FrameEstimate(pages: 0, tablePages: 1 << 8))
        // A partial chunk at each end still needs its level-1 tables.
        #expect(pt.minimumFrames(toMap: VirtAddr(2 * MiB - 4 * KiB), size: 2 * MiB + 8 * KiB,
                                 with: .linear(start: VirtAddr(2 * MiB - 4 * KiB), physicalStart: 2 * MiB - 4 * KiB))
                == FrameEstimate(pages: 0, tablePages: 2 + 1 + 1))
    }

    /// The estimate is a lower bound: over random maps on a table that already holds some,
    /// a map whose estimate exceeds the free frames always fails, and the frames a successful
    /// map took are never fewer than estimated.
    @Test func estimateIsALowerBound() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var pt = PageTable(frameCount: 1 + Int(rng.next() % 96))
            for _ in 0..<6 {
                let start = (rng.next() % 2048) * 4 * KiB * (rng.next() % 2 == 0 ? 1 : 512)
                let size = (1 + rng.next() % 64) * 4 * KiB * (rng.next() % 3 == 0 ? 512 : 1)
                // Physical starts 2 MiB-aligned, or at a 2 MiB multiple from the start (an offset
                // that allows huge leaves while the start itself is not aligned).
                let physical = (rng.next() % 4) * 2 * MiB + (rng.next() % 2 == 0 ? 0 : start)
                let backend: SimBackend = rng.next() % 2 == 0
                    ? .alloc(populate: true) : .linear(start: VirtAddr(start), physicalStart: physical)
                guard let estimate = pt.minimumFrames(toMap: VirtAddr(start), size: size, with: backend) else { continue }
                let free = UInt64(pt.stats.freeFrames)
                var copy = pt
                let ok = backend.map(start: VirtAddr(start), size: size, flags: [.read], in: &copy)
                if estimate.total > free { #expect(!ok, "estimate \(estimate) > \(free) free, yet the map succeeded") }
                if ok {
                    #expect(UInt64(pt.stats.freeFrames - copy.stats.freeFrames) >= estimate.total)
                    pt = copy
                }
            }
        }
    }
}
