import MemorySetCore
import MMUSim
import Testing
@testable import Shell

/// Runs one command on `shell` and returns its failure kind and message, or nil on success.
@discardableResult
func failure(_ shell: Shell, _ line: String) -> (kind: String, message: String)? {
    let out = shell.execute(line: line, at: SourceLocation(file: "t", line: 1))
    guard out.failures > 0 else { return nil }
    // `t:1: error: Kind: message`
    let text = out.stderr.dropFirst("t:1: error: ".count)
    let parts = text.split(separator: ":", maxSplits: 1)
    return (String(parts[0]), String(parts[1].dropFirst().dropLast()))
}

/// The kinds of the changes of a successful command, from its `--no-render` output.
func changeKinds(_ shell: Shell, _ line: String) -> [String] {
    let out = shell.execute(line: line, at: SourceLocation(file: "t", line: 1))
    return out.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
}

@Suite struct ExecutorTests {
    func noRender() -> Shell { makeShell(render: false) }

    @Test func mapValidatesItsRange() {
        let shell = noRender()
        #expect(failure(shell, "map 0x1000 0x1000 rw")?.kind == "InvalidParam")
        #expect(failure(shell, "map 0x1000 0x1000 rw")?.message.contains("empty range") == true)
        #expect(failure(shell, "map 0x1001 0x2000 rw")?.message.contains("START 0x1001 is not aligned") == true)
        #expect(failure(shell, "map 0x1000 0x2001 rw")?.message.contains("END 0x2001 is not aligned") == true)
        #expect(failure(shell, "map 0x2000 0x1000 rw")?.message.contains("END 0x1000 is below START 0x2000") == true)
        #expect(failure(shell, "map 0x7ffffffff000 +8K rw")?.message.contains("outside the address space") == true)
        #expect(failure(shell, "map 0xfffffffffffff000 +8K rw")?.message.contains("overflows 64 bits") == true)
        #expect(failure(shell, "map 0xfffffffffffff000 +8K rw")?.kind == "InvalidParam")
        #expect(areas(shell).isEmpty)
        #expect(failure(shell, "map 0x7ffffffff000 +4K rw") == nil)
    }

    @Test func mapOverlapIsAlreadyExistsUnlessForced() {
        let shell = noRender()
        run(shell, "map 0x1000 0x3000 rw", "map 0x5000 0x7000 r")
        let error = failure(shell, "map 0x2000 0x6000 rx")
        #expect(error?.kind == "AlreadyExists")
        #expect(error?.message.contains("overlaps areas [0x1000, 0x3000) rw--, [0x5000, 0x7000) r---") == true)
        #expect(areas(shell) == ["[0x1000, 0x3000) rw--", "[0x5000, 0x7000) r---"])
        #expect(changeKinds(shell, "map 0x2000 0x6000 rx --force") == ["shrink-right", "shrink-left", "added"])
        #expect(areas(shell) == ["[0x1000, 0x2000) rw--", "[0x2000, 0x6000) r-x-", "[0x6000, 0x7000) r---"])
    }

    @Test func unmapHasFourCases() {
        let shell = noRender()
        run(shell, "map 0x1000 0x4000 rw")
        #expect(changeKinds(shell, "unmap 0x2000 0x3000") == ["split"])
        #expect(areas(shell) == ["[0x1000, 0x2000) rw--", "[0x3000, 0x4000) rw--"])
        run(shell, "clear", "map 0x1000 0x4000 rw")
        #expect(changeKinds(shell, "unmap 0x3000 0x5000") == ["shrink-right"])
        #expect(changeKinds(shell, "unmap 0 0x2000") == ["shrink-left"])
        #expect(areas(shell) == ["[0x2000, 0x3000) rw--"])
        #expect(changeKinds(shell, "unmap 0 +1M") == ["removed"])
        #expect(areas(shell).isEmpty)
    }

    @Test func unmapEmptyOrUntouchedRangeIsANoOp() {
        let shell = noRender()
        run(shell, "map 0x1000 0x4000 rw")
        #expect(run(shell, "unmap 0x2000 0x2000").stdout == "(no change)\n")
        #expect(run(shell, "unmap 0x8000 +4K").stdout == "(no change)\n")
        #expect(failure(shell, "unmap 0x2000 0x1000")?.kind == "InvalidParam")
        #expect(failure(shell, "unmap 0x2800 0x3000")?.kind == "InvalidParam")
        #expect(failure(shell, "unmap 0 0x900000000000")?.message.contains("outside the address space") == true)
        #expect(areas(shell) == ["[0x1000, 0x4000) rw--"])
    }

    @Test func protectSplitsIntoTwoOrThreeAndSkipsEqualFlags() {
        let shell = noRender()
        run(shell, "map 0x1000 0x4000 rw")
        #expect(changeKinds(shell, "protect 0x2000 0x3000 r") == ["protected"])
        #expect(areas(shell) == ["[0x1000, 0x2000) rw--", "[0x2000, 0x3000) r---", "[0x3000, 0x4000) rw--"])
        run(shell, "clear", "map 0x1000 0x4000 rw")
        #expect(changeKinds(shell, "protect 0 0x2000 rx") == ["protected"])
        #expect(areas(shell) == ["[0x1000, 0x2000) r-x-", "[0x2000, 0x4000) rw--"])
        #expect(run(shell, "protect 0x2000 0x4000 rw").stdout == "(no change)\n")
        #expect(run(shell, "protect 0x2000 0x2000 r").stdout == "(no change)\n")
        #expect(failure(shell, "protect 0x2000 0x1000 r")?.kind == "InvalidParam")
    }

    @Test func findAnyAddress() {
        let shell = noRender()
        run(shell, "map 0x1000 0x4000 rw")
        #expect(run(shell, "find 0x3fff").stdout.contains("0x3fff is in [0x1000, 0x4000) rw--"))
        #expect(run(shell, "find 0x4000").stdout == "0x4000: no area\n")
        #expect(run(shell, "find 0xffffffffffffffff").failures == 0)
    }

    @Test func freeFollowsTheSpec() {
        let shell = noRender()
        run(shell, "map 0 0x3000 rw", "map 0x4000 0x6000 r", "map 0x10000 0x11000 r")
        #expect(run(shell, "free 4K").stdout == "free: [0x3000, 0x4000) (4 KiB)\n")
        #expect(run(shell, "free 8K").stdout == "free: [0x6000, 0x8000) (8 KiB)\n")
        #expect(run(shell, "free 4K --hint 0x3800").stdout == "free: [0x6000, 0x7000) (4 KiB)\n")
        #expect(run(shell, "free 4K --align 64K").stdout == "free: [0x20000, 0x21000) (4 KiB)\n")
        #expect(run(shell, "free 4K --limit 0x5000 0x8000").stdout == "free: [0x6000, 0x7000) (4 KiB)\n")
        #expect(run(shell, "free 8K --limit 0 0x7000").stdout == "free: no free range of 8 KiB\n")
        #expect(failure(shell, "free 0")?.message.contains("SIZE must not be 0") == true)
        #expect(failure(shell, "free 0x1800")?.message.contains("not a multiple of the page size") == true)
        #expect(failure(shell, "free 4K --align 0x3000")?.message.contains("power of two") == true)
        #expect(failure(shell, "free 4K --align 0x800")?.kind == "InvalidParam")
        #expect(failure(shell, "free 4K --limit 0x8000 0x7000")?.kind == "InvalidParam")
        #expect(failure(shell, "free 4K --limit 0xfffffffffffff000 +8K")?.kind == "InvalidParam")
    }

    @Test func clearRemovesEverything() {
        let shell = noRender()
        run(shell, "map 0 0x3000 rw", "map 0x4000 0x6000 r")
        #expect(changeKinds(shell, "clear") == ["removed", "removed"])
        #expect(areas(shell).isEmpty)
        #expect(run(shell, "clear").stdout == "(no change)\n")
    }

    @Test func settingsOnlyWhileEmpty() {
        let shell = noRender()
        #expect(failure(shell, "set page-size 3000")?.kind == "InvalidParam")
        #expect(failure(shell, "set page-size 0")?.kind == "InvalidParam")
        #expect(failure(shell, "set space 0x2000 0x1000")?.kind == "InvalidParam")
        #expect(failure(shell, "set space 0x2000 0x2000")?.kind == "InvalidParam")
        #expect(failure(shell, "set frames 0")?.kind == "InvalidParam")
        run(shell, "map 0 4K r")
        for line in ["set page-size 8K", "set space 0 1G", "set backend none", "set frames 16"] {
            let error = failure(shell, line)
            #expect(error?.kind == "BadState", "\(line)")
            #expect(error?.message.contains("only allowed while the set is empty") == true)
        }
        run(shell, "clear")
        #expect(failure(shell, "set page-size 8K") == nil)
        #expect(failure(shell, "map 0x1000 0x3000 r")?.message.contains("not aligned to the page size 0x2000") == true)
        #expect(failure(shell, "map 0x2000 0x4000 r") == nil)
        #expect(shell.session.state.settings.pageSize == 8192)
        #expect(shell.session.state.settings.backend == .mmu)
    }

    @Test func smallPagesOrAHugeSpaceSwitchTheBackendToNone() {
        let shell = noRender()
        let out = run(shell, "set page-size 1024")
        #expect(out.failures == 0)
        #expect(out.stdout.contains("note: the MMU simulator needs 4 KiB pages: backend switched to none"))
        #expect(shell.session.state.settings.backend == .none)
        #expect(failure(shell, "set backend mmu")?.kind == "BadState")
        #expect(failure(shell, "map 0x400 0x800 r --alloc")?.kind == "BadState")
        #expect(failure(shell, "map 0x400 0x800 r") == nil)
        #expect(shell.session.state.set.area(at: 0).backend.sim == SimBackend.none)

        let other = noRender()
        #expect(run(other, "set space 0 0x1000000000000").stdout.contains("note") == false)
        #expect(run(other, "set space 0 0x1000000001000").stdout.contains("covers 48 bits: backend switched to none"))
        #expect(other.session.state.settings.backend == .none)
        run(other, "set space 0 1G")
        #expect(failure(other, "set backend mmu") == nil)
    }

    @Test func failedCommandsChangeNothing() {
        let shell = noRender()
        run(shell, "map 0x1000 0x4000 rw --populate", "map 0x8000 0x9000 r", "touch 0x8000")
        let before = shell.session.state
        for line in [
            "map 0x2000 0x3000 r", "map 0x1000 0x1000 r", "unmap 0x1001 0x2000", "protect 0 0x900000000000 r",
            "map 0x0 +0xffffffffffffffff r", "set page-size 8K", "bogus", "map 1 2", "undo 1", "redo",
            "free 0", "verify extra", "set frames 0", "view 2 1", "source /nonexistent/x.mset",
        ] {
            #expect(run(shell, line).failures == 1, "\(line)")
            #expect(shell.session.state.set.map(\.description) == before.set.map(\.description), "\(line)")
            #expect(shell.session.state.pageTable == before.pageTable, "\(line)")
            #expect(shell.session.state.settings == before.settings, "\(line)")
        }
    }

    @Test func backendFailureRestoresSetAndPageTable() {
        let shell = noRender()
        run(shell, "set frames 24", "map 0x1000 0x5000 rw --populate", "map 0x10000 0x12000 r --populate")
        let before = shell.session.state
        let used = before.pageTable.stats.usedFrames
        // --force unmaps the two areas (freeing frames) then fails to populate 22 pages: the
        // frames check up front lets it through (22 pages ≤ 23 frames that could be free), the
        // three table pages it also needs are not there.
        let error = failure(shell, "map 0x0 +88K rw --populate --force")
        #expect(error?.kind == "BadState")
        #expect(error?.message.contains("nothing changed") == true)
        #expect(areas(shell) == before.set.map(\.description))
        #expect(shell.session.state.pageTable == before.pageTable)
        #expect(shell.session.state.pageTable.stats.usedFrames == used)
        #expect(shell.session.state.pageTable.verify(shell.session.state.set).isEmpty)
        #expect(run(shell, "verify").failures == 0)
    }

    @Test func undoRedoRestoreWholeStates() {
        let shell = noRender()
        #expect(failure(shell, "undo")?.message == "undo: nothing to undo")
        run(shell, "map 0x1000 0x4000 rw", "unmap 0x2000 0x3000", "find 0x1000", "areas")
        #expect(areas(shell).count == 2)
        #expect(run(shell, "undo").stdout.hasPrefix("undone: unmap 0x2000 0x3000"))
        #expect(areas(shell) == ["[0x1000, 0x4000) rw--"])
        run(shell, "undo")
        #expect(areas(shell).isEmpty)
        #expect(failure(shell, "undo")?.kind == "BadState")
        #expect(run(shell, "redo").stdout.hasPrefix("redone: map 0x1000 0x4000 rw"))
        run(shell, "redo")
        #expect(areas(shell).count == 2)
        #expect(failure(shell, "redo")?.message == "redo: nothing to redo")
        run(shell, "undo", "protect 0x1000 0x2000 r")
        #expect(failure(shell, "redo")?.kind == "BadState")
        // No-op commands are not recorded.
        run(shell, "unmap 0x8000 0x9000", "protect 0x1000 0x2000 r")
        run(shell, "undo")
        #expect(areas(shell) == ["[0x1000, 0x4000) rw--"])
    }

    @Test func undoCoversSettingsResetAndTouch() {
        let shell = noRender()
        run(shell, "set page-size 8K", "map 0x2000 0x6000 rw", "touch 0x2000 w")
        #expect(shell.session.state.pageTable.stats.mappedPages == 1)
        run(shell, "touch 0x2000 w")   // a hit: not recorded
        run(shell, "undo")
        #expect(shell.session.state.pageTable.stats.mappedPages == 0)
        run(shell, "reset")
        #expect(areas(shell).isEmpty)
        #expect(shell.session.state.settings == Settings())
        run(shell, "undo")
        #expect(areas(shell) == ["[0x2000, 0x6000) rw--"])
        run(shell, "undo", "undo")
        #expect(shell.session.state.settings.pageSize == 4096)
    }

    @Test func touchAndPageTableCommands() {
        let shell = noRender()
        run(shell, "map 0x1000 0x3000 rw", "map 0x200000 +2M rx --linear 0x40000000")
        #expect(run(shell, "touch 0x1000 w").stdout.contains("page fault at 0x1000: allocated frame"))
        #expect(run(shell, "touch 0x1008 r").stdout.contains("hit at 0x1008"))
        #expect(run(shell, "touch 0x1000 x").stdout.contains("protection fault"))
        #expect(run(shell, "touch 0x1000 r --user").stdout.contains("protection fault"))
        #expect(run(shell, "touch 0x9000").stdout.contains("segmentation fault at 0x9000: no area"))
        #expect(run(shell, "touch 0x200010 x").stdout.contains("pa 0x40000010"))
        #expect(run(shell, "pt 0x200010").stdout.contains("2M page @0x40000000 r-x-"))
        let dump = run(shell, "pt dump").stdout
        #expect(dump.contains("mapped ranges: 2"))
        #expect(run(shell, "pt dump 0 +1M").stdout.contains("mapped ranges in [0x0, 0x100000): 1"))
        #expect(run(shell, "stats").stdout.contains("mapped pages: 513"))
        #expect(run(shell, "verify").stdout.contains("verify: ok"))
        #expect(failure(shell, "map 0x400000 +4K r --linear 0x123")?.kind == "InvalidParam")
    }

    @Test func viewChoosesTheWindow() {
        let shell = makeShell()
        #expect(run(shell, "view 0 +64K").stdout.hasPrefix("view: [0x0, 0x10000) (64 KiB)\n|"))
        #expect(shell.session.window == AddrRange(start: 0, end: 0x10000))
        #expect(run(shell, "view").stdout.hasPrefix("view: [0x0, 0x10000)"))
        run(shell, "view all")
        #expect(shell.session.window == Settings().space)
        #expect(failure(shell, "view 0x2000 0x1000")?.kind == "InvalidParam")
        #expect(failure(shell, "view 0xffffffffffffffff +2")?.kind == "InvalidParam")
    }

    @Test func quitStopsTheLine() {
        let shell = noRender()
        let out = run(shell, "map 0 4K r; quit; map 0x1000 0x2000 r")
        #expect(out.shouldExit)
        #expect(out.commands == 2)
        #expect(areas(shell).count == 1)
    }

    @Test func countsFailuresAndCommands() {
        let shell = noRender()
        let out = run(shell, "map 0 4K r; bogus; map 0 4K r", "# comment", "", "areas")
        #expect(out.commands == 4)
        #expect(out.failures == 2)
        #expect(shell.failedCommands == 2)
    }

    @Test func errorsNameTheirLocationUnlessInteractive() {
        let batch = noRender()
        #expect(batch.execute(line: "bogus", at: SourceLocation(file: "<stdin>", line: 7)).stderr
            == "<stdin>:7: error: SyntaxError: unknown command 'bogus'; type `help` for the list\n")
        let repl = makeShell(interactive: true)
        #expect(repl.execute(line: "map 0 0 r", at: SourceLocation(file: "<stdin>", line: 1)).stderr
            == "error: InvalidParam: map: empty range [0x0, 0x0)\n")
    }

    @Test func promptShowsTheAreaCount() {
        let shell = noRender()
        #expect(shell.prompt == "memory-set (0 areas)> ")
        run(shell, "map 0 4K r")
        #expect(shell.prompt == "memory-set (1 area)> ")
    }
}

@Suite struct MultiLineTests {
    @Test func newlinesSeparateLinesWithTheirNumbers() {
        let shell = makeShell(render: false)
        let out = shell.execute(line: "map 0 4K r\nbogus\r\nmap 0x1000 0x2000 rw; quit\nareas", at: SourceLocation(file: "-c", line: 1))
        #expect(out.commands == 4 && out.failures == 1 && out.shouldExit)
        #expect(out.stderr == "-c:2: error: SyntaxError: unknown command 'bogus'; type `help` for the list\n")
        #expect(areas(shell) == ["[0x0, 0x1000) r---", "[0x1000, 0x2000) rw--"])
    }
}
