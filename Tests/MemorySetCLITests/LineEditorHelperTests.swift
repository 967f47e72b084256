import Testing
@testable import MemorySetCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Line editor helpers")
struct LineEditorHelperTests {
    @Test("ANSI sequences in the prompt are wrapped in readline's ignore markers")
    func promptEscapes() {
        #expect(LineEditor.displayablePrompt("memory-set> ") == "memory-set> ")
        #expect(LineEditor.displayablePrompt("\u{1B}[1mms\u{1B}[0m> ") == "\u{1}\u{1B}[1m\u{2}ms\u{1}\u{1B}[0m\u{2}> ")
        #expect(LineEditor.displayablePrompt("\u{1B}[38;5;2mx") == "\u{1}\u{1B}[38;5;2m\u{2}x")
        // A sequence cut short is still closed.
        #expect(LineEditor.displayablePrompt("a\u{1B}[3") == "a\u{1}\u{1B}[3\u{2}")
    }

    @Test("File names are completed after source and save only, once the command word is done")
    func fileNamePositions() {
        #expect(LineEditor.expectsFileName("source "))
        #expect(LineEditor.expectsFileName("SAVE ses"))
        #expect(LineEditor.expectsFileName("map 0x1000 0x2000 rw; source /tmp/"))
        #expect(!LineEditor.expectsFileName("source"))
        #expect(!LineEditor.expectsFileName("sou"))
        #expect(!LineEditor.expectsFileName("map "))
        #expect(!LineEditor.expectsFileName("source x; map "))
        #expect(!LineEditor.expectsFileName(""))
    }

    @Test("History file: $MEMORY_SET_HISTORY, empty for none, else ~/.memory_set_history")
    func historyPath() {
        func path(_ variables: [String: String]) -> String? {
            LineEditor.defaultHistoryPath { variables[$0] }
        }
        #expect(path(["MEMORY_SET_HISTORY": "/tmp/h", "HOME": "/home/u"]) == "/tmp/h")
        #expect(path(["MEMORY_SET_HISTORY": "", "HOME": "/home/u"]) == nil)
        #expect(path(["HOME": "/home/u"]) == "/home/u/.memory_set_history")
        #expect(path(["HOME": "/home/u/"]) == "/home/u/.memory_set_history")
    }
}

/// The editor's key reader on a pipe (the terminal is exercised by the end-to-end tests).
@Suite("Line editor key reader", .serialized)
struct LineEditorKeyReaderTests {
    /// A non-blocking pipe holding `bytes`; the write end is closed when `closed`.
    static func pipe(_ bytes: [UInt8], closed: Bool) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        #expect(makePipe(&ends) == 0)
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        #expect(write(ends[1], bytes, bytes.count) == bytes.count)
        if closed { close(ends[1]) }
        return (ends[0], closed ? -1 : ends[1])
    }

    @Test("Characters are decoded as UTF-8, an invalid byte dropped; end of input gives -1")
    func decoding() {
        let previous = String(cString: setlocale(LC_CTYPE, nil))
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        defer { _ = setlocale(LC_CTYPE, previous) }
        Interrupt.reset()
        // a, é (2 bytes), ☃ (3 bytes), an invalid 0xFF, b, then a cut é before the end.
        let input: [UInt8] = [0x61, 0xC3, 0xA9, 0xE2, 0x98, 0x83, 0xFF, 0x62, 0xC3]
        let ends = Self.pipe(input, closed: true)
        defer { close(ends.read) }
        let keys = (0..<5).map { _ in LineEditor.readKey(from: ends.read) }
        #expect(keys == [0x61, 0xE9, 0x2603, 0x62, -1])
    }

    @Test("A pending Ctrl-C ends the read before any key is taken, and stays pending")
    func interrupted() {
        let ends = Self.pipe([0x61], closed: false)
        defer {
            close(ends.read)
            close(ends.write)
            Interrupt.reset()
        }
        Interrupt.flag.store(true, ordering: .sequentiallyConsistent)
        #expect(LineEditor.readKey(from: ends.read) == -1)
        #expect(Interrupt.take())
        // The key is still there for the next read.
        #expect(LineEditor.readKey(from: ends.read) == 0x61)
    }
}

/// `pipe(2)`, named apart from ``LineEditorKeyReaderTests/pipe(_:closed:)``.
private func makePipe(_ ends: inout [Int32]) -> Int32 {
    pipe(&ends)
}
