import Testing
@testable import Shell

@Suite struct CompletionTests {
    let shell = makeShell(interactive: true)

    @Test func commandWords() {
        #expect(shell.completions(for: "") == CommandCatalog.all.map(\.name).sorted())
        #expect(shell.completions(for: "u") == ["undo", "unmap"])
        #expect(shell.completions(for: "MA") == ["map"])
        #expect(shell.completions(for: "areas; pr") == ["protect"])
        #expect(shell.completions(for: "zz").isEmpty)
    }

    @Test func optionsOfTheCommand() {
        #expect(shell.completions(for: "map 0 4K rw --") == ["--alloc", "--force", "--label", "--linear", "--populate"])
        #expect(shell.completions(for: "map 0 4K rw --force --") == ["--alloc", "--label", "--linear", "--populate"])
        #expect(shell.completions(for: "free 4K --h") == ["--hint"])
        #expect(shell.completions(for: "touch 0 --u") == ["--user"])
        #expect(shell.completions(for: "unmap 0 --").isEmpty)
    }

    @Test func keywordsAndFlags() {
        #expect(shell.completions(for: "set ") == ["backend", "frames", "page-size", "show", "space"])
        #expect(shell.completions(for: "set p") == ["page-size"])
        #expect(shell.completions(for: "set backend ") == ["mmu", "none"])
        #expect(shell.completions(for: "view a") == ["all"])
        #expect(shell.completions(for: "pt d") == ["dump"])
        #expect(shell.completions(for: "touch 0x1000 ") == ["--user", "r", "w", "x"])
        #expect(shell.completions(for: "help un") == ["undo", "unmap"])
        #expect(shell.completions(for: "map 0x1000 0x2000 r").contains("rw"))
        #expect(shell.completions(for: "areas # ").isEmpty)
        #expect(shell.completions(for: "bogus ").isEmpty)
    }
}
