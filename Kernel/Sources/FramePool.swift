import KernelSupport

/// The physical page frames the playground's page tables and pages come from: every 4 KiB
/// frame between the end of the kernel image (stack and heap included) and the end of RAM.
/// Frames are handed out zeroed.
struct FramePool {
    /// Free frames (physical addresses), the next one last.
    private var free: [UInt64] = []
    /// The number of frames in the pool.
    private(set) var total = 0

    init(start: UInt64, end: UInt64) {
        var pa = end
        while pa >= start &+ 4096 {
            pa &-= 4096
            free.append(pa)
        }
        total = free.count
    }

    /// Frames handed out and not given back.
    var used: Int { total &- free.count }

    /// A zeroed frame, or `nil` when none is left.
    mutating func allocate() -> UInt64? {
        guard let pa = free.popLast() else { return nil }
        Physical.page(pa).update(repeating: 0, count: 512)
        return pa
    }

    /// Gives `pa` back.
    mutating func release(_ pa: UInt64) { free.append(pa) }
}

/// Physical memory as the kernel sees it: RAM is identity-mapped (one 1 GiB page), so a
/// physical address is also a usable pointer.
enum Physical {
    /// The 512 entries (or 4096 bytes as 512 words) of the frame at `pa`.
    static func page(_ pa: UInt64) -> UnsafeMutablePointer<UInt64> {
        UnsafeMutablePointer<UInt64>(bitPattern: UInt(pa))!
    }
}
