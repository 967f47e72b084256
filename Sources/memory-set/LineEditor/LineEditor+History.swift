import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LineEditor {
    /// Entries kept in memory and in the history file.
    static let historyLimit: Int32 = 1000

    /// The history file: `$MEMORY_SET_HISTORY` when set (an empty value turns saving off),
    /// else `~/.memory_set_history` (home from `$HOME`, else the password database).
    ///
    /// - Parameter environment: looks up an environment variable.
    /// - Returns: the path, or nil when history should not be saved.
    /// - Complexity: O(1).
    static func defaultHistoryPath(environment: (String) -> String?) -> String? {
        if let explicit = environment("MEMORY_SET_HISTORY") {
            return explicit.isEmpty ? nil : explicit
        }
        var home = environment("HOME") ?? ""
        if home.isEmpty, let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir {
            home = String(cString: dir)
        }
        guard !home.isEmpty else { return nil }
        return home.hasSuffix("/") ? home + ".memory_set_history" : home + "/.memory_set_history"
    }

    /// Adds `line` to the history (unless blank, starting with a space, or equal to the previous
    /// entry) and saves the history file.
    ///
    /// - Complexity: O(h) for a history of h entries (the file is rewritten).
    func record(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), !line.hasPrefix(" "), line != lastHistoryEntry else { return }
        add_history(line)
        lastHistoryEntry = line
        saveHistory()
    }

    /// Loads the history file, if any; a missing file is not an error.
    /// - Complexity: O(h) for a history file of h entries.
    func loadHistory() {
        using_history()
        stifle_history(Self.historyLimit)
        guard let historyPath else { return }
        _ = read_history(historyPath)
    }

    /// Writes the history file (created readable by its owner only: it records what was
    /// typed); reports the first failure on stderr and then keeps quiet.
    /// - Complexity: O(h) for a history of h entries.
    func saveHistory() {
        guard let historyPath else { return }
        if access(historyPath, F_OK) != 0 {
            let fd = open(historyPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
        if write_history(historyPath) != 0 && !reportedHistoryError {
            reportedHistoryError = true
            let message = "memory-set: cannot save history to \(historyPath)\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
        }
    }
}
