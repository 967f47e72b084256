import MemorySetCore
import MMUSim

/// A line of a maps file that `load` skipped: it lies outside the address space.
struct SkippedLine: Equatable {
    var line: Int
    var start: UInt64
    var end: UInt64
    var label: String?
}

/// What `load` did.
struct LoadSummary {
    /// Where the text came from.
    var source: LoadSource
    /// The areas added.
    var loaded: Int
    /// The lines outside the address space, in file order.
    var skipped: [SkippedLine]
    /// What happened to each touched area: with `--force`, the unmap changes of each
    /// overlapped area, then `added` per loaded area, in address order.
    var changes: [Change]
}

extension Session {
    /// `load`: adds one area per entry, as one undoable step, or nothing at all.
    ///
    /// Each entry must be non-empty, page-aligned, and not overlap another entry (else
    /// `InvalidParam` naming `FILE:LINE:`); entries not wholly inside the space are skipped
    /// (reported in the summary). Areas get the entry's `rwx` plus `u` (everything inside the
    /// space is user space), the entry's label, and backend `alloc` (lazy) under the MMU or
    /// `none`. Overlapping an existing area is `AlreadyExists` unless `force`, which first
    /// unmaps the overlapped parts (as `map --force`). A page-table failure is `BadState`.
    /// ``cancellation`` is polled every 4096 entries (`Interrupted`, nothing loaded).
    /// - Parameters:
    ///   - entries: The parsed lines.
    ///   - text: The command's text, for undo.
    /// - Complexity: O(k log k) to check k entries, plus k `map` calls.
    mutating func load(_ entries: [MapsFormat.Entry], from source: LoadSource, force: Bool, text: String) throws(ShellError) -> LoadSummary {
        let file = source.path
        let page = state.settings.pageSize
        let space = state.settings.space
        var kept: [MapsFormat.Entry] = []
        var skipped: [SkippedLine] = []
        for entry in entries {
            let where_ = "load \(source.keyword): \(file):\(entry.line):"
            guard entry.start < entry.end else {
                throw .invalid("\(where_) \(entry.start == entry.end ? "empty" : "reversed") range \(hex(entry.start))-\(hex(entry.end))")
            }
            guard VirtAddr(entry.start).isAligned(to: page), VirtAddr(entry.end).isAligned(to: page) else {
                throw .invalid("\(where_) [\(hex(entry.start)), \(hex(entry.end))) is not aligned to the page size \(hex(page))")
            }
            let range = AddrRange(start: VirtAddr(entry.start), end: VirtAddr(entry.end))
            if space.contains(range) {
                kept.append(entry)
            } else {
                skipped.append(SkippedLine(line: entry.line, start: entry.start, end: entry.end, label: entry.label))
            }
        }
        kept.sort { $0.start < $1.start || ($0.start == $1.start && $0.line < $1.line) }
        for (a, b) in zip(kept, kept.dropFirst()) where b.start < a.end {
            throw .invalid("load \(source.keyword): \(file):\(b.line): [\(hex(b.start)), \(hex(b.end))) overlaps line \(a.line) [\(hex(a.start)), \(hex(a.end)))")
        }
        let before = state
        var working = state
        var changes: [Change] = []
        let mmu = working.settings.backend == .mmu
        for (i, entry) in kept.enumerated() {
            // Ctrl-C: every 4096 entries (nothing is kept: `working` is dropped).
            if i & 4095 == 4095 && cancellation.isCancelled { throw .interrupted }
            let range = AddrRange(start: VirtAddr(entry.start), end: VirtAddr(entry.end))
            let label = entry.label.map { working.labels.intern($0) } ?? .none
            let area = Area(range: range, flags: entry.flags.union(.user),
                            backend: AreaBackend(sim: mmu ? .alloc(populate: false) : .none, label: label))
            do {
                changes += try working.set.map(area, in: &working.pageTable, unmapOverlap: force)
            } catch {
                let where_ = "load \(source.keyword): \(file):\(entry.line):"
                switch error {
                case .alreadyExists:
                    throw ShellError(.alreadyExists, "\(where_) \(range)\(entry.label.map { " " + $0 } ?? "") overlaps \(overlapDescription(range)); nothing loaded (use --force to replace)")
                case .badState:
                    throw .badState("\(where_) the page table refused \(range); nothing loaded")
                case .invalidParam:
                    throw .invalid("\(where_) invalid range \(range); nothing loaded")
                }
            }
        }
        if !changes.isEmpty {
            state = working
            history.record(.state(before), text: text)
        }
        return LoadSummary(source: source, loaded: kept.count, skipped: skipped, changes: changes)
    }
}
