extension AddressBar {
    /// `value × factor / divisor` in integers, as a quotient and a remainder, without
    /// overflow: `value ≤ divisor`, or `factor < divisor` (then the quotient is below `value`).
    /// Shifts and adds over the bits of `factor`, keeping the remainder below `divisor`.
    /// ```
    /// value 3, factor 5, divisor 4:  15 / 4 = 3 remainder 3
    /// ```
    /// - Precondition: `divisor > 0`.
    /// - Complexity: O(bits of `factor`)
    static func scaled(_ value: UInt64, by factor: UInt64, over divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        precondition(divisor > 0, "AddressBar.scaled: zero divisor")
        // value = vq × divisor + vr, so value × factor / divisor = vq × factor + vr × factor / divisor,
        // the last term by doubling (q, r) over the bits of `factor`, highest first.
        let vq = value / divisor, vr = value % divisor
        var q: UInt64 = 0, r: UInt64 = 0
        var bit = 64 - factor.leadingZeroBitCount
        while bit > 0 {
            bit -= 1
            q += q
            if r >= divisor - r { r -= divisor - r; q += 1 } else { r += r }
            if factor >> UInt64(bit) & 1 == 1 {
                if r >= divisor - vr { r -= divisor - vr; q += 1 } else { r += vr }
            }
        }
        q += vq * factor
        return (q, r)
    }
}
