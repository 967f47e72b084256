import Foundation
import Shell
import Synchronization
import Testing
@testable import MemorySetCLI

/// Reading streams: a FIFO is read as it is written, and a read waiting for a writer ends
/// when the user interrupts it (Ctrl-C) instead of blocking forever.
@Suite("SystemFileSystem streams", .serialized)
struct SystemFileSystemStreamTests {
    /// A FIFO in a fresh temporary directory.
    static func fifo() throws -> (directory: String, path: String) {
        let directory = NSTemporaryDirectory() + "memory-set-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/f"
        guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return (directory, path)
    }

    @Test("a FIFO with no writer: the read ends with `interrupted` once the flag is set")
    func fifoWithoutWriterIsInterruptible() throws {
        let (directory, path) = try Self.fifo()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let polls = Atomic<Int>(0)
        // Interrupted on the fifth look: the read must have waited (polled) before that.
        let files = SystemFileSystem(isInterrupted: { polls.add(1, ordering: .relaxed).newValue >= 5 })
        let started = Date()
        #expect(throws: FileError.interrupted) { try files.read(path, limit: 1 << 20) }
        #expect(polls.load(ordering: .relaxed) >= 5)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("a FIFO is read to its end as its writer writes, in pieces")
    func fifoIsReadAsAStream() throws {
        let (directory, path) = try Self.fifo()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = Thread {
            // Opening for writing waits for the reader; then two pieces, apart in time.
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            _ = "map 0x1000 +4K r\n".withCString { write(fd, $0, strlen($0)) }
            usleep(200_000)
            _ = "areas\n".withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        writer.start()
        let files = SystemFileSystem(isInterrupted: { false })
        let bytes = try files.read(path, limit: 1 << 20)
        #expect(String(decoding: bytes, as: UTF8.self) == "map 0x1000 +4K r\nareas\n")
    }

    @Test("a regular file reads as before, and the interruption flag does not touch it")
    func regularFile() throws {
        let (directory, _) = try Self.fifo()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/plain"
        try Data("clear\n".utf8).write(to: URL(fileURLWithPath: path))
        let files = SystemFileSystem(isInterrupted: { true })
        #expect(try files.read(path, limit: 100) == Array("clear\n".utf8))
        #expect(throws: FileError.tooLarge(limit: 3)) { try files.read(path, limit: 3) }
    }
}
