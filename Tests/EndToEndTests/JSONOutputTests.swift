import Foundation
import Testing

/// `--json`: exactly one JSON object per executed command, with the spec's fields.
@Suite("JSON lines")
struct JSONOutputTests {
    /// Parses every stdout line as a JSON object (recording an issue for any that is not).
    func objects(_ result: RunResult) -> [[String: Any]] {
        result.stdoutLines.compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)")
            return object
        }
    }

    func area(_ value: Any?) -> [String: String]? {
        value as? [String: String]
    }

    @Test("One object per command with ok, cmd and the per-command fields")
    func shapes() throws {
        let input = """
            map 0x1000 0x4000 rw
            unmap 0x2000 0x3000
            protect 0x1000 0x2000 r
            find 0x3800
            find 0x9000
            free 4K --hint 0x1000
            areas
            clear
            map 0x1000 +8K rwx; areas

            """
        let result = try runMemorySet(["--json"], input: input)
        #expect(result.status == 0)
        let lines = objects(result)
        try #require(lines.count == 10)
        for line in lines { #expect(line["ok"] as? Bool == true) }
        #expect(lines.map { $0["cmd"] as? String } == [
            "map", "unmap", "protect", "find", "find", "free", "areas", "clear", "map", "areas",
        ])

        let mapChanges = try #require(lines[0]["changes"] as? [[String: Any]])
        #expect(mapChanges.count == 1)
        #expect(mapChanges[0]["case"] as? String == "added")
        #expect(mapChanges[0]["before"] is NSNull)
        #expect((mapChanges[0]["after"] as? [Any])?.compactMap(area) == [["start": "0x1000", "end": "0x4000", "flags": "rw--"]])

        let unmapChanges = try #require(lines[1]["changes"] as? [[String: Any]])
        #expect(unmapChanges.count == 1)
        #expect(unmapChanges[0]["case"] as? String == "split")
        #expect(area(unmapChanges[0]["before"]) == ["start": "0x1000", "end": "0x4000", "flags": "rw--"])
        #expect((unmapChanges[0]["after"] as? [Any])?.compactMap(area) == [
            ["start": "0x1000", "end": "0x2000", "flags": "rw--"],
            ["start": "0x3000", "end": "0x4000", "flags": "rw--"],
        ])

        let protectChanges = try #require(lines[2]["changes"] as? [[String: Any]])
        #expect(protectChanges.first?["case"] as? String == "protected")

        #expect(area(lines[3]["area"]) == ["start": "0x3000", "end": "0x4000", "flags": "rw--"])
        #expect(lines[4]["area"] is NSNull)
        #expect(lines[5]["address"] as? String == "0x2000")
        #expect((lines[6]["areas"] as? [Any])?.compactMap(area) == [
            ["start": "0x1000", "end": "0x2000", "flags": "r---"],
            ["start": "0x3000", "end": "0x4000", "flags": "rw--"],
        ])
        let cleared = try #require(lines[7]["changes"] as? [[String: Any]])
        #expect(cleared.count == 2)
        #expect(cleared.allSatisfy { $0["case"] as? String == "removed" })
        #expect((lines[9]["areas"] as? [Any])?.compactMap(area) == [["start": "0x1000", "end": "0x3000", "flags": "rwx-"]])
    }

    @Test("Failures are objects with ok false, the error kind and a message; nothing on stdout else")
    func failures() throws {
        let input = """
            map 0x1000 0x4000 rw
            map 0x2000 0x3000 rw
            map 0x1001 0x2000 rw
            frobnicate 1 2
            set page-size 8K
            map 0x10000 0x20000 rw --force

            """
        let result = try runMemorySet(["--json"], input: input)
        #expect(result.status == 1)
        let lines = objects(result)
        try #require(lines.count == 6)
        #expect(lines.map { $0["ok"] as? Bool } == [true, false, false, false, false, true])
        #expect(lines[1]["error"] as? String == "AlreadyExists")
        #expect(lines[2]["error"] as? String == "InvalidParam")
        #expect(lines[3]["error"] as? String == "SyntaxError")
        #expect(lines[4]["error"] as? String == "BadState")
        for failure in lines where failure["ok"] as? Bool == false {
            #expect(!((failure["message"] as? String) ?? "").isEmpty)
            #expect(failure.keys.contains("cmd"))
        }
        #expect(lines[1]["cmd"] as? String == "map")
    }

    @Test("Failures carry their line, and their file when they come from one")
    func failureLocations() throws {
        let directory = try TemporaryDirectory()
        let inner = try directory.file("inner.mset", "# a comment\n\nunmap 0x1000\n")
        let outer = try directory.file("outer.mset", "map 0x1000 +4K r\nsource \"\(inner.path)\"\nbogus\n")
        let fromFiles = objects(try runMemorySet(["--json", outer.path]))
        let failures = fromFiles.filter { $0["ok"] as? Bool == false }
        try #require(failures.count == 2)
        #expect(failures[0]["line"] as? Int == 3)
        #expect(failures[0]["file"] as? String == inner.path)
        #expect(failures[1]["line"] as? Int == 3)
        #expect(failures[1]["file"] as? String == outer.path)
        // Piped input and -c: the line, no file.
        let piped = objects(try runMemorySet(["--json"], input: "areas\n\n# c\nmap 0 0 r\n"))
        #expect(piped.last?["line"] as? Int == 4)
        #expect(piped.last?.keys.contains("file") == false)
        let commandLine = objects(try runMemorySet(["--json", "-c", "areas\nareas; bogus"]))
        #expect(commandLine.last?["line"] as? Int == 2)
        #expect(commandLine.last?.keys.contains("file") == false)
    }

    /// The debug build checks the set's invariants after every change (O(n) each), so this
    /// stays at a few thousand commands; 100,000 commands take ~5 s with the release build.
    @Test("A large piped session with --json finishes in seconds")
    func largeSession() throws {
        var input = ""
        for index in 0..<3_000 {
            let start = 0x1000 * (2 * index + 1)
            input += "map 0x\(String(start, radix: 16)) +4K rw\n"
        }
        input += "areas\n"
        let started = Date()
        let result = try runMemorySet(["--json"], input: input, timeout: 120)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == 3_001)
        #expect((objects(result).last?["areas"] as? [Any])?.count == 3_000)
        #expect(elapsed < 60, "took \(elapsed) s")
    }
}
