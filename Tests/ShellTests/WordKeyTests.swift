import Testing
@testable import Shell
import TestSupport

@Suite struct WordKeyTests {
    /// `text` lowercased as the parser lowers ASCII words (A-Z only).
    static func asciiLowered(_ text: String) -> String {
        String(decoding: text.utf8.map(Token.lowered), as: UTF8.self)
    }

    /// The key of `text` read in place from a line, at every position of padding after it
    /// (the 8-byte loads and the byte-by-byte tail both run).
    static func keys(_ text: String) -> [WordKey] {
        (0...9).map { pad in
            let line = "x " + text + String(repeating: " ", count: pad)
            return Array(line.utf8).withUnsafeBufferPointer { WordKey(lowering: $0, from: 2, to: 2 + text.utf8.count) }
        }
    }

    @Test func keysAreEqualExactlyWhenTheLoweredWordsAre() {
        var rng = SplitMix64(state: 42)
        let alphabet = Array("aAzZ@[`{-=_09mMpP\u{7f}\u{0}".utf8)
        var words: [String] = ["", "map", "MAP", "--force", "--FORCE", "page-size", "PAGE-SIZE"]
        for _ in 0..<3000 {
            let length = Int(rng.next() % 18)
            words.append(String(decoding: (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        for word in words {
            let key = WordKey(lowering: word.utf8)
            #expect(Self.keys(word).allSatisfy { $0 == key }, "\(String(reflecting: word))")
            if word.utf8.count <= WordKey.maxLength {
                #expect(key != .none && key.count == word.utf8.count)
                #expect(key == WordKey(lowering: Self.asciiLowered(word).utf8))
                #expect((0..<key.count).map(key.byte) == Array(Self.asciiLowered(word).utf8))
            } else {
                #expect(key == .none)
            }
        }
        for (a, b) in zip(words, words.shuffled(using: &rng)) where a.utf8.count <= 15 && b.utf8.count <= 15 {
            #expect((WordKey(lowering: a.utf8) == WordKey(lowering: b.utf8)) == (Self.asciiLowered(a) == Self.asciiLowered(b)))
        }
    }

    @Test func nonASCIIWordsHaveNoKeyAndMatchKeywordsByUnicodeLowercasing() {
        #expect(WordKey(lowering: "mäp".utf8) == .none)
        let line = "bac\u{212A}end BACKEND back\u{301}end"
        let tokens = Lexer.segments(of: line)[0].tokens
        #expect(tokens.map { Keyword("backend").matches($0, in: line) } == [true, true, false])
    }
}
