import BenchKit

/// The seeded generator of every test target: BenchKit's SplitMix64, so that one
/// implementation serves the benchmarks and the tests.
public typealias SplitMix64 = BenchRandom

extension BenchRandom {
    /// A generator whose sequence is fixed by `state` (the same as `init(seed:)`).
    /// - Complexity: O(1)
    public init(state: UInt64) { self.init(seed: state) }
}
