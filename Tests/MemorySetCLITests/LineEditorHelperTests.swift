import Testing
@testable import MemorySetCLI

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
