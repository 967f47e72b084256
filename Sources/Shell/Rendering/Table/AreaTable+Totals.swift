import MemorySetCore

extension AreaTable {
    /// Writes the totals line over the whole set (not only the rows shown), as `pmap`'s
    /// `total`: `  total: 3 areas, 32 KiB mapped` and, with the MMU backend (`resident`
    /// given), `, 8 KiB resident`.
    /// - Complexity: O(1): the set keeps its mapped size (``MemorySet/mappedSize``) and the
    ///   page table its mapped pages (``PageTable/residentSize``).
    static func writeTotals(_ set: AreaSet, resident: UInt64?, to text: inout TextBuffer) {
        text.write("  total: ")
        text.writeDecimal(UInt64(set.count))
        text.write(set.count == 1 ? " area, " : " areas, ")
        SizeFormat.write(set.mappedSize, to: &text)
        text.write(" mapped")
        if let resident {
            text.write(", ")
            SizeFormat.write(resident, to: &text)
            text.write(" resident")
        }
        text.write(UInt8(ascii: "\n"))
    }

    /// Writes `  … N rows above` (or `  … N more rows below` with `more`).
    /// - Complexity: O(1)
    static func writeHidden(_ count: Int, _ place: String, to text: inout TextBuffer, more: Bool = false) {
        text.write("  … ")
        text.writeDecimal(UInt64(count))
        text.write(more ? " more row" : " row")
        if count != 1 { text.write(UInt8(ascii: "s")) }
        text.write(place)
        text.write(UInt8(ascii: "\n"))
    }
}
