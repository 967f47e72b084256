/// Sizes in human binary units: `512 B`, `4 KiB`, `1.5 MiB`, `128 TiB`.
enum SizeFormat {
    private static let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// `bytes` in the largest unit not above it; exact values print without decimals,
    /// others with one decimal (rounded down).
    /// - Complexity: O(1)
    static func human(_ bytes: UInt64) -> String {
        var unit = 0
        while unit + 1 < units.count, bytes >> (10 * UInt64(unit + 1)) > 0 { unit += 1 }
        let shift = 10 * UInt64(unit)
        let whole = bytes >> shift
        let rest = bytes & ((1 << shift) &- 1)
        if rest == 0 { return "\(whole) \(units[unit])" }
        let tenth = (rest >> (shift - 10)) * 10 / 1024
        return "\(whole).\(tenth) \(units[unit])"
    }
}
