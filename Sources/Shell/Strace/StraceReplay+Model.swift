import MemorySetCore

extension StraceReplay {
    /// Applies `body` to the model (all or nothing).
    /// - Throws: A refusal naming the range when the model refuses it (unaligned, overflow).
    mutating func edit(
        _ start: UInt64, _ size: UInt64,
        _ body: (inout MemorySet<Mapping>, inout Void) throws(MappingError) -> AreaChanges<Mapping>
    ) throws(Refusal) {
        var next = model
        var unit: Void = ()
        do {
            _ = try body(&next, &unit)
        } catch {
            throw Refusal(reason: "[\(hex(start)), +\(sizeText(size))) is not aligned to the page size \(hex(pageSize)) or overflows")
        }
        model = next
    }

    /// Maps `[start, start + size)` in the model over whatever lies there.
    mutating func map(_ start: UInt64, _ size: UInt64, _ flags: MappingFlags, label: String) throws(Refusal) {
        guard let end = VirtAddr(start).adding(size) else { throw Refusal(reason: "the range overflows 64 bits") }
        let id: Int
        if let known = labelIndex[label] {
            id = known
        } else {
            id = labels.count
            labels.append(label)
            labelIndex[label] = id
        }
        let area = MemoryArea(start: VirtAddr(start), end: end, flags: flags, backend: Mapping(label: id))
        try edit(start, size) { (m: inout MemorySet<Mapping>, u: inout Void) throws(MappingError) in
            try m.map(area, in: &u, unmapOverlap: true)
        }
    }

    /// Unmaps `[start, start + size)` in the model.
    mutating func unmap(_ start: UInt64, _ size: UInt64) throws(Refusal) {
        try edit(start, size) { (m: inout MemorySet<Mapping>, u: inout Void) throws(MappingError) in
            try m.unmap(start: VirtAddr(start), size: size, in: &u)
        }
    }

    /// `length` rounded up to a multiple of `unit` (default: the page size).
    /// - Throws: A refusal when that overflows 64 bits.
    func rounded(_ length: UInt64, to unit: UInt64? = nil) throws(Refusal) -> UInt64 {
        guard let up = VirtAddr(length).alignedUp(to: unit ?? pageSize) else {
            throw Refusal(reason: "length \(hex(length)) overflows 64 bits when rounded up to a page")
        }
        return up.rawValue
    }

    /// `map START +SIZE FLAGS --force --label "LABEL"`.
    func mapCommand(_ start: UInt64, _ size: UInt64, _ flags: MappingFlags, label: String) -> String {
        "map \(hex(start)) +\(sizeText(size)) \(flags.description) --force --label \(Parser.quote(label))"
    }

    /// A size as the command language reads it, with the largest binary suffix that divides
    /// it: `8K`, `2M`, `1G`; else hex.
    func sizeText(_ size: UInt64) -> String {
        for (shift, suffix) in [(40, "T"), (30, "G"), (20, "M"), (10, "K")] where size != 0 && size & (1 << shift - 1) == 0 {
            return "\(size >> shift)\(suffix)"
        }
        return hex(size)
    }
}
