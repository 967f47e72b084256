import Foundation
import MemorySetCore
import Testing
@testable import Shell

/// `load maps`, `load pid` and `export maps`, with files in memory (the checked-in maps files
/// of Sessions/maps are read by the test and handed over; reading real files and
/// `/proc/self/maps` is tested end to end, in Tests/EndToEndTests/FileTests.swift).
@Suite struct MapsTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sessions/maps")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Files in memory holding the checked-in maps file `name` at ``path(_:)``.
    static func files(_ name: String) throws -> InMemoryFileSystem {
        InMemoryFileSystem([path(name): try String(contentsOfFile: path(name), encoding: .utf8)])
    }

    /// What `export maps` must write for a maps text loaded into the default space: the
    /// lines inside `[0, 2^47)`, offset/dev/inode zeroed, `s` as `p`, the kernel's padding
    /// (pathname at column 73). Written independently of `MapsFormat`.
    static func expectedExport(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            let bounds = fields[0].split(separator: "-")
            guard UInt64(bounds[1], radix: 16)! <= 0x8000_0000_0000 else { continue }
            var header = "\(fields[0]) \(fields[1].prefix(3))p 00000000 00:00 0 "
            if fields.count == 6 {
                let path = fields[5].trimmingCharacters(in: .whitespaces)
                header += String(repeating: " ", count: max(0, 72 - header.utf8.count)) + " " + path
            }
            out += header + "\n"
        }
        return out
    }

    /// A process with 300 shared libraries (4 segments and a guard each), anonymous areas,
    /// heap, stack, vdso and vsyscall: 1,500+ lines, deterministic.
    static func generatedMaps() -> String {
        var lines: [String] = []
        func line(_ start: UInt64, _ end: UInt64, _ perms: String, _ offset: UInt64, _ inode: Int, _ path: String?) {
            let header = "\(String(start, radix: 16))-\(String(end, radix: 16)) \(perms) "
                + String(format: "%08llx", offset) + (inode == 0 ? " 00:00 " : " fe:01 ") + "\(inode) "
            lines.append(path.map { header + String(repeating: " ", count: max(0, 72 - header.utf8.count)) + " " + $0 } ?? header)
        }
        line(0x5555_5555_4000, 0x5555_5555_6000, "r--p", 0, 4242, "/usr/bin/many-libs")
        line(0x5555_5555_6000, 0x5555_5555_9000, "r-xp", 0x2000, 4242, "/usr/bin/many-libs")
        line(0x5555_5555_9000, 0x5555_5555_a000, "rw-p", 0x5000, 4242, "/usr/bin/many-libs")
        line(0x5555_5575_0000, 0x5555_5580_0000, "rw-p", 0, 0, "[heap]")
        var a: UInt64 = 0x7f00_0000_0000
        for lib in 0..<300 {
            let name = "/usr/lib/x86_64-linux-gnu/libgen\(lib).so.\(lib % 7)"
            let inode = 100_000 + lib
            let text = UInt64(1 + lib % 5) * 0x1000
            line(a, a + 0x1000, "r--p", 0, inode, name)
            line(a + 0x1000, a + 0x1000 + text, "r-xp", 0x1000, inode, name)
            a += 0x1000 + text
            line(a, a + 0x2000, "---p", 0x1000 + text, inode, name)
            line(a + 0x2000, a + 0x3000, "r--p", 0x1000 + text, inode, name)
            line(a + 0x3000, a + 0x4000, "rw-p", 0x2000 + text, inode, name)
            a += 0x4000
            if lib % 3 == 0 { line(a, a + 0x3000, "rw-p", 0, 0, nil) }
            if lib % 11 == 0 { line(a + 0x3000, a + 0x4000, "rw-s", 0, 777, "/dev/shm/gen \(lib) (deleted)") }
            a += 0x10000
        }
        line(0x7ffd_f000_0000, 0x7ffd_f002_1000, "rw-p", 0, 0, "[stack]")
        line(0x7ffd_f00f_0000, 0x7ffd_f00f_2000, "r-xp", 0, 0, "[vdso]")
        line(0xffff_ffff_ff60_0000, 0xffff_ffff_ff60_1000, "--xp", 0, 0, "[vsyscall]")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theGeneratedFileIsCheckedIn() throws {
        let url = Self.directory.appendingPathComponent("many.maps")
        let text = Self.generatedMaps()
        if ProcessInfo.processInfo.environment["UPDATE_SESSIONS"] != nil {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(text.split(separator: "\n").count >= 1000)
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test(arguments: [("static.maps", 11, 1), ("dynamic.maps", 37, 1), ("many.maps", 1634, 1)])
    func roundTrip(name: String, areas: Int, skipped: Int) throws {
        let file = Self.path(name)
        let files = try Self.files(name)
        let text = try #require(files.text(file))
        let shell = makeShell(render: false, files: files)
        let load = run(shell, "load maps \(file)")
        #expect(load.failures == 0, "\(load.stderr)")
        #expect(load.stdout.hasPrefix("loaded \(areas) areas from \(file)"))
        #expect(load.stderr.components(separatedBy: "warning:").count - 1 == skipped)
        #expect(shell.session.state.set.count == areas)
        #expect(shell.session.state.set.allSatisfy { $0.flags.contains(.user) })
        let exported = run(shell, "export maps")
        #expect(exported.stdout == Self.expectedExport(text))

        // Export to a file, load it again: same areas, flags and labels.
        let copy = "copy.maps"
        #expect(run(shell, "export maps \(copy)").stdout == "exported \(areas) areas to \(copy)\n")
        #expect(files.text(copy) == exported.stdout)
        let other = makeShell(render: false, files: files)
        #expect(run(other, "load maps \(copy)").failures == 0)
        #expect(labelled(other) == labelled(shell))
    }

    /// `[start, end) flags label` for every area.
    func labelled(_ shell: Shell) -> [String] {
        let state = shell.session.state
        return state.set.map { "\($0) \(state.label(of: $0) ?? "-")" }
    }

    @Test func staticBinaryLabelsAndSkippedVsyscall() throws {
        let file = Self.path("static.maps")
        let files = try Self.files("static.maps")
        let shell = makeShell(files: files)
        let out = run(shell, "load maps \(file)")
        #expect(files.trace == [.read(file, limit: 64 << 20)])
        #expect(out.stderr == "warning: \(file):12: [0xffffffffff600000, 0xffffffffff601000) [vsyscall] is outside the address space: skipped\n")
        #expect(out.stdout.hasPrefix("loaded 11 areas from \(file) (1 line outside the address space skipped)\n"))
        // Grouping: the binary's label once, then ditto marks.
        #expect(out.stdout.contains("r--u   alloc    0 B  …/hello-static\n"))
        #expect(out.stdout.contains("r-xu   alloc    0 B  \"\n"))
        #expect(labelled(shell).first == "[0x400000, 0x401000) r--u /usr/local/bin/hello-static")
        #expect(labelled(shell).contains("[0x2fa00000, 0x2fa22000) rw-u [heap]"))
        #expect(labelled(shell).contains("[0x4a7000, 0x4ac000) rw-u -"))

        let json = makeShell(json: true, files: files)
        let lines = try jsonLines(run(json, "load maps \(file)", "areas"))
        #expect(lines[0]["ok"] as? Bool == true)
        #expect(lines[0]["cmd"] as? String == "load")
        #expect(lines[0]["areas"] as? Int == 11)
        let skippedLines = lines[0]["skipped"] as? [[String: Any]]
        #expect(skippedLines?.first?["line"] as? Int == 12)
        #expect(skippedLines?.first?["label"] as? String == "[vsyscall]")
        #expect((lines[0]["changes"] as? [Any])?.count == 11)
        let areas = try #require(lines[1]["areas"] as? [[String: Any]])
        #expect(areas[0]["label"] as? String == "/usr/local/bin/hello-static")
        #expect(areas[5].keys.sorted() == ["end", "flags", "start"])
    }

    @Test func loadIsOneUndoableStep() throws {
        let shell = makeShell(render: false, files: try Self.files("static.maps"))
        run(shell, "map 0x1000 +4K rw", "load maps \(Self.path("static.maps"))")
        #expect(shell.session.state.set.count == 12)
        #expect(run(shell, "undo").stdout == "undone: load maps \(Self.path("static.maps"))\n")
        #expect(areas(shell) == ["[0x1000, 0x2000) rw--"])
        run(shell, "redo")
        #expect(shell.session.state.set.count == 12)
    }

    /// `load pid N` reads `/proc/N/maps`, `load pid self` `/proc/self/maps`, through the
    /// shell's file system, and names them in what it prints.
    @Test func loadPidReadsTheProcessMapsFile() throws {
        let text = try #require(try Self.files("static.maps").text(Self.path("static.maps")))
        let files = InMemoryFileSystem(["/proc/42/maps": text, "/proc/self/maps": text])
        for (command, path) in [("load pid 42", "/proc/42/maps"), ("load pid self", "/proc/self/maps")] {
            let shell = makeShell(render: false, files: files)
            let out = run(shell, command)
            #expect(out.stdout.hasPrefix("loaded 11 areas from \(path) (1 line outside the address space skipped)\n"))
            #expect(files.trace.last == .read(path, limit: 64 << 20))
            #expect(labelled(shell).first == "[0x400000, 0x401000) r--u /usr/local/bin/hello-static")
        }
    }

    @Test func loadPidOfNoProcessIsBadState() {
        let error = failure(makeShell(files: InMemoryFileSystem()), "load pid 2147483647")
        #expect(error?.kind == "BadState")
        #expect(error?.message == "load pid: cannot read '/proc/2147483647/maps': no such file or directory (is there a process 2147483647?)")
        #expect(failure(makeShell(), "load pid 0")?.kind == "SyntaxError")
    }

    /// `load` words its read failures as every command does; a missing `/proc/PID/maps` asks
    /// whether the process exists.
    @Test(arguments: fileErrorReasons)
    func loadReadFailuresAreBadState(error: FileError, reason: String) {
        let files = InMemoryFileSystem(["m.maps": Self.good.joined(separator: "\n")])
        files.failures["m.maps"] = error
        let shell = makeShell(render: false, files: files)
        #expect(failure(shell, "load maps m.maps").map { "\($0.kind): \($0.message)" }
                == "BadState: load maps: cannot read 'm.maps': \(reason)")
        #expect(areas(shell).isEmpty)
        files.failures["/proc/7/maps"] = error
        #expect(failure(shell, "load pid 7")?.message == "load pid: cannot read '/proc/7/maps': \(reason)"
                + (error == .noSuchFile ? " (is there a process 7?)" : ""))
    }

    /// A file holding `lines`; loading it into a shell with one area fails with `kind`,
    /// names `FILE:LINE`, and leaves the shell as it was.
    func expectRejected(_ lines: [String], kind: String, line: Int, _ mentions: String) throws {
        let file = "dir/bad.maps"
        let shell = makeShell(render: false, files: InMemoryFileSystem([file: lines.joined(separator: "\n")]))
        run(shell, "map 0x100000 +4K rw")
        let before = labelled(shell)
        let out = run(shell, "load maps \(file)")
        #expect(out.failures == 1)
        #expect(out.stderr.hasPrefix("test:1: error: \(kind): load maps: \(file):\(line): "), "\(out.stderr)")
        #expect(out.stderr.contains(mentions), "\(out.stderr)")
        #expect(labelled(shell) == before)
        #expect(shell.session.state.pageTable.verify(shell.session.state.set).isEmpty)
        #expect(failure(shell, "undo")?.kind == "BadState" || labelled(shell).count == 0)
    }

    static let good = [
        "00400000-00401000 r--p 00000000 fe:00 1 /bin/a",
        "00401000-00402000 r-xp 00001000 fe:00 1 /bin/a",
    ]

    @Test func malformedLinesLoadNothing() throws {
        try expectRejected(Self.good + ["00402000-00403000 rwqp 00000000 00:00 0"], kind: "SyntaxError", line: 3, "bad permissions 'rwqp'")
        try expectRejected(Self.good + ["0x402000-0x403000 rw-p 00000000 00:00 0"], kind: "SyntaxError", line: 3, "bad range")
        try expectRejected(Self.good + ["00402000-00403000 rw-p 00000000 00:00"], kind: "SyntaxError", line: 3, "missing INODE")
        try expectRejected(["", "garbage"] + Self.good, kind: "SyntaxError", line: 2, "bad range 'garbage'")
        try expectRejected(Self.good + ["00402000-00403000"], kind: "SyntaxError", line: 3, "missing PERMS")
        try expectRejected(Self.good + ["00402000-00403000 rw-p 00000000 00:00 12x"], kind: "SyntaxError", line: 3, "bad inode")
        try expectRejected(Self.good + ["00402000-00403000 rw-p zz 00:00 0"], kind: "SyntaxError", line: 3, "bad offset")
        try expectRejected(Self.good + ["00402000-00403000 rw-p 00000000 0000 0"], kind: "SyntaxError", line: 3, "bad device")
        try expectRejected(Self.good + ["00402000-00402800 rw-p 00000000 00:00 0"], kind: "InvalidParam", line: 3, "not aligned")
        try expectRejected(Self.good + ["00403000-00402000 rw-p 00000000 00:00 0"], kind: "InvalidParam", line: 3, "reversed")
        try expectRejected(Self.good + ["00400000-00401000 rw-p 00000000 00:00 0"], kind: "InvalidParam", line: 3, "overlaps line 1")
        try expectRejected(Self.good + ["00100000-00101000 rw-p 00000000 00:00 0 [heap]"], kind: "AlreadyExists", line: 3, "use --force")
    }

    @Test func forceReplacesOverlappedAreas() throws {
        let file = "f.maps"
        let shell = makeShell(render: false, files: InMemoryFileSystem([file: Self.good.joined(separator: "\n") + "\n"]))
        run(shell, "map 0x3ff000 +8K rw")
        let out = run(shell, "load maps \(file) --force")
        #expect(out.failures == 0)
        #expect(out.stdout == "loaded 2 areas from \(file) (1 existing area unmapped or cut)\n")
        #expect(labelled(shell) == ["[0x3ff000, 0x400000) rw-- -", "[0x400000, 0x401000) r--u /bin/a", "[0x401000, 0x402000) r-xu /bin/a"])
    }

    @Test func labelsFollowUnmapProtectUndoAndSave() throws {
        let files = InMemoryFileSystem()
        let shell = makeShell(render: false, files: files)
        run(shell, "map 0x10000 +64K rw --label \"my lib.so\"", "map 0x30000 +4K r")
        run(shell, "unmap 0x14000 +4K", "protect 0x18000 +8K r")
        #expect(labelled(shell) == [
            "[0x10000, 0x14000) rw-- my lib.so", "[0x15000, 0x18000) rw-- my lib.so",
            "[0x18000, 0x1a000) r--- my lib.so", "[0x1a000, 0x20000) rw-- my lib.so", "[0x30000, 0x31000) r--- -",
        ])
        let json = try jsonLines(run(makeShell(json: true), "map 0 +8K r --label x", "unmap 0x1000 +4K"))
        let change = try #require((json[1]["changes"] as? [[String: Any]])?.first)
        #expect((change["before"] as? [String: Any])?["label"] as? String == "x")
        #expect(((change["after"] as? [[String: Any]])?.first)?["label"] as? String == "x")

        run(shell, "undo", "undo")
        #expect(labelled(shell) == ["[0x10000, 0x20000) rw-- my lib.so", "[0x30000, 0x31000) r--- -"])
        run(shell, "redo", "redo")
        #expect(labelled(shell).count == 5)

        let file = "s.mset"
        run(shell, "save \(file)")
        let text = try #require(files.text(file))
        #expect(text.contains("map 0x10000 0x14000 rw-- --alloc --label \"my lib.so\"\n"))
        #expect(text.contains("map 0x30000 0x31000 r--- --alloc\n"))
        let other = makeShell(render: false, files: files)
        #expect(other.runFile(path: file).failures == 0)
        #expect(labelled(other) == labelled(shell))
    }

    @Test func labelOptionIsChecked() {
        #expect(failure(makeShell(), "map 0 +4K r --label \"\"")?.kind == "SyntaxError")
        #expect(failure(makeShell(), "map 0 +4K r --label")?.kind == "SyntaxError")
        #expect(failure(makeShell(), "map 0 +4K r --label \" x\"")?.kind == "SyntaxError")
        let shell = makeShell(render: false)
        #expect(run(shell, "map 0 +4K r --label=heap", "find 0x10").stdout.contains("(4 KiB, alloc, heap)"))
    }

    @Test func exportParsingAndHelp() {
        #expect(failure(makeShell(), "export json")?.kind == "SyntaxError")
        #expect(failure(makeShell(), "load maps")?.kind == "SyntaxError")
        #expect(failure(makeShell(), "load file x")?.kind == "SyntaxError")
        #expect(run(makeShell(), "export maps").stdout == "")
        // strace (#15): `load strace FILE [--pid PID]` joined the usage.
        #expect(run(makeShell(), "help load").stdout.hasPrefix("usage: load maps FILE | load pid PID|self [--force] | load strace FILE\n"))
        #expect(run(makeShell(), "help export").stdout.hasPrefix("usage: export maps [FILE] | export svg [FILE] [--width PX]\n"))
        let shell = makeShell()
        #expect(shell.completions(for: "lo") == ["load"])
        #expect(shell.completions(for: "load ") == ["--force", "--pid", "maps", "pid", "strace"])
        #expect(shell.completions(for: "load pid s") == ["self"])
        #expect(shell.completions(for: "export ") == ["maps", "svg"])
        #expect(shell.completions(for: "map 0 4K rw --l").contains("--label"))
    }

    @Test func exportWritesTheKernelFormat() {
        let shell = makeShell(render: false)
        run(shell, "map 0x1000 +4K rwx --label \"[heap]\"", "map 0x7fff_0000_0000 +4K -", "map 0x2000 +4K rw --label \"a path/with blanks and a very long name that passes column 73\"")
        let expected = "00001000-00002000 rwxp 00000000 00:00 0" + String(repeating: " ", count: 34) + "[heap]\n"
            + "00002000-00003000 rw-p 00000000 00:00 0" + String(repeating: " ", count: 34) + "a path/with blanks and a very long name that passes column 73\n"
            + "7fff00000000-7fff00001000 ---p 00000000 00:00 0 \n"
        #expect(run(shell, "export maps").stdout == expected)
        let json = try? jsonLines(run(makeShell(json: true), "map 0 +4K r", "export maps"))
        #expect(json?[1]["text"] as? String == "00000000-00001000 r--p 00000000 00:00 0 \n")
        #expect(json?[1]["file"] is NSNull)
    }

    @Test func barGroupsTouchingAreasWithOneLabel() {
        func bar(labelled: Bool) -> String {
            let shell = makeShell()
            for i in 1...50 {
                run(shell, "map \(hex(UInt64(i) * 0x1000)) +4K \(i % 2 == 0 ? "r" : "rx")\(labelled ? " --label lib" : "")")
            }
            return HumanRenderer(shell.options).bar(shell.session)
        }
        let grouped = bar(labelled: true), plain = bar(labelled: false)
        #expect(plain.contains("(some cells sample several areas)"))
        #expect(!grouped.contains("sample"))
        let cells = grouped.split(separator: "\n")[0]
        #expect(cells.count == 80)
        #expect(cells.filter { $0 == "r" }.count >= 20 && cells.filter { $0 == "x" }.count >= 20)
    }

    @Test func aProcessWithTerabyteGapsKeepsItsAreasVisible() throws {
        let shell = makeShell(files: try Self.files("many.maps"))
        let out = run(shell, "load maps \(Self.path("many.maps"))")
        let lines = out.stdout.split(separator: "\n")
        let bar = try #require(lines.first { $0.hasPrefix("|") })
        #expect(bar.count == 80)
        #expect(bar.components(separatedBy: "~~~").count - 1 >= 2)
        #expect(bar.filter { $0 != "." && $0 != "~" && $0 != "|" }.count >= 60)
        #expect(out.stdout.contains("  … 1610 more rows below\n"))
    }
}
