import Foundation
import Testing

/// `export svg` through the built binary on the real file system: the document is
/// well-formed XML by python3's parser, written atomically, and refused for targets that are
/// not regular files (the picture's parts are tested in Tests/ShellTests/SVGExportTests.swift;
/// `make svg-check` renders the goldens with rsvg-convert).
@Suite("SVG export") struct SVGExportTests {
    /// Runs python3's `xml.etree` on `path`: the root's tag, `version` and `width`, then all
    /// the text of the document; or the parser's error (status 1).
    func parseXML(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            print(root.tag, root.get("version"), root.get("width"))
            print("".join(root.itertext()))
            """, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("export svg writes well-formed SVG 1.1, labels with XML metacharacters included")
    func wellFormed() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("picture.svg").path
        let label = "/tmp/a&b <c> 'd' \\\"e\\\" ]]> &amp;"
        let result = try runMemorySet(["--no-render", "-c",
            "map 0x1000 +4K -; map 0x2000 +8K rw --label \"\(label)\"; map 0x4000 +4K rx; map 0x5000 +4K rwxu; map 0x7fff0000 +1M rwu; export svg \(file) --width 500"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdoutLines.last?.hasPrefix("exported 5 areas as SVG (500 x ") == true)
        let parsed = try parseXML(file)
        #expect(parsed.status == 0, "\(parsed.output)")
        #expect(parsed.output.hasPrefix("{http://www.w3.org/2000/svg}svg 1.1 500\n"))
        // The parser gives back the label as typed (whole in the area's tooltip).
        #expect(parsed.output.contains("/tmp/a&b <c> 'd' \"e\" ]]> &amp;"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["picture.svg"])
    }

    @Test("export svg refuses a directory or a FIFO and leaves it alone")
    func badTargets() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for (path, reason) in [(directory.url.path, "is a directory"), (fifo, "not a regular file")] {
            let result = try runMemorySet(["--no-render", "-c", "map 0 4K r; export svg \(path)"])
            #expect(result.status == 1)
            let shown = "'" + (path.count > 40 ? path.prefix(40) + "…" : path) + "'"
            #expect(result.stderr == "<command-line>:1: error: BadState: export: cannot write \(shown): \(reason)\n")
        }
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["fifo"])
    }

    @Test("JSON: one object with the format, file, areas, width and height; the text without FILE")
    func json() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("p.svg").path
        let result = try runMemorySet(["--json", "-c", "map 0 4K r; export svg \(file) --width 200; export svg --width 10001"])
        #expect(result.status == 1)
        let lines = result.stdoutLines
        #expect(lines.count == 3)
        let object = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(object?["ok"] as? Bool == true && object?["format"] as? String == "svg")
        #expect(object?["file"] as? String == file && object?["areas"] as? Int == 1 && object?["width"] as? Int == 200)
        #expect(lines[2].hasPrefix(#"{"ok":false,"cmd":"export","error":"InvalidParam","message":"export svg: --width 10001 is out of range"#))
        #expect(try parseXML(file).status == 0)
    }
}
