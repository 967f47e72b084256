import MMUSim
import Testing
@testable import Shell

/// `source`, `save`, `export maps FILE` and session file runs, on files in memory (the real
/// file system's side is tested end to end, in Tests/EndToEndTests/FileTests.swift).
@Suite struct FileTests {
    @Test func saveThenSourceRebuildsTheState() throws {
        let files = InMemoryFileSystem()
        let file = "dir/state with blanks.mset"
        let shell = makeShell(render: false, files: files)
        run(shell, "set frames 4096", "map 0x1000 0x4000 rw", "map 0x10000 +64K rxu --populate",
            "map 0x200000 +2M r --linear 0x40000000", "protect 0x2000 0x3000 r", "touch 0x1000 w")
        #expect(run(shell, "save \"\(file)\"").stdout == "saved 5 areas to \(file)\n")
        let text = try #require(files.text(file))
        #expect(files.trace == [.write(file, text)])
        #expect(text.hasPrefix("# memory-set session: 5 areas\nreset\nset frames 4096\n"))
        #expect(text.contains("map 0x10000 0x20000 r-xu --alloc --populate\n"))
        #expect(text.contains("map 0x200000 0x400000 r--- --linear 0x40000000\n"))

        let other = makeShell(render: false, files: files)
        run(other, "map 0x900000 +4K r", "set backend none")
        let out = run(other, "source \"\(file)\"")
        #expect(out.failures == 0)
        #expect(files.trace.last == .read(file, limit: 64 << 20))
        #expect(areas(other) == areas(shell))
        #expect(other.session.state.settings == shell.session.state.settings)
        #expect(other.session.state.set.map(\.backend) == shell.session.state.set.map(\.backend))
        #expect(other.session.state.pageTable.verify(other.session.state.set).isEmpty)
        #expect(text.contains("# pages faulted in by touch\ntouch 0x1000 r\n"))
        #expect(other.session.state.pageTable.stats.mappedPages == shell.session.state.pageTable.stats.mappedPages)
        #expect(other.session.state.pageTable.stats.usedFrames == shell.session.state.pageTable.stats.usedFrames)
    }

    @Test func saveKeepsNonDefaultSettings() {
        let files = InMemoryFileSystem()
        let shell = makeShell(render: false, files: files)
        run(shell, "set page-size 1K", "set space 0x400 +1M", "map 0x400 0xc00 rw", "save s.mset")
        let other = makeShell(render: false, files: files)
        #expect(other.runFile(path: "s.mset").failures == 0)
        #expect(other.session.state.settings == shell.session.state.settings)
        #expect(areas(other) == ["[0x400, 0xc00) rw--"])
    }

    /// Each failure of the file system is a `BadState` naming the command, the file and
    /// why; the file keeps its old contents and the session is unchanged.
    @Test(arguments: fileErrorReasons + [(.other("Read-only file system"), "read-only file system")])
    func writeFailuresAreBadStateAndKeepTheOldFile(error: FileError, reason: String) {
        let files = InMemoryFileSystem(["old.mset": "keep\n"])
        files.failures["old.mset"] = error
        let shell = makeShell(render: false, files: files)
        run(shell, "map 0x1000 +8K rw")
        for (command, word) in [("save old.mset", "save"), ("export maps old.mset", "export")] {
            let failed = failure(shell, command)
            #expect(failed?.kind == "BadState")
            #expect(failed?.message == "\(word): cannot write 'old.mset': \(reason)")
        }
        #expect(files.text("old.mset") == "keep\n")
        #expect(areas(shell) == ["[0x1000, 0x3000) rw--"])
    }

    @Test func runFileLocatesErrorsAndStopsAtQuit() {
        let file = "run.mset"
        let files = InMemoryFileSystem([file: "map 0x1000 0x2000 r\r\n\nbogus\n# comment\nmap 0x1000 0x2000 r; quit\nmap 0x5000 0x6000 r\n"])
        let shell = Shell(options: ShellOptions(color: false, interactive: true), files: files)
        let out = shell.runFile(path: file)
        #expect(out.commands == 4)
        #expect(out.failures == 2)
        #expect(out.shouldExit)
        #expect(out.stderr == """
            \(file):3: error: SyntaxError: unknown command 'bogus'; type `help` for the list
            \(file):5: error: AlreadyExists: map: [0x1000, 0x2000) overlaps area [0x1000, 0x2000) r---; use --force to replace

            """)
        #expect(areas(shell) == ["[0x1000, 0x2000) r---"])
        #expect(shell.failedCommands == 2)
    }

    /// `source` words its read failures as `source: cannot read 'FILE': why`, a file run
    /// without the command word; every command words a reason the same way.
    @Test(arguments: fileErrorReasons)
    func readFailuresAreBadState(error: FileError, reason: String) {
        let files = InMemoryFileSystem(["f.mset": "map 0 4K r\n"])
        files.failures["f.mset"] = error
        let shell = makeShell(render: false, files: files)
        #expect(failure(shell, "source f.mset").map { "\($0.kind): \($0.message)" } == "BadState: source: cannot read 'f.mset': \(reason)")
        let out = shell.runFile(path: "f.mset")
        #expect(out.failures == 1 && out.stderr == "error: BadState: cannot read 'f.mset': \(reason)\n")
        #expect(areas(shell).isEmpty)
    }

    @Test func sourceRecursionIsBadState() {
        let files = InMemoryFileSystem(["loop.mset": "map 0 4K r --force\nsource loop.mset\n"], directories: ["d"])
        let shell = makeShell(render: false, files: files)
        #expect(failure(shell, "source d")?.message == "source: cannot read 'd': is a directory")
        let out = run(shell, "source loop.mset")
        #expect(out.stderr.contains("source: files nested more than 16 deep (does 'loop.mset' source itself?)"))
        #expect(areas(shell) == ["[0x0, 0x1000) r---"])
        #expect(files.trace.count == 1 + 16)
    }

    @Test func invalidUTF8InFilesIsReplacedNotFatal() {
        let files = InMemoryFileSystem()
        files.files["bad.mset"] = [0x6d, 0x61, 0x70, 0x20, 0xff, 0xfe, 0x0a, 0x61, 0x72, 0x65, 0x61, 0x73, 0x0a]
        let out = makeShell(files: files).runFile(path: "bad.mset")
        #expect(out.commands == 2 && out.failures == 1)
        #expect(out.stderr.contains("\u{FFFD}"))
    }

    /// A shell given no file system (tests, a kernel without one) answers every file
    /// command with a clear error and touches nothing; `export maps` without FILE still prints.
    @Test func withoutAFileSystemFileCommandsFail() {
        let shell = makeShell(render: false)
        run(shell, "map 0 4K r")
        #expect(failure(shell, "save s.mset")?.message == "save: cannot write 's.mset': no file system")
        #expect(failure(shell, "export maps m")?.message == "export: cannot write 'm': no file system")
        #expect(failure(shell, "source s.mset")?.message == "source: cannot read 's.mset': no file system")
        #expect(failure(shell, "load maps m")?.message == "load maps: cannot read 'm': no file system")
        #expect(failure(shell, "load pid self")?.message == "load pid: cannot read '/proc/self/maps': no file system")
        #expect(shell.runFile(path: "s.mset").stderr == "error: BadState: cannot read 's.mset': no file system\n")
        #expect(run(shell, "export maps").stdout == "00000000-00001000 r--p 00000000 00:00 0 \n")
        #expect(areas(shell) == ["[0x0, 0x1000) r---"])
    }
}

@Suite struct StreamingFileTests {
    @Test func runFileHandsOverEachLineInOrder() {
        let file = "s.mset"
        let files = InMemoryFileSystem([file: "map 0 4K r\nbogus\n\nfind 0\nquit\nareas\n"])
        let shell = makeShell(render: false, files: files)
        var pieces: [String] = []
        let total = shell.runFile(path: file) { out in pieces.append(out.stdout + out.stderr) }
        #expect(pieces == [
            "added [0x0, 0x1000) r---\n",
            "\(file):2: error: SyntaxError: unknown command 'bogus'; type `help` for the list\n",
            "", "0x0 is in [0x0, 0x1000) r--- (4 KiB, alloc)\n", "",
        ])
        #expect(total.commands == 4 && total.failures == 1 && total.shouldExit)
        #expect(total.stdout.isEmpty && total.stderr.isEmpty)
        #expect(shell.failedCommands == 1)
        var missing: [ShellOutput] = []
        let none = shell.runFile(path: "nope") { missing.append($0) }
        #expect(none.failures == 1 && missing.count == 1)
        #expect(missing.first?.stderr == "error: BadState: cannot read 'nope': no such file or directory\n")
    }
}

/// Every read and write failure's reason, worded one way for every command.
let fileErrorReasons: [(FileError, String)] = [
    (.noSuchFile, "no such file or directory"), (.notADirectory, "not a directory"),
    (.isDirectory, "is a directory"), (.permissionDenied, "permission denied"),
    (.other("Input/output error"), "input/output error"), (.tooLarge(limit: 64 << 20), "larger than 64 MiB"),
    (.notARegularFile, "not a regular file"), (.nulInPath, "the path holds a NUL byte"),
    (.noFileSystem, "no file system"),
]

/// Paths in a session file are relative to its directory; in the REPL and `-c`, to the
/// current directory (the file system's). A byte-order mark at the start is skipped.
@Suite struct RelativePathTests {
    @Test func pathsInASessionFileAreRelativeToIt() {
        let files = InMemoryFileSystem([
            "demo/run.mset": "source lib/setup.mset\nload maps data/a.maps\nsave out.mset\nexport maps out.maps\n",
            "demo/lib/setup.mset": "source more.mset\n",
            "demo/lib/more.mset": "map 0x10000 +4K r\n",
            "demo/data/a.maps": "00001000-00002000 rw-p 00000000 00:00 0 \n",
            "/abs/b.mset": "map 0x20000 +4K r\n",
        ])
        let shell = makeShell(render: false, files: files)
        let out = shell.runFile(path: "demo/run.mset")
        #expect(out.failures == 0, "\(out.stderr)")
        #expect(areas(shell) == ["[0x1000, 0x2000) rw-u", "[0x10000, 0x11000) r---"])
        #expect(files.text("demo/out.mset") != nil)
        #expect(files.text("demo/out.maps") != nil)
        #expect(files.text("out.mset") == nil)
        // Absolute paths stay; typed commands use the current directory.
        #expect(failure(shell, "source demo/lib/more.mset")?.message.contains("overlaps") == true)
        #expect(failure(shell, "source /abs/b.mset") == nil)
        #expect(failure(shell, "source more.mset")?.message == "source: cannot read 'more.mset': no such file or directory")
    }

    @Test func resolveTable() {
        let shell = makeShell(render: false)
        #expect(shell.resolve("x.mset") == "x.mset")
        shell.sourceStack = ["Sessions/a.mset"]
        #expect(shell.resolve("maps/static.maps") == "Sessions/maps/static.maps")
        #expect(shell.resolve("/etc/x") == "/etc/x")
        #expect(shell.resolve("~/x") == "~/x")
        shell.sourceStack = ["/srv/b.mset"]
        #expect(shell.resolve("../x.mset") == "/srv/../x.mset")
        shell.sourceStack = ["a.mset"]
        #expect(shell.resolve("x.mset") == "x.mset")
    }

    @Test func aLeadingByteOrderMarkIsSkipped() {
        let files = InMemoryFileSystem(["b.mset": "\u{FEFF}map 0 4K r\n# \u{FEFF} inside stays\n"])
        let shell = makeShell(render: false, files: files)
        let out = shell.runFile(path: "b.mset")
        #expect(out.failures == 0, "\(out.stderr)")
        #expect(areas(shell) == ["[0x0, 0x1000) r---"])
    }
}
