import Foundation
import Testing
@testable import Shell

@Suite struct JSONTests {
    /// Runs `line` in JSON mode and returns its objects.
    func objects(_ shell: Shell, _ line: String) throws -> [[String: Any]] {
        let out = shell.execute(line: line, at: SourceLocation(file: "<stdin>", line: 1))
        #expect(out.stderr.isEmpty)
        #expect(out.stdout.hasSuffix("\n") || out.stdout.isEmpty)
        let objects = try jsonLines(out)
        #expect(objects.count == out.commands)
        return objects
    }

    func area(_ value: Any?) -> String? {
        guard let a = value as? [String: Any], Set(a.keys) == ["start", "end", "flags"],
              let s = a["start"] as? String, let e = a["end"] as? String, let f = a["flags"] as? String else { return nil }
        return "\(s)-\(e) \(f)"
    }

    func changes(_ object: [String: Any]) -> [String] {
        (object["changes"] as? [[String: Any]] ?? []).map { change in
            #expect(Set(change.keys) == ["case", "before", "after"])
            let before = change["before"] is NSNull ? "null" : (area(change["before"]) ?? "?")
            let after = (change["after"] as? [Any] ?? []).map { area($0) ?? "?" }
            return "\(change["case"] as? String ?? "?") \(before) -> [\(after.joined(separator: ", "))]"
        }
    }

    @Test func mutationsReportChanges() throws {
        let shell = makeShell(json: true)
        var o = try objects(shell, "map 0x1000 0x4000 rw")[0]
        #expect(Set(o.keys) == ["ok", "cmd", "changes"])
        #expect(o["ok"] as? Bool == true && o["cmd"] as? String == "map")
        #expect(changes(o) == ["added null -> [0x1000-0x4000 rw--]"])
        o = try objects(shell, "unmap 0x2000 0x3000")[0]
        #expect(changes(o) == ["split 0x1000-0x4000 rw-- -> [0x1000-0x2000 rw--, 0x3000-0x4000 rw--]"])
        o = try objects(shell, "protect 0x1000 0x4000 r")[0]
        #expect(changes(o) == ["protected 0x1000-0x2000 rw-- -> [0x1000-0x2000 r---]",
                               "protected 0x3000-0x4000 rw-- -> [0x3000-0x4000 r---]"])
        o = try objects(shell, "map 0x0 0x3000 x --force")[0]
        #expect(changes(o) == ["removed 0x1000-0x2000 r--- -> []",
                               "added null -> [0x0-0x3000 --x-]"])
        o = try objects(shell, "unmap 0x8000 0x9000")[0]
        #expect(changes(o).isEmpty && o["changes"] is [Any])
        o = try objects(shell, "clear")[0]
        #expect(changes(o) == ["removed 0x0-0x3000 --x- -> []", "removed 0x3000-0x4000 r--- -> []"])
    }

    @Test func queriesFollowTheSpec() throws {
        let shell = makeShell(json: true)
        _ = try objects(shell, "map 0x1000 0x3000 rw; map 0x5000 0x6000 r")
        var o = try objects(shell, "find 0x1fff")[0]
        #expect(Set(o.keys) == ["ok", "cmd", "area"])
        #expect(area(o["area"]) == "0x1000-0x3000 rw--")
        o = try objects(shell, "find 0x4000")[0]
        #expect(o["area"] is NSNull)
        o = try objects(shell, "free 8K")[0]
        #expect(Set(o.keys) == ["ok", "cmd", "address"])
        #expect(o["address"] as? String == "0x3000")
        o = try objects(shell, "free 12K --limit 0 0x6000")[0]
        #expect(o["address"] is NSNull)
        o = try objects(shell, "areas")[0]
        #expect(Set(o.keys) == ["ok", "cmd", "areas"])
        #expect((o["areas"] as? [Any])?.compactMap(area) == ["0x1000-0x3000 rw--", "0x5000-0x6000 r---"])
    }

    @Test func failuresHaveTheSpecShape() throws {
        let shell = makeShell(json: true)
        let list = try objects(shell, "bogus 1; map 1 2; map 0 0 r; map 0 4K r; map 0 4K r; set page-size 8K")
        #expect(list.count == 6)
        let expected: [(Any, String)] = [
            (NSNull(), "SyntaxError"), ("map", "SyntaxError"), ("map", "InvalidParam"),
            ("map", ""), ("map", "AlreadyExists"), ("set", "BadState"),
        ]
        for (o, (cmd, kind)) in zip(list, expected) {
            if kind.isEmpty {
                #expect(o["ok"] as? Bool == true)
                continue
            }
            #expect(Set(o.keys) == ["ok", "cmd", "error", "message", "line"])
            #expect(o["line"] as? Int == 1)
            #expect(o["ok"] as? Bool == false)
            if cmd is NSNull { #expect(o["cmd"] is NSNull) } else { #expect(o["cmd"] as? String == cmd as? String) }
            #expect(o["error"] as? String == kind)
            #expect((o["message"] as? String)?.isEmpty == false)
        }
    }

    @Test func otherCommandsHaveDocumentedShapes() throws {
        let shell = makeShell(json: true)
        let cases: [(String, Set<String>)] = [
            ("set", ["settings"]), ("set page-size 8K", ["settings"]), ("set page-size 1K", ["settings", "note"]),
            ("reset", []), ("help", ["topic", "text"]), ("help map", ["topic", "text"]),
            ("map 0 4K rw", ["changes"]), ("undo", ["undone", "count"]), ("redo", ["redone", "count"]),
            ("view 0 1M", ["start", "end"]), ("view all", ["start", "end"]), ("view", ["start", "end"]),
            ("touch 0 w", ["address", "access", "user", "outcome", "physical", "message"]),
            ("pt 0", ["address", "physical", "steps"]), ("pt dump", ["ranges"]), ("pt dump 0 1M", ["ranges"]),
            ("stats", ["areas", "frames", "usedFrames", "freeFrames", "tablePages", "dataFrames", "mappedPages", "pages4K", "pages2M", "pages1G"]),
            ("verify", ["areas"]), ("quit", []), ("exit", []),
        ]
        for (line, keys) in cases {
            let o = try objects(shell, line)[0]
            #expect(o["ok"] as? Bool == true, "\(line): \(o)")
            #expect(o["cmd"] as? String == String(line.split(separator: " ")[0]))
            #expect(Set(o.keys) == keys.union(["ok", "cmd"]), "\(line)")
        }
        let touch = try objects(shell, "touch 0x0 r")[0]
        #expect(touch["outcome"] as? String == "hit")
        #expect((touch["physical"] as? String)?.hasPrefix("0x") == true)
        let settings = try objects(shell, "set")[0]["settings"] as? [String: Any]
        #expect(settings?["page-size"] as? Int == 4096)
        #expect(settings?["backend"] as? String == "mmu")
    }

    @Test func hostileInputStaysValidJSON() throws {
        let shell = makeShell(json: true)
        for line in ["\"quoted\\\" \u{1}\u{7f}", "map \u{0}\t\u{1b}[31m 1 r", "\u{FFFD}\u{FFFD}", String(repeating: "9", count: 10_000)] {
            let list = try objects(shell, line)
            #expect(list.count == 1)
            #expect(list[0]["ok"] as? Bool == false)
        }
    }

    @Test func sourceAndSaveReportTheirFiles() throws {
        let file = "a dir/s.mset"
        let shell = makeShell(json: true, files: InMemoryFileSystem())
        _ = try objects(shell, "map 0 4K rw")
        let saved = try objects(shell, "save \"\(file)\"")[0]
        #expect(saved["file"] as? String == file && saved["areas"] as? Int == 1)
        let list = try objects(shell, "source \"\(file)\"")
        #expect(list.count == 3)   // reset, map, source
        #expect(list.last?["cmd"] as? String == "source")
        #expect(list.last?["commands"] as? Int == 2 && list.last?["failures"] as? Int == 0)
    }
}

@Suite struct JSONStringTests {
    /// The compact text of `value`.
    func compact(_ value: JSON) -> String {
        var text = TextBuffer(capacity: 1)
        text.writeJSON(value)
        return text.string
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let text = compact(.string("a\u{1}\u{7f}\u{1f}\n\t\r\"\\é😀/"))
        #expect(text == #""a\u0001\u007f\u001f\n\t\r\"\\é😀/""#)
    }

    @Test func writesEveryControlByteAsJSONParsersReadIt() throws {
        for byte in UInt8(0)...UInt8(0x7f) {
            let s = String(decoding: [byte, UInt8(ascii: "x")], as: UTF8.self)
            let line = compact(.object([("s", .string(s))]))
            let object = try jsonObject(line[...])
            #expect(object["s"] as? String == s, "byte \(byte): \(line)")
        }
    }
}
