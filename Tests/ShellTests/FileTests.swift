import Foundation
import MMUSim
import Testing
@testable import Shell

@Suite struct FileTests {
    /// A fresh temporary directory, removed by the caller.
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func saveThenSourceRebuildsTheState() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("state with blanks.mset").path
        let shell = makeShell(render: false)
        run(shell, "set frames 4096", "map 0x1000 0x4000 rw", "map 0x10000 +64K rxu --populate",
            "map 0x200000 +2M r --linear 0x40000000", "protect 0x2000 0x3000 r", "touch 0x1000 w")
        #expect(run(shell, "save \"\(file)\"").stdout == "saved 5 areas to \(file)\n")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("reset\nset frames 4096\n"))
        #expect(text.contains("map 0x10000 0x20000 r-xu --alloc --populate\n"))
        #expect(text.contains("map 0x200000 0x400000 r--- --linear 0x40000000\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["state with blanks.mset"])

        let other = makeShell(render: false)
        run(other, "map 0x900000 +4K r", "set backend none")
        let out = run(other, "source \"\(file)\"")
        #expect(out.failures == 0)
        #expect(areas(other) == areas(shell))
        #expect(other.session.state.settings == shell.session.state.settings)
        #expect(other.session.state.set.map(\.backend) == shell.session.state.set.map(\.backend))
        #expect(other.session.state.pageTable.verify(other.session.state.set).isEmpty)
        #expect(text.contains("# pages faulted in by touch\ntouch 0x1000 r\n"))
        #expect(other.session.state.pageTable.stats.mappedPages == shell.session.state.pageTable.stats.mappedPages)
        #expect(other.session.state.pageTable.stats.usedFrames == shell.session.state.pageTable.stats.usedFrames)
    }

    @Test func saveKeepsNonDefaultSettings() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.mset").path
        let shell = makeShell(render: false)
        run(shell, "set page-size 1K", "set space 0x400 +1M", "map 0x400 0xc00 rw", "save \(file)")
        let other = makeShell(render: false)
        #expect(other.runFile(path: file).failures == 0)
        #expect(other.session.state.settings == shell.session.state.settings)
        #expect(areas(other) == ["[0x400, 0xc00) rw--"])
    }

    @Test func saveToAMissingDirectoryIsBadStateAndLeavesNothing() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shell = makeShell(render: false)
        let error = failure(shell, "save \(dir.path)/missing/x.mset")
        #expect(error?.kind == "BadState")
        #expect(error?.message.contains("cannot write") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func runFileLocatesErrorsAndStopsAtQuit() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.mset").path
        try "map 0x1000 0x2000 r\r\n\nbogus\n# comment\nmap 0x1000 0x2000 r; quit\nmap 0x5000 0x6000 r\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let shell = makeShell(interactive: true)
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

    @Test func unreadableFilesAndRecursionAreBadState() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shell = makeShell(render: false)
        let missing = shell.runFile(path: dir.appendingPathComponent("nope.mset").path)
        #expect(missing.failures == 1 && missing.stderr.contains("error: BadState: cannot read"))
        #expect(failure(shell, "source \(dir.path)")?.message.contains("it is a directory") == true)
        let loop = dir.appendingPathComponent("loop.mset").path
        try "map 0 4K r --force\nsource \(loop)\n".write(toFile: loop, atomically: true, encoding: .utf8)
        let out = run(shell, "source \(loop)")
        #expect(out.stderr.contains("source: files nested more than 16 deep"))
        #expect(areas(shell) == ["[0x0, 0x1000) r---"])
    }

    @Test func invalidUTF8InFilesIsReplacedNotFatal() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.mset")
        try Data([0x6d, 0x61, 0x70, 0x20, 0xff, 0xfe, 0x0a, 0x61, 0x72, 0x65, 0x61, 0x73, 0x0a]).write(to: file)
        let out = makeShell().runFile(path: file.path)
        #expect(out.commands == 2 && out.failures == 1)
        #expect(out.stderr.contains("\u{FFFD}"))
    }
}

@Suite struct StreamingFileTests {
    @Test func runFileHandsOverEachLineInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shell-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.mset").path
        try "map 0 4K r\nbogus\n\nfind 0\nquit\nareas\n".write(toFile: file, atomically: true, encoding: .utf8)
        let shell = makeShell(render: false)
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
        let none = shell.runFile(path: dir.appendingPathComponent("nope").path) { missing.append($0) }
        #expect(none.failures == 1 && missing.count == 1 && missing[0].stderr.contains("cannot read"))
    }
}
