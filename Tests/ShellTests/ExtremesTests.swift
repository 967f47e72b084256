import Foundation
import MemorySetCore
import Testing
@testable import Shell

/// Extreme inputs: the top of the 64-bit space, huge sets, 10 MB lines, unwritable files.
@Suite struct ExtremesTests {
    /// A space up to 2^64 − page size (backend none): areas, splits, searches and rendering
    /// at the very top, and `+SIZE` past 2^64.
    @Test func theTopOfTheSixtyFourBitSpace() throws {
        let shell = makeShell(render: false)
        run(shell, "set backend none", "set space 0 0xffff_ffff_ffff_f000")
        #expect(failure(shell, "map 0xffffffffffffc000 0xfffffffffffff000 rw") == nil)
        #expect(areas(shell) == ["[0xffffffffffffc000, 0xfffffffffffff000) rw--"])
        // One page past the space, and +SIZE wrapping around 2^64.
        #expect(failure(shell, "map 0xfffffffffffff000 +4K r")?.kind == "InvalidParam")
        for line in ["map 0xffffffffffffb000 +0xffffffffffffe000 r", "unmap 0x1000 +0xfffffffffffff000",
                     "protect 0xfffffffffffff000 +4K r", "map 0xfffffffffffff000 +0x1000 r",
                     "view 0xfffffffffffff000 +8K", "free 4K --limit 0xfffffffffffff000 +4K"] {
            let error = failure(shell, line)
            #expect(error?.kind == "InvalidParam", "\(line): \(String(describing: error))")
        }
        #expect(failure(shell, "map 0xffffffffffffb000 +0xffffffffffffe000 r")?.message.contains("overflows 64 bits") == true)
        // Split and shrink at the top.
        #expect(failure(shell, "protect 0xffffffffffffd000 +4K r") == nil)
        #expect(failure(shell, "unmap 0xffffffffffffe000 0xfffffffffffff000") == nil)
        #expect(areas(shell) == ["[0xffffffffffffc000, 0xffffffffffffd000) rw--", "[0xffffffffffffd000, 0xffffffffffffe000) r---"])
        // Searches near the top.
        let find = try json(shell, "find 0xffffffffffffffff", "find 0xffffffffffffdfff")
        #expect(find[0]["area"] is NSNull)
        #expect((find[1]["area"] as? [String: Any])?["end"] as? String == "0xffffffffffffe000")
        let free = try json(shell, "free 4K --hint 0xffffffffffffc000", "free 8K --hint 0xffffffffffffc000",
                                     "free 0x8000000000000000 --align 0x8000000000000000", "free 0xfffffffffffff000")
        #expect(free.map { $0["address"] as? String } == ["0xffffffffffffe000", nil, "0x0", nil])
        // The whole space at once.
        #expect(failure(shell, "clear") == nil)
        #expect(failure(shell, "map 0 0xfffffffffffff000 rwxu") == nil)
        #expect(failure(shell, "unmap 0x1000 0xffffffffffffe000") == nil)
        #expect(areas(shell) == ["[0x0, 0x1000) rwxu", "[0xffffffffffffe000, 0xfffffffffffff000) rwxu"])

        // Rendered: the table names the top addresses; the bar is one line of 80 columns.
        let human = makeShell(width: 80)
        human.session = shell.session
        let out = run(human, "areas", "view 0xffffffffffff0000 0xfffffffffffff000", "areas")
        #expect(out.failures == 0)
        #expect(out.stdout.contains("0xffffffffffffe000"))
        let bars = out.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(bars.count == 3)  // areas, view, areas
        #expect(bars.allSatisfy { $0.count <= 80 })
    }

    /// The JSON objects of `lines` run on the session of `shell`.
    func json(_ shell: Shell, _ lines: String...) throws -> [[String: Any]] {
        let other = makeShell(json: true)
        other.session = shell.session
        var out = ShellOutput()
        for line in lines { out.append(other.execute(line: line, at: SourceLocation(file: "t", line: 1))) }
        shell.session = other.session
        return try jsonLines(out)
    }

    /// A set with many areas renders in bounded output: the table is cut to its row limit,
    /// the bar is one line. Debug builds check the set's invariants in O(n) after every
    /// mutation, so building 1,000,000 areas here would take hours: this uses
    /// `EXTREME_AREAS` (default 5,000) areas. `make test-extremes` runs it in release (no
    /// per-mutation checks) with 1,000,000 areas.
    @Test func aLargeSetRendersInBoundedOutput() throws {
        let count = ProcessInfo.processInfo.environment["EXTREME_AREAS"].flatMap { Int($0) } ?? 5_000
        let builder = makeShell(render: false)
        run(builder, "set backend none")
        // One area, then one unmap per page pair: every unmap splits the last area.
        #expect(failure(builder, "map 0x1000 +\(hex(UInt64(count) * 0x2000)) rw") == nil)
        for index in 0..<count - 1 {
            let start = 0x2000 + UInt64(index) * 0x2000
            _ = builder.execute(line: "unmap \(hex(start)) +4K", at: SourceLocation(file: "test", line: index))
        }
        #expect(builder.session.state.set.count == count)

        let shell = makeShell(width: 80)
        shell.session = builder.session
        let clock = ContinuousClock()
        var out = ShellOutput()
        let elapsed = clock.measure {
            out = run(shell, "areas", "protect 0x1000 +4K r", "unmap \(hex(UInt64(count / 2) * 0x2000 + 0x1000)) +4K", "map 0 +4K x")
        }
        print("rendering \(count) areas (areas, protect, unmap, map): \(elapsed)")
        #expect(out.failures == 0)
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count < 4 * 40, "\(lines.count) lines for 4 commands")
        let bars = lines.filter { $0.hasPrefix("|") }
        #expect(bars.count == 4)
        #expect(bars.allSatisfy { $0.count <= 80 })
        #expect(out.stdout.contains("more rows"))
        #expect(shell.session.state.set.count == count)  // one removed, one added
    }

    /// 10 MB lines: numbers, flags, blanks, strings and separators; each one is an error
    /// (or nothing), with a short message, in well under a minute.
    @Test(arguments: [false, true])
    func tenMegabyteLines(json: Bool) throws {
        let size = 10 << 20
        let shell = makeShell(json: json, render: false)
        run(shell, "map 0x1000 +4K rw")
        let before = shell.session.state
        let lines: [(String, Int)] = [
            ("map " + String(repeating: "1", count: size) + " 0x2000 rw", 1),
            ("map 0x1000 0x2000 " + String(repeating: "rw", count: size / 2), 1),
            ("find 0x" + String(repeating: "0", count: size) + "1000", 0),
            ("unmap 0x1000 +" + String(repeating: "_", count: size), 1),
            (String(repeating: " ", count: size) + "bogus", 1),
            ("# " + String(repeating: "x", count: size), 0),
            ("source \"" + String(repeating: "y", count: size), 1),
            (String(repeating: "\u{FF}", count: size / 2), 1),
            (String(repeating: ";", count: size), 0),
        ]
        let clock = ContinuousClock()
        for (line, failures) in lines {
            var out = ShellOutput()
            let elapsed = clock.measure { out = shell.execute(line: line, at: SourceLocation(file: "big", line: 1)) }
            #expect(out.failures == failures, "\(line.prefix(30))…")
            #expect(out.stdout.utf8.count + out.stderr.utf8.count < 2000, "\(line.prefix(30))…: output too long")
            #expect(elapsed < .seconds(60), "\(line.prefix(30))…: \(elapsed)")
            if json { #expect(try jsonLines(out).count == out.commands) }
        }
        // `find` with 10 MB of leading zeros found the area; nothing changed.
        #expect(Array(shell.session.state.set) == Array(before.set))
        #expect(shell.session.state.pageTable == before.pageTable)
    }
}
