import Foundation
import Testing
@testable import Shell

/// Replays every `Sessions/*.mset` and compares its transcript byte for byte with the
/// `.out` beside it. Transcript = what a file run prints (render on, color off, width 80),
/// with each input line echoed as `> LINE` and stderr interleaved after each line. Files are
/// in memory: the shell finds `Sessions/maps/*.maps` (read by the test) at those relative paths.
/// `UPDATE_SESSIONS=1 swift test --filter SessionTranscriptTests` rewrites the `.out` files.
@Suite struct SessionTranscriptTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sessions")

    static var sessions: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".mset") }.sorted()
    }

    /// Files in memory holding every `Sessions/maps/NAME` (and `Sessions/strace/NAME`, #15) at
    /// that relative path.
    static func mapsFiles() throws -> InMemoryFileSystem {
        let files = InMemoryFileSystem()
        for folder in ["maps", "strace"] {
            let url = directory.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                files.files["Sessions/\(folder)/" + name] = Array(try Data(contentsOf: url.appendingPathComponent(name)))
            }
        }
        return files
    }

    /// The transcript of the session file `name`: the file run from memory at `Sessions/NAME`
    /// (errors located at `Sessions/NAME:LINE`, its relative paths resolved against
    /// `Sessions/`), each line's stdout then stderr.
    static func transcript(_ name: String) throws -> String {
        let path = "Sessions/\(name)"
        let files = try mapsFiles()
        files.files[path] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        let shell = Shell(options: ShellOptions(json: false, color: false, render: true, terminalWidth: 80,
                                                interactive: false, echo: true), files: files)
        var out = ""
        _ = shell.runFile(path: path) { out += $0.stdout + $0.stderr }
        return out
    }

    /// A file run with echo (what `memory-set --echo FILE 2>&1` would print through
    /// `runFile(path:perLine:)`) is the transcript.
    @Test(arguments: ["errors.mset", "mmu-touch.mset", "maps.mset"])
    func fileRunWithEchoIsTheTranscript(name: String) throws {
        let path = "Sessions/\(name)"
        let files = try Self.mapsFiles()
        files.files[path] = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let shell = Shell(options: ShellOptions(render: true, terminalWidth: 80, echo: true), files: files)
        var text = ""
        _ = shell.runFile(path: path) { text += $0.stdout + $0.stderr }
        #expect(text == (try Self.transcript(name)))
    }

    @Test func thereAreSessions() {
        #expect(Self.sessions.count >= 12)
    }

    @Test(arguments: sessions)
    func replays(name: String) throws {
        let actual = try Self.transcript(name)
        let expectedURL = Self.directory.appendingPathComponent(name.replacingOccurrences(of: ".mset", with: ".out"))
        if ProcessInfo.processInfo.environment["UPDATE_SESSIONS"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("""
                \(name): transcript differs at line \(line + 1)
                expected: \(line < e.count ? String(e[line]) : "<end>")
                actual:   \(line < a.count ? String(a[line]) : "<end>")
                """)
        }
    }
}
