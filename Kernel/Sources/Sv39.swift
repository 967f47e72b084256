import KernelSupport
import MemorySetCore
import MMUSim

/// An Sv39 page table in real memory: three levels of 512 entries, 4 KiB pages, 39-bit
/// virtual addresses. The kernel's own mappings (RAM at 0x8000_0000 and the devices at
/// 0xc000_0000, as 1 GiB pages) live in root entries 2 and 3; the playground
/// [0x1000_0000, 0x7000_0000) lies under root entries 0 and 1, whose tables this type
/// creates and frees as pages come and go.
///
/// ```
///  VA bits: 38      30 29      21 20      12 11         0
///          | VPN[2]   | VPN[1]   | VPN[0]   | offset     |
///  satp → root (level 2) --VPN[2]--> level 1 table --VPN[1]--> level 0 table --VPN[0]--> 4 KiB page
///  (a leaf at level 2 maps 1 GiB, at level 1 2 MiB)
/// ```
struct Sv39Table {
    /// The playground: where areas may be mapped.
    static let playground = AddrRange(start: 0x1000_0000, end: 0x7000_0000)
    /// The kernel's view of the devices (UART at 0x1000_0000 physical → 0xd000_0000).
    static let deviceBase: UInt64 = 0xc000_0000

    // Entry bits.
    static let valid: UInt64 = 1 << 0
    static let read: UInt64 = 1 << 1
    static let write: UInt64 = 1 << 2
    static let execute: UInt64 = 1 << 3
    static let user: UInt64 = 1 << 4
    static let global: UInt64 = 1 << 5
    static let accessed: UInt64 = 1 << 6
    static let dirty: UInt64 = 1 << 7

    /// The root table's physical address.
    let root: UInt64
    /// The frames of the playground's table pages.
    var frames: FramePool
    /// Table pages of the playground (the root not counted).
    private(set) var tablePages = 0
    /// 4 KiB pages mapped in the playground.
    private(set) var mappedPages = 0

    /// A root table with the kernel's mappings, from `frames`.
    init(frames: FramePool) {
        var frames = frames
        root = frames.allocate()!
        self.frames = frames
        let kernel = Self.valid | Self.read | Self.write | Self.execute | Self.global | Self.accessed | Self.dirty
        Physical.page(root)[2] = (0x8000_0000 >> 12) << 10 | kernel
        Physical.page(root)[3] = (0 >> 12) << 10 | (kernel & ~Self.execute)
    }

    /// `satp` for this table: mode Sv39, ASID 0.
    var satp: UInt64 { 8 << 60 | root >> 12 }

    /// Whether `flags` can be a leaf: Sv39 has no leaf without R, W or X (that is a pointer to
    /// the next table), and reserves W without R.
    static func canMap(_ flags: MappingFlags) -> Bool {
        flags.contains(.read) || (flags.contains(.execute) && !flags.contains(.write))
    }

    static func bits(_ flags: MappingFlags) -> UInt64 {
        var bits = valid | accessed | dirty
        if flags.contains(.read) { bits |= read }
        if flags.contains(.write) { bits |= write }
        if flags.contains(.execute) { bits |= execute }
        if flags.contains(.user) { bits |= user }
        return bits
    }

    static func flags(_ entry: UInt64) -> MappingFlags {
        var flags = MappingFlags()
        if entry & read != 0 { flags.insert(.read) }
        if entry & write != 0 { flags.insert(.write) }
        if entry & execute != 0 { flags.insert(.execute) }
        if entry & user != 0 { flags.insert(.user) }
        return flags
    }

    static func isLeaf(_ entry: UInt64) -> Bool { entry & (read | write | execute) != 0 }
    static func physical(_ entry: UInt64) -> UInt64 { (entry >> 10) << 12 }

    /// The index of `va` in the table of `level` (2 = root, 0 = last).
    static func index(_ va: UInt64, level: Int) -> Int { Int(truncatingIfNeeded: (va >> (12 &+ 9 &* UInt64(level))) & 511) }

    /// The last-level entry of `va`; with `create`, missing tables are made (`nil` when no
    /// frame is left), else `nil` when a table is missing.
    mutating func entry(_ va: UInt64, create: Bool) -> UnsafeMutablePointer<UInt64>? {
        var table = root
        var level = 2
        while level > 0 {
            let slot = Physical.page(table) + Self.index(va, level: level)
            if slot.pointee & Self.valid == 0 {
                guard create, let pa = frames.allocate() else { return nil }
                tablePages &+= 1
                slot.pointee = (pa >> 12) << 10 | Self.valid
            }
            table = Self.physical(slot.pointee)
            level &-= 1
        }
        return Physical.page(table) + Self.index(va, level: 0)
    }

    /// The leaf entry of `pa` with `flags` (accessed and dirty set; `u` left out: every
    /// access is made in S-mode, see ``Mirror``).
    static func leafBits(_ pa: UInt64, flags: MappingFlags) -> UInt64 {
        (pa >> 12) << 10 | (bits(flags) & ~user)
    }

    /// Maps the 4 KiB page `va` to `pa` with `flags`, making missing tables; `false` when no
    /// frame is left for a table.
    mutating func map(_ va: UInt64, to pa: UInt64, flags: MappingFlags) -> Bool {
        guard let slot = entry(va, create: true) else { return false }
        if slot.pointee & Self.valid == 0 { mappedPages &+= 1 }
        slot.pointee = Self.leafBits(pa, flags: flags)
        return true
    }

    /// The last-level entry of `va`, 0 when a table is missing.
    mutating func leaf(_ va: UInt64) -> UInt64 {
        entry(va, create: false)?.pointee ?? 0
    }

    /// The entries the MMU reads to translate `va`, from the root (level 2) down to a leaf or
    /// to the first invalid entry, as `pt ADDR` shows them; empty for a non-canonical address
    /// (bits 63–39 not all equal to bit 38), which faults before any walk. A valid non-leaf
    /// entry at level 0 is reserved (the MMU faults): it is shown as not present.
    /// - Complexity: O(1) (at most 3 entries read)
    func walk(_ va: UInt64) -> [WalkStep] {
        let top = va >> 38
        guard top == 0 || top == (1 << 26) &- 1 else { return [] }
        var steps: [WalkStep] = []
        var table = root
        var level = 2
        while level >= 0 {
            let index = Self.index(va, level: level)
            let entry = Physical.page(table)[index]
            let leaf = entry & Self.valid != 0 && Self.isLeaf(entry)
            let present = entry & Self.valid != 0 && (leaf || level > 0)
            steps.append(WalkStep(
                level: level, index: index, tableAddress: table, rawEntry: entry, present: present, isLeaf: leaf,
                physicalAddress: present ? Self.physical(entry) : nil,
                pageSize: leaf ? 1 << (12 &+ 9 &* UInt64(level)) : nil, flags: leaf ? Self.flags(entry) : nil,
                allocated: false))
            guard present, !leaf else { break }
            table = Self.physical(entry)
            level &-= 1
        }
        return steps
    }

    /// Clears every page of `range` and frees the tables left empty.
    mutating func clear(_ range: AddrRange) {
        let start = range.start.rawValue, end = range.end.rawValue
        forEachLeaf(start: start, end: end) { table, slot in
            slot.pointee = 0
            table.mappedPages &-= 1
        }
        var va = start & ~(0x20_0000 &- 1)
        while va < end {
            pruneTables(around: va)
            va &+= 0x20_0000
        }
    }

    /// The pages mapped in `range`.
    mutating func count(_ range: AddrRange) -> Int {
        var n = 0
        forEachLeaf(start: range.start.rawValue, end: range.end.rawValue) { _, _ in n &+= 1 }
        return n
    }

    /// Calls `body` with the slot of every present 4 KiB leaf in `[start, end)`, skipping
    /// missing tables whole.
    mutating func forEachLeaf(start: UInt64, end: UInt64, _ body: (inout Sv39Table, UnsafeMutablePointer<UInt64>) -> Void) {
        var va = start
        while va < end {
            let rootSlot = Physical.page(root) + Self.index(va, level: 2)
            guard rootSlot.pointee & Self.valid != 0 else {
                va = (va | (0x4000_0000 &- 1)) &+ 1
                continue
            }
            let l1 = Physical.page(Self.physical(rootSlot.pointee)) + Self.index(va, level: 1)
            guard l1.pointee & Self.valid != 0 else {
                va = (va | (0x20_0000 &- 1)) &+ 1
                continue
            }
            let slot = Physical.page(Self.physical(l1.pointee)) + Self.index(va, level: 0)
            if slot.pointee & Self.valid != 0 { body(&self, slot) }
            va &+= 4096
        }
    }

    /// Frees the last-level table of `va` if it is empty, then its parent if that is empty.
    mutating func pruneTables(around va: UInt64) {
        let rootSlot = Physical.page(root) + Self.index(va, level: 2)
        guard rootSlot.pointee & Self.valid != 0 else { return }
        let l2 = Self.physical(rootSlot.pointee)
        let l1Slot = Physical.page(l2) + Self.index(va, level: 1)
        if l1Slot.pointee & Self.valid != 0 {
            let l1 = Self.physical(l1Slot.pointee)
            if Self.isEmpty(l1) {
                frames.release(l1)
                tablePages &-= 1
                l1Slot.pointee = 0
            }
        }
        if Self.isEmpty(l2) {
            frames.release(l2)
            tablePages &-= 1
            rootSlot.pointee = 0
        }
    }

    static func isEmpty(_ table: UInt64) -> Bool {
        let entries = Physical.page(table)
        for i in 0..<512 where entries[i] != 0 { return false }
        return true
    }
}
