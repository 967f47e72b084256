import MemorySetCore
import MMUSim

extension Session {
    /// `set …`: validates the value (`InvalidParam`), requires an empty set (`BadState`),
    /// then replaces the state by an empty one with the new settings; switches the backend
    /// to none (with a note) when the MMU cannot simulate them.
    /// - Complexity: O(1)
    mutating func applySetting(_ spec: SetSpec) throws(ShellError) -> CommandResult {
        var settings = state.settings
        var note: String? = nil
        let key: String?
        switch spec {
        case .show:
            return .settings(key: nil, note: nil)
        case .display:
            // The shell's display option (``Shell/runCommand``): nothing of the session changes.
            return .settings(key: "show", note: nil)
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

    /// Fails with `BadState` unless the set is empty.
    func requireEmpty(_ what: String) throws(ShellError) {
        guard state.set.isEmpty else {
            throw .badState("\(what): only allowed while the set is empty (it has \(state.set.count) area\(state.set.count == 1 ? "" : "s"); `clear` first)")
        }
    }
}
