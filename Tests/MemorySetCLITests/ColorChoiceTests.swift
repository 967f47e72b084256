import Testing
@testable import MemorySetCLI

@Suite("--color")
struct ColorChoiceTests {
    @Test("auto colors only a terminal without NO_COLOR; always and never ignore both")
    func resolution() {
        #expect(ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: nil))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: false, noColor: nil))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: "1"))
        #expect(!ColorChoice.auto.resolved(stdoutIsTerminal: true, noColor: ""))
        #expect(ColorChoice.always.resolved(stdoutIsTerminal: false, noColor: "1"))
        #expect(!ColorChoice.never.resolved(stdoutIsTerminal: true, noColor: nil))
    }

    @Test("Parsed from the three words only")
    func parsing() {
        #expect(ColorChoice(argument: "auto") == .auto)
        #expect(ColorChoice(argument: "always") == .always)
        #expect(ColorChoice(argument: "never") == .never)
        #expect(ColorChoice(argument: "yes") == nil)
    }
}
