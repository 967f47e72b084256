import MMUSim
import Testing
@testable import Shell

/// Maps that cannot get their frames fail at once, naming need and supply, with nothing
/// changed (issue #13: these ran for a minute and took gigabytes before failing).
@Suite struct FrameBudgetTests {
    @Test func hugeLinearMapFailsAtOnce() {
        let shell = makeShell(render: false)
        let error = failure(shell, "map 0 0x800000000000 rw --linear 0x1000")
        #expect(error?.kind == "BadState")
        #expect(error?.message
                == "map: needs 67,240,192 table pages; 262,143 frames free (of 262,144); nothing changed")
        #expect(areas(shell).isEmpty)
        #expect(shell.session.state.pageTable.stats.usedFrames == 1)
    }

    @Test func hugePopulateFailsAtOnceEvenWithTheMostFrames() {
        let shell = makeShell(render: false)
        #expect(failure(shell, "set frames 4294967296") == nil)
        let error = failure(shell, "map 0 0x800000000000 rw --populate")
        #expect(error?.message == "map: needs 34,359,738,368 pages and at least 67,240,192 table pages; "
                + "4,294,967,295 frames free (of 4,294,967,296); nothing changed")
        #expect(areas(shell).isEmpty)
    }

    @Test func forceCountsTheFramesItsUnmapMayFree() {
        let shell = makeShell(render: false)
        run(shell, "set frames 16", "map 0x1000 +32K rw --populate")
        // 8 pages + 3 tables + the root in use, 4 free: 8 more pages fit only with the unmap
        // (the tables that exist count against the tables a map needs, hence no table pages).
        #expect(shell.session.state.pageTable.stats.freeFrames == 4)
        #expect(failure(shell, "map 0x100000 +32K rw --populate")?.message
                == "map: needs 8 pages; 4 frames free (of 16); nothing changed")
        #expect(failure(shell, "map 0x1000 +32K r --populate --force") == nil)
        #expect(failure(shell, "map 0x1000 +64K r --populate --force")?.message.hasPrefix("map: needs 16 pages") == true)
        #expect(areas(shell) == ["[0x1000, 0x9000) r---"])
    }

    @Test func lazyMapsNeedNoFramesUpFront() {
        let shell = makeShell(render: false)
        run(shell, "set frames 1")
        #expect(failure(shell, "map 0 0x800000000000 rw --alloc") == nil)
    }

    @Test func groupedNumbers() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(1000) == "1,000")
        #expect(grouped(262_143) == "262,143")
        #expect(grouped(34_359_738_368) == "34,359,738,368")
        #expect(grouped(UInt64.max) == "18,446,744,073,709,551,615")
    }
}
