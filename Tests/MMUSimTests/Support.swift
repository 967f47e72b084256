import MemorySetCore
@testable import MMUSim
import TestSupport

/// Shorthand for an area with a simulator backend.
func area(_ start: UInt64, _ end: UInt64, _ flags: String, _ backend: SimBackend) -> MemoryArea<SimBackend> {
    MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: MappingFlags(parsing: flags)!, backend: backend)
}


let KiB: UInt64 = 1 << 10
let MiB: UInt64 = 1 << 20
let GiB: UInt64 = 1 << 30
