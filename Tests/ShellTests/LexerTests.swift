import Testing
@testable import Shell

@Suite struct LexerTests {
    func words(_ line: String) -> [[String]] {
        Lexer.segments(of: line).map { $0.words.map { String($0) } }
    }

    @Test func splitsCommandsAndWords() {
        #expect(words("map 0x1000 0x2000 rw") == [["map", "0x1000", "0x2000", "rw"]])
        #expect(words("  map\t1  2 ; unmap 1 2;;areas ") == [["map", "1", "2"], ["unmap", "1", "2"], ["areas"]])
        #expect(words("") == [])
        #expect(words("   ;  ; ") == [])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(words("# a comment; map 1 2 r") == [])
        #expect(words("areas # list; clear") == [["areas"]])
        #expect(words("areas#x") == [["areas"]])
    }

    @Test func quotedStringsKeepBlanksAndSeparators() {
        let segments = Lexer.segments(of: #"source "my file;#1.mset" ; save "a\"b\\c""#)
        #expect(segments.count == 2)
        #expect(segments[0].words[1] == "my file;#1.mset")
        #expect(segments[0].tokens[1].quoted)
        #expect(segments[1].words[1] == #"a"b\c"#)
    }

    @Test func unterminatedStringIsASyntaxErrorKeepingTheWord() {
        let segments = Lexer.segments(of: #"areas; source "abc"#)
        #expect(segments.count == 2)
        #expect(segments[1].words == ["source"])
        #expect(segments[1].error?.kind == .syntaxError)
        #expect(segments[1].error?.message.contains("unterminated") == true)
    }

    @Test func nonASCIIAndControlCharactersStayInWords() {
        let segments = Lexer.segments(of: "m\u{0}ap \u{FFFD}\u{301};x\u{301}")
        #expect(segments.count == 2)
        #expect(segments[0].tokens.count == 2)
        #expect(segments[1].words == ["x\u{301}"])
    }

    @Test func shownTokensAreEscapedAndCut() {
        #expect(Token.show("a\u{1}b") == #"'a\u{1}b'"#)
        #expect(Token.show(String(repeating: "x", count: 100)).count == 43)
    }
}
