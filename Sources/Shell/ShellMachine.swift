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
/// - `walk`, when given, walks the real table for `pt ADDR` (shown under the name `paging`)
///   instead of the simulated one: one ``WalkStep`` per level read, from the root down to a
///   leaf or to the first absent entry, with the machine's own level numbers (Sv39: 2, 1, 0,
///   as in `VPN[2]`, `VPN[1]`, `VPN[0]`; a leaf at level 2 maps 1 GiB, at 1 2 MiB, at 0
///   4 KiB), the table's and the entry's physical addresses and the raw entry (`allocated`
///   is not used). No step for an address the machine cannot translate (a non-canonical one).
///
///   ```
///   pt 0x20005000 ── walk ──▶ satp → root: L2[0] → table: L1[128] → table: L0[5] → 4K page
///   ```
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
    /// The name of the real table's paging mode, shown by `pt ADDR` (`Sv39`).
    public var paging: String
    /// The walk of the real table for an address (root first), or `nil`: `pt ADDR` then
    /// shows the simulator's walk.
    public var walk: ((VirtAddr) -> [WalkStep])?

    /// A machine from its closures.
    /// - Complexity: O(1)
    public init(space: AddrRange, frames: Int, sync: @escaping (PageTable) -> String?,
                access: @escaping (VirtAddr, Access) -> Bool, verify: @escaping (PageTable) -> [String],
                paging: String = "machine", walk: ((VirtAddr) -> [WalkStep])? = nil) {
        self.space = space
        self.frames = frames
        self.sync = sync
        self.access = access
        self.verify = verify
        self.paging = paging
        self.walk = walk
    }
}
