/// A 64-bit virtual address.
///
/// `VirtAddr` is a thin wrapper over `UInt64` that makes address arithmetic
/// explicit: alignment helpers return `nil` instead of wrapping around, and
/// the printed form is lowercase hexadecimal (`0x7fff_f000` prints as
/// `0x7ffff000`).
@frozen
public struct VirtAddr: RawRepresentable, Hashable, Comparable, Sendable {
    /// The numeric value of the address.
    public var rawValue: UInt64

    /// Creates an address from its numeric value.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Creates an address from its numeric value.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public init(_ value: UInt64) { self.rawValue = value }

    /// The lowest address, 0.
    public static let zero = VirtAddr(0)

    /// Address order.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public static func < (lhs: VirtAddr, rhs: VirtAddr) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the address is a multiple of `alignment` (a power of two).
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public func isAligned(to alignment: UInt64) -> Bool {
        rawValue & (alignment &- 1) == 0
    }

    /// The least multiple of `alignment` (a power of two) not below this
    /// address, or `nil` when that multiple does not fit in 64 bits.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public func alignedUp(to alignment: UInt64) -> VirtAddr? {
        let (sum, overflow) = rawValue.addingReportingOverflow(alignment &- 1)
        return overflow ? nil : VirtAddr(sum & ~(alignment &- 1))
    }

    /// This address plus `offset`, or `nil` on overflow.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public func adding(_ offset: UInt64) -> VirtAddr? {
        let (sum, overflow) = rawValue.addingReportingOverflow(offset)
        return overflow ? nil : VirtAddr(sum)
    }
}

extension VirtAddr: ExpressibleByIntegerLiteral {
    /// The address `value` (`let a: VirtAddr = 0x1000`).
    /// - Complexity: O(1)
    @inlinable
    public init(integerLiteral value: UInt64) { self.rawValue = value }
}

extension VirtAddr: CustomStringConvertible {
    /// The address in lowercase hexadecimal with a `0x` prefix, e.g. `0x1000`.
    public var description: String { "0x" + String(rawValue, radix: 16) }
}

extension UInt64 {
    /// Whether the value is a (non-zero) power of two.
    @inlinable @inline(__always)
    public var isPowerOfTwo: Bool { self != 0 && self & (self &- 1) == 0 }
}
