import Foundation
import Testing
@testable import Shell
import TestSupport

/// Hostile input never traps, always gets an error, and a failed command changes nothing.
@Suite struct RobustnessTests {
    @Test func randomBytesNeverCrash() throws {
        var rng = SplitMix64(state: 7)
        for json in [false, true] {
            let shell = makeShell(json: json)
            run(shell, "map 0x1000 0x4000 rw")
            for _ in 0..<2000 {
                let count = Int.random(in: 0..<120, using: &rng)
                let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let line = String(decoding: bytes, as: UTF8.self)
                let out = shell.execute(line: line, at: SourceLocation(file: "<stdin>", line: 1))
                if json { _ = try jsonLines(out) }
            }
        }
    }

    @Test func mutatedCommandsNeverCrash() throws {
        var rng = SplitMix64(state: 11)
        let pieces = ["map", "unmap", "protect", "find", "free", "set", "view", "touch", "pt", "dump", "all",
                      "page-size", "space", "backend", "frames", "mmu", "none", "0", "0x1000", "+4K", "+0",
                      "0xffffffffffffffff", "+0xffffffffffffffff", "99999999999999999999", "-1", "rw", "rwxu", "----",
                      "--force", "--linear", "--alloc", "--populate", "--hint", "--limit", "--align", "--user",
                      "1K", "4K", "1T", "0x7ffffffff000", "0x800000000000", ";", "#", "\"", "undo", "redo", "clear",
                      "verify", "stats", "areas", "reset", "help", "r", "w", "x", "1", "3"]
        let shell = makeShell(render: true, width: 60)
        for _ in 0..<3000 {
            let n = Int.random(in: 1...7, using: &rng)
            let line = (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined(separator: " ")
            let before = shell.session.state
            let out = shell.execute(line: line, at: SourceLocation(file: "f", line: 1))
            if out.failures > 0, out.commands == 1 {
                #expect(shell.session.state.set.map(\.description) == before.set.map(\.description), "\(line)")
                #expect(shell.session.state.pageTable == before.pageTable, "\(line)")
                #expect(!out.stderr.isEmpty)
            }
        }
        #expect(shell.session.state.pageTable.verify(shell.session.state.set).isEmpty)
    }

    @Test func longLinesAndHugeNumbers() throws {
        let shell = makeShell(json: true)
        let cases = [
            String(repeating: "a", count: 10_000),
            "map " + String(repeating: "1", count: 10_000) + " 0x2000 rw",
            "map 0x1000 0x2000 " + String(repeating: "r", count: 10_000),
            "map 0x1000 +" + String(repeating: "f", count: 10_000) + " rw",
            String(repeating: ";", count: 10_000),
            String(repeating: "areas;", count: 2_000),
            "map 0x1000 0x2000 rw " + String(repeating: "--force ", count: 1_000),
            "find " + String(repeating: "0x", count: 5_000),
            "source \"" + String(repeating: "x", count: 10_000),
            "map 0xffffffffffffffff +1 r", "map 0 +0xffffffffffffffff r", "unmap 0x1000 +0xffffffffffffffff",
            "free 0xfffffffffffff000 --hint 0xffffffffffffffff", "free 4K --limit 0xfffffffffffff000 0xffffffffffffffff",
            "view 0xfffffffffffff000 0xffffffffffffffff", "touch 0xffffffffffffffff w", "pt 0xffffffffffffffff",
            "pt dump 0xfffffffffffff000 +0xfff", "set space 0xffffffffffffe000 +0x1000", "free 0x8000000000000000 --align 0x8000000000000000",
        ]
        for line in cases {
            let out = shell.execute(line: line, at: SourceLocation(file: "<stdin>", line: 1))
            let objects = try jsonLines(out)
            #expect(objects.count == out.commands)
            for o in objects where (o["ok"] as? Bool) == false {
                #expect((o["message"] as? String).map { $0.count < 1000 } == true, "message too long for \(line.prefix(40))")
            }
        }
    }

    @Test func hugeWindowsAndSpacesRender() {
        let shell = makeShell(width: 80)
        let out = run(shell, "set backend none", "set space 0 0xfffffffffffff000", "map 0 4K r", "map 0xffffffffffffe000 +4K rw",
                      "view 0 0xffffffffffffffff", "areas", "view 0xffffffffffffe000 +4K", "areas", "set width")
        #expect(out.failures == 1)
        #expect(out.stdout.contains("0xfffffffffffff000"))
        for width in [0, 1, 5, 10, 500] {
            let narrow = makeShell(width: width)
            let out = run(narrow, "map 0x1000 0x2000 r", "areas")
            #expect(out.failures == 0)
        }
    }
}
