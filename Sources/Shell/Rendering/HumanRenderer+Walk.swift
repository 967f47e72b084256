import MemorySetCore
import MMUSim

extension HumanRenderer {
    /// One step of a machine's walk (``ShellMachine/walk``), with the machine's level number
    /// and the raw entry read:
    ///
    /// ```
    ///   L2[0] -> table @0x86001000 (pte 0x21800401)              a pointer to the next table
    ///   L0[5] -> 4K page @0x8400c000 r--- (pte 0x210030c3)       a leaf: size, frame, flags
    ///   L1[129] -> not present (pte 0x0)                         the walk stops here
    /// ```
    ///
    /// A leaf's size is the machine's (Sv39: 1G at level 2, 2M at 1, 4K at 0).
    /// - Complexity: O(1)
    static func machineStepLine(_ step: WalkStep) -> String {
        let head = "L\(step.level)[\(step.index)] -> "
        let pte = " (pte \(hex(step.rawEntry)))"
        guard step.present, let pa = step.physicalAddress else { return head + "not present" + pte }
        guard step.isLeaf, let size = step.pageSize, let flags = step.flags else { return head + "table @\(hex(pa))" + pte }
        return head + "\(pageSizeName(size)) page @\(hex(pa)) \(flags)" + pte
    }

    /// `4K`, `2M`, `1G`, or the size in bytes for another one.
    /// - Complexity: O(1)
    static func pageSizeName(_ size: UInt64) -> String {
        switch size {
        case 1 << 30: "1G"
        case 1 << 21: "2M"
        case 1 << 12: "4K"
        default: "\(size)"
        }
    }
}
