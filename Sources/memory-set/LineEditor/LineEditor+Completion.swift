import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// libedit calls plain C function pointers, which cannot capture context: the state they need
// lives in these globals. They are touched only on the thread that runs the REPL.

/// Computes candidates from the text before the cursor (set by `installCompletion`).
nonisolated(unsafe) private var completionSource: ((String) -> [String])?
/// Candidates of the completion in progress, handed out one by one to libedit.
nonisolated(unsafe) private var completionCandidates: [String] = []
/// Index of the next candidate to hand out.
nonisolated(unsafe) private var completionNextIndex = 0

/// Commands whose argument is a file name: when the shell offers no word, libedit completes
/// file names.
private let fileArgumentCommands: Set<String> = ["source", "save"]

/// Whether the enumeration in progress hands out file names (libedit's own generator).
nonisolated(unsafe) private var completingFileNames = false

/// readline's generator protocol, called by libedit on Tab with the word under the cursor:
/// state 0 starts a new enumeration; each call returns a `malloc`ed candidate (libedit frees
/// it) or NULL when done. Used as `rl_completion_entry_function` rather than through
/// `rl_attempted_completion_function`: libedit then appends a space after a unique match and
/// quotes file names. (libedit rings the terminal bell after every completion; that is its
/// behaviour, not an error.)
private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { text, state in
    if state == 0 {
        let before = LineEditor.lineBeforeCursor()
        completionCandidates = completionSource?(before) ?? []
        completionNextIndex = 0
        // Fall back to file names only where a file name is expected.
        completingFileNames = completionCandidates.isEmpty && LineEditor.expectsFileName(before)
    }
    if completingFileNames {
        guard let text else { return nil }
        return rl_filename_completion_function(text, state)
    }
    guard completionNextIndex < completionCandidates.count else { return nil }
    let candidate = completionCandidates[completionNextIndex]
    completionNextIndex += 1
    return strdup(candidate)
}

extension LineEditor {
    /// Routes Tab to `completer`.
    /// - Complexity: O(1).
    static func installCompletion(_ completer: @escaping (String) -> [String]) {
        completionSource = completer
        cedit_set_completion_entry(completionGenerator)
    }

    /// Stops routing Tab to the completer installed last.
    /// - Complexity: O(1).
    static func removeCompletion() {
        cedit_set_completion_entry(nil)
        completionSource = nil
        completionCandidates = []
    }

    /// The text of the line being edited, up to the cursor.
    ///
    /// libedit's `rl_point` counts characters (Unicode scalars), not bytes.
    /// - Complexity: O(n) in the length of the line.
    static func lineBeforeCursor() -> String {
        guard let buffer = cedit_line_buffer() else { return "" }
        let line = String(cString: buffer)
        let point = max(0, Int(cedit_point()))
        var result = String.UnicodeScalarView()
        result.append(contentsOf: line.unicodeScalars.prefix(point))
        return String(result)
    }

    /// Whether the command being typed at the end of `textBeforeCursor` takes a file name and
    /// its command word is complete.
    ///
    /// - Complexity: O(n) in the length of the text.
    static func expectsFileName(_ textBeforeCursor: String) -> Bool {
        let command = textBeforeCursor.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
        let words = command.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { return false }
        let typingFirstWord = words.count == 1 && !(command.last?.isWhitespace ?? false)
        return !typingFirstWord && fileArgumentCommands.contains(first.lowercased())
    }
}
