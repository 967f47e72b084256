import Foundation
import Testing

/// `source`, `save`, `load` and `export` on the real file system, through the built binary
/// (the shell's side, on files in memory, is in Tests/ShellTests/FileTests.swift).
@Suite("Files") struct FileTests {
    /// The checked-in maps files.
    static let mapsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sessions/maps")

    /// `'PATH'` as error messages quote it: cut after 40 characters.
    func shown(_ path: String) -> String {
        "'" + (path.count > 40 ? path.prefix(40) + "…" : path) + "'"
    }

    /// The names in `directory`, sorted.
    func names(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
    }

    @Test("save writes a session file that source (and a file run) rebuild; nothing else is left")
    func saveThenSource() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("state with blanks.mset").path
        let saved = try runMemorySet(["--no-render", "-c",
            "map 0x1000 +12K rw --label heap; map 0x10000 +64K rx --populate; touch 0x1000 w; save \"\(file)\""])
        #expect(saved.status == 0 && saved.stderr.isEmpty)
        #expect(saved.stdoutLines.last == "saved 2 areas to \(file)")
        #expect(try names(directory) == ["state with blanks.mset"])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("# memory-set session: 2 areas\nreset\nmap 0x1000 0x4000 rw-- --alloc --label \"heap\"\n"))
        #expect(text.hasSuffix("# pages faulted in by touch\ntouch 0x1000 r\n"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o600 } == 0o600)

        let sourced = try runMemorySet(["--no-render", "-c", "source \"\(file)\"; areas"])
        #expect(sourced.status == 0 && sourced.stderr.isEmpty)
        #expect(sourced.stdout.contains("[0x1000, 0x4000) rw--"))
        let run = try runMemorySet(["--no-render", file], input: "")
        #expect(run.status == 0 && run.stderr.isEmpty)

        // Saving again replaces the file whole.
        let again = try runMemorySet(["--no-render", "-c", "map 0 4K r; save \"\(file)\""])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "# memory-set session: 1 area\nreset\nmap 0x0 0x1000 r--- --alloc\n")
        #expect(try names(directory) == ["state with blanks.mset"])
    }

    @Test("save that cannot write: BadState naming why, the old file or directory intact, no temporary file")
    func saveToUnwritablePaths() throws {
        let directory = try TemporaryDirectory()
        defer { chmod(directory.url.path, 0o755) }
        let taken = directory.url.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: false)
        _ = try directory.file("taken/inside", "keep")
        let old = try directory.file("old.mset", "map 0x5000 +4K r\n").path
        let cases: [(String, String)] = [
            ("save \(taken.path)", "save: cannot write \(shown(taken.path)): is a directory"),
            ("export maps \(taken.path)", "export: cannot write \(shown(taken.path)): is a directory"),
            ("save \(directory.url.path)/missing/x.mset", "save: cannot write \(shown(directory.url.path + "/missing/x.mset")): no such file or directory"),
            ("save \(old)/x.mset", "save: cannot write \(shown(old + "/x.mset")): not a directory"),
            ("save /proc/memory-set-test.mset", "save: cannot write '/proc/memory-set-test.mset': no such file or directory"),
        ]
        for (command, message) in cases {
            let result = try runMemorySet(["--no-render", "-c", "map 0x1000 +8K rw; \(command); areas"])
            #expect(result.status == 1)
            #expect(result.stderr == "<command-line>:1: error: BadState: \(message)\n")
            #expect(result.stdout.hasSuffix("[0x1000, 0x3000) rw--\n"))
        }
        #expect(try String(contentsOf: taken.appendingPathComponent("inside"), encoding: .utf8) == "keep")
        #expect(try String(contentsOfFile: old, encoding: .utf8) == "map 0x5000 +4K r\n")
        #expect(try names(directory) == ["old.mset", "taken"])
        // A read-only directory (only meaningful when not root: root writes anyway).
        if getuid() != 0 {
            chmod(directory.url.path, 0o555)
            let result = try runMemorySet(["--no-render", "-c", "save \(old)"])
            #expect(result.stderr == "<command-line>:1: error: BadState: save: cannot write \(shown(old)): permission denied\n")
            #expect(try String(contentsOfFile: old, encoding: .utf8) == "map 0x5000 +4K r\n")
            #expect(try names(directory) == ["old.mset", "taken"])
        }
    }

    @Test("source and a file run that cannot read say why; an endless input stops at 64 MiB")
    func unreadableFiles() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("nope.mset").path
        let cases: [(String, String)] = [
            ("source \(missing)", "source: cannot read \(shown(missing)): no such file or directory"),
            ("source \(directory.url.path)", "source: cannot read \(shown(directory.url.path)): is a directory"),
            ("source /dev/zero", "source: cannot read '/dev/zero': larger than 64 MiB"),
            ("load maps \(missing)", "load maps: cannot read \(shown(missing)): no such file or directory"),
            ("load maps \(directory.url.path)", "load maps: cannot read \(shown(directory.url.path)): is a directory"),
            ("load maps /dev/zero", "load maps: cannot read '/dev/zero': larger than 64 MiB"),
            ("load pid 2147483647", "load pid: cannot read '/proc/2147483647/maps': no such file or directory (is there a process 2147483647?)"),
        ]
        for (command, message) in cases {
            let result = try runMemorySet(["--no-render", "-c", command])
            #expect(result.status == 1)
            #expect(result.stderr == "<command-line>:1: error: BadState: \(message)\n")
        }
        let run = try runMemorySet([missing])
        #expect(run.status == 1)
        #expect(run.stderr == "error: BadState: cannot read \(shown(missing)): no such file or directory\n")
    }

    @Test("A session file's relative paths are relative to it, from any directory; a leading BOM is skipped")
    func sessionFromElsewhere() throws {
        let sessions = Self.mapsDirectory.deletingLastPathComponent().path
        // Run from a temporary directory: `load maps maps/static.maps` finds Sessions/maps/.
        let result = try runMemorySet(["--no-render", "\(sessions)/maps.mset"])
        #expect(result.status == 1)  // the session's two deliberate errors
        #expect(result.stdout.contains("loaded 11 areas from \(sessions)/maps/static.maps"))
        #expect(result.stderr.contains("maps.mset:13: error: AlreadyExists"))
        #expect(result.stderr.contains("maps.mset:15: error: BadState: load maps: cannot read \(shown("\(sessions)/maps/missing.maps")): no such file"))
        #expect(result.stderr.components(separatedBy: "error:").count == 3, "\(result.stderr)")
        let directory = try TemporaryDirectory()
        let bom = try directory.file("bom.mset", "\u{FEFF}map 0 4K r\n")
        let fromFile = try runMemorySet(["--no-render", bom.path])
        #expect(fromFile.status == 0 && fromFile.stderr.isEmpty, "\(fromFile.stderr)")
        let piped = try runMemorySet(["--no-render"], input: "\u{FEFF}map 0 4K r\nareas\n")
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped.stderr)")
    }

    @Test("load maps reads a maps file; export maps FILE writes what export maps prints")
    func loadAndExport() throws {
        let directory = try TemporaryDirectory()
        let maps = Self.mapsDirectory.appendingPathComponent("dynamic.maps").path
        let copy = directory.url.appendingPathComponent("copy.maps").path
        let result = try runMemorySet(["--no-render", "-c", "load maps \(maps); export maps; export maps \(copy)"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "loaded 37 areas from \(maps) (1 line outside the address space skipped)")
        #expect(lines.dropLast().last == "exported 37 areas to \(copy)")
        let printed = lines.dropFirst().dropLast(2).joined(separator: "\n") + "\n"
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == printed)
        #expect(try names(directory) == ["copy.maps"])
        let again = try runMemorySet(["--no-render", "-c", "load maps \(copy); export maps"])
        #expect(again.stdout == "loaded 37 areas from \(copy)\n" + printed)
    }

    @Test("load pid self reads the running process's /proc/self/maps")
    func loadPidSelf() throws {
        let result = try runMemorySet(["--json", "-c", "load pid self; areas"])
        #expect(result.status == 0)
        let objects = try result.stdoutLines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.first?["file"] as? String == "/proc/self/maps")
        let areas = try #require(objects.last?["areas"] as? [[String: Any]])
        #expect(areas.count > 5)
        let labels = areas.compactMap { $0["label"] as? String }
        #expect(labels.contains("[stack]"))
        #expect(labels.contains { $0.hasSuffix("/memory-set") })
    }

    @Test("~ names the home directory ($HOME) in every command that takes a path")
    func tildeEverywhere() throws {
        let home = try TemporaryDirectory()
        let result = try runMemorySet(
            ["--no-render", "-c", "map 0 4K r; save ~/s.mset; export maps ~/m.maps; source ~/s.mset; load maps ~/m.maps --force; areas"],
            environment: ["HOME": home.url.path])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdoutLines == [
            "added [0x0, 0x1000) r---", "saved 1 area to ~/s.mset", "exported 1 area to ~/m.maps",
            "reset: no areas, default settings", "added [0x0, 0x1000) r---",
            "loaded 1 area from ~/m.maps (1 existing area unmapped or cut)", "[0x0, 0x1000) r--u",
        ])
        #expect(try names(home) == ["m.maps", "s.mset"])
        let file = try runMemorySet(["--no-render", "~/s.mset"], environment: ["HOME": home.url.path])
        #expect(file.status == 0 && file.stdout == "reset: no areas, default settings\nadded [0x0, 0x1000) r---\n")
    }

    @Test("save through a symbolic link replaces the file it names and keeps the link (and the file's permissions)")
    func saveThroughSymlinks() throws {
        let directory = try TemporaryDirectory()
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory.url.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let real = try directory.file("sub/real.mset", "old\n").path
        chmod(real, 0o600)
        let link = directory.url.appendingPathComponent("link").path
        let chain = directory.url.appendingPathComponent("chain").path
        let dangling = directory.url.appendingPathComponent("dangling").path
        try fileManager.createSymbolicLink(atPath: link, withDestinationPath: "sub/real.mset")
        try fileManager.createSymbolicLink(atPath: chain, withDestinationPath: "link")
        try fileManager.createSymbolicLink(atPath: dangling, withDestinationPath: "sub/new.maps")
        let result = try runMemorySet(["--no-render", "-c", "map 0 4K r; save \(chain); export maps \(dangling)"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(try fileManager.destinationOfSymbolicLink(atPath: link) == "sub/real.mset")
        #expect(try fileManager.destinationOfSymbolicLink(atPath: chain) == "link")
        #expect(try fileManager.destinationOfSymbolicLink(atPath: dangling) == "sub/new.maps")
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("# memory-set session: 1 area\n"))
        #expect(try fileManager.attributesOfItem(atPath: real)[.posixPermissions] as? Int == 0o600)
        #expect(try String(contentsOfFile: directory.url.appendingPathComponent("sub/new.maps").path, encoding: .utf8)
                == "00000000-00001000 r--p 00000000 00:00 0 \n")
        #expect(try names(directory) == ["chain", "dangling", "link", "sub"])
        #expect(try fileManager.contentsOfDirectory(atPath: directory.url.appendingPathComponent("sub").path).sorted()
                == ["new.maps", "real.mset"])
    }

    @Test("save and export refuse a target that is not a regular file and leave it alone")
    func saveRefusesSpecialFiles() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let socketPath = directory.url.appendingPathComponent("sock").path
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: socketPath.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        let fifoLink = directory.url.appendingPathComponent("to-fifo").path
        try FileManager.default.createSymbolicLink(atPath: fifoLink, withDestinationPath: "fifo")
        for (command, path) in [("save", fifo), ("export maps", socketPath), ("save", fifoLink)] {
            let result = try runMemorySet(["--no-render", "-c", "map 0 4K r; \(command) \(path)"])
            #expect(result.status == 1)
            #expect(result.stderr == "<command-line>:1: error: BadState: \(command.prefix { $0 != " " }): cannot write \(shown(path)): not a regular file\n")
        }
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(socketPath, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK)
        #expect(try names(directory) == ["fifo", "sock", "to-fifo"])
    }

    @Test("A path holding a NUL byte is refused, not cut at the NUL")
    func nulInPaths() throws {
        let directory = try TemporaryDirectory()
        let result = try runMemorySet(["--no-render"], input: """
            map 0 4K r
            save \(directory.url.path)/nul\u{0}x.mset
            export maps \(directory.url.path)/nul\u{0}x.maps
            load maps /proc/self/maps\u{0}junk
            source /dev/null\u{0}x
            areas

            """)
        #expect(result.status == 1)
        let reasons = result.stderrLines.map { $0.split(separator: ":").last.map(String.init) }
        #expect(reasons == Array(repeating: " the path holds a NUL byte", count: 4))
        #expect(result.stdoutLines == ["added [0x0, 0x1000) r---", "[0x0, 0x1000) r---"])
        #expect(try names(directory).isEmpty)
    }

    @Test("source reads a pipe (/dev/stdin fed by a pipe) to its end")
    func sourceReadsPipes() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf 'map 0 4K r\\nmap 0x2000 +4K rw\\n' | \"$0\" --no-render -c 'source /dev/stdin; areas'",
                           Binary.url.path]
        shell.environment = testEnvironment()
        let output = Pipe()
        shell.standardOutput = output
        shell.standardError = output
        try shell.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(text.hasSuffix("[0x0, 0x1000) r---\n[0x2000, 0x3000) rw--\n"), "\(text)")
    }
}
