import Testing
@testable import MemorySetCore

/// The guessed probe of a node search, in integer arithmetic: proportional to where `x` lies
/// in the span, inside the node, and free of overflow however wide the span.
@Suite struct SpreadGuessTests {
    @Test func guessIsProportional() {
        let span = (first: UInt64(0x1000), last: UInt64(0x1000 + 64 * 0x1000))
        for i in 0..<64 {
            #expect(spreadGuess(0x1000 + UInt64(i) * 0x1000 + 0x800, in: span, count: 64) == i)
        }
    }

    @Test func noGuessOutsideTheSpanOrInTinyNodes() {
        let span = (first: UInt64(0x1000), last: UInt64(0x9000))
        #expect(spreadGuess(0xfff, in: span, count: 8) == nil)
        #expect(spreadGuess(0x9000, in: span, count: 8) == nil)
        #expect(spreadGuess(0x2000, in: span, count: 2) == nil)
        #expect(spreadGuess(0x2000, in: (0, 0), count: 8) == nil)
    }

    /// Spans near 2^64: a plain `offset * count` would overflow 64 bits.
    @Test(arguments: [(UInt64(0), UInt64.max), (UInt64(0x1000), UInt64.max &- 0xfff), (UInt64(1) << 63, UInt64.max)])
    func noOverflowAtExtremeSpans(first: UInt64, last: UInt64) {
        let span = (first: first, last: last)
        let width = last - first
        var previous = 0
        for k in 0..<64 {
            let x = first + width / 64 * UInt64(k)
            let guess = spreadGuess(x, in: span, count: 64)
            #expect(guess != nil && guess! >= previous && guess! <= 63)
            // Within one entry of the exact fraction (k / 64 of the span).
            #expect(guess.map { abs($0 - k) <= 1 } == true, "x \(x) guess \(String(describing: guess)) k \(k)")
            previous = guess ?? previous
        }
        #expect(spreadGuess(last - 1, in: span, count: 64) == 63)
        #expect(spreadGuess(first, in: span, count: 64) == 0)
    }

    /// `find` on areas at the bottom and the top of the 64-bit space (a leaf spanning
    /// nearly 2^64).
    @Test func findAcrossTheWholeAddressSpace() throws {
        var set = MemorySet<NullBackend>()
        var pageTable: Void = ()
        let top = UInt64.max & ~0xfff
        var starts: [UInt64] = [0, 0x1000, top - 0x3000, top - 0x1000]
        starts += (1...8).map { UInt64($0) << 60 }
        for s in starts.sorted() {
            try set.map(MemoryArea(start: VirtAddr(s), end: VirtAddr(s + 0x1000), flags: .read, backend: NullBackend()), in: &pageTable)
        }
        for s in starts {
            #expect(set.find(VirtAddr(s + 0xfff))?.start == VirtAddr(s))
            #expect(set.find(VirtAddr(s + 0x1000))?.start != VirtAddr(s))
        }
        #expect(set.find(VirtAddr(top - 0x2000)) == nil)
    }
}
