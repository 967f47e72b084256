import Testing
@testable import MemorySetCLI

@Suite("--color")
struct ColorChoiceTests {
    @Test("auto colors only a terminal without NO_COLOR and not TERM=dumb; always and never ignore them")
    func resolution() {
        #expect(ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: nil, terminalType: "xterm"))
        #expect(ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: nil, terminalType: nil))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: false, noColor: nil, terminalType: "xterm"))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: "1", terminalType: "xterm"))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: "", terminalType: "xterm"))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: nil, terminalType: "dumb"))
        #expect(ColorChoice.always.resolved(stdoutIsTerminal: false, noColor: "1", terminalType: "dumb"))
        #expect(!ColorChoice.never.resolved(stdoutIsTerminal: true, noColor: nil, terminalType: "xterm"))
    }

    @Test("Parsed from the three words only")
    func parsing() {
        #expect(ColorChoice(argument: "auto") == .auto)
        #expect(ColorChoice(argument: "always") == .always)
        #expect(ColorChoice(argument: "never") == .never)
        #expect(ColorChoice(argument: "yes") == nil)
    }
}
