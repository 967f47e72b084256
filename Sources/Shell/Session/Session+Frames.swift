import MemorySetCore
import MMUSim

extension PageTable {
    /// Refuses a map that cannot get the frames it needs, before anything is allocated: a
    /// populating `alloc` area needs a frame per page, and every mapping needs its table
    /// pages (``PageTable/minimumFrames(toMap:size:with:)``, a lower bound).
    ///
    /// The supply is the free frames, plus, with `--force`, every frame in use but the root
    /// (the unmap that comes first may give some back): the check never refuses a map that
    /// could succeed, and refuses at once one that would otherwise run out after allocating
    /// frames one by one (e.g. 2^35 pages), naming need and supply. (On the page table
    /// rather than the session: see ``Settings/resolve(_:_:allowEmpty:)``.)
    /// - Throws: `BadState` `map: needs 34,359,738,368 pages …; 262,143 frames free`.
    /// - Complexity: O(1)
    func checkFrames(for backend: SimBackend, range r: AddrRange, force: Bool) throws(ShellError) {
        // (No frame for a backend that writes nothing on map: ``minimumFrames(toMap:size:with:)``
        // says 0 at once, and the usual map, the caller's, does not call this at all.)
        guard let need = minimumFrames(toMap: r.start, size: r.size, with: backend), need.total > 0 else { return }
        let stats = self.stats
        let supply = UInt64(stats.freeFrames) + (force ? UInt64(stats.usedFrames - 1) : 0)
        guard need.total > supply else { return }
        var parts: [String] = []
        if need.pages > 0 { parts.append("\(grouped(need.pages)) page\(need.pages == 1 ? "" : "s")") }
        if need.tablePages > 0 {
            parts.append("\(need.pages > 0 ? "at least " : "")\(grouped(need.tablePages)) table page\(need.tablePages == 1 ? "" : "s")")
        }
        let free = "\(grouped(UInt64(stats.freeFrames))) frame\(stats.freeFrames == 1 ? "" : "s") free"
        throw .badState("map: needs \(parts.joined(separator: " and ")); \(free) (of \(grouped(UInt64(stats.frameCount)))); nothing changed")
    }
}

/// `n` with thousands separated by commas: `34,359,738,368`.
/// - Complexity: O(digits)
func grouped(_ n: UInt64) -> String {
    let digits = Array(String(n).utf8)
    var out: [UInt8] = []
    out.reserveCapacity(digits.count + digits.count / 3)
    for (i, d) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
        out.append(d)
    }
    return String(decoding: out, as: UTF8.self)
}
