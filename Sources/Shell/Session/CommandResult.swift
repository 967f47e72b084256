import MemorySetCore
import MMUSim

/// What a successful command produced, for the renderers.
enum CommandResult {
    /// `map`, `unmap`, `protect`, `clear`: what happened to each touched area (the core's
    /// list itself, moved here: nothing copied).
    case changes(Changes)
    /// `find`: the address and its area.
    case find(VirtAddr, Area?)
    /// `free`: the size asked for and the address found.
    case free(size: UInt64, address: VirtAddr?)
    /// `areas`.
    case areas
    /// `set`: the key changed (nil for `set` alone) and a note (backend switched).
    indirect case settings(key: String?, note: String?)
    /// `help`.
    indirect case help(String?)
    /// `undo` / `redo`: the text of the command undone or redone.
    indirect case history(undo: Bool, text: String)
    /// `reset`.
    case reset
    /// `source FILE`: commands run and failed in the file.
    indirect case source(file: String, commands: Int, failures: Int)
    /// `save FILE`: areas written.
    indirect case save(file: String, areas: Int)
    /// `view`: the window now shown.
    case view(AddrRange)
    /// `quit` / `exit`.
    case quit
    /// `touch`: what the simulated access did.
    indirect case touch(TouchOutcome, access: Access, user: Bool)
    /// `pt ADDR`: the walk and the translation; `paging` names the machine whose real table
    /// was walked (``ShellMachine/walk``), `nil` for the simulator's.
    indirect case walk(VirtAddr, [WalkStep], physical: UInt64?, paging: String?)
    /// `pt dump`: the mapped ranges (coalesced), in the window if any.
    indirect case ptDump(AddrRange?, [MappedRange])
    /// `stats`.
    indirect case stats(PageTableStats)
    /// `verify`: the page table matches the areas.
    case verified
    /// `load`: what was loaded and skipped.
    indirect case load(LoadSummary)
    /// `export maps [FILE]`: the areas written and the text (printed when `file` is nil).
    indirect case export(file: String?, areas: Int, text: String)
    /// `export svg [FILE]`: the picture (its text printed when `file` is nil).
    indirect case exportSVG(file: String?, picture: SVGDocument.Picture)
}
