/// SplitMix64 (Steele, Lea and Flood, 2014): the small, seedable generator of the
/// benchmarks' workloads (BenchKit) and of every test target (through TestSupport), so that a
/// workload is the same on every run and a failing random test replays from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's position in its sequence.
    public var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    /// - Complexity: O(1)
    @inlinable public init(seed: UInt64) { state = seed }

    /// A generator whose sequence is fixed by `state` (the same as ``init(seed:)``).
    /// - Complexity: O(1)
    @inlinable public init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    /// - Complexity: O(1)
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
