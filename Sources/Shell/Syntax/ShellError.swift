import MemorySetCore

/// The kind of a failed command, as the command language spells it.
enum ShellErrorKind: String, Sendable, Hashable, CaseIterable {
    /// A parameter is invalid (unaligned, outside the space, empty range, overflow…).
    case invalidParam = "InvalidParam"
    /// The range to map overlaps an existing area.
    case alreadyExists = "AlreadyExists"
    /// The state does not allow the command, or a backend failed.
    case badState = "BadState"
    /// The line does not parse: unknown command, missing or extra argument, bad number or flags.
    case syntaxError = "SyntaxError"
    /// The command was stopped by its cancellation (Ctrl-C) and rolled back.
    case interrupted = "Interrupted"

    /// The kind of a core ``MappingError``.
    /// - Complexity: O(1)
    init(_ error: MappingError) {
        switch error {
        case .invalidParam: self = .invalidParam
        case .alreadyExists: self = .alreadyExists
        case .badState: self = .badState
        }
    }
}

/// A failed command: its kind and a message saying what was wrong.
struct ShellError: Error, Sendable, Equatable {
    var kind: ShellErrorKind
    var message: String

    init(_ kind: ShellErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func syntax(_ message: String) -> ShellError { ShellError(.syntaxError, message) }
    static func invalid(_ message: String) -> ShellError { ShellError(.invalidParam, message) }
    static func badState(_ message: String) -> ShellError { ShellError(.badState, message) }
    /// A command stopped by the shell's cancellation: `Interrupted`, `interrupted`.
    static let interrupted = ShellError(.interrupted, "interrupted")
}
