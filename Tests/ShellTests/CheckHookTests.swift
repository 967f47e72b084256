import Testing
@_spi(Checks) @testable import Shell

/// The `@_spi(Checks)` hooks the fuzzer relies on.
@Suite struct CheckHookTests {
    @Test func snapshotsCompareWholeSessions() {
        let shell = makeShell(render: false)
        let empty = shell._snapshot
        run(shell, "map 0x1000 +8K rw --populate")
        let mapped = shell._snapshot
        #expect(mapped != empty)
        run(shell, "touch 0x9000 r")  // no area: nothing changes
        #expect(shell._snapshot == mapped)
        run(shell, "protect 0x1000 +4K r")
        #expect(shell._snapshot != mapped)
        run(shell, "undo")
        #expect(shell._snapshot == mapped)
        run(shell, "set frames 9")  // refused: the set is not empty
        #expect(shell._snapshot == mapped)
        #expect(shell._consistencyProblems().isEmpty)
    }

    @Test func consistencyProblemsReportABrokenPageTable() {
        let shell = makeShell(render: false)
        run(shell, "map 0x1000 +8K rw --populate")
        #expect(shell._consistencyProblems().isEmpty)
        // Areas without their pages: verify must complain.
        var state = shell.session.state
        state.pageTable = .init(frameCount: state.settings.frames)
        shell.session.state = state
        #expect(!shell._consistencyProblems().isEmpty)
    }
}
