import MemorySetCore
import MMUSim

/// Hooks for the fuzzer (`Fuzz/`) and other external checkers: they reach the session's set
/// and page table without exposing them as API. Import with `@_spi(Checks) import Shell`.
@_spi(Checks)
extension Shell {
    /// Everything a command may change: settings, areas (with their backends) and page
    /// table. Two snapshots are equal when the session is exactly the same.
    public struct StateSnapshot: Equatable {
        let settings: Settings
        let areas: [Area]
        let pageTable: SimPageTable
    }

    /// The session's current settings, areas and page table.
    /// - Complexity: O(n) for n areas (the page table is shared, copy on write).
    public var _snapshot: StateSnapshot {
        let state = session.state
        return StateSnapshot(settings: state.settings, areas: Array(state.set), pageTable: state.pageTable)
    }

    /// Checks the session: traps if the set breaks one of its invariants
    /// (`MemorySet._checkInvariants()`), then returns the problems `verify` finds in the page
    /// table against the areas (empty when consistent), plus one if an area lies outside the
    /// space or is not aligned to the session's page size.
    /// - Complexity: O(n + 512·t + f) for n areas, t table pages and f used frames.
    public func _consistencyProblems() -> [String] {
        let state = session.state
        state.set._checkInvariants()
        var problems = state.pageTable.verify(state.set)
        let space = state.settings.space
        for area in state.set {
            if area.start < space.start || area.end > space.end {
                problems.append("area \(area) lies outside the space \(space)")
            }
            if !area.start.isAligned(to: state.settings.pageSize) || !area.end.isAligned(to: state.settings.pageSize) {
                problems.append("area \(area) is not aligned to the page size \(hex(state.settings.pageSize))")
            }
        }
        if state.set.pageSize != state.settings.pageSize {
            problems.append("the set's page size \(hex(state.set.pageSize)) is not the setting \(hex(state.settings.pageSize))")
        }
        return problems
    }
}
