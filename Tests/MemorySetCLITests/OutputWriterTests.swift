import Foundation
import Testing
@testable import MemorySetCLI

@Suite("Output writer")
struct OutputWriterTests {
    /// A pipe's two descriptors.
    func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        return (fds[0], fds[1])
    }

    /// Everything readable from `fd` until end of file.
    func drain(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("Text is buffered until flush, then written whole")
    func buffering() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let writer = OutputWriter(fd: writeEnd, bufferLimit: 1 << 20)
        writer.write("map ")
        writer.write("0x1000 ✓\n")
        var probe = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&probe, 1, 0) == 0, "written before flush")
        writer.flush()
        close(writeEnd)
        #expect(drain(readEnd) == "map 0x1000 ✓\n")
    }

    @Test("Past the buffer limit, text is written without an explicit flush")
    func limit() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let writer = OutputWriter(fd: writeEnd, bufferLimit: 8)
        writer.write("0123456789\n")
        close(writeEnd)
        #expect(drain(readEnd) == "0123456789\n")
    }

    @Test("A reader that went away calls the handler once and drops later output")
    func brokenPipe() throws {
        ignoreBrokenPipeSignal()
        let (readEnd, writeEnd) = try makePipe()
        defer { close(writeEnd) }
        close(readEnd)
        var errors: [Int32] = []
        let writer = OutputWriter(fd: writeEnd, bufferLimit: 0) { errors.append($0) }
        writer.write("lost\n")
        writer.write("lost too\n")
        writer.flush()
        #expect(errors == [EPIPE])
    }
}
