import Testing
@testable import Shell

@Suite struct NumberParserTests {
    static let valid: [(String, UInt64)] = [
        ("0x1F000", 0x1f000), ("0X1f000", 0x1f000), ("4096", 4096), ("0b1010", 10), ("0B11", 3),
        ("0x7fff_f000", 0x7fff_f000), ("1_000", 1000), ("0x_ff", 0xff), ("4K", 4096), ("4k", 4096),
        ("2M", 2 << 20), ("1G", 1 << 30), ("1t", 1 << 40), ("0x10K", 0x4000), ("0b1K", 1024), ("0x1g", 1 << 30),
        ("0", 0), ("0K", 0), ("007", 7), ("0xffffffffffffffff", UInt64.max),
        ("18446744073709551615", UInt64.max), ("16777215T", 16_777_215 << 40),
        ("17179869183G", 17_179_869_183 << 30),
    ]

    @Test(arguments: valid)
    func parses(text: String, value: UInt64) throws {
        #expect(try NumberParser.parse(text[...]).get() == value)
    }

    @Test(arguments: [
        ("", "empty"), ("0x", "no digits"), ("0b", "no digits"), ("K", "no digits"),
        ("12ab", "'a' is not a decimal digit"), ("0b102", "'2' is not a binary digit"),
        ("0x1z", "'z' is not a hex digit"), ("-1", "negative"), ("1.5", "'.' is not a decimal digit"),
        ("_1", "'_' may only separate digits"), ("1KK", "suffix"), ("1K2", "suffix"),
        ("0x10000000000000000", "64 bits"), ("18446744073709551616", "64 bits"),
        ("99999999999999999999999", "64 bits"), ("17179869184G", "64 bits"), ("16777216T", "64 bits"),
        ("1é", "non-ASCII"), ("\u{FFFD}", "non-ASCII"),
    ])
    func rejects(text: String, why: String) {
        switch NumberParser.parse(text[...]) {
        case .success(let value): Issue.record("\(text) parsed as \(value)")
        case .failure(let error):
            #expect(error.kind == .syntaxError)
            #expect(error.message.contains(why), "\(error.message)")
        }
    }
}
