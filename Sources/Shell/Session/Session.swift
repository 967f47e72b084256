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
        case let .map(range, flags, backend, force, label):
            let r = try resolve(range, "map", allowEmpty: false)
            let sim = try makeBackend(backend, start: r.start)
            let changes = try transaction(before, "map", range: r) { (s: inout SessionState) throws(MappingError) in
                let id = label.map { s.labels.intern($0) } ?? .none
                let area = Area(range: r, flags: flags, backend: AreaBackend(sim: sim, label: id))
                return Array(try s.set.map(area, in: &s.pageTable, unmapOverlap: force))
            }
            changed = true
            result = .changes(changes)
        case let .unmap(range):
            let r = try resolve(range, "unmap", allowEmpty: true)
            let changes = try transaction(before, "unmap", range: r) { (s: inout SessionState) throws(MappingError) in
                Array(try s.set.unmap(start: r.start, size: r.size, in: &s.pageTable))
            }
            changed = !changes.isEmpty
            result = .changes(changes)
        case let .protect(range, flags):
            let r = try resolve(range, "protect", allowEmpty: true)
            let changes = try transaction(before, "protect", range: r) { (s: inout SessionState) throws(MappingError) in
                Array(try s.set.protect(start: r.start, size: r.size, in: &s.pageTable) { _ in flags })
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
                Array(try s.set.clear(in: &s.pageTable))
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
        case .source, .save, .help, .quit, .load, .export:
            throw .badState("\(parsed.word): not available in this session")
        }
        if changed { history.record(before: before, command: parsed) }
        return result
    }

    // MARK: - Helpers

    /// Runs `body` on a copy of the state and keeps the copy only on success, so that a
    /// failing command (including a backend failure in the middle) changes nothing.
    mutating func transaction<T>(
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
    func overlapDescription(_ r: AddrRange) -> String {
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
    private func makeBackend(_ choice: BackendChoice?, start: VirtAddr) throws(ShellError) -> SimBackend {
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
}
