import MemorySetCore
import MMUSim
import Testing
@testable import Shell

/// The session's packed backend: what it stores and how big an area of the session's set is.
@Suite struct AreaBackendTests {
    /// Every simulator backend (with offsets at the extremes) and label comes back unchanged.
    @Test func simAndLabelRoundTrip() {
        let sims: [SimBackend] = [
            .none, .alloc(populate: false), .alloc(populate: true),
            .linear(paVaOffset: 0), .linear(paVaOffset: 0x1000), .linear(paVaOffset: 0xffff_ffff_ffff_f000),
            .linear(start: 0x1000, physicalStart: 0x8000_0000),
        ]
        for sim in sims {
            for raw: UInt32 in [0, 1, 7, (1 << AreaBackend.labelBits) - 1] {
                let backend = AreaBackend(sim: sim, label: LabelID(raw: raw))
                #expect(backend.sim == sim)
                #expect(backend.simBackend == sim)
                #expect(backend.label == LabelID(raw: raw))
            }
        }
    }

    /// Equality is that of the simulator backend and the label: `linear(0)` is not `none`,
    /// and changing `sim` through the setter drops the old offset.
    @Test func equalityFollowsSimAndLabel() {
        let label = LabelID(raw: 3)
        #expect(AreaBackend(sim: .linear(paVaOffset: 0), label: label) != AreaBackend(sim: .none, label: label))
        #expect(AreaBackend(sim: .alloc(populate: false)) != AreaBackend(sim: .alloc(populate: true)))
        #expect(AreaBackend(sim: .linear(paVaOffset: 0x2000)) != AreaBackend(sim: .linear(paVaOffset: 0x3000)))
        #expect(AreaBackend(sim: .none, label: label) != AreaBackend(sim: .none))
        var backend = AreaBackend(sim: .linear(paVaOffset: 0x5000), label: label)
        backend.sim = .none
        #expect(backend == AreaBackend(sim: .none, label: label))
        #expect(Set([backend, AreaBackend(sim: .none, label: label)]).count == 1)
        #expect(AreaBackend.none == AreaBackend(sim: .none, label: .none))
    }

    /// An area of the session's set is 32 bytes (the tree's leaves move them on every edit),
    /// and so is an optional one (a change's `before`, each of its pieces): its tag byte
    /// fits in the stride.
    @Test func areaIsThirtyTwoBytes() {
        #expect(MemoryLayout<AreaBackend>.size == 12)
        #expect(MemoryLayout<MemoryArea<AreaBackend>>.stride == 32)
        #expect(MemoryLayout<MemoryArea<AreaBackend>?>.stride == 32)
    }

    /// The forwarding: a populated area maps its pages, unmap and protect reach them.
    @Test func forwardsToTheSimulator() {
        var pageTable = PageTable(frameCount: 64)
        let backend = AreaBackend(sim: .alloc(populate: true), label: LabelID(raw: 1))
        #expect(backend.map(start: 0x1000, size: 0x2000, flags: [.read, .write], in: &pageTable))
        #expect(pageTable.translate(0x1000) != nil)
        #expect(backend.protect(start: 0x1000, size: 0x1000, newFlags: [.read], in: &pageTable))
        #expect(pageTable.mappedRanges().map(\.flags) == [[.read], [.read, .write]])
        #expect(backend.unmap(start: 0x1000, size: 0x2000, in: &pageTable))
        #expect(pageTable.translate(0x1000) == nil)
        let linear = AreaBackend(sim: .linear(start: 0x4000, physicalStart: 0x9000))
        #expect(linear.map(start: 0x4000, size: 0x1000, flags: [.read], in: &pageTable))
        #expect(pageTable.translate(0x4010) == 0x9010)
        #expect(AreaBackend.none.map(start: 0x1000, size: 0x1000, flags: [.read], in: &pageTable))
        #expect(pageTable.translate(0x1000) == nil)
    }
}
