import MemorySetCore

/// One 64-bit entry of a simulated x86-64 page table.
///
/// Layout (hardware bits as on x86-64, plus two software-available bits):
/// - bit 0 `P` present, bit 1 `W` writable, bit 2 `U` user,
/// - bit 7 `PS` huge page (a 2 MiB leaf at level 2, a 1 GiB leaf at level 3),
/// - bit 9 `R` readable (software bit: x86 has no "not readable" bit, the
///   simulator keeps the area's `r` flag here),
/// - bit 10 `O` owned (software bit: the frame came from the frame allocator
///   and goes back to it when the page is unmapped),
/// - bits 12–51 the physical address, bit 63 `NX` no-execute.
///
/// A table entry (pointing to the next level) is `P | W | U` plus the table's
/// physical address, as Linux does: permissions are decided by the leaf.
struct PageTableEntry: Hashable, Sendable {
    var raw: UInt64

    static let present: UInt64 = 1 << 0
    static let writable: UInt64 = 1 << 1
    static let user: UInt64 = 1 << 2
    static let huge: UInt64 = 1 << 7
    static let readable: UInt64 = 1 << 9
    static let owned: UInt64 = 1 << 10
    static let noExecute: UInt64 = 1 << 63
    static let addressMask: UInt64 = 0x000F_FFFF_FFFF_F000

    /// The empty (not present) entry.
    static let empty = PageTableEntry(raw: 0)

    init(raw: UInt64) { self.raw = raw }

    /// A leaf mapping `physical` with `flags`.
    /// - Complexity: O(1)
    static func leaf(physical: UInt64, flags: MappingFlags, huge isHuge: Bool, owned isOwned: Bool) -> PageTableEntry {
        var raw = present | (physical & addressMask)
        if flags.contains(.read) { raw |= readable }
        if flags.contains(.write) { raw |= writable }
        if flags.contains(.user) { raw |= user }
        if !flags.contains(.execute) { raw |= noExecute }
        if isHuge { raw |= huge }
        if isOwned { raw |= owned }
        return PageTableEntry(raw: raw)
    }

    /// An entry pointing to the table at `physical`.
    /// - Complexity: O(1)
    static func table(physical: UInt64) -> PageTableEntry {
        PageTableEntry(raw: present | writable | user | (physical & addressMask))
    }

    var isPresent: Bool { raw & Self.present != 0 }
    var isHuge: Bool { raw & Self.huge != 0 }
    var isOwned: Bool { raw & Self.owned != 0 }
    /// The physical address of the frame or next table.
    var physical: UInt64 { raw & Self.addressMask }
    /// The frame number of ``physical``.
    var frame: Int { Int(truncatingIfNeeded: physical >> 12) }

    /// Whether a present entry at `level` (1 = last) maps a page rather than a table.
    func isLeaf(atLevel level: Int) -> Bool { level == 1 || isHuge }

    /// The permissions a leaf grants.
    var flags: MappingFlags {
        // Bit arithmetic rather than OptionSet.insert: verify reads every leaf.
        let r: UInt8 = raw & Self.readable != 0 ? MappingFlags.read.rawValue : 0
        let w: UInt8 = raw & Self.writable != 0 ? MappingFlags.write.rawValue : 0
        let x: UInt8 = raw & Self.noExecute == 0 ? MappingFlags.execute.rawValue : 0
        let u: UInt8 = raw & Self.user != 0 ? MappingFlags.user.rawValue : 0
        return MappingFlags(rawValue: r | w | x | u)
    }

    /// This leaf with its permissions replaced by `flags` (address, size and
    /// ownership kept).
    func withFlags(_ flags: MappingFlags, atLevel level: Int) -> PageTableEntry {
        .leaf(physical: physical, flags: flags, huge: level > 1, owned: isOwned)
    }
}

/// Geometry of the 4-level table: 9 index bits per level above a 12-bit page offset.
enum Geometry {
    /// Levels 4 (root, PML4) down to 1 (PT).
    static let levels = 4
    /// Entries per table.
    static let entries = 512
    /// The first address the 48-bit table cannot map.
    static let addressLimit: UInt64 = 1 << 48
    /// The first physical address an entry cannot hold.
    static let physicalLimit: UInt64 = 1 << 52
    /// The page (and frame) size.
    static let pageSize: UInt64 = 4096

    /// The bit position of the index at `level`.
    @inline(__always) static func shift(_ level: Int) -> UInt64 { UInt64(12 + 9 * (level - 1)) }
    /// The bytes one entry at `level` covers (4 KiB, 2 MiB, 1 GiB, 512 GiB).
    @inline(__always) static func entrySize(_ level: Int) -> UInt64 { 1 << shift(level) }
    /// The index of `va` in its table at `level`.
    @inline(__always) static func index(_ va: UInt64, _ level: Int) -> Int { Int((va >> shift(level)) & 511) }
}
