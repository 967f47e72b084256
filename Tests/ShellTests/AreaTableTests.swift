import MemorySetCore
import MMUSim
import Testing
@testable import Shell
import TestSupport

/// The area table of the human output: before → after on changed rows, rows ordered by
/// cause, the fit to the terminal's width, the totals line and the RSS column.
@Suite struct AreaTableTests {
    /// The table part of a command's human output (the lines before the bar).
    func table(_ out: ShellOutput) -> String {
        var lines: [Substring] = []
        for line in out.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") { break }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The output of the last of `lines`, run in a fresh shell of `width` columns.
    func last(width: Int = 80, _ lines: String...) -> ShellOutput {
        let shell = makeShell(width: width)
        var out = ShellOutput()
        for (i, line) in lines.enumerated() {
            out = shell.execute(line: line, at: SourceLocation(file: "test", line: i + 1))
            #expect(out.failures == 0, "\(line): \(out.stderr)")
        }
        return out
    }

    @Test func shrinkShowsTheAreaBeforeAndAfter() {
        #expect(table(last(width: 100, "map 0x10000 0x20000 r", "unmap 0x10000 0x12000")) == """
              START    END      SIZE    FLAGS  BACKEND  RSS  CHANGE
              0x12000  0x20000  56 KiB  r---   alloc    0 B  shrink-left
                [0x10000, 0x20000) → [0x12000, 0x20000)
              total: 1 area, 56 KiB mapped, 0 B resident

            """)
        #expect(table(last(width: 120, "set backend none", "map 0x10000 0x20000 r", "unmap 0x1f000 0x30000")) == """
              START    END      SIZE    FLAGS  CHANGE
              0x10000  0x1f000  60 KiB  r---   shrink-right  [0x10000, 0x20000) → [0x10000, 0x1f000)
              total: 1 area, 60 KiB mapped

            """)
    }

    @Test func splitShowsTheWholeAreaAndBothPieces() {
        #expect(table(last("map 0x1000 0x4000 rw", "unmap 0x2000 0x3000")) == """
              START   END     SIZE   FLAGS  BACKEND  RSS  CHANGE
              0x1000  0x2000  4 KiB  rw--   alloc    0 B  split
                [0x1000, 0x4000) → [0x1000, 0x2000) + [0x3000, 0x4000)
              0x3000  0x4000  4 KiB  rw--   alloc    0 B  split
              total: 2 areas, 8 KiB mapped, 0 B resident

            """)
    }

    @Test func protectShowsOldAndNewFlags() {
        #expect(table(last(width: 100, "map 0x1000 0x5000 rw", "protect 0x1000 0x2000 r", "protect 0 0x10000 rwx")) == """
              START   END     SIZE    FLAGS  BACKEND  RSS  CHANGE
              0x1000  0x2000  4 KiB   rwx-   alloc    0 B  protected  r--- → rwx-
              0x2000  0x5000  12 KiB  rwx-   alloc    0 B  protected  rw-- → rwx-
              total: 2 areas, 16 KiB mapped, 0 B resident

            """)
    }

    @Test func removedRowsComeBeforeWhatReplacesThem() {
        // By address the added area (0x2000) would come first and read as an overlap.
        #expect(table(last(width: 100, "map 0x3000 0x4000 r", "map 0x2000 0x4000 rw --force")) == """
              START   END     SIZE   FLAGS  BACKEND  RSS  CHANGE
              0x3000  0x4000  4 KiB  r---   alloc    -    removed  [0x3000, 0x4000)
              0x2000  0x4000  8 KiB  rw--   alloc    0 B  added    [0x2000, 0x4000)
              total: 1 area, 8 KiB mapped, 0 B resident

            """)
        // Cut, removed and cut, then the area that replaced them; context rows stay in place.
        #expect(table(last(width: 100, "set backend none", "map 0x1000 0x3000 r", "map 0x4000 0x5000 rw", "map 0x6000 0x9000 rx",
                           "map 0x20000 0x21000 r", "map 0x2000 0x7000 rwx --force")) == """
              START    END      SIZE    FLAGS  CHANGE
              0x1000   0x2000   4 KiB   r---   shrink-right  [0x1000, 0x3000) → [0x1000, 0x2000)
              0x4000   0x5000   4 KiB   rw--   removed       [0x4000, 0x5000)
              0x7000   0x9000   8 KiB   r-x-   shrink-left   [0x6000, 0x9000) → [0x7000, 0x9000)
              0x2000   0x7000   20 KiB  rwx-   added         [0x2000, 0x7000)
              0x20000  0x21000  4 KiB   r---
              total: 4 areas, 36 KiB mapped

            """)
    }

    @Test func labelsAreGroupedAndCut() {
        let out = last(width: 100, "map 0x400000 0x401000 r --label /usr/lib/x86_64-linux-gnu/libc.so.6",
                       "map 0x401000 0x479000 rx --label /usr/lib/x86_64-linux-gnu/libc.so.6",
                       "map 0x7ffff7dd3000 0x7ffff7dfc000 rw --label /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                       "protect 0x401000 0x402000 r")
        #expect(table(out) == """
              START           END             SIZE     FLAGS  BACKEND  RSS  LABEL                   CHANGE
              0x400000        0x401000        4 KiB    r---   alloc    0 B  …/libc.so.6
              0x401000        0x402000        4 KiB    r---   alloc    0 B  "                       protected
                [0x401000, 0x479000) r-x- → [0x401000, 0x402000) r---
              0x402000        0x479000        476 KiB  r-x-   alloc    0 B  "                       protected
                [0x401000, 0x479000) → [0x402000, 0x479000)
              0x7ffff7dd3000  0x7ffff7dfc000  164 KiB  rw--   alloc    0 B  …/ld-linux-x86-64.so.2
              total: 4 areas, 648 KiB mapped, 0 B resident

            """)
        // At 80 columns BACKEND goes, then labels are cut as much as needed.
        let narrow = last(width: 80, "map 0x400000 0x401000 r --label /usr/lib/x86_64-linux-gnu/libc.so.6",
                          "map 0x7ffff7dd3000 0x7ffff7dfc000 rw --label /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                          "protect 0x400000 0x401000 rx")
        #expect(table(narrow) == """
              START           END             SIZE     FLAGS  RSS  LABEL           CHANGE
              0x400000        0x401000        4 KiB    r-x-   0 B  …/libc.so.6     protected
                r--- → r-x-
              0x7ffff7dd3000  0x7ffff7dfc000  164 KiB  rw--   0 B  …x-x86-64.so.2
              total: 2 areas, 168 KiB mapped, 0 B resident

            """)
    }

    @Test func residentSizeAfterTouchingTwoPages() {
        #expect(table(last("map 0x10000 +64K rw", "map 0x30000 +16K r --populate", "touch 0x10000 w", "touch 0x13000 r", "areas")) == """
              START    END      SIZE    FLAGS  BACKEND    RSS
              0x10000  0x20000  64 KiB  rw--   alloc      8 KiB
              0x30000  0x34000  16 KiB  r---   alloc+pop  16 KiB
              total: 2 areas, 80 KiB mapped, 24 KiB resident

            """)
    }

    @Test func theNoneBackendHasNoResidentColumn() {
        #expect(table(last("set backend none", "map 0x10000 +64K rw", "areas")) == """
              START    END      SIZE    FLAGS
              0x10000  0x20000  64 KiB  rw--
              total: 1 area, 64 KiB mapped

            """)
    }

    /// A session whose table has labels, long addresses and every change word.
    let busy = [
        "map 0x400000 0x401000 r --label /usr/lib/x86_64-linux-gnu/libc.so.6",
        "map 0x401000 0x479000 rx --label /usr/lib/x86_64-linux-gnu/libc.so.6",
        "map 0x7ffff7dd3000 0x7ffff7dfc000 rw --label /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
        "unmap 0x7ffff7dd3000 0x7ffff7dd4000", "unmap 0x7ffff7dfb000 0x7ffff7dfc000",
        "unmap 0x7ffff7de0000 0x7ffff7de1000", "protect 0x401000 0x402000 r",
        "map 0x400000 0x402000 rw --force --label [heap]", "areas",
        "map 0x7ffffffff000 0x800000000000 rwx --label a-rather-long-label-for-a-page", "clear",
    ]

    @Test(arguments: [60, 61, 72, 80, 100, 132])
    func theTableFitsTheWidth(width: Int) {
        let shell = makeShell(width: width)
        for (i, line) in busy.enumerated() {
            let out = shell.execute(line: line, at: SourceLocation(file: "test", line: i + 1))
            for row in table(out).split(separator: "\n") {
                #expect(AreaTable.columns(String(row)) <= width, "\(width): \(line): \(row)")
            }
            #expect(out.stdout.contains("total: "), "\(line)")
        }
    }

    @Test func narrowTablesDropColumnsInOrder() {
        let out = last(width: 60, "map 0x7ffff7dd3000 0x7ffff7dfc000 rw --label ld.so", "unmap 0x7ffff7dd3000 0x7ffff7dd4000")
        #expect(table(out) == """
              START           END             FLAGS  LABEL  CHANGE
              0x7ffff7dd4000  0x7ffff7dfc000  rw--   ld.so  shrink-left
                [0x7ffff7dd3000, 0x7ffff7dfc000)
                → [0x7ffff7dd4000, 0x7ffff7dfc000)
              total: 1 area, 160 KiB mapped, 0 B resident

            """)
        let wide = last(width: 160, "map 0x7ffff7dd3000 0x7ffff7dfc000 rw --label ld.so", "unmap 0x7ffff7dd3000 0x7ffff7dd4000")
        #expect(table(wide) == """
              START           END             SIZE     FLAGS  BACKEND  RSS  LABEL  CHANGE
              0x7ffff7dd4000  0x7ffff7dfc000  160 KiB  rw--   alloc    0 B  ld.so  shrink-left  [0x7ffff7dd3000, 0x7ffff7dfc000) → [0x7ffff7dd4000, 0x7ffff7dfc000)
              total: 1 area, 160 KiB mapped, 0 B resident

            """)
    }

    @Test func theTotalsCoverTheWholeSetNotTheRowsShown() {
        let shell = makeShell()
        for i in 0..<100 { run(shell, "map \(hex(UInt64(i) * 0x4000)) +\(hex(UInt64(i % 3 + 1) * 0x1000)) r") }
        let out = run(shell, "unmap \(hex(50 * 0x4000)) +4K").stdout
        #expect(out.contains("  … 48 rows above\n") && out.contains("  … 28 more rows below\n"))
        // 34 areas of 4 KiB, 33 of 8 KiB and 33 of 12 KiB (796 KiB), less the page cut off.
        #expect(out.contains("  total: 100 areas, 792 KiB mapped, 0 B resident\n"))
    }

    /// The running totals (the set's mapped size, the page table's resident size) stay
    /// exact through random commands, failures, undo, redo, clear and reset.
    @Test(arguments: [UInt64(31), 32, 33])
    func totalsMatchARecount(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let shell = makeShell(render: false)
        _ = shell.execute(line: "set frames 60", at: SourceLocation(file: "t", line: 0))
        for step in 0..<800 {
            let start = 0x40_0000 + UInt64.random(in: 0..<200, using: &rng) * 0x1000
            let size = UInt64.random(in: 1...16, using: &rng) * 0x1000
            let flags = ["r", "rw", "rx", "-"].randomElement(using: &rng)!
            let line: String
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<25: line = "map \(hex(start)) +\(hex(size)) \(flags)" + ["", " --force", " --force --populate"].randomElement(using: &rng)!
            case 25..<42: line = "unmap \(hex(start)) +\(hex(size))"
            case 42..<55: line = "protect \(hex(start)) +\(hex(size)) \(flags)"
            case 55..<57: line = "clear"
            case 57..<58: line = "reset"
            case 58..<70: line = "touch \(hex(start)) r"
            case 70..<85: line = "undo"
            default: line = "redo"
            }
            _ = shell.execute(line: line, at: SourceLocation(file: "t", line: step))
            let state = shell.session.state
            let recount = state.set.reduce(UInt64(0)) { $0 + $1.size }
            #expect(state.set.mappedSize == recount, "seed \(seed) step \(step): \(line)")
            var resident: UInt64 = 0
            for area in state.set { resident += state.pageTable.residentSize(in: area.range) }
            #expect(state.pageTable.residentSize == resident, "seed \(seed) step \(step): \(line)")
        }
    }
}
