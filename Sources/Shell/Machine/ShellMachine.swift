import MemorySetCore
import MMUSim

/// A machine whose real page table follows the session's simulated one: the memory-set
/// kernel (docs/KERNEL.md) gives one to its ``Shell`` so that commands change a real Sv39
/// table and `touch` makes real accesses. A concrete struct of closures (no existential).
///
/// ```
///   Session ── map/unmap/protect/undo… ──▶ PageTable (simulated) ── sync(table) ──▶ real table
///           ── touch ADDR ── access(addr, kind) ──▶ real load/store/jump: completed | faulted
///                         └─ PageTable.touch ─────▶ the simulator's words (hit, page fault…)
/// ```
///
/// - `sync` is called after every command that changed the simulated table (undo, redo and
///   rollbacks included) and must make the real table map exactly what the simulated one
///   maps; when it cannot (a page outside the machine's playground or memory, flags its
///   hardware cannot express) it returns why, and the command is undone (`map`, `unmap`,
///   `protect`, `clear`, `touch`) with that reason as its `BadState` error.
/// - `access` makes the access for real: `true` when it completed, `false` when it faulted.
///   A real fault is then handled by the simulator, as a kernel's page-fault handler would:
///   a resolved fault is synchronised and the access retried. When the two disagree the
///   command fails with `BadState`.
/// - `verify` lists where the real table differs from the simulated one (`verify` adds them
///   to the simulator's own checks).
public struct ShellMachine {
    /// The address space of the session (`set space` at start and after `reset`).
    public var space: AddrRange
    /// The frames of the simulated physical memory (`set frames` at start and after `reset`).
    public var frames: Int
    /// Makes the real table map what `table` maps: `nil`, or why it cannot.
    public var sync: (PageTable) -> String?
    /// A real access to an address: `true` when it completed, `false` on a fault.
    public var access: (VirtAddr, Access) -> Bool
    /// The differences between the real table and `table` (empty when they agree).
    public var verify: (PageTable) -> [String]

    /// A machine from its closures.
    /// - Complexity: O(1)
    public init(space: AddrRange, frames: Int, sync: @escaping (PageTable) -> String?,
                access: @escaping (VirtAddr, Access) -> Bool, verify: @escaping (PageTable) -> [String]) {
        self.space = space
        self.frames = frames
        self.sync = sync
        self.access = access
        self.verify = verify
    }
}

extension Session {
    /// The settings of a new state: the defaults, or the machine's space and frames.
    var initialSettings: Settings {
        var settings = Settings()
        if let machine {
            settings.space = machine.space
            settings.frames = machine.frames
        }
        return settings
    }

    /// Synchronises the machine's table with the state's: `nil`, or why it could not.
    /// - Complexity: that of ``ShellMachine/sync``; O(1) without a machine.
    func syncMachine() -> String? {
        machine?.sync(state.pageTable)
    }

    /// `touch` on the machine: the real access decides whether there is a fault, the
    /// simulator what the fault is (and maps the page of a lazy area, then the access is
    /// made again).
    /// - Throws: `BadState` for `--user` (the kernel runs in S-mode), when the machine cannot
    ///   map the page, or when the machine and the simulator disagree.
    mutating func touchMachine(_ machine: ShellMachine, _ parsed: ParsedCommand, _ addr: VirtAddr,
                               _ access: Access, user: Bool) throws(ShellError) -> CommandResult {
        let word = "touch \(hex(addr.rawValue))"
        if user { throw .badState("\(word): --user: the machine makes its accesses in supervisor mode only") }
        let completed = machine.access(addr, access)
        var table = state.pageTable
        let outcome = table.touch(addr, access: access, user: false, areas: state.set)
        switch (completed, outcome) {
        case (true, .hit), (false, .protectionFault), (false, .noArea), (false, .unbacked), (false, .outOfFrames):
            return .touch(outcome, access: access, user: false)
        case (false, .faultResolved):
            let before = state.pageTable
            state.pageTable = table
            if let problem = syncMachine() {
                state.pageTable = before
                _ = syncMachine()
                throw .badState("\(word): \(problem); nothing changed")
            }
            history.record(.pageTable(before), command: parsed)
            guard machine.access(addr, access) else {
                throw .badState("\(word): the access faulted again after the page was mapped (\(outcome))")
            }
            return .touch(outcome, access: access, user: false)
        default:
            throw .badState("\(word): the machine \(completed ? "completed the access" : "faulted") but the simulator says: \(outcome)")
        }
    }
}
