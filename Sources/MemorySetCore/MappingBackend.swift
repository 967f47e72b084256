/// Maps, unmaps and protects the pages of a memory area in a page table.
///
/// A ``MemorySet`` never owns a page table: the caller passes it to every
/// operation, and the set forwards it to the backend of each area it touches.
/// When an area is split, its backend value is copied to both pieces.
///
/// ## Contract
/// Each call either succeeds and returns `true`, or fails and returns `false`
/// **leaving the page table exactly as it was before the call**. The set
/// relies on this to stay consistent with the page table when a backend
/// fails (see ``MemorySet`` for what is kept in that case).
public protocol MappingBackend {
    /// The page table the backend writes to.
    associatedtype PageTable

    /// Maps `[start, start + size)` with `flags`.
    func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pageTable: inout PageTable) -> Bool

    /// Unmaps `[start, start + size)`.
    func unmap(start: VirtAddr, size: UInt64, in pageTable: inout PageTable) -> Bool

    /// Changes the flags of `[start, start + size)` to `newFlags`.
    func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pageTable: inout PageTable) -> Bool
}

/// A backend with no page table: every operation succeeds and does nothing.
///
/// Useful to use a ``MemorySet`` as a pure interval map (its page table is
/// `Void`: pass `&unit` where `var unit: Void = ()`).
@frozen
public struct NullBackend: MappingBackend, Hashable, Sendable {
    /// No page table.
    public typealias PageTable = Void
    /// The backend (it has no state).
    /// - Complexity: O(1)
    @inlinable public init() {}
    /// Succeeds, doing nothing.
    /// - Complexity: O(1)
    @inlinable public func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pageTable: inout Void) -> Bool { true }
    /// Succeeds, doing nothing.
    /// - Complexity: O(1)
    @inlinable public func unmap(start: VirtAddr, size: UInt64, in pageTable: inout Void) -> Bool { true }
    /// Succeeds, doing nothing.
    /// - Complexity: O(1)
    @inlinable public func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pageTable: inout Void) -> Bool { true }
}
