import MemorySetCore
import MMUSim
import Testing
@testable import Shell

/// Failure injection for the MMU backend: for each scenario (setup commands, then one
/// operation), the frame count is swept so that the operation meets an allocator with 0, 1,
/// 2, … free frames, i.e. its k-th frame allocation fails for every k until it has enough.
/// After each failure, settings, areas and page table must be exactly the snapshot taken
/// before the operation (no frame leaked), `verify` holds, and `undo` still undoes the setup.
@Suite struct FailureInjectionTests {
    struct Scenario: CustomStringConvertible {
        var setup: [String]
        var operation: String
        var description: String { (setup + [operation]).joined(separator: "; ") }
    }

    static let gib = "0x40000000"
    static let scenarios: [Scenario] = [
        // map --populate: fresh tables, a 2 MiB table boundary, a 1 GiB boundary, a 512 GiB one.
        Scenario(setup: [], operation: "map 0x1ff000 +12K rw --populate"),
        Scenario(setup: [], operation: "map 0x3fffe000 +16K rwx --populate"),
        Scenario(setup: [], operation: "map 0x7ffffffe000 +16K r --populate"),
        Scenario(setup: ["map 0x1000 +4K r --populate"], operation: "map 0x3000 +8K rw --populate"),
        // map --force: over populated and lazy areas, over huge linear pages (split, then populate).
        Scenario(setup: ["map 0x1000 +16K rw --populate"], operation: "map 0x3000 +32K r --force --populate"),
        Scenario(setup: ["map 0x1000 +16K rw --populate", "map 0x200000 +8K r --populate", "touch 0x1000 w"],
                 operation: "map 0x2000 0x201000 rx --force --populate"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)"], operation: "map 0x40001000 +8K r --force --populate"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)"], operation: "map 0x40200000 +4M r --force --alloc"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)", "map 0x1000 +8K r --populate"],
                 operation: "map 0x2000 0x40003000 rw --force --linear 0x2000"),
        // map --linear with 4 KiB, 2 MiB and 1 GiB leaves (table pages only).
        Scenario(setup: ["map 0x1000 +4K r"], operation: "map 0x3fe00000 0x80201000 rw --linear 0x3fe00000"),
        // touch: page tables and the page's frame.
        Scenario(setup: ["map 0x7fff00000000 +8K rw"], operation: "touch 0x7fff00001000 w"),
        Scenario(setup: ["map 0x7fff00000000 +4M rwu", "touch 0x7fff00000000 r"], operation: "touch 0x7fff00201000 w --user"),
        // protect and unmap on huge pages: splitting a 1 GiB or 2 MiB leaf takes table pages.
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)"], operation: "protect 0x40001000 +4K r"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)"], operation: "protect 0x40200000 0x7fe01000 rx"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)", "map 0x80000000 +2M r --linear 0x80000000"],
                 operation: "protect 0x3ffff000 0x80001000 rwx"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)"], operation: "unmap 0x40201000 +4K"),
        Scenario(setup: ["map \(gib) +1G rw --linear \(gib)", "map 0x80000000 +1G r --linear 0x80000000"],
                 operation: "unmap 0x7ffff000 0x80001000"),
    ]

    /// The free frames before the operation for which it failed, and the first count for
    /// which it succeeded.
    struct Sweep {
        var failedWithFree: [Int] = []
        var succeededWithFree: Int?
    }

    func sweep(_ scenario: Scenario) -> Sweep {
        var result = Sweep()
        for frames in 1...1100 {
            let shell = makeShell(render: false)
            guard run(shell, "set frames \(frames)").failures == 0 else { Issue.record("set frames \(frames)"); break }
            let setup = scenario.setup.map { run(shell, $0) }
            // Not enough frames for the setup (or a touch that could not fault in): more frames.
            if setup.contains(where: { $0.failures > 0 || $0.stdout.contains("out of frames") }) { continue }
            let before = shell.session.state
            let free = before.pageTable.stats.freeFrames
            let out = run(shell, scenario.operation)
            let failed = out.failures > 0 || out.stdout.contains("out of frames")
            let problems = shell.session.state.pageTable.verify(shell.session.state.set)
            #expect(problems.isEmpty, "\(scenario) with \(free) free frames: \(problems.prefix(3))")
            shell.session.state.set._checkInvariants()
            if failed {
                result.failedWithFree.append(free)
                if out.failures > 0 {
                    #expect(out.stderr.contains("BadState") && out.stderr.contains("nothing changed"),
                            "\(scenario) with \(free) free frames: \(out.stderr)")
                }
                let after = shell.session.state
                #expect(after.settings == before.settings, "\(scenario) with \(free) free frames")
                #expect(Array(after.set) == Array(before.set), "\(scenario) with \(free) free frames")
                #expect(after.pageTable == before.pageTable, "\(scenario) with \(free) free frames")
                #expect(after.pageTable.stats.usedFrames == before.pageTable.stats.usedFrames,
                        "\(scenario): frames leaked with \(free) free frames")
                // The history is untouched: undo undoes the last setup command.
                if !scenario.setup.isEmpty {
                    #expect(run(shell, "undo").failures == 0)
                    #expect(shell.session.state.pageTable.verify(shell.session.state.set).isEmpty)
                }
            } else {
                result.succeededWithFree = free
                break
            }
        }
        return result
    }

    @Test(arguments: scenarios)
    func everyAllocationFailureRestoresTheSession(_ scenario: Scenario) {
        let result = sweep(scenario)
        guard let needed = result.succeededWithFree else {
            Issue.record("\(scenario) never succeeded")
            return
        }
        // Every k-th allocation failed once: 0, 1, …, needed - 1 free frames.
        #expect(!result.failedWithFree.isEmpty, "\(scenario) needs no frame: not a failure test")
        #expect(result.failedWithFree == Array(0..<needed), "\(scenario): \(result.failedWithFree) then \(needed)")
    }
}
