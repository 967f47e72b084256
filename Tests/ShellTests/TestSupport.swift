import Foundation
import MemorySetCore
import MMUSim
import Testing
@testable import Shell

/// A shell with human output, not interactive, width 80, no color; its file commands use
/// `files` (none when nil: they fail with `no file system`).
func makeShell(json: Bool = false, render: Bool = true, interactive: Bool = false, width: Int = 80,
               files: InMemoryFileSystem? = nil) -> Shell {
    let options = ShellOptions(json: json, color: false, render: render, terminalWidth: width, interactive: interactive)
    return files.map { Shell(options: options, files: $0) } ?? Shell(options: options)
}

/// Runs `lines` one by one at `test:N`, returning the concatenated output.
@discardableResult
func run(_ shell: Shell, _ lines: String...) -> ShellOutput {
    var out = ShellOutput()
    for (i, line) in lines.enumerated() {
        out.append(shell.execute(line: line, at: SourceLocation(file: "test", line: i + 1)))
    }
    return out
}

/// The areas of the shell as `[start, end) flags` strings.
func areas(_ shell: Shell) -> [String] {
    shell.session.state.set.map(\.description)
}

/// Parses one JSON line into a dictionary.
func jsonObject(_ line: Substring) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
    guard let object = value as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return object
}

/// The JSON objects of an output's stdout, one per line.
func jsonLines(_ out: ShellOutput) throws -> [[String: Any]] {
    try out.stdout.split(separator: "\n").map(jsonObject)
}

/// A set of `areas` (start, end, flags), each with no backend, mapped over a small page table.
func areaSet(_ areas: [(UInt64, UInt64, MappingFlags)]) -> AreaSet {
    var s = AreaSet()
    var pt = PageTable(frameCount: 64)
    for (start, end, flags) in areas {
        _ = try? s.map(Area(start: VirtAddr(start), end: VirtAddr(end), flags: flags, backend: .none), in: &pt)
    }
    return s
}
