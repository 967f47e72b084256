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

    /// The greatest multiple of `alignment` (a power of two) not above this address.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public func alignedDown(to alignment: UInt64) -> VirtAddr {
        VirtAddr(rawValue & ~(alignment &- 1))
    }

    /// The least multiple of `alignment` (a power of two) not below this
    /// address, or `nil` when that multiple does not fit in 64 bits.
    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public func alignedUp(to alignment: UInt64) -> VirtAddr? {
        let (sum, overflow) = rawValue.addingReportingOverflow(alignment &- 1)
        return overflow ? nil : VirtAddr(sum & ~(alignment &- 1))
    }

    /// Whether the address is aligned to a 4 KiB page.
    /// - Complexity: O(1)
    @inlinable
    public var isAligned4K: Bool { isAligned(to: 4096) }

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
    public var description: String { rawValue.hexDescription }
}

extension UInt64 {
    /// The value in lowercase hexadecimal with a `0x` prefix (`0x1f000`),
    /// written straight into the string's storage (no allocation below
    /// 2^52, where the text fits in a small string).
    /// - Complexity: O(1)
    public var hexDescription: String {
        String(unsafeUninitializedCapacity: _hexCount) { buffer in
            _writeHex(into: buffer, at: 0)
        }
    }

    /// The length of ``hexDescription``: `0x` and 1 to 16 digits.
    @usableFromInline
    var _hexCount: Int { Swift.max(1, (64 &- leadingZeroBitCount &+ 3) / 4) &+ 2 }

    /// Writes ``hexDescription`` into `buffer` at `offset` (which must leave room for
    /// ``_hexCount`` bytes) and returns the offset after it.
    /// - Complexity: O(1)
    @usableFromInline
    func _writeHex(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let end = offset &+ _hexCount
        buffer[offset] = UInt8(ascii: "0")
        buffer[offset &+ 1] = UInt8(ascii: "x")
        var value = self
        var i = end &- 1
        while i >= offset &+ 2 {
            let d = UInt8(truncatingIfNeeded: value & 0xf)
            buffer[i] = d < 10 ? UInt8(ascii: "0") &+ d : UInt8(ascii: "a") &- 10 &+ d
            value >>= 4
            i &-= 1
        }
        return end
    }

    /// Whether the value is a (non-zero) power of two.
    @inlinable @inline(__always)
    public var isPowerOfTwo: Bool { self != 0 && self & (self &- 1) == 0 }
}
