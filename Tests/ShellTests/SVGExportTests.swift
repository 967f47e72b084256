import Foundation
import Testing
@testable import Shell

/// `export svg [FILE] [--width PX]` on files in memory: the picture's parts, the options,
/// the errors, and the goldens `Sessions/svg/NAME.svg` (the final state of every
/// `Sessions/NAME.mset`). `UPDATE_SESSIONS=1 swift test --filter SVGExportTests` rewrites
/// the goldens. That the documents are well-formed XML and render is checked end to end
/// (Tests/EndToEndTests/SVGExportTests.swift, `make svg-check`).
@Suite struct SVGExportTests {
    static let goldens = SessionTranscriptTests.directory.appendingPathComponent("svg")

    /// The picture `export svg` prints (no FILE) after `lines`.
    func picture(_ lines: [String], width: Int? = nil) -> String {
        let shell = makeShell(render: false)
        for line in lines { _ = shell.execute(line: line, at: SourceLocation(file: "test", line: 1)) }
        let out = run(shell, "export svg" + (width.map { " --width \($0)" } ?? ""))
        #expect(out.failures == 0, "\(out.stderr)")
        return out.stdout
    }

    /// The number of times `part` occurs in `text`.
    func count(_ part: String, in text: String) -> Int {
        text.components(separatedBy: part).count - 1
    }

    /// The failure of `line` in a fresh shell holding one area (kind, message).
    func failure(_ line: String, files: InMemoryFileSystem = InMemoryFileSystem()) -> (kind: String, message: String)? {
        let shell = makeShell(render: false, files: files)
        run(shell, "map 0 +4K r")
        return ShellTests.failure(shell, line)
    }

    // MARK: - Goldens

    /// The picture of the final state of `Sessions/NAME.mset` (run from memory as the
    /// transcripts are, then exported to a file in memory).
    static func finalPicture(_ name: String) throws -> String {
        let path = "Sessions/\(name)"
        let files = try SessionTranscriptTests.mapsFiles()
        files.files[path] = Array(try Data(contentsOf: SessionTranscriptTests.directory.appendingPathComponent(name)))
        let shell = Shell(options: ShellOptions(json: false, color: false, render: false, terminalWidth: 80,
                                                interactive: false), files: files)
        _ = shell.runFile(path: path) { _ in }
        let out = shell.execute(line: "export svg picture.svg", at: SourceLocation(file: "test", line: 1))
        guard out.failures == 0, let text = files.text("picture.svg") else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: out.stderr])
        }
        return text
    }

    @Test func everySessionHasAGolden() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.goldens.path).filter { $0.hasSuffix(".svg") }
        #expect(names.sorted() == SessionTranscriptTests.sessions.map { $0.replacingOccurrences(of: ".mset", with: ".svg") })
    }

    @Test(arguments: SessionTranscriptTests.sessions)
    func golden(name: String) throws {
        let actual = try Self.finalPicture(name)
        let url = Self.goldens.appendingPathComponent(name.replacingOccurrences(of: ".mset", with: ".svg"))
        if ProcessInfo.processInfo.environment["UPDATE_SESSIONS"] != nil {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("""
                \(name): picture differs at line \(line + 1)
                expected: \(line < e.count ? String(e[line]) : "<end>")
                actual:   \(line < a.count ? String(a[line]) : "<end>")
                """)
        }
    }

    // MARK: - The picture

    @Test func documentIsStandaloneSVG11OfTheGivenWidth() {
        let text = picture(["map 0x1000 +8K rw"], width: 1200)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"1200\" "))
        #expect(text.hasSuffix("</svg>\n"))
        #expect(text.contains("viewBox=\"0 0 1200 "))
        // The bar spans the width less the margins.
        #expect(text.contains("<rect x=\"16\" y=\"36\" width=\"1168\" height=\"40\" fill=\"none\""))
        #expect(picture(["map 0x1000 +8K rw"]).contains(" width=\"800\" "))
    }

    @Test func labelsAreEscaped() {
        let text = picture(["map 0x1000 +4K rw --label \"/tmp/a&b <x> 'q' \\\"d\\\"\""])
        #expect(text.contains("/tmp/a&amp;b &lt;x&gt; &apos;q&apos; &quot;d&quot;"))
        #expect(!text.contains("a&b"))
        #expect(SVGText.escaped("a\u{1}b\u{FFFE}\tc") == "a\u{FFFD}b\u{FFFD}\tc")
    }

    @Test func narrowPicturesCutWordsAtTheEnd() {
        let text = picture(["map 0x1000 +4K rwu", "map 0x7fff0000 +4K r"], width: 200)
        #expect(text.contains(">memory-set: 2 areas …</text>"))
        #expect(text.contains(">u user-accessible (h…</text>"))
    }

    @Test func longLabelsAreCutToTheWidth() {
        let long = "/" + String(repeating: "directory/", count: 40) + "libc.so.6"
        let text = picture(["map 0x1000 +4K rw --label \(long)"], width: 400)
        #expect(!text.contains(long))
        #expect(text.contains(">…") && text.contains("/libc.so.6</text>"))
    }

    @Test func hugeGapsAreElidedAsABreakMark() {
        let text = picture(["map 0x1000 +4K rw", "map 0x7fff0000 +64K r"])
        #expect(text.contains("<title>elided gap [0x2000, 0x7fff0000) (1.9 GiB)</title>"))
        #expect(text.contains("elided gap (not to scale)"))
        // A window without a huge gap draws none.
        let near = picture(["map 0x1000 +4K rw", "map 0x3000 +4K r", "view 0 0x8000"])
        #expect(!near.contains("elided gap"))
    }

    @Test func touchingAreasWithEqualFlagsShowABoundary() {
        let separator = "width=\"1\" height=\"40\" fill=\"#1a1a1a\""
        let touching = picture(["map 0x1000 +4K rw", "map 0x2000 +4K rw", "view 0 0x4000"])
        #expect(count(separator, in: touching) == 1)
        #expect(touching.contains("boundary between touching areas"))
        // The separator is where the second area starts: near the middle of [0, 0x4000)
        // (16 + 768 / 2; the least widths and the remainders move it by a pixel).
        #expect(touching.contains("<rect x=\"401\" y=\"36\" " + separator))
        let apart = picture(["map 0x1000 +4K rw", "map 0x3000 +4K rw", "view 0 0x4000"])
        #expect(count(separator, in: apart) == 0)
        #expect(!apart.contains("boundary"))
    }

    @Test func userAreasAreHatched() {
        let user = picture(["map 0x1000 +4K rwu"])
        #expect(user.contains("fill=\"url(#user)\""))
        #expect(user.contains("u user-accessible (hatched)"))
        #expect(!picture(["map 0x1000 +4K rw"]).contains("url(#user)"))
    }

    @Test func flagsPickTheFill() {
        let text = picture(["map 0x1000 +4K -", "map 0x3000 +4K r", "map 0x5000 +4K rw", "map 0x7000 +4K rx",
                            "map 0x9000 +4K rwx", "view 0 0xb000"])
        for kind in SVGPalette.Kind.allCases {
            #expect(text.contains("fill=\"\(kind.fill)\"><title>"), "\(kind)")
            #expect(text.contains(kind.legend))
        }
        #expect(SVGPalette.Kind.allCases.map(\.fill).count == Set(SVGPalette.Kind.allCases.map(\.fill)).count)
    }

    @Test func emptySet() {
        let text = picture([])
        #expect(text.contains("(no areas)"))
        #expect(text.contains("memory-set: 0 areas in view [0x0, 0x800000000000) (128 TiB)"))
        #expect(!text.contains("<title>["))
        #expect(text.contains(">free</text>"))
    }

    @Test func tableIsBoundedAndTotalled() {
        let maps = (0..<40).map { "map \(0x10000 + $0 * 0x2000) +4K r" }
        let text = picture(maps)
        let table = text.components(separatedBy: "<g id=\"table\">").last ?? ""
        // The header, 24 rows and the `… N more` line start after the swatches.
        #expect(count("<text x=\"34\" y=", in: table) == 1 + SVGDocument.maxRows + 1)
        #expect(text.contains("… 16 more areas in the view"))
        #expect(text.contains("40 areas in the view, 160 KiB"))
        // Too many areas for the pixels: sampled, and said so.
        let many = (0..<400).map { "map \(0x10000 + $0 * 0x2000) +4K r" }
        #expect(picture(many).contains("some strips sample several areas"))
    }

    @Test func theViewWindowIsDrawn() {
        let text = picture(["map 0x1000 +4K rw", "map 0x10000 +4K r", "view 0x8000 0x20000"])
        #expect(text.contains("1 area in view [0x8000, 0x20000)"))
        #expect(text.contains(">0x8000</text>") && text.contains(">0x20000</text>"))
        #expect(!text.contains("[0x1000, 0x2000)"))
    }

    // MARK: - The command

    @Test func widthIsBounded() {
        for bad in [0, 199, 10_001] {
            let f = failure("export svg x.svg --width \(bad)")
            #expect(f?.kind == "InvalidParam")
            #expect(f?.message == "export svg: --width \(bad) is out of range: expected 200 to 10000 pixels")
        }
        for good in [200, 10_000] { #expect(picture([], width: good).contains(" width=\"\(good)\" ")) }
        #expect(failure("export svg x.svg --width wide")?.kind == "SyntaxError")
        #expect(failure("export svg x.svg --width")?.kind == "SyntaxError")
        #expect(failure("export maps x.maps --width 300")?.message == "export maps: --width is an option of export svg only")
        #expect(failure("export png x.png")?.message.hasPrefix("export: unknown format 'png': expected maps or svg") == true)
    }

    @Test func writesAtomicallyThroughTheFileSystem() {
        let files = InMemoryFileSystem(directories: ["dir"])
        let shell = makeShell(render: false, files: files)
        let out = run(shell, "map 0x1000 +4K rw", "export svg pic.svg --width 640")
        #expect(out.stdout.hasSuffix("exported 1 area as SVG (640 x 214 px) to pic.svg\n"))
        #expect(files.text("pic.svg")?.hasPrefix("<?xml") == true)
        #expect(files.text("pic.svg") == run(shell, "export svg --width=640").stdout)
        let dir = run(shell, "export svg dir")
        #expect(dir.stderr == "test:1: error: BadState: export: cannot write 'dir': is a directory\n")
        files.failures["fifo"] = .notARegularFile
        #expect(run(shell, "export svg fifo").stderr == "test:1: error: BadState: export: cannot write 'fifo': not a regular file\n")
        #expect(files.files["fifo"] == nil)
        #expect(failure("export svg \"\"")?.message == "export svg: the file name is empty")
    }

    /// A window of many areas polls the cancellation while adding up its total (every 4096
    /// areas): stopped, nothing is written.
    @Test func interrupted() {
        let lines = (0..<4200).map { i in MapsFormat.line(start: UInt64(i) * 0x2000 + 0x1000, end: UInt64(i) * 0x2000 + 0x2000,
                                                            flags: .read, label: nil) }
        let files = InMemoryFileSystem(["big.maps": lines.joined()])
        let shell = makeShell(render: false, files: files)
        #expect(run(shell, "load maps big.maps").failures == 0)
        let stopper = Stopper(1)
        shell.cancellation = stopper.cancellation
        let out = run(shell, "export svg big.svg")
        #expect(out.interrupted && out.stderr == "interrupted\n")
        #expect(files.text("big.svg") == nil)
        stopper.stopAt.store(.max, ordering: .relaxed)
        #expect(run(shell, "export svg big.svg").failures == 0)
        #expect(files.text("big.svg")?.contains("4200 areas in the view, 16.4 MiB") == true)
    }

    @Test func jsonResult() throws {
        let files = InMemoryFileSystem()
        let shell = makeShell(json: true, files: files)
        let lines = try jsonLines(run(shell, "map 0x1000 +4K rw", "export svg p.svg --width 300", "export svg"))
        #expect(lines[1]["cmd"] as? String == "export")
        #expect(lines[1]["format"] as? String == "svg")
        #expect(lines[1]["file"] as? String == "p.svg")
        #expect(lines[1]["areas"] as? Int == 1)
        #expect(lines[1]["width"] as? Int == 300)
        #expect((lines[1]["height"] as? Int).map { $0 > 100 } == true)
        #expect(lines[1]["text"] == nil)
        #expect(lines[2]["file"] is NSNull)
        #expect((lines[2]["text"] as? String)?.hasPrefix("<?xml") == true)
        #expect(Array(lines[1].keys).sorted() == ["areas", "cmd", "file", "format", "height", "ok", "width"])
    }

    @Test func helpAndCompletion() {
        #expect(run(makeShell(), "help export").stdout.hasPrefix("usage: export maps [FILE] | export svg [FILE] [--width PX]\n"))
        let shell = makeShell()
        #expect(shell.completions(for: "export ") == ["maps", "svg"])
        #expect(shell.completions(for: "export maps x ") == [])
        #expect(shell.completions(for: "export svg x --w") == ["--width"])
    }

    @Test func arithmetic() {
        #expect(SVGText.scaled(3, by: 5, over: 4) == (3, 3))
        #expect(SVGText.scaled(UInt64.max, by: 10_000, over: UInt64.max) == (10_000, 0))
        #expect(SVGText.scaled(1 << 63, by: 768, over: UInt64.max).quotient == 384)
        #expect(SVGText.cut("/usr/lib/libc.so.6", to: 11) == "…/libc.so.6")
        #expect(SVGText.cut("short", to: 11) == "short")
        #expect(SVGText.truncated("u user-accessible (hatched)", to: 15) == "u user-accessi…")
        #expect(SVGText.truncated("short", to: 5) == "short")
    }
}
