import MemorySetCore
import MMUSim
import Testing
@testable import Shell

@Suite struct RenderingTests {
    let plain = ANSI(enabled: false)

    @Test func sizesInHumanUnits() {
        #expect(SizeFormat.human(0) == "0 B")
        #expect(SizeFormat.human(512) == "512 B")
        #expect(SizeFormat.human(4096) == "4 KiB")
        #expect(SizeFormat.human(0x1800) == "6 KiB")
        #expect(SizeFormat.human(0x180000) == "1.5 MiB")
        #expect(SizeFormat.human(0x2ff000) == "2.9 MiB")
        #expect(SizeFormat.human(1 << 47) == "128 TiB")
        #expect(SizeFormat.human(UInt64.max) == "15.9 EiB")
    }

    @Test func glyphsByFlags() {
        #expect(AddressBar.glyph([]) == "o")
        #expect(AddressBar.glyph([.read]) == "r")
        #expect(AddressBar.glyph([.read, .write]) == "w")
        #expect(AddressBar.glyph([.read, .execute]) == "x")
        #expect(AddressBar.glyph([.read, .write, .execute]) == "!")
        #expect(AddressBar.glyph([.read, .user]) == "R")
        #expect(AddressBar.glyph([.read, .write, .user]) == "W")
    }

    @Test func barGolden() {
        let s = areaSet([(0x1000, 0x4000, [.read, .write]), (0x7fff_0000_0000, 0x7fff_0001_0000, [.read, .execute])])
        let bar = AddressBar.render(s, window: AddrRange(start: 0, end: 0x8000_0000_0000), width: 80, ansi: plain)
        let expectedBar = "|" + String(repeating: ".", count: 5) + String(repeating: "w", count: 11) + "~~~"
            + String(repeating: "x", count: 56) + "~~~|"
        #expect(bar == expectedBar + """

            0x0   0x1000        0x7fff00000000                                0x800000000000
            legend: w rw-  x r-x  . free  ~~~ elided gap

            """)
    }

    @Test func everyAreaGetsACellAndTheBarFitsTheWidth() {
        // One page next to a terabyte: still visible.
        let s = areaSet([(0x1000, 0x2000, [.read]), (0x2000, 0x100_0000_0000, [.read, .write]), (0x200_0000_0000, 0x200_0000_1000, [.read, .execute])])
        for width in [20, 40, 80, 200] {
            let lines = AddressBar.render(s, window: AddrRange(start: 0, end: 0x8000_0000_0000), width: width, ansi: plain)
                .split(separator: "\n")
            #expect(lines[0].count == width)
            #expect(lines[0].first == "|" && lines[0].last == "|")
            #expect(lines[0].contains("r") && lines[0].contains("w") && lines[0].contains("x"), "\(lines[0])")
        }
    }

    @Test func manyAreasAreSampledAndDistantClustersStayVisible() {
        var areas: [(UInt64, UInt64, MappingFlags)] = []
        for i in 0..<2000 { areas.append((0x10000 + UInt64(i) * 0x2000, 0x11000 + UInt64(i) * 0x2000, [.read])) }
        areas.append((0x7fff_0000_0000, 0x7fff_0010_0000, [.read, .write, .user]))
        let s = areaSet(areas)
        let text = AddressBar.render(s, window: AddrRange(start: 0, end: 0x8000_0000_0000), width: 80, ansi: plain)
        let bar = text.split(separator: "\n")[0]
        #expect(bar.count == 80)
        #expect(bar.contains("~~~"))
        #expect(bar.contains("W"))
        #expect(bar.filter { $0 == "r" }.count > 20)
        #expect(text.contains("(some cells sample several areas)"))
    }

    @Test func emptyWindowIsAllFree() {
        let text = AddressBar.render(AreaSet(), window: AddrRange(start: 0, end: 0x10000), width: 30, ansi: plain)
        #expect(text == "|" + String(repeating: ".", count: 28) + "|\n0x0                    0x10000\nlegend: . free\n")
    }

    @Test func tableGoldenWithChanges() {
        let shell = makeShell()
        run(shell, "map 0x1000 0x4000 rw")
        let out = run(shell, "protect 0x2000 0x3000 r").stdout
        #expect(out.hasPrefix("""
              START   END     SIZE   FLAGS  BACKEND  RSS  CHANGE
              0x1000  0x2000  4 KiB  rw--   alloc    0 B  protected
                [0x1000, 0x4000) → [0x1000, 0x2000)
              0x2000  0x3000  4 KiB  r---   alloc    0 B  protected
                [0x1000, 0x4000) rw-- → [0x2000, 0x3000) r---
              0x3000  0x4000  4 KiB  rw--   alloc    0 B  protected
                [0x1000, 0x4000) → [0x3000, 0x4000)
              total: 3 areas, 12 KiB mapped, 0 B resident
            |
            """))
    }

    @Test func largeTablesAreCutAroundTheChange() {
        let shell = makeShell(render: true)
        for i in 0..<100 { run(shell, "map \(hex(UInt64(i) * 0x2000)) +4K r") }
        let out = run(shell, "unmap 0x64000 +4K").stdout
        let lines = out.split(separator: "\n")
        #expect(lines[0] == "  … 48 rows above")
        #expect(lines.contains { $0.contains("0x64000") && $0.contains("removed") })
        #expect(lines.contains("  … 28 more rows below"))
        #expect(lines.filter { $0.hasPrefix("  0x") }.count == AreaTable.maxRows)
        let list = run(shell, "view 0x20000 +1M", "areas").stdout
        #expect(list.contains("  … 16 rows above"))
    }

    @Test func noRenderPrintsResultsOnly() {
        let shell = makeShell(render: false)
        #expect(run(shell, "map 0x1000 0x4000 rw").stdout == "added [0x1000, 0x4000) rw--\n")
        #expect(run(shell, "unmap 0x2000 0x3000").stdout
            == "split [0x1000, 0x4000) rw-- -> [0x1000, 0x2000) rw--, [0x3000, 0x4000) rw--\n")
        #expect(run(shell, "areas").stdout == "[0x1000, 0x2000) rw--\n[0x3000, 0x4000) rw--\n")
        #expect(run(shell, "clear", "areas").stdout.hasSuffix("(no areas)\n"))
        #expect(run(shell, "view 0 1M").stdout == "view: [0x0, 0x100000) (1 MiB)\n")
    }

    @Test func colorsOnlyWhenAsked() {
        let plainShell = makeShell()
        let plainOut = run(plainShell, "map 0x1000 0x4000 rw", "bogus")
        #expect(!plainOut.stdout.contains("\u{1b}[") && !plainOut.stderr.contains("\u{1b}["))
        let colored = Shell(options: ShellOptions(color: true))
        let out = run(colored, "map 0x1000 0x4000 rw", "bogus")
        #expect(out.stdout.contains("\u{1b}[32madded"))
        #expect(out.stdout.contains("\u{1b}[33mw"))
        #expect(out.stderr.contains("\u{1b}[1;31merror:\u{1b}[0m"))
    }

    @Test("A usage line with an option group longer than a line is wrapped where it can be, and ends")
    func usageWithALongGroupEnds() {
        let long = "usage: cmd A B [--one X] [" + String(repeating: "--very-long-option ", count: 6) + "Y] [--two Z]"
        let wrapped = HumanRenderer.wrapUsage(long)
        #expect(wrapped == "usage: cmd A B [--one X]\n       [" + String(repeating: "--very-long-option ", count: 6)
                + "Y] [--two Z]\n")
        let single = "usage: x [" + String(repeating: "y", count: 100) + "]"
        #expect(HumanRenderer.wrapUsage(single) == "usage: x\n       [" + String(repeating: "y", count: 100) + "]\n")
    }

    @Test func helpCoversEveryCommand() {
        let text = HumanRenderer.helpText(nil)
        for info in CommandCatalog.all {
            #expect(text.contains("  \(info.name) "))
            let one = HumanRenderer.helpText(info.name)
            #expect(one.hasPrefix(HumanRenderer.wrapUsage("usage: \(info.usage)")))
            #expect(HumanRenderer.wrapUsage("usage: \(info.usage)").split(separator: "\n").allSatisfy { $0.count <= 80 })
            #expect(one.contains("example: \(info.example)\n"))
        }
    }
}
