import MemorySetCore
import MMUSim
import Testing
@testable import Shell

/// The bar of issue #14: boundaries between touching areas, the `^` marker of the command's
/// range with its START and END labels, the bars before and after, the width.
@Suite struct AddressBarTests {
    let plain = ANSI(enabled: false)

    /// The lines of the bar (from the first `|`, or `before |`, to the legend) in `text`.
    func barLines(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("|") || $0.hasPrefix("before |") }) else { return [] }
        guard let legend = lines[first...].firstIndex(where: { $0.hasPrefix("legend:") }) else { return [] }
        var end = legend + 1
        while end < lines.count, lines[end].hasPrefix("        ") { end += 1 }
        return Array(lines[first..<end])
    }

    /// A shell showing the window [0, 0x10000) (so that cells are 4 KiB-ish).
    func shell(width: Int = 80, beforeAfter: Bool = false) -> Shell {
        let options = ShellOptions(json: false, color: false, render: true, terminalWidth: width, beforeAfter: beforeAfter)
        let shell = Shell(options: options)
        run(shell, "view 0 0x10000")
        return shell
    }

    // MARK: boundaries

    @Test func touchingAreasWithEqualFlagsShowABoundary() {
        // map 0 0x10000 rw; protect 0x4000 0x8000 r; protect 0x4000 0x8000 rw: three areas.
        let s = areaSet([(0, 0x4000, [.read, .write]), (0x4000, 0x8000, [.read, .write]), (0x8000, 0x10000, [.read, .write])])
        let text = AddressBar.render(s, window: AddrRange(start: 0, end: 0x10000), width: 40, ansi: plain)
        #expect(text == """
            |wwwwwwwww:wwwwwwwww:wwwwwwwwwwwwwwwwww|
            0x0       0x4000    0x8000       0x10000
            legend: w rw-  : boundary

            """)
        // Touching areas of different glyphs need none.
        let other = areaSet([(0, 0x4000, [.read, .write]), (0x4000, 0x8000, [.read]), (0x8000, 0x9000, [.read, .write, .user])])
        let bar = AddressBar.render(other, window: AddrRange(start: 0, end: 0x10000), width: 40, ansi: plain)
        #expect(bar.hasPrefix("|wwwwwwwwwwrrrrrrrrrWWW................|\n"), "\(bar)")
    }

    @Test func fourAreasProtectedAlikeStayFour() {
        let shell = shell()
        run(shell, "map 0 0x4000 r; map 0x4000 0x8000 rw; map 0x8000 0xc000 rx; map 0xc000 0x10000 r")
        let lines = barLines(run(shell, "protect 0 0x10000 rw").stdout)
        #expect(lines[0].filter { $0 == ":" }.count == 3, "\(lines)")
        #expect(lines[0].filter { $0 == "w" }.count == 78 - 3)
        #expect(lines.last!.contains(": boundary"))
    }


    @Test func groupedAreasShowTheirBoundaries() {
        // 40 touching pages of one label, alternating two areas alike then one different:
        // grouped (more areas than cells), boundaries inside the group.
        var s = AreaSet()
        var pt = PageTable(frameCount: 64)
        for i in 0..<40 as Range<UInt64> {
            let flags: MappingFlags = i % 3 == 2 ? [.read] : [.read, .write]
            _ = try? s.map(Area(start: VirtAddr(0x10000 + i * 0x1000), end: VirtAddr(0x11000 + i * 0x1000), flags: flags,
                                backend: AreaBackend(sim: .none, label: LabelID(raw: 1))), in: &pt)
        }
        let text = AddressBar.render(s, window: AddrRange(start: 0x10000, end: 0x38000), width: 42, ansi: plain) { _ in 1 }
        let bar = text.split(separator: "\n")[0]
        #expect(bar.contains(":"), "\(text)")
        #expect(!bar.contains("ww"), "\(text)")
    }

    // MARK: the marker and START/END

    @Test func unmapMarksTheNewHoleAndLabelsItsStartAndEnd() {
        let shell = shell()
        run(shell, "map 0x1000 0x8000 rw")
        let lines = barLines(run(shell, "unmap 0x3000 0x5000").stdout)
        #expect(lines == [
            "|......wwwwwwwwww..........wwwwwwwwwwwwwww.....................................|",
            "                 ^^^^^^^^^^",
            "0x0    0x1000    0x3000    0x5000                                        0x10000",
            "legend: w rw-  . free",
        ])
        // A range outside the window: no marker line.
        let outside = run(shell, "map 0x20000 0x30000 rw").stdout
        #expect(!outside.contains("^") && outside.contains("\nlegend:"), "\(outside)")
    }

    @Test func mapAndProtectMarkTheirRange() {
        let shell = shell()
        let map = barLines(run(shell, "map 0x4000 +16K rw").stdout)
        #expect(map == [
            "|....................wwwwwwwwwwwwwwwwwwww......................................|",
            "                     ^^^^^^^^^^^^^^^^^^^^",
            "0x0                  0x4000              0x8000                          0x10000",
            "legend: w rw-  . free",
        ])
        // END (0x7000) would touch START: where they fit only.
        let protect = barLines(run(shell, "protect 0x6000 0x7000 r").stdout)
        #expect(protect == [
            "|...................wwwwwwwwwwrrrrrrwwwwww.....................................|",
            "                              ^^^^^^",
            "0x0                 0x4000    0x6000                                     0x10000",
            "legend: r r--  w rw-  . free",
        ])
    }

    @Test func protectBackToEqualFlagsMarksTheBoundariesToo() {
        let shell = shell()
        run(shell, "map 0 0x10000 rw; protect 0x4000 0x8000 r")
        let lines = barLines(run(shell, "protect 0x4000 0x8000 rw").stdout)
        // The middle area and the boundaries at START and END.
        #expect(lines[0].hasPrefix("|wwwwwwwwwwwwwwwwwww:wwwwwwwwwwwwwwwwwww:www"), "\(lines)")
        #expect(lines[1] == String(repeating: " ", count: 20) + String(repeating: "^", count: 21), "\(lines)")
        // END under the boundary at 0x8000.
        #expect(lines[2].hasPrefix("0x0                 0x4000              0x8000 "), "\(lines)")
    }

    @Test func findFreeAndTouchMarkTheirCellsInBeforeAfterMode() {
        let shell = shell(beforeAfter: true)
        run(shell, "map 0x1000 0x3000 rw --alloc")
        let find = run(shell, "find 0x2000").stdout
        #expect(find.hasPrefix("0x2000 is in [0x1000, 0x3000) rw-- (8 KiB, alloc)\n|"), "\(find)")
        let findLines = barLines(find)
        #expect(findLines[1].filter { $0 == "^" }.count == 1, "\(findLines)")
        #expect(findLines[2].contains("0x2000"), "\(findLines)")
        // The free range [0x3000, 0x5000): the start of the gap after the area.
        let free = barLines(run(shell, "free 8K").stdout)
        #expect(free == [
            "|......wwwwwwwwww..............................................................|",
            "                 ^^^^^^^^^^",
            "0x0    0x1000    0x3000    0x5000                                        0x10000",
            "legend: w rw-  . free",
        ])
        // The page of 0x1000: the first half of the area.
        let touch = barLines(run(shell, "touch 0x1000 w").stdout)
        #expect(touch[1] == "       ^^^^^", "\(touch)")
        #expect(touch[2].hasPrefix("0x0    0x1000   "), "\(touch)")
        // With `set show after`, they stay one line.
        run(shell, "set show after")
        #expect(run(shell, "find 0x2000").stdout == "0x2000 is in [0x1000, 0x3000) rw-- (8 KiB, alloc)\n")
        #expect(run(shell, "free 8K").stdout == "free: [0x3000, 0x5000) (8 KiB)\n")
    }



    @Test func targetsOfEachCommandKind() {
        let r = RangeSpec(start: 0x2000, end: .relative(0x1000))
        let expected = AddressBar.Target(first: 0x2000, last: 0x2fff)
        #expect(HumanRenderer.target(of: .map(r, [.read], backend: nil, force: false), .changes(Changes())) == expected)
        #expect(HumanRenderer.target(of: .unmap(r), .changes(Changes())) == expected)
        #expect(HumanRenderer.target(of: .protect(r, [.read]), .changes(Changes())) == expected)
        #expect(HumanRenderer.target(of: .touch(0x2abc, .read, user: false), .changes(Changes())) == expected)
        #expect(HumanRenderer.target(of: .find(0x2abc), .changes(Changes())) == AddressBar.Target(point: 0x2abc))
        #expect(HumanRenderer.target(of: .free(size: 0x1000, hint: nil, limit: nil, align: nil),
                                     .free(size: 0x1000, address: VirtAddr(0x2000))) == expected)
        #expect(HumanRenderer.target(of: .free(size: 0x1000, hint: nil, limit: nil, align: nil),
                                     .free(size: 0x1000, address: nil)) == nil)
        #expect(HumanRenderer.target(of: .unmap(RangeSpec(start: 0x2000, end: .absolute(0x2000))), .changes(Changes())) == nil)
        #expect(HumanRenderer.target(of: .clear, .changes(Changes())) == nil)
    }

    // MARK: before and after

    @Test func beforeAfterDrawsBothBarsOnOneAxis() {
        let shell = shell(beforeAfter: true)
        run(shell, "map 0x1000 0x8000 rw")
        let lines = barLines(run(shell, "unmap 0x3000 0x5000").stdout)
        #expect(lines == [
            "before |.....wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww..................................|",
            "after  |.....wwwwwwwww.........wwwwwwwwwwwwww..................................|",
            "                      ^^^^^^^^^",
            "       0x0   0x1000   0x3000   0x5000                                    0x10000",
            "legend: w rw-  . free",
        ])
    }

    @Test func beforeAfterShowsWhatWasRemoved() {
        let shell = shell(beforeAfter: true)
        run(shell, "map 0x1000 0x2000 r; map 0x8000 0x9000 rx")
        let lines = barLines(run(shell, "unmap 0x8000 0x9000").stdout)
        #expect(lines[0].contains("x"), "\(lines)")
        #expect(!lines[1].contains("x"), "\(lines)")
        // The removed area's cells are marked in the after bar, where it was.
        let before = Array(lines[0]), marker = Array(lines[2])
        for (i, ch) in marker.enumerated() where ch == "^" { #expect(before[i] == "x") }
    }

    @Test func setShowSwitchesBetweenBothSettings() {
        let shell = shell()
        run(shell, "map 0x1000 0x2000 r")
        #expect(!run(shell, "map 0x3000 0x4000 r").stdout.contains("before |"))
        #expect(run(shell, "set show before-after").stdout == "show = before-after\n")
        #expect(shell.options.beforeAfter)
        let on = run(shell, "map 0x5000 0x6000 r").stdout
        #expect(on.contains("\nbefore |") && on.contains("\nafter  |"), "\(on)")
        #expect(run(shell, "set").stdout.hasSuffix("show      before-after\n"))
        #expect(run(shell, "set show after").stdout == "show = after\n")
        #expect(!run(shell, "map 0x7000 0x8000 r").stdout.contains("before |"))
        // A display option: not a change of the session (nothing to undo for it).
        #expect(run(shell, "undo").stdout.hasPrefix("undone: map 0x7000 0x8000 r"))
        let bad = run(shell, "set show both")
        #expect(bad.stderr.contains("SyntaxError: set show: bad value 'both': expected before-after or after"), "\(bad.stderr)")
    }

    @Test func beforeAfterIsOffWithoutRenderingAndInJSON() {
        let options = ShellOptions(json: true, beforeAfter: true)
        let shell = Shell(options: options)
        #expect(!run(shell, "map 0x1000 0x2000 r").stdout.contains("before |"))
        let plainShell = Shell(options: ShellOptions(render: false, beforeAfter: true))
        #expect(run(plainShell, "map 0x1000 0x2000 r").stdout == "added [0x1000, 0x2000) r---\n")
    }

    @Test func beforeAfterFallsBackToTwoAxesWhenThePiecesDoNotFit() {
        let shell = shell(width: 44, beforeAfter: true)
        run(shell, "view 0 0x20000")
        // 32 touching areas alike in the window: 32 pieces and 31 boundaries, more than the 35 cells.
        for i in 0..<32 { run(shell, "map \(hex(UInt64(i) * 0x1000)) +4K r") }
        let lines = barLines(run(shell, "unmap 0x4000 0x6000").stdout)
        #expect(lines[0].hasPrefix("before |") && lines[2].hasPrefix("after  |"), "\(lines)")
        #expect(lines[1].hasPrefix("       0x0") && lines[4].hasPrefix("       0x0"), "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 44 }, "\(lines)")
    }

    // MARK: width

    @Test(arguments: [60, 100])
    func nothingIsWiderThanTheTerminal(width: Int) {
        for beforeAfter in [false, true] {
            let shell = shell(width: width, beforeAfter: beforeAfter)
            run(shell, "view all")
            var outputs: [String] = []
            for line in ["map 0x1000 0x4000 rw", "map 0x4000 0x8000 rw", "map 0x7fff0000 +64K rx",
                         "map 0x7fff_ffff_0000 +8K rwu", "protect 0x2000 0x3000 r", "protect 0x2000 0x3000 rw",
                         "map 0x100000 +4K !", "unmap 0x5000 0x6000", "touch 0x1000", "find 0x4000", "free 1M"] {
                outputs.append(run(shell, line.replacingOccurrences(of: "!", with: "rwx")).stdout)
            }
            for out in outputs {
                let lines = barLines(out)
                #expect(!lines.isEmpty || !out.contains("|"), "\(out)")
                for line in lines { #expect(line.count <= width, "\(width): \(line)") }
            }
        }
    }

    @Test func legendWrapsAtTheWidth() {
        var text = TextBuffer()
        AddressBar.writeLegend([Array("rwx!oRWXO.~:".utf8)], sampled: true, width: 60, to: &text)
        let lines = text.string.split(separator: "\n")
        #expect(lines.count > 1)
        for line in lines { #expect(line.count <= 60, "\(line)") }
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("        ") })
    }
}
