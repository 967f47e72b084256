import MemorySetCore
@testable import MMUSim

/// Shorthand for an area with a simulator backend.
func area(_ start: UInt64, _ end: UInt64, _ flags: String, _ backend: SimBackend) -> MemoryArea<SimBackend> {
    MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: MappingFlags(parsing: flags)!, backend: backend)
}

/// A small deterministic generator (SplitMix64) so random tests replay by seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let KiB: UInt64 = 1 << 10
let MiB: UInt64 = 1 << 20
let GiB: UInt64 = 1 << 30
