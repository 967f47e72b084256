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
