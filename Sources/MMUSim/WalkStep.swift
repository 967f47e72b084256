import MemorySetCore

/// One level of a page-table walk: the entry read at that level.
public struct WalkStep: Sendable, Hashable {
    /// The level: 4 (root, PML4) down to 1 (PT).
    public var level: Int
    /// The index of the entry in its table (0–511).
    public var index: Int
    /// The physical address of the table read.
    public var tableAddress: UInt64
    /// The raw 64-bit entry (x86-64 layout; see the module docs).
    public var rawEntry: UInt64
    /// Whether the entry is present. A walk stops at the first absent entry.
    public var present: Bool
    /// Whether the entry maps a page (a leaf) rather than pointing to a table.
    public var isLeaf: Bool
    /// The physical address of the next table (`isLeaf == false`) or of the
    /// page (`isLeaf == true`); `nil` when not present.
    public var physicalAddress: UInt64?
    /// The size of the page a leaf maps (4 KiB, 2 MiB or 1 GiB); `nil` otherwise.
    public var pageSize: UInt64?
    /// The permissions of a leaf; `nil` otherwise.
    public var flags: MappingFlags?
    /// Whether a leaf's frame came from the frame allocator (an `alloc` page).
    public var allocated: Bool

    /// Creates a step.
    /// - Complexity: O(1)
    public init(level: Int, index: Int, tableAddress: UInt64, rawEntry: UInt64, present: Bool, isLeaf: Bool,
                physicalAddress: UInt64?, pageSize: UInt64?, flags: MappingFlags?, allocated: Bool) {
        self.level = level
        self.index = index
        self.tableAddress = tableAddress
        self.rawEntry = rawEntry
        self.present = present
        self.isLeaf = isLeaf
        self.physicalAddress = physicalAddress
        self.pageSize = pageSize
        self.flags = flags
        self.allocated = allocated
    }
}

/// `0x1f000`: lowercase hex with a `0x` prefix, as addresses print everywhere.
@inline(__always)
func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

/// `4K`, `2M` or `1G`.
func sizeName(_ size: UInt64) -> String {
    switch size {
    case 1 << 30: "1G"
    case 1 << 21: "2M"
    case 1 << 12: "4K"
    default: "\(size)"
    }
}

extension WalkStep: CustomStringConvertible {
    /// `L4[0] -> table @0x3000`, `L1[5] -> 4K page @0x12000 rw-- (alloc)`,
    /// `L2[1] -> 2M page @0x200000 r-x-`, or `L3[7] -> not present`.
    /// - Complexity: O(1)
    public var description: String {
        let head = "L\(level)[\(index)]"
        guard present, let pa = physicalAddress else { return "\(head) -> not present" }
        guard isLeaf, let size = pageSize, let flags else { return "\(head) -> table @\(hex(pa))" }
        return "\(head) -> \(sizeName(size)) page @\(hex(pa)) \(flags)\(allocated ? " (alloc)" : "")"
    }
}
