import MemorySetCore
import MMUSim

/// The page table the areas' backends write to.
typealias SimPageTable = PageTable
/// The session's set of areas.
typealias AreaSet = MemorySet<AreaBackend>
/// One area of the session.
typealias Area = MemoryArea<AreaBackend>
/// What a command did to one area.
typealias Change = AreaChange<AreaBackend>
/// What a command did to the areas it touched, in order (as the core returns them).
typealias Changes = AreaChanges<AreaBackend>

/// Everything a command can change and `undo` restores: settings, areas, page table and
/// the names of the areas' labels. Copying it is O(1) (all are copy-on-write values).
struct SessionState {
    var settings: Settings
    var set: AreaSet
    var pageTable: SimPageTable
    /// The labels the areas' backends refer to (append-only while the state lives).
    var labels = LabelTable()

    /// An empty state with `settings`.
    /// - Complexity: O(1) plus the page table's creation.
    init(settings: Settings = Settings()) {
        self.settings = settings
        self.set = AreaSet(pageSize: settings.pageSize)
        self.pageTable = PageTable(frameCount: settings.frames)
    }

    /// The label of `area`, if it has one.
    /// - Complexity: O(1)
    func label(of area: Area) -> String? { labels[area.backend.label] }
}
