import Testing
@testable import MemorySetCLI

@Suite("COLUMNS")
struct TerminalWidthTests {
    @Test("COLUMNS is taken when it is a positive decimal number, kept within 40...1000")
    func columnsParsing() {
        #expect(Terminal.columns("60") == 60)
        #expect(Terminal.columns(" 132 ") == 132)
        #expect(Terminal.columns(nil) == nil)
        for bad in ["", "0", "-5", "abc", "60x", "+60", "١٢٠", "99999999999"] {
            #expect(Terminal.columns(bad) == nil, "\(bad)")
        }
        #expect(Terminal.clamped(10) == Terminal.minimumWidth)
        #expect(Terminal.clamped(5000) == Terminal.maximumWidth)
        #expect(Terminal.clamped(100) == 100)
    }
}
