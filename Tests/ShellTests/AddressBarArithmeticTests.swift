import Testing
@testable import Shell

/// The bar's integer arithmetic (it replaced `Double`, which Embedded Swift on a kernel
/// target has no FPU for): exact where `Double` would round.
@Suite struct AddressBarArithmeticTests {
    @Test func smallValuesMatchTheQuotientAndRemainder() {
        for value in 0..<40 as Range<UInt64> {
            for factor in 0..<40 as Range<UInt64> {
                for divisor in 1..<40 as Range<UInt64> where value <= divisor || factor < divisor {
                    let r = AddressBar.scaled(value, by: factor, over: divisor)
                    #expect(r.quotient == value * factor / divisor && r.remainder == value * factor % divisor,
                            "\(value) × \(factor) / \(divisor)")
                }
            }
        }
    }

    @Test func noOverflowNearTwoToThe64() {
        let total = UInt64.max - 4                       // a window of almost the whole space
        let r = AddressBar.scaled(total - 1, by: 77, over: total)
        #expect(r.quotient == 76)                        // 77 − 77/total: just under 77
        #expect(r.remainder == total - 77)
        // 2^63 + 1 bytes of 2^64 − 2, over 9 cells: 4.5 cells and a bit; Double rounds the bit away.
        let half = AddressBar.scaled((1 << 63) + 1, by: 9, over: UInt64.max - 1)
        #expect(half.quotient == 4 && half.remainder == (1 << 63) + 17)
    }
}
