import MemorySetCore
import MMUSim
import Testing
@testable import Shell

/// A machine in memory standing in for the kernel's Sv39 table: `sync` copies the simulated
/// table's pages (refusing pages without `r`, as Sv39 refuses W without R), `access` checks
/// the copy as an MMU would.
final class FakeMachine {
    /// Page → (physical address, flags), as last synchronised.
    var pages: [UInt64: (UInt64, MappingFlags)] = [:]
    var syncs = 0
    var accesses: [(UInt64, Access)] = []
    /// When set, every access completes (a machine that disagrees with the simulator).
    var alwaysCompletes = false
    /// When set, `verify` reports this.
    var problem: String? = nil

    static let space = AddrRange(start: 0x1000_0000, end: 0x2000_0000)

    func machine() -> ShellMachine {
        ShellMachine(space: Self.space, frames: 64, sync: { self.sync($0) },
                     access: { self.access($0.rawValue, $1) }, verify: { _ in self.problem.map { [$0] } ?? [] })
    }

    func sync(_ table: PageTable) -> String? {
        syncs += 1
        pages = [:]
        var refused: String? = nil
        for run in table.mappedRanges() {
            guard run.flags.contains(.read) else { refused = "no page without r here"; continue }
            var va = run.start.rawValue, pa = run.physicalStart
            while va < run.end.rawValue {
                pages[va] = (pa, run.flags)
                va += 4096
                pa += 4096
            }
        }
        return refused
    }

    func access(_ addr: UInt64, _ kind: Access) -> Bool {
        accesses.append((addr, kind))
        if alwaysCompletes { return true }
        guard let (_, flags) = pages[addr & ~0xfff] else { return false }
        return flags.contains(kind.requiredFlag)
    }
}

@Suite struct ShellMachineTests {
    func makeShell(_ fake: FakeMachine) -> Shell {
        Shell(options: ShellOptions(interactive: true), machine: fake.machine())
    }

    @Test func startsWithTheMachinesSpaceAndFrames() {
        let fake = FakeMachine()
        let shell = makeShell(fake)
        let out = run(shell, "map 0x5000 +4K rw", "stats")
        #expect(out.stderr == "error: InvalidParam: map: [0x5000, 0x6000) is outside the address space [0x10000000, 0x20000000)\n")
        #expect(out.stdout.contains("frames: 1 used, 63 free (64 total)"))
    }

    @Test func commandsAreMirroredAndUndoAndRedoResynchronise() {
        let fake = FakeMachine()
        let shell = makeShell(fake)
        run(shell, "map 0x10000000 +16K rw --populate")
        #expect(fake.pages.count == 4)
        run(shell, "unmap 0x10001000 +4K")
        #expect(fake.pages.count == 3 && fake.pages[0x1000_1000] == nil)
        run(shell, "undo")
        #expect(fake.pages.count == 4)
        run(shell, "redo")
        #expect(fake.pages.count == 3)
        let syncs = fake.syncs
        run(shell, "areas; find 0x10000000; stats")
        #expect(fake.syncs == syncs + 3)  // called after each command; the kernel's skips an unchanged table
        #expect(fake.pages.count == 3)
    }

    @Test func aRealFaultIsResolvedByTheSimulatorAndTheAccessMadeAgain() {
        let fake = FakeMachine()
        let shell = makeShell(fake)
        let out = run(shell, "map 0x10000000 +8K rw", "touch 0x10000008 w", "touch 0x10000008 r")
        #expect(out.stderr == "")
        #expect(out.stdout.contains("touch 0x10000008 w: page fault at 0x10000008: allocated frame"))
        #expect(out.stdout.contains("touch 0x10000008 r: hit at 0x10000008"))
        #expect(fake.accesses.map { $0.0 } == [0x1000_0008, 0x1000_0008, 0x1000_0008])
        #expect(fake.pages.count == 1)
        run(shell, "undo")
        #expect(fake.pages.isEmpty)
    }

    @Test func protectionFaultsAndNoAreaAreTheSimulatorsWords() {
        let fake = FakeMachine()
        let shell = makeShell(fake)
        let out = run(shell, "map 0x10000000 +4K r --populate", "touch 0x10000000 w", "touch 0x18000000 r")
        #expect(out.stdout.contains("touch 0x10000000 w: protection fault at 0x10000000: write to r--- page (needs w)\n"))
        #expect(out.stdout.contains("touch 0x18000000 r: segmentation fault at 0x18000000: no area\n"))
        #expect(out.failures == 0)
    }

    @Test func whatTheMachineCannotMapIsUndone() {
        let fake = FakeMachine()
        let shell = makeShell(fake)
        let out = run(shell, "map 0x10000000 +8K w --populate", "map 0x10000000 +8K w", "touch 0x10000000 w")
        #expect(out.stderr == """
            error: BadState: map: no page without r here; nothing changed
            error: BadState: touch 0x10000000: no page without r here; nothing changed

            """)
        #expect(areas(shell) == ["[0x10000000, 0x10002000) -w--"])
        #expect(fake.pages.isEmpty)
        #expect(shell.session.state.pageTable.stats.mappedPages == 0)
        #expect(run(shell, "undo").stdout.hasPrefix("undone: map 0x10000000 +8K w"))
    }

    @Test func disagreementsAndUserAccessesAreErrors() {
        let fake = FakeMachine()
        fake.alwaysCompletes = true
        let shell = makeShell(fake)
        let out = run(shell, "touch 0x10000000 r", "touch 0x10000000 r --user")
        #expect(out.stderr == """
            error: BadState: touch 0x10000000: the machine completed the access but the simulator says: segmentation fault at 0x10000000: no area
            error: BadState: touch 0x10000000: --user: the machine makes its accesses in supervisor mode only

            """)
    }

    @Test func verifyAddsTheMachinesProblems() {
        let fake = FakeMachine()
        let shell = makeShell(fake)
        #expect(run(shell, "verify").stdout == "verify: ok (page table consistent with 0 areas)\n")
        fake.problem = "entry of 0x10000000 differs"
        #expect(run(shell, "verify").stderr == "error: BadState: verify: 1 problem: entry of 0x10000000 differs\n")
    }
}
