import MemorySetCore

/// The settings of a session: page size, address space, backend mode and frame count.
struct Settings: Sendable, Equatable {
    /// The page size: a power of two.
    var pageSize: UInt64 = Settings.defaultPageSize
    /// The address space `[start, end)`: every area lies inside it.
    var space = AddrRange(start: 0, end: Settings.defaultSpaceEnd)
    /// Whether areas are mapped in the simulated page table.
    var backend: BackendMode = .mmu
    /// The number of 4 KiB frames of the simulated physical memory.
    var frames: Int = Settings.defaultFrames

    static let defaultPageSize: UInt64 = 4096
    static let defaultSpaceEnd = VirtAddr(0x8000_0000_0000)
    static let defaultFrames = 1 << 18
    /// The largest frame count accepted by `set frames` (2^32 frames = 16 TiB).
    static let maxFrames: UInt64 = 1 << 32
    /// The MMU simulator's page size.
    static let mmuPageSize: UInt64 = 4096
    /// The end of the MMU simulator's 48-bit space.
    static let mmuSpaceEnd: UInt64 = 1 << 48

    /// Whether the MMU simulator supports `pageSize` and `space`.
    var mmuCompatible: Bool {
        pageSize % Settings.mmuPageSize == 0 && space.end.rawValue <= Settings.mmuSpaceEnd
    }
}
