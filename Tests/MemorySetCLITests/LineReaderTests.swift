import Foundation
import Testing
@testable import MemorySetCLI
import TestSupport

/// ``LineReader`` must cut standard input exactly as `readLine(strippingNewline: true)` did.
@Suite("Line reader")
struct LineReaderTests {

    /// What `readLine(strippingNewline: true)` returns, call after call, for `bytes` on stdin
    /// (the standard library's steps: up to and including each `\n`, decoded with repair, then
    /// a last Character "\n" or "\r\n" removed; a non-empty rest without `\n` is a last line).
    static func readLineReference(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        func finish() {
            var line = String(decoding: current, as: UTF8.self)
            if line.last == "\n" || line.last == "\r\n" { line.removeLast() }
            lines.append(line)
            current = []
        }
        for byte in bytes {
            current.append(byte)
            if byte == 0x0a { finish() }
        }
        if !current.isEmpty { finish() }
        return lines
    }

    /// A file holding `bytes`, opened for reading.
    static func descriptor(for bytes: [UInt8]) throws -> Int32 {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("line-reader-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        try #require(fd >= 0)
        return fd
    }

    static func allLines(of reader: LineReader) -> [String] {
        var lines: [String] = []
        while let line = reader.nextLine() { lines.append(line) }
        return lines
    }

    static func randomBytes(_ rng: inout SplitMix64) -> [UInt8] {
        let special: [UInt8] = [0x0a, 0x0a, 0x0d, 0x61, 0x20, 0x00, 0xff, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xcc, 0x81, 0x3b, 0x23, 0x3d, 0x22]
        return (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            Bool.random(using: &rng) ? special.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
        }
    }

    @Test("Random bytes, any chunk size: the lines readLine gave", arguments: [1, 2, 3, 7, 64 * 1024])
    func matchesReadLine(chunkSize: Int) throws {
        var rng = SplitMix64(state: UInt64(chunkSize))
        for _ in 0..<500 {
            let bytes = Self.randomBytes(&rng)
            let fd = try Self.descriptor(for: bytes)
            defer { close(fd) }
            let lines = Self.allLines(of: LineReader(fd: fd, chunkSize: chunkSize))
            #expect(lines == Self.readLineReference(bytes), "\(bytes)")
        }
    }

    @Test("Examples: \\n and \\r\\n stripped, a lone \\r kept, a last line without \\n counted, no empty last line")
    func examples() throws {
        let cases: [(String, [String])] = [
            ("", []), ("\n", [""]), ("a", ["a"]), ("a\n", ["a"]), ("a\r\n\r\nb\r", ["a", "", "b\r"]),
            ("a\rb\n\n", ["a\rb", ""]), ("x\r\r\n", ["x\r"]),
        ]
        for (text, expected) in cases {
            let fd = try Self.descriptor(for: Array(text.utf8))
            defer { close(fd) }
            #expect(Self.allLines(of: LineReader(fd: fd, chunkSize: 2)) == expected)
        }
    }

    @Test("withNextLine lends each line's bytes as read (not repaired), line breaks stripped", arguments: [1, 3, 64 * 1024])
    func lendsRawBytes(chunkSize: Int) throws {
        var rng = SplitMix64(state: 17 &+ UInt64(chunkSize))
        for _ in 0..<300 {
            let bytes = Self.randomBytes(&rng)
            let fd = try Self.descriptor(for: bytes)
            defer { close(fd) }
            let reader = LineReader(fd: fd, chunkSize: chunkSize)
            var lines: [[UInt8]] = []
            while let line = reader.withNextLine({ Array($0) }) { lines.append(line) }
            // The reference: cut at each \n, a \r before it dropped, a non-empty rest kept.
            var expected = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).map { Array($0) }
            if expected.last?.isEmpty == true { expected.removeLast() }
            for i in expected.indices.dropLast(bytes.last == 0x0a ? 0 : 1) where expected[i].last == 0x0d {
                expected[i].removeLast()
            }
            #expect(lines == expected, "\(bytes)")
            #expect(lines.map { String(decoding: $0, as: UTF8.self) } == Self.readLineReference(bytes))
        }
    }

    @Test("A line longer than the buffer grows it; the end of input is final")
    func longLine() throws {
        let long = String(repeating: "map 0 4K r;", count: 10_000)
        let fd = try Self.descriptor(for: Array((long + "\r\nfind 0").utf8))
        defer { close(fd) }
        let reader = LineReader(fd: fd, chunkSize: 100)
        #expect(Self.allLines(of: reader) == [long, "find 0"])
        #expect(reader.nextLine() == nil)
    }

    @Test("beforeRead runs before each read, only when no complete line is buffered")
    func flushesOnlyBeforeWaiting() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var events: [String] = []
        let reader = LineReader(fd: fds[0]) { events.append("read") }
        func send(_ text: String) { _ = text.withCString { write(fds[1], $0, strlen($0)) } }
        send("one\ntwo\nthr")
        func next() { events.append(reader.nextLine() ?? "nil") }
        next()
        next()
        // "thr" is incomplete: the reader must read again (after beforeRead), and the writer
        // sends the rest only then, as a program waiting for the answers would.
        send("ee\n")
        next()
        close(fds[1])
        next()
        #expect(events == ["read", "one", "two", "read", "three", "read", "nil"])
    }
}
