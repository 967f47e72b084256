/// A memory area: a page-aligned range of virtual addresses with flags and
/// the backend that maps its pages.
@frozen
public struct MemoryArea<Backend: MappingBackend> {
    /// The first address of the area.
    public var start: VirtAddr
    /// The first address after the area.
    public var end: VirtAddr
    /// The access permissions of the area.
    public var flags: MappingFlags
    /// The backend that maps the area's pages.
    public var backend: Backend

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
    public var description: String {
        // One allocation: "[start, end) rwxu" written straight into the string's storage.
        String(unsafeUninitializedCapacity: descriptionUTF8Count) { writeDescription(into: $0, at: 0) }
    }

    /// The length in bytes of ``description`` (at most 45).
    /// - Complexity: O(1)
    public var descriptionUTF8Count: Int { range._descriptionCount &+ 5 }

    /// Writes ``description`` as UTF-8 into `buffer` at `offset`, for callers that build a
    /// longer text in one buffer, and returns the offset after it.
    /// - Precondition: `buffer` has ``descriptionUTF8Count`` bytes from `offset` (checked).
    /// - Complexity: O(1)
    public func writeDescription(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        precondition(offset >= 0 && buffer.count &- offset >= descriptionUTF8Count, "MemoryArea: buffer too small")
        let i = range._writeDescription(into: buffer, at: offset)
        buffer[i] = UInt8(ascii: " ")
        return flags._writeDescription(into: buffer, at: i &+ 1)
    }
}
