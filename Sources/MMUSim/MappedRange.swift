import MemorySetCore

/// A run of mapped virtual memory: consecutive leaves of one size with equal
/// flags whose physical addresses are contiguous too.
public struct MappedRange: Sendable, Hashable {
    /// The virtual range.
    public var start: VirtAddr
    /// The first address after the range.
    public var end: VirtAddr
    /// The physical address `start` maps to (the rest follows contiguously).
    public var physicalStart: UInt64
    /// The permissions of every page of the run.
    public var flags: MappingFlags
    /// The size of the leaves: 4 KiB, 2 MiB or 1 GiB.
    public var pageSize: UInt64
    /// Whether the frames came from the frame allocator (`alloc` pages).
    public var allocated: Bool

    /// Creates a run.
    /// - Complexity: O(1)
    public init(start: VirtAddr, end: VirtAddr, physicalStart: UInt64, flags: MappingFlags,
                pageSize: UInt64, allocated: Bool) {
        self.start = start
        self.end = end
        self.physicalStart = physicalStart
        self.flags = flags
        self.pageSize = pageSize
        self.allocated = allocated
    }

    /// The size of the run in bytes.
    /// - Complexity: O(1)
    public var size: UInt64 { end.rawValue - start.rawValue }
    /// The virtual range.
    /// - Complexity: O(1)
    public var range: AddrRange { AddrRange(start: start, end: end) }
    /// The first physical address after the run.
    /// - Complexity: O(1)
    public var physicalEnd: UInt64 { physicalStart &+ size }
}

extension MappedRange: CustomStringConvertible {
    /// `[0x1000, 0x5000) -> [0x12000, 0x16000) rw-- 4K x4 alloc`.
    /// - Complexity: O(1)
    public var description: String {
        let count = size / pageSize
        return "\(range) -> [\(hex(physicalStart)), \(hex(physicalEnd))) \(flags) \(sizeName(pageSize)) x\(count)"
            + (allocated ? " alloc" : "")
    }
}
