/// A memory area: a page-aligned range of virtual addresses with flags and
/// the backend that maps its pages.
///
/// The flags come last so that they fill the backend's tail padding instead of
/// making the backend start on its next alignment boundary (Swift lays stored
/// properties out in declaration order, each after the previous one's size):
/// ```
///  flags before backend (SimBackend, 9 bytes):
///    [start 8][end 8][f][pad 7][backend 9]            -> size 33, stride 40
///  flags last:
///    [start 8][end 8][backend 9][f]                   -> size 26, stride 32
/// ```
/// The leaves of a set's tree hold areas inline, so the stride is what every
/// insertion and removal moves.
@frozen
public struct MemoryArea<Backend: MappingBackend> {
    /// The first address of the area.
    public var start: VirtAddr
    /// The first address after the area.
    public var end: VirtAddr
    /// The backend that maps the area's pages.
    public var backend: Backend
    /// The access permissions of the area.
    public var flags: MappingFlags

    /// Creates the area `[start, end)`. An empty or unaligned range is
    /// allowed here and rejected by ``MemorySet/map(_:in:unmapOverlap:)``.
    ///
    /// - Precondition: `start <= end`.
    /// - Complexity: O(1)
    @inlinable
    public init(start: VirtAddr, end: VirtAddr, flags: MappingFlags, backend: Backend) {
        precondition(start <= end, "MemoryArea: start must not be above end")
        self.start = start
        self.end = end
        self.flags = flags
        self.backend = backend
    }

    /// Creates the area `[range.start, range.end)`.
    /// - Complexity: O(1)
    @inlinable
    public init(range: AddrRange, flags: MappingFlags, backend: Backend) {
        self.init(start: range.start, end: range.end, flags: flags, backend: backend)
    }

    /// The area's address range.
    @inlinable public var range: AddrRange { AddrRange(start: start, end: end) }

    /// The size of the area in bytes.
    @inlinable public var size: UInt64 { end.rawValue &- start.rawValue }

    /// Whether the area holds `addr`.
    /// - Complexity: O(1)
    @inlinable public func contains(_ addr: VirtAddr) -> Bool { start <= addr && addr < end }

    /// A copy of the area restricted to `[start, end)` (same flags and backend).
    @inlinable
    func slice(_ start: VirtAddr, _ end: VirtAddr) -> MemoryArea {
        var area = self
        area.start = start
        area.end = end
        return area
    }
}

extension MemoryArea: Sendable where Backend: Sendable {}
extension MemoryArea: Equatable where Backend: Equatable {}
extension MemoryArea: Hashable where Backend: Hashable {}

extension MemoryArea: CustomStringConvertible {
    /// `[0x1000, 0x3000) rw--`.
    public var description: String { range.description + " " + flags.description }
}
