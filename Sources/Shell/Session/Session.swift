import MemorySetCore
import MMUSim

/// The state of a shell session and the commands that act on it (no I/O).
struct Session {
    /// Settings, areas and page table.
    var state = SessionState()
    /// Undo and redo.
    var history = History()
    /// The window of the bar and of the `areas` table; `nil` = the whole space.
    var view: AddrRange? = nil

    /// The window the bar shows.
    var window: AddrRange { view ?? state.settings.space }

    /// Runs `command` (not `source`, `save`, `help`, `quit`, which the shell handles).
    /// A failed command changes nothing.
    /// - Complexity: that of the core operation (O(log n + k) for k touched areas), plus
    ///   O(1) for the undo snapshot.
    mutating func run(_ parsed: ParsedCommand) throws(ShellError) -> CommandResult {
        let before = state
        let result: CommandResult
        var changed = false
        switch parsed.command {
        case let .map(range, flags, backend, force):
            let r = try resolve(range, "map", allowEmpty: false)
            let area = Area(range: r, flags: flags, backend: try makeBackend(backend, start: r.start))
            let changes = try transaction(before, "map", range: r) { (s: inout SessionState) throws(MappingError) in
                try s.set.map(area, in: &s.pageTable, unmapOverlap: force)
            }
            changed = true
            result = .changes(changes)
        case let .unmap(range):
            let r = try resolve(range, "unmap", allowEmpty: true)
            let changes = try transaction(before, "unmap", range: r) { (s: inout SessionState) throws(MappingError) in
                try s.set.unmap(start: r.start, size: r.size, in: &s.pageTable)
            }
            changed = !changes.isEmpty
            result = .changes(changes)
        case let .protect(range, flags):
            let r = try resolve(range, "protect", allowEmpty: true)
            let changes = try transaction(before, "protect", range: r) { (s: inout SessionState) throws(MappingError) in
                try s.set.protect(start: r.start, size: r.size, in: &s.pageTable) { _ in flags }
            }
            changed = !changes.isEmpty
            result = .changes(changes)
        case let .find(addr):
            result = .find(VirtAddr(addr), state.set.find(VirtAddr(addr)))
        case let .free(size, hint, limit, align):
            result = try free(size: size, hint: hint, limit: limit, align: align)
        case .areas:
            result = .areas
        case .clear:
            let changes = try transaction(before, "clear", range: state.settings.space) { (s: inout SessionState) throws(MappingError) in
                try s.set.clear(in: &s.pageTable)
            }
            changed = !changes.isEmpty
            result = .changes(changes)
        case let .set(spec):
            result = try applySetting(spec)
            changed = state.settings != before.settings
        case .undo:
            guard let entry = history.undo(current: state) else {
                throw .badState("undo: nothing to undo")
            }
            state = entry.state
            return .history(undo: true, text: entry.text)
        case .redo:
            guard let entry = history.redo(current: state) else {
                throw .badState("redo: nothing to redo")
            }
            state = entry.state
            return .history(undo: false, text: entry.text)
        case .reset:
            state = SessionState()
            view = nil
            changed = true
            result = .reset
        case let .view(spec):
            switch spec {
            case .show: break
            case .all: view = nil
            case .range(let range):
                let r = try resolveWindow(range, "view")
                view = r
            }
            result = .view(window)
        case let .touch(addr, kind, user):
            let access = Access(rawValue: kind.rawValue) ?? .read
            var table = state.pageTable
            let outcome = table.touch(VirtAddr(addr), access: access, user: user, areas: state.set)
            if case .faultResolved = outcome {
                state.pageTable = table
                changed = true
            }
            result = .touch(outcome, access: access, user: user)
        case let .pt(addr):
            let steps = state.pageTable.walk(VirtAddr(addr))
            result = .walk(VirtAddr(addr), steps, physical: state.pageTable.translate(VirtAddr(addr)))
        case let .ptDump(range):
            let window = try range.map { (r: RangeSpec) throws(ShellError) in try resolveWindow(r, "pt dump") }
            result = .ptDump(window, state.pageTable.mappedRanges(in: window))
        case .stats:
            result = .stats(state.pageTable.stats)
        case .verify:
            let problems = state.pageTable.verify(state.set)
            guard problems.isEmpty else {
                let shown = problems.prefix(3).joined(separator: "; ")
                throw .badState("verify: \(problems.count)\(problems.count >= PageTable.verifyProblemLimit ? "+" : "") problem\(problems.count == 1 ? "" : "s"): \(shown)\(problems.count > 3 ? "; …" : "")")
            }
            result = .verified
        case .source, .save, .help, .quit:
            throw .badState("\(parsed.word): not available in this session")
        }
        if changed { history.record(before: before, text: parsed.text) }
        return result
    }

    // MARK: - Helpers

    /// Runs `body` on a copy of the state and keeps the copy only on success, so that a
    /// failing command (including a backend failure in the middle) changes nothing.
    private mutating func transaction<T>(
        _ before: SessionState, _ word: String, range: AddrRange,
        _ body: (inout SessionState) throws(MappingError) -> T
    ) throws(ShellError) -> T {
        var working = before
        do {
            let value = try body(&working)
            state = working
            return value
        } catch {
            state = before
            switch error {
            case .badState:
                throw .badState("\(word): the page table refused the operation (no free frame, or a physical address past the simulator's limit); nothing changed")
            case .invalidParam:
                throw .invalid("\(word): invalid range \(range) for the page size \(hex(state.settings.pageSize))")
            case .alreadyExists:
                throw ShellError(.alreadyExists, "\(word): \(range) overlaps \(overlapDescription(range)); use --force to replace")
            }
        }
    }

    /// The areas overlapping `r`, described for an error message.
    private func overlapDescription(_ r: AddrRange) -> String {
        var names: [String] = []
        var total = 0
        for area in state.set.areas(endingAbove: r.start) {
            guard area.start < r.end else { break }
            total += 1
            if names.count < 3 { names.append(area.description) }
            if total > 3 { break }
        }
        let more = total > 3 ? " and more" : ""
        return (names.count == 1 ? "area " : "areas ") + names.joined(separator: ", ") + more
    }

    /// The backend of a new area at `start`.
    private func makeBackend(_ choice: BackendChoice?, start: VirtAddr) throws(ShellError) -> AreaBackend {
        if choice != nil, state.settings.backend == .none {
            throw .badState("map: --linear/--alloc/--populate need `set backend mmu` (the backend is none)")
        }
        guard state.settings.backend == .mmu else { return .none }
        switch choice {
        case nil: return .alloc(populate: false)
        case .alloc(let populate): return .alloc(populate: populate)
        case .linear(let paddr):
            guard VirtAddr(paddr).isAligned(to: state.settings.pageSize) else {
                throw .invalid("map: --linear PADDR \(hex(paddr)) is not aligned to the page size \(hex(state.settings.pageSize))")
            }
            return .linear(start: start, physicalStart: paddr)
        }
    }

    /// Checks a map/unmap/protect range: START + SIZE fits, END >= START, both page-aligned
    /// and inside the space, and non-empty unless `allowEmpty`.
    func resolve(_ spec: RangeSpec, _ word: String, allowEmpty: Bool) throws(ShellError) -> AddrRange {
        guard let end = spec.end.resolve(from: spec.start) else {
            throw .invalid("\(word): START + SIZE overflows 64 bits (\(hex(spec.start)) + \(hex(spec.endSize)))")
        }
        guard end >= spec.start else {
            throw .invalid("\(word): END \(hex(end)) is below START \(hex(spec.start))")
        }
        let page = state.settings.pageSize
        guard VirtAddr(spec.start).isAligned(to: page) else {
            throw .invalid("\(word): START \(hex(spec.start)) is not aligned to the page size \(hex(page))")
        }
        guard VirtAddr(end).isAligned(to: page) else {
            throw .invalid("\(word): END \(hex(end)) is not aligned to the page size \(hex(page))")
        }
        let range = AddrRange(start: VirtAddr(spec.start), end: VirtAddr(end))
        let space = state.settings.space
        guard space.contains(range) else {
            throw .invalid("\(word): \(range) is outside the address space \(space)")
        }
        guard allowEmpty || !range.isEmpty else {
            throw .invalid("\(word): empty range \(range)")
        }
        return range
    }

    /// Checks a window or space range: START + SIZE fits and END > START.
    func resolveWindow(_ spec: RangeSpec, _ word: String) throws(ShellError) -> AddrRange {
        guard let end = spec.end.resolve(from: spec.start) else {
            throw .invalid("\(word): START + SIZE overflows 64 bits (\(hex(spec.start)) + \(hex(spec.endSize)))")
        }
        guard end > spec.start else {
            throw .invalid("\(word): END \(hex(end)) must be above START \(hex(spec.start))")
        }
        return AddrRange(start: VirtAddr(spec.start), end: VirtAddr(end))
    }

    private func free(size: UInt64, hint: UInt64?, limit: RangeSpec?, align: UInt64?) throws(ShellError) -> CommandResult {
        let page = state.settings.pageSize
        guard size != 0 else { throw .invalid("free: SIZE must not be 0") }
        guard size % page == 0 else {
            throw .invalid("free: SIZE \(hex(size)) is not a multiple of the page size \(hex(page))")
        }
        let alignment = align ?? page
        guard alignment.isPowerOfTwo, alignment >= page else {
            throw .invalid("free: --align \(hex(alignment)) must be a power of two >= the page size \(hex(page))")
        }
        var limitRange = state.settings.space
        if let limit {
            guard let end = limit.end.resolve(from: limit.start) else {
                throw .invalid("free: --limit START + SIZE overflows 64 bits")
            }
            guard end >= limit.start else {
                throw .invalid("free: --limit END \(hex(end)) is below START \(hex(limit.start))")
            }
            limitRange = AddrRange(start: VirtAddr(limit.start), end: VirtAddr(end))
        }
        do {
            let address = try state.set.findFreeArea(hint: VirtAddr(hint ?? 0), size: size, limit: limitRange, alignment: alignment)
            return .free(size: size, address: address)
        } catch {
            throw ShellError(ShellErrorKind(error), "free: invalid SIZE or --align")
        }
    }

    private mutating func applySetting(_ spec: SetSpec) throws(ShellError) -> CommandResult {
        var settings = state.settings
        var note: String? = nil
        let key: String?
        switch spec {
        case .show:
            return .settings(key: nil, note: nil)
        case .pageSize(let n):
            key = "page-size"
            guard n.isPowerOfTwo else { throw .invalid("set page-size: \(hex(n)) is not a power of two") }
            try requireEmpty("set page-size")
            settings.pageSize = n
        case .space(let range):
            key = "space"
            let r = try resolveWindow(range, "set space")
            try requireEmpty("set space")
            settings.space = r
        case .backend(let mode):
            key = "backend"
            try requireEmpty("set backend")
            if mode == .mmu, !settings.mmuCompatible {
                throw .badState("set backend mmu: the MMU needs a page size that is a multiple of 4 KiB"
                    + " and a space ending at or below 2^48 (page size \(hex(settings.pageSize)), space \(settings.space))")
            }
            settings.backend = mode
        case .frames(let n):
            key = "frames"
            guard n >= 1, n <= Settings.maxFrames else {
                throw .invalid("set frames: \(n) is not between 1 and \(Settings.maxFrames)")
            }
            try requireEmpty("set frames")
            settings.frames = Int(n)
        }
        if settings.backend == .mmu, !settings.mmuCompatible {
            settings.backend = .none
            note = settings.pageSize % Settings.mmuPageSize != 0
                ? "the MMU simulator needs 4 KiB pages: backend switched to none"
                : "the MMU simulator covers 48 bits: backend switched to none"
        }
        if settings != state.settings {
            state = SessionState(settings: settings)
        }
        return .settings(key: key, note: note)
    }

    private func requireEmpty(_ what: String) throws(ShellError) {
        guard state.set.isEmpty else {
            throw .badState("\(what): only allowed while the set is empty (it has \(state.set.count) area\(state.set.count == 1 ? "" : "s"); `clear` first)")
        }
    }
}

extension RangeSpec {
    /// The SIZE of a `+SIZE` end, or the END, for messages.
    var endSize: UInt64 {
        switch end {
        case .absolute(let e): return e
        case .relative(let s): return s
        }
    }
}

/// `0x…` lowercase.
func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
