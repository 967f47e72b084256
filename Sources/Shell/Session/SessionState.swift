import MemorySetCore
import MMUSim

/// The backend of the session's areas.
typealias AreaBackend = SimBackend
/// The page table the areas' backends write to.
typealias SimPageTable = PageTable
/// The session's set of areas.
typealias AreaSet = MemorySet<AreaBackend>
/// One area of the session.
typealias Area = MemoryArea<AreaBackend>
/// What a command did to one area.
typealias Change = AreaChange<AreaBackend>

/// Everything a command can change and `undo` restores: settings, areas and page table.
/// Copying it is O(1) (the set and the page table are copy-on-write values).
struct SessionState {
    var settings: Settings
    var set: AreaSet
    var pageTable: SimPageTable

    /// An empty state with `settings`.
    /// - Complexity: O(1) plus the page table's creation.
    init(settings: Settings = Settings()) {
        self.settings = settings
        self.set = AreaSet(pageSize: settings.pageSize)
        self.pageTable = PageTable(frameCount: settings.frames)
    }
}
