import Foundation
import MMUSim
import Synchronization
import Testing
@testable import Shell

/// A cancellation that says stop from its `stopAt`-th call on (never when `nil`), counting calls.
final class Stopper: Sendable {
    let calls = Atomic<Int>(0)
    let stopAt: Atomic<Int>

    init(_ stopAt: Int?) { self.stopAt = Atomic(stopAt ?? .max) }

    var cancellation: PageTable.Cancellation {
        .init { [self] in calls.add(1, ordering: .relaxed).newValue >= stopAt.load(ordering: .relaxed) }
    }

    var count: Int { calls.load(ordering: .relaxed) }
}

/// Commands stopped by the shell's cancellation (Ctrl-C in the executable) report
/// `interrupted`, change nothing, and stop the rest of their line or file (#13 point 2).
@Suite struct InterruptTests {
    /// A shell with 2^32 frames, where `map 0 0x10000000000 rw --populate` (2^28 pages) is
    /// accepted by the frame estimate and would run for minutes.
    func bigShell(json: Bool = false, files: InMemoryFileSystem? = nil, stopAt: Int?) -> (Shell, Stopper) {
        let shell = makeShell(json: json, render: false, files: files)
        run(shell, "set frames 4294967296", "map 0x30000000000 +64K rw --populate")
        let stopper = Stopper(stopAt)
        shell.cancellation = stopper.cancellation
        return (shell, stopper)
    }

    static let hugePopulate = "map 0x10000000000 0x20000000000 rw --populate"

    @Test(arguments: [1, 3, 20])
    func stoppedPopulateIsRolledBack(n: Int) {
        let (shell, stopper) = bigShell(stopAt: n)
        let pageTable = shell.session.state.pageTable
        let set = Array(shell.session.state.set)
        let out = shell.execute(line: Self.hugePopulate + "; map 0x9000 +4K r", at: SourceLocation(file: "t", line: 1))
        #expect(out.stderr == "interrupted\n")
        #expect(out.stdout == "")
        #expect(out.interrupted && out.failures == 1 && out.commands == 1)  // the second map not run
        #expect(stopper.count == n + 1)  // and once more: was the failure an interruption?
        #expect(shell.session.state.pageTable == pageTable)
        #expect(shell.session.state.pageTable.stats == pageTable.stats)
        #expect(Array(shell.session.state.set) == set)
        #expect(shell.session.state.pageTable.cancellation.isCancelled == false)  // handed back
        // Nothing to undo but the commands before it.
        stopper.stopAt.store(.max, ordering: .relaxed)
        #expect(run(shell, "undo").stdout.contains("map 0x30000000000"))
        #expect(areas(shell).isEmpty)
        #expect(run(shell, "verify").failures == 0)
    }

    @Test func humanOutputSaysInterruptedWithoutErrorLine() {
        let (shell, _) = bigShell(stopAt: 1)
        let out = shell.execute(line: Self.hugePopulate, at: SourceLocation(file: "<stdin>", line: 4))
        #expect(out.stderr == "interrupted\n")
        #expect(!out.stderr.contains("error"))
    }

    @Test func jsonSaysInterrupted() throws {
        let (shell, _) = bigShell(json: true, stopAt: 2)
        let out = shell.execute(line: Self.hugePopulate, at: SourceLocation(file: "<stdin>", line: 7))
        #expect(out.stdout == #"{"ok":false,"cmd":"map","error":"Interrupted","message":"map: interrupted","line":7}"# + "\n")
        #expect(out.interrupted)
    }

    /// `source` stops at the interrupted command: those before it stay (each undoable), those
    /// after it and the rest of the outer line do not run, and no summary is printed.
    @Test func sourceStopsAtTheInterruptedCommand() {
        let files = InMemoryFileSystem(["s.mset": "map 0x1000 +4K rw\nmap 0x3000 +4K r\n\(Self.hugePopulate)\nmap 0x9000 +4K r\n"])
        // Asked before each line (3), then by the populate.
        let (shell, stopper) = bigShell(files: files, stopAt: 4)
        let out = shell.execute(line: "source s.mset; map 0xa000 +4K r", at: SourceLocation(file: "<stdin>", line: 1))
        #expect(out.interrupted)
        #expect(out.stderr == "interrupted\n")
        #expect(!out.stdout.contains("sourced"))
        #expect(areas(shell) == ["[0x1000, 0x2000) rw--", "[0x3000, 0x4000) r---", "[0x30000000000, 0x30000010000) rw--"])
        stopper.stopAt.store(.max, ordering: .relaxed)
        run(shell, "undo")
        #expect(areas(shell) == ["[0x1000, 0x2000) rw--", "[0x30000000000, 0x30000010000) rw--"])
        #expect(run(shell, "verify").failures == 0)
    }

    /// A file of short commands stops between two lines when the cancellation says stop.
    @Test func filesArePolledBetweenLines() {
        let files = InMemoryFileSystem(["s.mset": (0..<10).map { "map \(0x1000 * (2 * $0 + 1)) +4K r" }.joined(separator: "\n")])
        let shell = makeShell(render: false, files: files)
        let stopper = Stopper(5)
        shell.cancellation = stopper.cancellation
        let out = shell.runFile(path: "s.mset")
        #expect(out.interrupted)
        #expect(shell.session.state.set.count == 4)
    }

    @Test func ptDumpAndVerifyAreInterrupted() {
        let (shell, stopper) = bigShell(stopAt: nil)
        #expect(run(shell, "map 0x100000000 +64M rw --populate").failures == 0)
        stopper.stopAt.store(stopper.count + 1, ordering: .relaxed)
        #expect(run(shell, "pt dump").stderr.hasSuffix("interrupted\n"))
        stopper.stopAt.store(stopper.count + 1, ordering: .relaxed)
        #expect(run(shell, "verify").stderr.hasSuffix("interrupted\n"))
        stopper.stopAt.store(.max, ordering: .relaxed)
        #expect(run(shell, "pt dump").failures == 0 && run(shell, "verify").failures == 0)
    }

    /// Unmapping or protecting a huge populated area is stopped too, and rolled back.
    @Test func unmapAndProtectAreInterrupted() {
        let (shell, stopper) = bigShell(stopAt: nil)
        run(shell, "map 0x100000000 +64M rw --populate")
        let pageTable = shell.session.state.pageTable
        for line in ["unmap 0x100001000 +0x3000000", "protect 0x100000000 +64M r", "clear"] {
            stopper.stopAt.store(stopper.count + 1, ordering: .relaxed)
            #expect(run(shell, line).interrupted, "\(line)")
            #expect(shell.session.state.pageTable == pageTable)
            #expect(areas(shell) == ["[0x100000000, 0x104000000) rw--", "[0x30000000000, 0x30000010000) rw--"])
        }
    }

    /// A cancellation that never says stop changes no output.
    @Test func neverStoppingChangesNothing() {
        let script = ["set frames 1048576", "map 0x1000 +64M rw --populate", "protect 0x2000 +32M r", "pt dump",
                      "unmap 0x3000 +16M", "verify", "stats", "clear", "undo", "areas"]
        for json in [false, true] {
            let plain = makeShell(json: json)
            let polled = makeShell(json: json)
            let stopper = Stopper(nil)
            polled.cancellation = stopper.cancellation
            for line in script {
                #expect(run(plain, line) == run(polled, line), "\(line)")
            }
            #expect(stopper.count > 0)
        }
    }

    /// `load maps` of many lines and `export maps` of many areas poll every 4096: stopped,
    /// nothing is loaded or written.
    @Test func loadAndExportAreInterrupted() {
        let lines = (0..<10_000).map { i in MapsFormat.line(start: UInt64(i) * 0x2000 + 0x1000, end: UInt64(i) * 0x2000 + 0x2000,
                                                            flags: .read, label: nil) }
        let files = InMemoryFileSystem(["big.maps": lines.joined()])
        let shell = makeShell(render: false, files: files)
        let stopper = Stopper(1)
        shell.cancellation = stopper.cancellation
        let out = run(shell, "load maps big.maps")
        #expect(out.interrupted && out.stderr == "interrupted\n")
        #expect(stopper.count == 1)
        #expect(areas(shell).isEmpty)

        stopper.stopAt.store(.max, ordering: .relaxed)
        #expect(run(shell, "load maps big.maps").failures == 0)
        #expect(shell.session.state.set.count == 10_000)
        stopper.stopAt.store(stopper.count + 1, ordering: .relaxed)
        #expect(run(shell, "export maps out.maps").interrupted)
        #expect(files.text("out.maps") == nil)
        #expect(shell.session.state.set.count == 10_000)
    }

    /// `load strace` stops between two replayed calls: the calls before stay, no summary.
    @Test func straceReplayStopsBetweenCalls() {
        let log = (0..<6).map { "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = \(0x10000 * ($0 + 1))" }
            .joined(separator: "\n") + "\n"
        let files = InMemoryFileSystem(["t.strace": log])
        let shell = makeShell(render: false, files: files)
        // Polled before each call (3 let through), then says stop.
        let stopper = Stopper(4)
        shell.cancellation = stopper.cancellation
        let out = run(shell, "load strace t.strace")
        #expect(out.interrupted)
        #expect(out.stderr == "interrupted\n")
        #expect(!out.stdout.contains("replayed"))
        #expect(shell.session.state.set.count == 3)
    }
}

/// Ctrl-C while a long result is written (a listing of thousands of areas or changes): the
/// renderers stop within a few thousand items, the half-written result is dropped and the
/// command is rolled back like one interrupted while it ran.
@Suite struct InterruptedRenderingTests {
    /// A shell with the `none` backend (nothing polls while commands run) and 10,000 areas.
    func shell(json: Bool) -> Shell {
        let shell = makeShell(json: json, render: false)
        run(shell, "set backend none")
        var lines: [String] = []
        for i in 0..<10_000 { lines.append("map \(hex(UInt64(i) * 0x2000)) +4K r") }
        for line in lines { _ = shell.execute(line: line, at: SourceLocation(file: "t", line: 1)) }
        #expect(shell.session.state.set.count == 10_000)
        return shell
    }

    @Test(arguments: [false, true])
    func aListingStopsAndReportsInterrupted(json: Bool) {
        let shell = shell(json: json)
        let stopper = Stopper(1)
        shell.cancellation = stopper.cancellation
        let out = shell.execute(line: "areas; find 0", at: SourceLocation(file: "t", line: 1))
        #expect(out.interrupted && out.failures == 1 && out.commands == 1)
        #expect(stopper.count == 1, "polled once, at the 4096th area")
        if json {
            #expect(out.stdout == #"{"ok":false,"cmd":"areas","error":"Interrupted","message":"areas: interrupted","line":1,"file":"t"}"# + "\n")
        } else {
            #expect(out.stdout.isEmpty)
        }
    }

    @Test(arguments: [false, true])
    func aChangeListingStopsAndTheCommandIsRolledBack(json: Bool) {
        let shell = shell(json: json)
        let before = Array(shell.session.state.set.map(\.range))
        let history = shell.session.history.recordedCount
        shell.cancellation = Stopper(1).cancellation
        let out = shell.execute(line: "unmap 0 0x100000000", at: SourceLocation(file: "t", line: 1))
        #expect(out.interrupted && out.failures == 1)
        #expect(out.stdout.count < 200, "the half-written listing is dropped")
        #expect(Array(shell.session.state.set.map(\.range)) == before)
        // The interrupted command's step is gone: undo takes back the last map.
        #expect(shell.session.history.recordedCount == history + 1)
        shell.cancellation = .never
        #expect(failure(shell, "undo") == nil)
        #expect(shell.session.state.set.count == 9_999)
    }

    @Test func saveStopsWhileItBuildsTheFile() {
        let files = InMemoryFileSystem()
        let shell = makeShell(render: false, files: files)
        run(shell, "set backend none")
        for i in 0..<5_000 { _ = shell.execute(line: "map \(hex(UInt64(i) * 0x2000)) +4K r", at: SourceLocation(file: "t", line: 1)) }
        shell.cancellation = Stopper(1).cancellation
        let out = shell.execute(line: "save s.mset", at: SourceLocation(file: "t", line: 1))
        #expect(out.interrupted && out.failures == 1)
        #expect(files.text("s.mset") == nil, "nothing written")
        shell.cancellation = .never
        #expect(failure(shell, "save s.mset") == nil)
        #expect(files.text("s.mset")?.contains("map 0x0 0x1000 r---") == true)
    }

    @Test func aShortResultIsNotPolled() {
        let shell = shell(json: false)
        let stopper = Stopper(nil)
        shell.cancellation = stopper.cancellation
        let out = shell.execute(line: "unmap 0 0x2000", at: SourceLocation(file: "t", line: 1))
        #expect(!out.interrupted && out.failures == 0)
        #expect(stopper.count == 0, "a short result is not polled")
    }
}
