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
    /// What long commands poll (``Shell/cancellation``): handed to the page table for the
    /// duration of a change only, so that no undo step keeps it.
    var cancellation: PageTable.Cancellation = .never
    /// The machine whose real page table follows ``state``'s (the kernel), if any.
    var machine: ShellMachine? = nil {
        didSet { hasMachine = machine != nil }
    }
    /// Whether ``machine`` is set (tested on every edit without copying the machine).
    private(set) var hasMachine = false

    /// The window the bar shows.
    var window: AddrRange { view ?? state.settings.space }

    /// Runs `command` (not `source`, `save`, `help`, `quit`, which the shell handles).
    /// A failed command changes nothing.
    ///
    /// `map`, the usual command, is run here and every other command out of line
    /// (``runOther(_:)``): the code of a map is then alone in its frame, where one switch over
    /// every command loads the payloads of all of them first, keeps a frame of several
    /// kilobytes and merges every return into one. Inline in its callers (the shell, the
    /// script runner): no call layer between them and ``runOther(_:)``, and a result they
    /// drop is destroyed as the case it is (the map's changes), not through the enum's
    /// value witness.
    /// ```
    ///   run ── map ─────────────▶ map(_:…) (inline) ── free range, nothing written ─▶ mapIntoFreeRange
    ///    │                                          └─ otherwise ────────────────▶ mapEditing (edit)
    ///    └── any other command ─▶ runOther (the switch over the others)
    /// ```
    /// - Complexity: that of the core operation (O(log n + k) for k touched areas), plus
    ///   O(k log n) for the undo step of `map`, `unmap` and `protect` (O(1) for the others:
    ///   they keep a copy-on-write copy of the state).
    @inline(__always)
    mutating func run(_ parsed: ParsedCommand) throws(ShellError) -> CommandResult {
        if case let .map(range, flags, backend, force, label) = parsed.command {
            return .changes(try map(parsed, range, flags, backend, force: force, label: label))
        }
        return try runOther(parsed)
    }

    /// Runs `map` (``run(_:)``'s usual case, inline there).
    /// - Complexity: O(log n) into a free range, else that of ``edit(_:range:intoFreeRange:_:)``.
    @inline(__always)
    private mutating func map(
        _ parsed: ParsedCommand, _ range: RangeSpec, _ flags: MappingFlags, _ backend: BackendChoice?,
        force: Bool, label: String?
    ) throws(ShellError) -> Changes {
        let r = try state.settings.resolve(range, "map", allowEmpty: false)
        let sim = try state.settings.makeBackend(backend, start: r.start)
        // (Tested here: most maps need no frame, and skip the call.)
        if sim.writesOnMap { try state.pageTable.checkFrames(for: sim, range: r, force: force) }
        // Labels are interned for good (an unused name costs nothing), so that undo
        // never has to take one back.
        let id = label.map { state.labels.intern($0) } ?? .none
        let area = Area(range: r, flags: flags, backend: AreaBackend(sim: sim, label: id))
        if !force, !hasMachine, !sim.writesOnMap { return try mapIntoFreeRange(parsed, area) }
        return try mapEditing(parsed, area, force: force)
    }

    /// `map` of `area` through ``edit(_:range:intoFreeRange:_:)``: with `--force`, with a
    /// machine to follow, or with a backend that writes on map (out of line: ``run(_:)``'s
    /// frame stays that of the usual map).
    /// - Complexity: that of ``edit(_:range:intoFreeRange:_:)`` and of
    ///   ``MemorySet/map(_:in:unmapOverlap:)``.
    @inline(never)
    private mutating func mapEditing(_ parsed: ParsedCommand, _ area: Area, force: Bool) throws(ShellError) -> Changes {
        try edit(parsed, range: area.range, intoFreeRange: !force) { (s: inout SessionState) throws(MappingError) in
            try s.set.map(area, in: &s.pageTable, unmapOverlap: force)
        }
    }

    /// Runs every command but `map` (``run(_:)``).
    /// - Complexity: that of the command (``run(_:)``).
    @inline(never)
    private mutating func runOther(_ parsed: ParsedCommand) throws(ShellError) -> CommandResult {
        switch parsed.command {
        case let .map(range, flags, backend, force, label):
            return .changes(try map(parsed, range, flags, backend, force: force, label: label))
        case let .unmap(range):
            let r = try state.settings.resolve(range, "unmap", allowEmpty: true)
            return .changes(try edit(parsed, range: r) { (s: inout SessionState) throws(MappingError) in
                try s.set.unmap(start: r.start, size: r.size, in: &s.pageTable)
            })
        case let .protect(range, flags):
            let r = try state.settings.resolve(range, "protect", allowEmpty: true)
            return .changes(try edit(parsed, range: r) { (s: inout SessionState) throws(MappingError) in
                try s.set.protect(start: r.start, size: r.size, in: &s.pageTable) { _ in flags }
            })
        case let .find(addr):
            return .find(VirtAddr(addr), state.set.find(VirtAddr(addr)))
        case let .free(size, hint, limit, align):
            return try free(size: size, hint: hint, limit: limit, align: align)
        case .areas:
            return .areas
        case .clear:
            return .changes(try edit(parsed, range: state.settings.space) { (s: inout SessionState) throws(MappingError) in
                try s.set.clear(in: &s.pageTable)
            })
        case let .set(spec):
            let before = state
            let result = try applySetting(spec)
            if state.settings != before.settings { history.record(.state(before), command: parsed) }
            return result
        case .undo:
            guard let text = history.undo(&state) else { throw .badState("undo: nothing to undo") }
            _ = syncMachine()  // a state the machine held before
            return .history(undo: true, text: text)
        case .redo:
            guard let text = history.redo(&state) else { throw .badState("redo: nothing to redo") }
            _ = syncMachine()
            return .history(undo: false, text: text)
        case .reset:
            history.record(.state(state), command: parsed)
            state = SessionState(settings: initialSettings)
            view = nil
            _ = syncMachine()
            return .reset
        case let .view(spec):
            switch spec {
            case .show: break
            case .all: view = nil
            case .range(let range): view = try resolveWindow(range, "view")
            }
            return .view(window)
        case let .touch(addr, kind, user):
            let access = Access(rawValue: kind.rawValue) ?? .read
            if let machine { return try touchMachine(machine, parsed, VirtAddr(addr), access, user: user) }
            var table = state.pageTable
            let outcome = table.touch(VirtAddr(addr), access: access, user: user, areas: state.set)
            if case .faultResolved = outcome {
                history.record(.pageTable(state.pageTable), command: parsed)
                state.pageTable = table
            }
            return .touch(outcome, access: access, user: user)
        case let .pt(addr):
            if let machine, let walk = machine.walk { return Self.machineWalk(VirtAddr(addr), walk, paging: machine.paging) }
            let steps = state.pageTable.walk(VirtAddr(addr))
            return .walk(VirtAddr(addr), steps, physical: state.pageTable.translate(VirtAddr(addr)), paging: nil)
        case let .ptDump(range):
            let window = try range.map { (r: RangeSpec) throws(ShellError) in try resolveWindow(r, "pt dump") }
            do {
                return .ptDump(window, try state.pageTable.mappedRanges(in: window, cancellation: cancellation))
            } catch {
                throw .interrupted
            }
        case .stats:
            return .stats(state.pageTable.stats)
        case .verify:
            var problems: [String]
            do {
                problems = try state.pageTable.verify(state.set, cancellation: cancellation)
            } catch {
                throw .interrupted
            }
            if let machine { problems += machine.verify(state.pageTable) }
            guard problems.isEmpty else {
                let shown = problems.prefix(3).joined(separator: "; ")
                throw .badState("verify: \(problems.count)\(problems.count >= PageTable.verifyProblemLimit ? "+" : "") problem\(problems.count == 1 ? "" : "s"): \(shown)\(problems.count > 3 ? "; …" : "")")
            }
            return .verified
        case .source, .save, .help, .quit, .load, .export, .exportSVG, .loadStrace:
            throw .badState("\(parsed.word): not available in this session")
        }
    }

    // MARK: - Helpers

    /// Runs `map`, `unmap`, `protect` or `clear` on the state in place, all or nothing, records
    /// its undo step when it changed something, and returns the core's changes (handed on to
    /// the result as they are: no copy into an array).
    ///
    /// Nothing is copied up front but the areas overlapping `range` (which hold everything
    /// the command can touch) and the page table (O(1), copy on write). On a failure the
    /// region's areas are put back and the page table restored, so a failing command
    /// (including a backend failure in the middle) changes nothing. The page table polls
    /// ``cancellation`` while the command runs (not kept in any undo step); a command it
    /// stops fails as `Interrupted`, rolled back like any other failure.
    ///
    /// A command `intoFreeRange` (a `map` without `--force`) only inserts into a free range
    /// and leaves the areas alone when it fails: no area overlaps `range` when it succeeds,
    /// so there is nothing to look up and save, and a failure restores the page table alone.
    /// ```
    ///   intoFreeRange:   saved = []            region = range     (no lookup)
    ///   otherwise:       saved = [ a ][ b ]    region = [ a ... range ... b ]
    /// ```
    /// - Complexity: O(k log n) for k areas overlapping `range` (O(1) `intoFreeRange`), plus
    ///   the command's cost.
    mutating func edit(
        _ parsed: ParsedCommand, range: AddrRange, intoFreeRange: Bool = false,
        _ body: (inout SessionState) throws(MappingError) -> Changes
    ) throws(ShellError) -> Changes {
        let saved = intoFreeRange ? [] : state.set.areas(overlapping: range)
        let pageTable = state.pageTable
        // The region spans the range and the saved areas sticking out of it: after the
        // command, the areas overlapping it are exactly the pieces and the new area.
        let region = AddrRange(start: min(range.start, saved.first?.start ?? range.start),
                               end: max(range.end, saved.last?.end ?? range.end))
        let changes: Changes
        state.pageTable.cancellation = cancellation
        defer { state.pageTable.cancellation = .never }
        do {
            changes = try body(&state)
        } catch {
            if intoFreeRange {
                state.pageTable = pageTable  // the set is as it was (MemorySet.map's guarantee)
            } else {
                _ = History.Step.region(region, areas: saved, pageTable: pageTable).swap(into: &state)
            }
            throw failure(error, parsed.word, range: range)
        }
        // The machine's table follows, or the command is undone (it maps what it mapped before).
        if hasMachine, let problem = syncMachine() {
            _ = History.Step.region(region, areas: saved, pageTable: pageTable).swap(into: &state)
            _ = syncMachine()
            throw .badState("\(parsed.word): \(problem); nothing changed")
        }
        if !changes.isEmpty {
            // Moved into the step: no retain and release of the table and the areas.
            history.record(.region(region, areas: consume saved, pageTable: consume pageTable), command: parsed)
        }
        return changes
    }

    /// `map` without `--force` of `area`, whose backend writes nothing on map (none, or lazy
    /// `alloc`: ``SimBackend/writesOnMap``), with no machine to follow: what
    /// ``edit(_:range:intoFreeRange:_:)`` does, with nothing to save first. When the core's
    /// map fails the set is as it was, and the page table is never written, so there is
    /// nothing to restore either; the undo step keeps no page table
    /// (``History/Step/areas(_:_:)``), so recording it retains nothing.
    /// ```
    ///   edit:              save table ─ map ─ failed: put the table back ─ step .region(r, [], table)
    ///   mapIntoFreeRange:               map ─ failed: nothing changed    ─ step .areas(r, [])
    /// ```
    /// - Complexity: that of ``MemorySet/map(_:in:unmapOverlap:)``, O(log n).
    mutating func mapIntoFreeRange(_ parsed: ParsedCommand, _ area: Area) throws(ShellError) -> Changes {
        let changes: Changes
        do {
            changes = try state.set.map(area, in: &state.pageTable)
        } catch {
            throw failure(error, parsed.word, range: area.range)
        }
        history.recordAdded(area.range, command: parsed)
        return changes
    }

    /// The shell error for a core error of command `word` on `range`, which a change
    /// stopped by ``cancellation`` reports as `Interrupted`.
    func failure(_ error: MappingError, _ word: String, range: AddrRange) -> ShellError {
        switch error {
        case .badState where cancellation.isCancelled:
            .interrupted
        case .badState:
            .badState("\(word): the page table refused the operation (no free frame, or a physical address past the simulator's limit); nothing changed")
        case .invalidParam:
            .invalid("\(word): invalid range \(range) for the page size \(hex(state.settings.pageSize))")
        case .alreadyExists:
            ShellError(.alreadyExists, "\(word): \(range) overlaps \(overlapDescription(range)); use --force to replace")
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
}

extension Settings {
    /// The backend of a new area at `start` in a session with these settings.
    /// - Throws: `BadState` for a backend option when ``backend`` is `none`; `InvalidParam`
    ///   for a `--linear` address not aligned to ``pageSize``.
    /// - Complexity: O(1)
    @inline(__always)
    func makeBackend(_ choice: BackendChoice?, start: VirtAddr) throws(ShellError) -> SimBackend {
        // The usual cases inline, the options out of line: a map asks this every time.
        guard let choice else { return backend == .mmu ? .alloc(populate: false) : .none }
        return try makeBackend(choosing: choice, start: start)
    }

    /// ``makeBackend(_:start:)`` for a backend option.
    private func makeBackend(choosing choice: BackendChoice, start: VirtAddr) throws(ShellError) -> SimBackend {
        guard backend == .mmu else {
            throw .badState("map: --linear/--alloc/--populate need `set backend mmu` (the backend is none)")
        }
        switch choice {
        case .alloc(let populate): return .alloc(populate: populate)
        case .linear(let paddr):
            guard VirtAddr(paddr).isAligned(to: pageSize) else {
                throw .invalid("map: --linear PADDR \(hex(paddr)) is not aligned to the page size \(hex(pageSize))")
            }
            return .linear(start: start, physicalStart: paddr)
        }
    }
}
