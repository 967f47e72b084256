/// A half-open range of virtual addresses, `[start, end)`.
@frozen
public struct AddrRange: Hashable, Sendable {
    /// The first address in the range.
    public var start: VirtAddr
    /// The first address after the range.
    public var end: VirtAddr

    /// Creates the range `[start, end)`.
    ///
    /// - Precondition: `start <= end`.
    /// - Complexity: O(1)
    @inlinable
    public init(start: VirtAddr, end: VirtAddr) {
        precondition(start <= end, "AddrRange: start must not be above end")
        self.start = start
        self.end = end
    }

    /// Creates `[start, start + size)`, or returns `nil` when `start + size`
    /// does not fit in 64 bits.
    /// - Complexity: O(1)
    @inlinable
    public init?(start: VirtAddr, size: UInt64) {
        guard let end = start.adding(size) else { return nil }
        self.start = start
        self.end = end
    }

    /// The number of bytes in the range.
    @inlinable public var size: UInt64 { end.rawValue - start.rawValue }

    /// Whether the range holds no address.
    @inlinable public var isEmpty: Bool { start == end }

    /// Whether `addr` lies in the range.
    /// - Complexity: O(1)
    @inlinable
    public func contains(_ addr: VirtAddr) -> Bool { start <= addr && addr < end }

    /// Whether every address of `other` lies in this range. An empty `other`
    /// is contained when its start lies in `[start, end]`.
    /// - Complexity: O(1)
    @inlinable
    public func contains(_ other: AddrRange) -> Bool { start <= other.start && other.end <= end }

    /// Whether the two ranges share at least one address. Empty ranges overlap nothing.
    /// - Complexity: O(1)
    @inlinable
    public func overlaps(_ other: AddrRange) -> Bool {
        start < other.end && other.start < end && !isEmpty && !other.isEmpty
    }
}

extension AddrRange: CustomStringConvertible {
    /// `[0x1000, 0x3000)`.
    public var description: String { "[" + start.description + ", " + end.description + ")" }
}
