import MemorySetCore
import MMUSim

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

    /// `pt ADDR` on the machine: the real table's walk, and the address it translates to
    /// (the leaf's page plus the offset in it), if it ends on a leaf.
    /// - Complexity: that of ``ShellMachine/walk``.
    static func machineWalk(_ addr: VirtAddr, _ walk: (VirtAddr) -> [WalkStep], paging: String) -> CommandResult {
        let steps = walk(addr)
        var physical: UInt64? = nil
        if let last = steps.last, last.present, last.isLeaf, let page = last.physicalAddress, let size = last.pageSize {
            physical = page | (addr.rawValue & (size &- 1))
        }
        return .walk(addr, steps, physical: physical, paging: paging)
    }
}
