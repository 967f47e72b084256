/// Sizes in human binary units: `512 B`, `4 KiB`, `1.5 MiB`, `128 TiB`.
enum SizeFormat {
    private static let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// `bytes` in the largest unit not above it; exact values print without decimals,
    /// others with one decimal (rounded down).
    /// - Complexity: O(1)
    static func human(_ bytes: UInt64) -> String {
        let p = parts(bytes)
        guard let tenth = p.tenth else { return "\(p.whole) \(units[p.unit])" }
        return "\(p.whole).\(tenth) \(units[p.unit])"
    }

    /// The number, its tenth (nil when exact) and the unit's index of `bytes` as
    /// ``human(_:)`` writes it.
    /// - Complexity: O(1)
    static func parts(_ bytes: UInt64) -> (whole: UInt64, tenth: UInt64?, unit: Int) {
        var unit = 0
        while unit + 1 < units.count, bytes >> (10 * UInt64(unit + 1)) > 0 { unit += 1 }
        let shift = 10 * UInt64(unit)
        let whole = bytes >> shift
        let rest = bytes & ((1 << shift) &- 1)
        if rest == 0 { return (whole, nil, unit) }
        return (whole, (rest >> (shift - 10)) * 10 / 1024, unit)
    }

    /// The length of ``human(_:)`` of `bytes`, without building it.
    /// - Complexity: O(1)
    static func width(_ bytes: UInt64) -> Int {
        let p = parts(bytes)
        return decimalWidth(p.whole) + (p.tenth == nil ? 0 : 2) + 1 + units[p.unit].utf8.count
    }

    /// Writes ``human(_:)`` of `bytes` into `text`, without building a string.
    /// - Complexity: O(1)
    static func write(_ bytes: UInt64, to text: inout TextBuffer) {
        let p = parts(bytes)
        text.writeDecimal(p.whole)
        if let tenth = p.tenth {
            text.write(UInt8(ascii: "."))
            text.write(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: tenth))
        }
        text.write(UInt8(ascii: " "))
        text.write(units[p.unit])
    }

    /// The number of decimal digits of `value`.
    /// - Complexity: O(1)
    static func decimalWidth(_ value: UInt64) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 { digits += 1; rest /= 10 }
        return digits
    }
}
