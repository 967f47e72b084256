import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Interactive line input through libedit (BSD editline) and its readline-compatible API:
/// line editing, persistent history, Tab completion, Ctrl-C to abandon the current line.
///
/// libedit's readline interface keeps global state, so only one `LineEditor` may exist at a
/// time; create it only when standard input is a terminal, and never read standard input any
/// other way while it is in use.
final class LineEditor {
    /// What one call to ``read(prompt:)`` produced.
    enum Input: Equatable {
        /// A line the user entered (without its newline).
        case line(String)
        /// Ctrl-C: the user abandoned the line being edited.
        case interrupted
        /// Ctrl-D on an empty line, or standard input closed.
        case endOfInput
    }

    /// Where history is loaded from and saved to; nil to keep history in memory only.
    let historyPath: String?
    /// The descriptor the editor draws on: 1 (stdout), or 2 (stderr) when stdout is not a
    /// terminal but stderr is (`memory-set | tee log`), so that the prompt and the line being
    /// edited stay on the screen and out of the output.
    let displayDescriptor: Int32
    /// The entry added last in this session (not added twice in a row).
    var lastHistoryEntry: String?
    /// Whether a failure to save the history file was already reported.
    var reportedHistoryError = false

    /// Sets up libedit: locale (so non-ASCII input is edited as characters), completion through
    /// `completer`, the Ctrl-C handler (``Interrupt``) and the editor's key reader (see
    /// `LineEditor+Keys.swift`), and the history loaded from `historyPath`.
    ///
    /// - Parameters:
    ///   - historyPath: history file (see ``LineEditor/defaultHistoryPath(environment:)``), or nil.
    ///   - completer: given the text of the line before the cursor, returns the candidate words
    ///     for the word being typed.
    /// - Complexity: O(h) for a history of h entries.
    init(historyPath: String?, completer: @escaping (String) -> [String]) {
        self.historyPath = historyPath
        if !Terminal.isTerminal(1) && Terminal.isTerminal(2) {
            cedit_edit_on_stderr()
            displayDescriptor = 2
        } else {
            displayDescriptor = 1
        }
        Self.useCharacterLocale()
        cedit_set_readline_name(strdup("memory-set"))
        Self.installCompletion(completer)
        Interrupt.install()
        // libedit takes the key reader when initialized.
        _ = Self.installKeyReader()
        rl_initialize()
        loadHistory()
    }

    deinit {
        Interrupt.remove()
        Self.removeKeyReader()
        Self.removeCompletion()
    }

    /// Reads one line with editing, showing `prompt`.
    ///
    /// Ctrl-C pressed before the line is returned (since the caller's last
    /// ``Interrupt/reset()``) abandons it, however much of it the editor had read: see
    /// ``discardTypedInput()``.
    ///
    /// - Returns: the line, ``Input/interrupted`` after Ctrl-C, or ``Input/endOfInput`` after
    ///   Ctrl-D on an empty line or at the end of input.
    /// - Complexity: O(n) in the length of the line, plus the user's typing.
    func read(prompt: String) -> Input {
        let raw = readline(Self.displayablePrompt(prompt))
        defer { free(raw) }
        if Interrupt.take() {
            Self.discardTypedInput()
            return .interrupted
        }
        guard let raw else { return .endOfInput }
        // String(cString:) repairs invalid UTF-8 with U+FFFD instead of failing.
        return .line(String(cString: raw))
    }

    /// After Ctrl-C, once `readline` has returned: the one place where what was typed before
    /// it is dropped, so that none of it reaches the next line.
    ///
    /// - Input the terminal still holds (typed before the interrupt but not read, when the
    ///   driver did not drop it itself: `NOFLSH` set, or SIGINT sent by `kill`) is flushed
    ///   (`tcflush(TCIFLUSH)`). Call it before acknowledging the interrupt on the screen: what
    ///   the user types after seeing `^C` is kept.
    /// - The characters the editor had read are in libedit's line, which libedit empties when
    ///   the next read starts (`ch_reset`, from `read_prepare` in every `el_gets`); its
    ///   readline interface has no call that empties it now (`rl_replace_line("", 0)` and
    ///   `rl_free_line_state()` do nothing, `rl_delete_text` cannot reach the end of the line).
    ///   The key reader keeps nothing between keys.
    /// - Complexity: O(1).
    static func discardTypedInput() {
        _ = tcflush(0, TCIFLUSH)
    }

    /// Wraps ANSI escape sequences of `prompt` in readline's ignore markers (`\u{1}`…`\u{2}`)
    /// so that libedit does not count them as visible columns.
    ///
    /// - Complexity: O(n) in the length of the prompt.
    static func displayablePrompt(_ prompt: String) -> String {
        guard prompt.contains("\u{1B}") else { return prompt }
        var result = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" && !inEscape {
                result.unicodeScalars.append("\u{1}")
                inEscape = true
            }
            result.unicodeScalars.append(scalar)
            // A CSI sequence ends with a byte in 0x40...0x7E after its "[" introducer.
            if inEscape && scalar != "\u{1B}" && scalar != "[" && (0x40...0x7E).contains(scalar.value) {
                result.unicodeScalars.append("\u{2}")
                inEscape = false
            }
        }
        if inEscape { result.unicodeScalars.append("\u{2}") }
        return result
    }

    /// libedit edits multibyte text only under a UTF-8 `LC_CTYPE`; use the environment's locale,
    /// or C.UTF-8 when that one is not UTF-8 (e.g. unset, "C").
    /// - Complexity: O(1).
    private static func useCharacterLocale() {
        _ = setlocale(LC_CTYPE, "")
        if let current = setlocale(LC_CTYPE, nil) {
            let name = String(cString: current).lowercased()
            if name.contains("utf-8") || name.contains("utf8") { return }
        }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}
