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

    func machine(walks: Bool = false) -> ShellMachine {
        ShellMachine(space: Self.space, frames: 64, sync: { self.sync($0) },
                     access: { self.access($0.rawValue, $1) }, verify: { _ in self.problem.map { [$0] } ?? [] },
                     paging: "Sv39", walk: walks ? { self.walk($0.rawValue) } : nil)
    }

    /// A three-level walk of the copy, as Sv39's: root at 0x80001000, one table per level
    /// at 0x80002000 and 0x80003000 (present only under the playground's first 2 MiB), 4 KiB
    /// leaves at 0x80000000 + the simulated frame; a 1 GiB leaf at root entry 2.
    func walk(_ va: UInt64) -> [WalkStep] {
        func step(_ level: Int, _ table: UInt64, _ entry: UInt64, leaf: (UInt64, MappingFlags)? = nil) -> WalkStep {
            WalkStep(level: level, index: Int((va >> (12 + 9 * UInt64(level))) & 511), tableAddress: table, rawEntry: entry,
                     present: entry != 0, isLeaf: leaf != nil, physicalAddress: entry == 0 ? nil : (entry >> 10) << 12,
                     pageSize: leaf.map { _ in 1 << (12 + 9 * UInt64(level)) }, flags: leaf?.1, allocated: false)
        }
        if va >> 30 == 2 { return [step(2, 0x8000_1000, (0x8000_0000 >> 2) | 0xcf, leaf: (0x8000_0000, [.read, .write, .execute]))] }
        guard va >> 21 == 0x1000_0000 >> 21 else { return [step(2, 0x8000_1000, 0)] }
        let root = step(2, 0x8000_1000, (0x8000_2000 >> 2) | 1), middle = step(1, 0x8000_2000, (0x8000_3000 >> 2) | 1)
        guard let (pa, flags) = pages[va & ~0xfff] else { return [root, middle, step(0, 0x8000_3000, 0)] }
        let entry = ((0x8000_0000 + pa) >> 2) | 0xc3
        return [root, middle, step(0, 0x8000_3000, entry, leaf: (0x8000_0000 + pa, flags))]
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

    @Test func ptWalksTheMachinesTableWhenItHasAWalk() throws {
        let fake = FakeMachine()
        let shell = Shell(options: ShellOptions(interactive: true), machine: fake.machine(walks: true))
        run(shell, "map 0x10000000 +8K rw --populate")
        let pa = try #require(shell.session.state.pageTable.translate(0x1000_1000))
        let out = run(shell, "pt 0x10001234", "pt 0x10400000", "pt 0x80201000")
        #expect(out.stderr == "")
        #expect(out.stdout == """
            walk 0x10001234 (Sv39): pa \(hex(0x8000_0000 + pa + 0x234))
              L2[0] -> table @0x80002000 (pte 0x20000801)
              L1[128] -> table @0x80003000 (pte 0x20000c01)
              L0[1] -> 4K page @\(hex(0x8000_0000 + pa)) rw-- (pte \(hex(((0x8000_0000 + pa) >> 2) | 0xc3)))
            walk 0x10400000 (Sv39): not mapped
              L2[0] -> not present (pte 0x0)
            walk 0x80201000 (Sv39): pa 0x80201000
              L2[2] -> 1G page @0x80000000 rwx- (pte 0x200000cf)

            """)
        // Without a walk, or without a machine, `pt` shows the simulator's four levels.
        let simulated = run(Shell(options: ShellOptions(interactive: true), machine: FakeMachine().machine()),
                            "map 0x10000000 +8K rw --populate", "pt 0x10001234")
        #expect(simulated.stdout.contains("walk 0x10001234: pa ") && simulated.stdout.contains("  L4[0] -> table @"))
        #expect(!simulated.stdout.contains("Sv39"))
    }

    @Test func theMachinesWalkInJSONNamesItsPagingAndEntries() throws {
        let fake = FakeMachine()
        let options = ShellOptions(json: true, color: false, render: true, terminalWidth: 80, interactive: false)
        let shell = Shell(options: options, machine: fake.machine(walks: true))
        run(shell, "map 0x10000000 +8K r --populate")
        let pa = try #require(shell.session.state.pageTable.translate(0x1000_0000))
        let result = try #require(try jsonLines(run(shell, "pt 0x10000010")).first)
        #expect(result["cmd"] as? String == "pt")
        #expect(result["paging"] as? String == "Sv39")
        #expect(result["physical"] as? String == hex(0x8000_0010 + pa))
        let steps = try #require(result["steps"] as? [[String: Any]])
        #expect(steps.map { $0["level"] as? Int } == [2, 1, 0])
        #expect(steps.map { $0["table"] as? String } == ["0x80001000", "0x80002000", "0x80003000"])
        #expect(steps.last?["entry"] as? String == hex(((0x8000_0000 + pa) >> 2) | 0xc3))
        #expect(steps.last?["pageSize"] as? Int == 4096 && steps.last?["flags"] as? String == "r---")
    }
}
