/// The undo and redo stacks: states before (undo) or after (redo) a command, with the
/// command's text. At most ``limit`` undo steps are kept (the oldest are dropped).
struct History {
    struct Entry {
        var state: SessionState
        /// The command's text, built only when undo or redo shows it.
        var label: Label
        var text: String { label.text }
    }

    /// A command's text, or the command to build it from on demand (most
    /// recorded steps are never undone, so their text is never needed).
    enum Label {
        case text(String)
        case command(ParsedCommand)

        var text: String {
            switch self {
            case .text(let text): text
            case .command(let parsed): parsed.text
            }
        }
    }

    /// The number of undo steps kept.
    static let limit = 1000

    private var undoStack: [Entry] = []
    private var redoStack: [Entry] = []

    /// Records that `text` changed the state from `before`; forgets the redo stack.
    /// - Complexity: O(1) amortized
    mutating func record(before: SessionState, text: String) {
        record(before: before, label: .text(text))
    }

    /// Records that `command` changed the state from `before`; forgets the redo stack.
    /// - Complexity: O(1) amortized
    mutating func record(before: SessionState, command: ParsedCommand) {
        record(before: before, label: .command(command))
    }

    private mutating func record(before: SessionState, label: Label) {
        undoStack.append(Entry(state: before, label: label))
        if undoStack.count > 2 * History.limit {
            undoStack.removeFirst(undoStack.count - History.limit)
        }
        redoStack.removeAll(keepingCapacity: true)
    }

    /// Takes the last change back: returns the state before it and the command's text, and
    /// remembers `current` for redo; `nil` when there is nothing to undo.
    /// - Complexity: O(1)
    mutating func undo(current: SessionState) -> Entry? {
        guard let entry = undoStack.popLast() else { return nil }
        redoStack.append(Entry(state: current, label: entry.label))
        return entry
    }

    /// Applies the last undone change again: returns the state after it and the command's
    /// text, and remembers `current` for undo; `nil` when there is nothing to redo.
    /// - Complexity: O(1)
    mutating func redo(current: SessionState) -> Entry? {
        guard let entry = redoStack.popLast() else { return nil }
        undoStack.append(Entry(state: current, label: entry.label))
        return entry
    }

    var canUndo: Bool { !undoStack.isEmpty }
    var canRedo: Bool { !redoStack.isEmpty }
}
