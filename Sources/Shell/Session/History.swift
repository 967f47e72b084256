import MemorySetCore

/// The undo and redo stacks: for each command, what it replaced (undo) or what undo took
/// back (redo), with the command's text. The last ``limit`` undo steps are kept: a new step
/// takes the place of the oldest, in place (``UndoRing``).
///
/// The commands on areas (`map`, `unmap`, `protect`, `clear`; `touch`) record only what they touched —
/// the areas of one region and the page table (an O(1) copy-on-write copy; none for a `map`
/// that cannot write to it) — so that the set is never shared with the history and edits
/// never copy tree nodes. The others record the whole state.
struct History {
    /// What to put back to take a command back (or to apply it again).
    enum Step {
        /// The whole state (`set`, `reset`, `load`).
        /// (Boxed: the common steps, `region` and `pageTable`, stay small to move and destroy.)
        indirect case state(SessionState)
        /// The areas that overlapped `region` and the page table (`map`, `unmap`, `protect`,
        /// `clear`):
        /// every area the command touched or added lies in `region`.
        case region(AddrRange, areas: [Area], pageTable: SimPageTable)
        /// The areas that overlapped `region`, and no page table: the step of a command that
        /// cannot change the page table (a `map` into a free range whose backend writes
        /// nothing on map: none, or lazy `alloc`; ``SimBackend/writesOnMap``). Taking it back
        /// or doing it again leaves the table as it is, which is exact: the history is one
        /// line, so the table is then the one the command left, the same as before it.
        /// Recording it retains nothing (the areas of a map into a free range are `[]`).
        case areas(AddrRange, [Area])
        /// The page table alone (`touch`).
        case pageTable(SimPageTable)

        /// Puts this step's content into `state` and returns what it replaced (the step
        /// that goes the other way).
        /// - Complexity: O(1) for `state` and `pageTable`; O((k + m) log n) for a region
        ///   with k areas now and m areas to put back.
        func swap(into state: inout SessionState) -> Step {
            switch self {
            case .state(let saved):
                defer { state = saved }
                return .state(state)
            case .pageTable(let saved):
                defer { state.pageTable = saved }
                return .pageTable(state.pageTable)
            case let .region(region, areas, saved):
                let current = Self.replace(region, with: areas, in: &state)
                defer { state.pageTable = saved }
                return .region(region, areas: current, pageTable: state.pageTable)
            case let .areas(region, areas):
                return .areas(region, Self.replace(region, with: areas, in: &state))
            }
        }

        /// Puts `areas` in the place of those overlapping `region` in `state`'s set and
        /// returns those.
        /// - Complexity: O((k + m) log n) for k areas now and m areas to put back.
        private static func replace(_ region: AddrRange, with areas: [Area], in state: inout SessionState) -> [Area] {
            do {
                return try state.set.replaceAreas(overlapping: region, with: areas)
            } catch {
                // The stacks hold the steps of one line of history: the region's
                // surroundings are as they were when the step was recorded.
                preconditionFailure("History: the areas of \(region) no longer fit (\(error))")
            }
        }
    }

    struct Entry {
        var step: Step
        /// The command's text, built only when undo or redo shows it.
        var label: Label
        var text: String { label.text }
    }

    /// A command's text, or what to build it from on demand (most recorded steps are
    /// never undone, so their text is never needed): the command's words, which are all
    /// ``ParsedCommand/text`` reads, kept in the entry when short (``InlineWords``), else the
    /// command's line and the span of its words. Keeping these rather than the whole command
    /// makes recording a step a copy of a few bytes (or one retain, of the line, for words
    /// past ``InlineWords/capacity``) instead of a copy of the command's payload.
    enum Label {
        case text(String)
        case inline(InlineWords)
        case words(line: String, span: Range<Int>)

        /// The label of `command`.
        /// - Complexity: O(length of its words); O(length of its line) when they do not fit
        ///   in the entry and it was read from bytes.
        init(_ command: borrowing ParsedCommand) {
            if let words = InlineWords(command) {
                self = .inline(words)
            } else {
                self = .words(line: command.line, span: command.span)
            }
        }

        var text: String {
            switch self {
            case .text(let text): text
            case .inline(let words):
                ParsedCommand(word: "", command: .areas, span: 0..<Int(words.count), line: words.string).text
            case let .words(line, span): ParsedCommand(word: "", command: .areas, span: span, line: line).text
            }
        }
    }

    /// The number of undo steps kept.
    static let limit = 1000

    /// The undo steps, the oldest dropped in place past ``limit`` (``UndoRing``).
    private var undoStack = UndoRing(capacity: History.limit)
    /// The redo steps: at most as many as undo took back, so never more than ``limit``.
    private var redoStack: [Entry] = []
    /// Steps recorded so far (never decreases): a command recorded one when it changes.
    private(set) var recordedCount = 0

    /// Records that `text` did what `step` takes back; forgets the redo stack.
    /// - Complexity: O(1) amortized (plus the destruction of the oldest step past ``limit``
    ///   and of the redo steps)
    mutating func record(_ step: consuming Step, text: String) {
        record(Entry(step: step, label: .text(text)))
    }

    /// Records that `command` did what `step` takes back; forgets the redo stack.
    /// - Complexity: O(1) amortized (plus the destruction of the oldest step past ``limit``
    ///   and of the redo steps)
    mutating func record(_ step: consuming Step, command: ParsedCommand) {
        record(Entry(step: step, label: Label(command)))
    }

    /// Records that `command` added areas in the free `region` and changed nothing else
    /// (step ``Step/areas(_:_:)`` with no areas: a `map` into a free range that keeps no page
    /// table); forgets the redo stack. The same as `record(.areas(region, []), command:)`,
    /// stored as a light entry of the ring when the command's words fit in it
    /// (``UndoRing/push(region:words:)``): no entry is made, nothing is retained.
    /// - Complexity: O(1) amortized (plus the destruction of the oldest step past ``limit``
    ///   and of the redo steps)
    mutating func recordAdded(_ region: AddrRange, command: ParsedCommand) {
        guard InlineWords.withWords(of: command, { undoStack.push(region: region, words: $0) }) != nil else {
            return recordWhole(.areas(region, []), command: command)
        }
        recordedCount &+= 1
        forgetRedo()
    }

    /// `record(step, command:)` out of line: what ``recordAdded(_:command:)`` does with words
    /// that do not fit inline (its usual case then needs no room for an entry).
    @inline(never)
    private mutating func recordWhole(_ step: consuming Step, command: ParsedCommand) {
        record(step, command: command)
    }

    /// (The entry is consumed: stored without a copy, into the slot of the oldest step once
    /// ``limit`` are kept.)
    private mutating func record(_ entry: consuming Entry) {
        recordedCount &+= 1
        undoStack.push(entry)
        forgetRedo()
    }

    private mutating func forgetRedo() {
        if !redoStack.isEmpty { dropRedo() }
    }

    /// Empties the redo stack (out of line: most records find it empty).
    @inline(never)
    private mutating func dropRedo() {
        redoStack.removeAll(keepingCapacity: true)
    }

    /// The number of steps `undo` can take back.
    /// - Complexity: O(1)
    var undoCount: Int { undoStack.count }

    /// The number of steps `redo` can apply again.
    /// - Complexity: O(1)
    var redoCount: Int { redoStack.count }

    /// Takes the last change back in `state` and remembers how to redo it; returns the
    /// command's text, or `nil` when there is nothing to undo.
    /// - Complexity: that of ``Step/swap(into:)``.
    mutating func undo(_ state: inout SessionState) -> String? {
        guard let entry = undoStack.pop() else { return nil }
        redoStack.append(Entry(step: entry.step.swap(into: &state), label: entry.label))
        return entry.text
    }

    /// Takes the last change back in `state` for good (no redo): how a command interrupted
    /// after it changed the state is rolled back.
    /// - Complexity: that of ``Step/swap(into:)``.
    mutating func takeBack(_ state: inout SessionState) {
        guard let entry = undoStack.pop() else { return }
        _ = entry.step.swap(into: &state)
    }

    /// Applies the last undone change again in `state` and remembers how to undo it;
    /// returns the command's text, or `nil` when there is nothing to redo.
    /// - Complexity: that of ``Step/swap(into:)``.
    mutating func redo(_ state: inout SessionState) -> String? {
        guard let entry = redoStack.popLast() else { return nil }
        undoStack.push(Entry(step: entry.step.swap(into: &state), label: entry.label))
        return entry.text
    }
}
