import MemorySetCore

/// The backends of the simulator: how an area's pages are put in a
/// ``PageTable``. Use it as `MemorySet<SimBackend>`.
///
/// Every call either succeeds or returns `false` leaving the page table
/// exactly as it was (frames and table pages it allocated are given back),
/// which `MemorySet` reports as ``MappingError/badState``. A call fails when
/// its range reaches 2^48 (the table's 48-bit limit), when frames run out,
/// or when it would map over a page that is already mapped.
public enum SimBackend: MappingBackend, Hashable, Sendable {
    public typealias PageTable = MMUSim.PageTable

    /// No page-table effect at all: the set is a pure interval map.
    case none
    /// Virtual → physical at a fixed offset: `pa = va &- paVaOffset` (so
    /// `--linear PADDR` at START has `paVaOffset = START &- PADDR`). The
    /// offset survives splits. Physical memory of a linear mapping is not
    /// taken from the frame allocator (think device memory or a direct map).
    /// 2 MiB and 1 GiB leaves are used where the range and offset allow.
    case linear(paVaOffset: UInt64)
    /// Pages backed by frames from the frame allocator: all at map time when
    /// `populate`, else one by one on first touch. Frames go back to the
    /// allocator on unmap.
    case alloc(populate: Bool)

    /// The linear backend mapping `start` to `physicalStart`.
    /// - Complexity: O(1)
    public static func linear(start: VirtAddr, physicalStart: UInt64) -> SimBackend {
        .linear(paVaOffset: start.rawValue &- physicalStart)
    }

    /// Whether ``map(start:size:flags:in:)`` writes to the page table: `false` for `none`
    /// and lazy `alloc`, which map nothing (the lazy one only checks the range), `true` for
    /// `linear` and populating `alloc`. A caller that saves the page table to restore it
    /// (undo, rollback) need not save it for a map that does not write to it, and such a map
    /// needs no frame (``PageTable/minimumFrames(toMap:size:with:)`` is 0).
    /// - Complexity: O(1)
    @inlinable
    public var writesOnMap: Bool {
        switch self {
        case .none, .alloc(populate: false): false
        case .linear, .alloc(populate: true): true
        }
    }

    /// Maps `[start, start + size)` with `flags`: nothing for `none` and lazy
    /// `alloc`, every page for `linear` and populating `alloc`.
    /// - Returns: `false` (table unchanged) on a range reaching 2^48, out of
    ///   frames, or a page already mapped.
    /// - Complexity: O(1) for `none` and lazy `alloc`; O(pages) for populating
    ///   `alloc`; O(leaves) for `linear` (huge leaves count one).
    public func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pageTable: inout PageTable) -> Bool {
        switch self {
        case .none: true
        case let .linear(offset): pageTable.mapLinear(start: start, size: size, paVaOffset: offset, flags: flags)
        case .alloc(populate: true): pageTable.mapAllocated(start: start, size: size, flags: flags)
        case .alloc(populate: false): pageTable.mapLazy(start: start, size: size)
        }
    }

    /// Unmaps the present pages of `[start, start + size)`; allocated frames
    /// go back to the allocator, empty table pages are freed.
    /// - Returns: `false` (table unchanged) on a range reaching 2^48, or when
    ///   a huge page must be split and no frame is free.
    /// - Complexity: O(1) for `none`; else O(entries of the present tables
    ///   covering the range): absent parts of a huge range cost nothing.
    public func unmap(start: VirtAddr, size: UInt64, in pageTable: inout PageTable) -> Bool {
        switch self {
        case .none: true
        case .linear, .alloc: pageTable.unmapRange(start: start, size: size)
        }
    }

    /// Changes the flags of the present pages of `[start, start + size)`.
    /// - Returns: `false` (table unchanged) on a range reaching 2^48, or when
    ///   a huge page must be split and no frame is free.
    /// - Complexity: O(1) for `none`; else O(entries of the present tables
    ///   covering the range).
    public func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pageTable: inout PageTable) -> Bool {
        switch self {
        case .none: true
        case .linear, .alloc: pageTable.protectRange(start: start, size: size, flags: newFlags)
        }
    }

    /// The physical address `va` maps to under a linear backend, else `nil`.
    /// - Complexity: O(1)
    public func physicalAddress(for va: VirtAddr) -> UInt64? {
        if case let .linear(offset) = self { va.rawValue &- offset } else { nil }
    }

    /// The backend's name as the command language spells it: `none`, `linear` or `alloc`.
    /// - Complexity: O(1)
    public var name: String {
        switch self {
        case .none: "none"
        case .linear: "linear"
        case .alloc: "alloc"
        }
    }
}

extension SimBackend: CustomStringConvertible {
    /// `none`, `linear(offset 0x1000)`, `alloc(populate)` or `alloc(lazy)`.
    /// - Complexity: O(1)
    public var description: String {
        switch self {
        case .none: "none"
        case let .linear(offset): "linear(offset \(hex(offset)))"
        case let .alloc(populate): populate ? "alloc(populate)" : "alloc(lazy)"
        }
    }
}
