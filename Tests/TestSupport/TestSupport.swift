/// The tests' shared support: the seeded generator ``SplitMix64`` (from `SeededRandom`, the
/// generator of BenchKit's workloads too), so every test target replays a random failure from
/// its seed with `import TestSupport` alone.
@_exported import SeededRandom
