import Testing
@testable import Shell
import TestSupport

/// Seeded random sessions with undo and redo against a stack of whole-state fingerprints: undo
/// must bring back exactly the state before the command (areas with their backends, page-table
/// mappings, frame counts), redo exactly the state after it, and a failed command must leave
/// both stacks alone. Commands record only the region they touched, so this checks that those
/// regions hold everything the commands changed. The longer runs record more than
/// ``History/limit`` steps: the model drops its oldest state as the history does, and undo
/// must fail exactly when the model has nothing left to go back to.
@Suite struct UndoPropertyTests {
    /// Everything undo must restore.
    func fingerprint(_ shell: Shell) -> String {
        let state = shell.session.state
        let areas = state.set.map { "\($0) \($0.backend.sim) \($0.backend.label.raw)" }
        return areas.joined(separator: "\n") + "\n\(state.pageTable.mappedRanges())\n\(state.pageTable.stats)\n\(state.settings)"
    }

    @Test(arguments: [UInt64(21), 22, 23, 24])
    func randomUndoRedoMatchesAStackOfStates(seed: UInt64) {
        check(seed: seed, steps: 1_500, undoShare: 17, redoShare: 18)
    }

    /// Mostly changes: more than ``History/limit`` steps are recorded, so the oldest are
    /// dropped while undo and redo go on.
    @Test(arguments: [UInt64(31), 32])
    func randomUndoRedoPastTheLimit(seed: UInt64) {
        check(seed: seed, steps: 3_600, undoShare: 7, redoShare: 5)
    }

    /// With backend `none`: every map into a free range keeps no page table in its step
    /// (``History/Step/areas(_:_:)``), and the backend options fail.
    @Test(arguments: [UInt64(41), 42])
    func randomUndoRedoWithoutAPageTable(seed: UInt64) {
        check(seed: seed, steps: 1_500, undoShare: 17, redoShare: 18, backendNone: true)
    }

    /// `steps` random commands of which about `undoShare` and `redoShare` in 100 are `undo`
    /// and `redo`; on backend `none` first when `backendNone` (else `mmu`, where a plain `map`
    /// is lazy and keeps no page table in its step either, and `--populate` and `--linear`
    /// write to it).
    func check(seed: UInt64, steps: Int, undoShare: Int, redoShare: Int, backendNone: Bool = false) {
        var rng = SplitMix64(state: seed)
        let shell = makeShell(json: true, render: false)
        // Few frames, so that populating maps and table splits fail now and then, in the middle
        // of a command (after `--force` has unmapped what it overlaps).
        // (Recorded commands too: undo may go back to the default frame count and backend.)
        var states = [fingerprint(shell)]   // states[i]: after the i-th recorded command
        for line in (backendNone ? ["set backend none"] : []) + ["set frames 40"] {
            _ = shell.execute(line: line, at: SourceLocation(file: "t", line: 0))
            states.append(fingerprint(shell))
        }
        var position = states.count - 1     // the current state is states[position]
        var undone = 0, redone = 0, failed = 0, dropped = 0
        for step in 0..<steps {
            let page = UInt64.random(in: 0..<256, using: &rng)
            let start = 0x40_0000 + page * 0x1000
            let size = UInt64.random(in: 1...12, using: &rng) * 0x1000
            let flags = ["r", "rw", "rx", "-", "rwu"].randomElement(using: &rng)!
            let line: String
            let dice = Int.random(in: 0..<100, using: &rng)
            if dice < undoShare {
                line = "undo"
            } else if dice < undoShare + redoShare {
                line = "redo"
            } else {
                switch Int.random(in: 0..<100, using: &rng) {
                case 0..<34: line = "map \(hex(start)) +\(hex(size)) \(flags)"
                    + ["", " --force", " --force --populate", " --populate", " --linear 0x200000 --force"].randomElement(using: &rng)!
                case 34..<58: line = "unmap \(hex(start)) +\(hex(size))"
                case 58..<80: line = "protect \(hex(start)) +\(hex(size)) \(flags)"
                case 80..<83: line = "clear"
                // Allowed while the set is empty only (else a failure); recorded when it
                // changes the setting.
                case 83..<86: line = "set frames \([40, 64].randomElement(using: &rng)!)"
                case 86..<87: line = "reset"
                default: line = "touch \(hex(start + UInt64.random(in: 0..<size, using: &rng))) \(["r", "w", "x"].randomElement(using: &rng)!)"
                }
            }
            let before = fingerprint(shell)
            let out = shell.execute(line: line, at: SourceLocation(file: "t", line: step))
            let after = fingerprint(shell)
            let context = "seed \(seed) step \(step): \(line)"
            if out.failures > 0 {
                failed += 1
                #expect(after == before, "\(context): a failed command changed the state")
                if line == "undo" { #expect(position == 0, "\(context): undo failed with \(position) steps to undo") }
                if line == "redo" { #expect(position + 1 == states.count, "\(context): redo failed with steps to redo") }
                continue
            }
            switch line {
            case "undo":
                guard position > 0 else { Issue.record("\(context): undid an unrecorded step"); return }
                position -= 1
                undone += 1
                #expect(after == states[position], "\(context)")
            case "redo":
                guard position + 1 < states.count else { Issue.record("\(context): redid an unrecorded step"); return }
                position += 1
                redone += 1
                #expect(after == states[position], "\(context)")
            default:
                // A command that reports changes (or a touch that resolved a fault, a `set` that
                // changed a setting) is recorded; `reset` always.
                let recorded = line == "reset" || (line.hasPrefix("touch") || line.hasPrefix("set") ? after != before
                    : !out.stdout.contains("\"changes\":[]"))
                if recorded {
                    states.removeSubrange((position + 1)...)
                    states.append(after)
                    position += 1
                    if position > History.limit {
                        // The history keeps the last `limit` steps.
                        states.removeFirst()
                        position -= 1
                        dropped += 1
                    }
                } else {
                    #expect(after == before, "\(context): a command without changes changed the state")
                }
            }
            guard after == states[position] else {
                Issue.record("\(context): diverged")
                return
            }
        }
        // (Few redos succeed in the long runs: a change soon follows an undo.)
        #expect(undone > 100 && redone > (steps > 3_000 ? 15 : 50) && failed > 50,
                "the run exercised undo \(undone), redo \(redone), failures \(failed)")
        #expect(steps < 3_000 || dropped > 100, "the run dropped \(dropped) steps past the limit")
    }
}
