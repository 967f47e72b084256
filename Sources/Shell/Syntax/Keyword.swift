/// A short ASCII word lowercased and packed in two integers, so that a word of a line is
/// compared with a keyword (command word, option name, `set` key…) in two integer
/// comparisons: bytes 0…7 in `low`, bytes 8…14 and the length in `high`.
struct WordKey: Hashable, Sendable {
    let low: UInt64
    let high: UInt64

    /// The longest word that has a key.
    static let maxLength = 15

    /// The key of no word: for a word that is not ASCII or longer than ``maxLength`` bytes
    /// (its length byte, 0xff, is no word's length).
    static let none = WordKey(low: 0, high: .max)

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The key of the UTF-8 `bytes` lowercased (ASCII `A`…`Z` only, as
    /// ``Token/lowercased(in:)`` does for ASCII text), or ``none`` when they are not ASCII or
    /// longer than ``maxLength``.
    /// - Complexity: O(min(`bytes.count`, ``maxLength`` + 1))
    init<Bytes: Collection<UInt8>>(lowering bytes: Bytes) {
        let prefix = Array(bytes.prefix(WordKey.maxLength + 1))
        self = prefix.withUnsafeBufferPointer { WordKey(lowering: $0, from: 0, to: $0.count) }
    }

    /// The key of bytes `start..<end` of `bytes` lowercased (see ``init(lowering:)``): the
    /// bytes are read 8 at a time where the buffer has 8 bytes from there.
    /// - Complexity: O(1)
    @inline(__always)
    init(lowering bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        let count = end - start
        guard count <= WordKey.maxLength else {
            self = .none
            return
        }
        let low = WordKey.load(bytes, start, min(count, 8)), high = WordKey.load(bytes, start + 8, max(count - 8, 0))
        guard (low | high) & WordKey.topBits == 0 else {
            self = .none
            return
        }
        self.init(low: WordKey.lowering(low), high: WordKey.lowering(high) | UInt64(count) << 56)
    }

    /// `n` (at most 8) bytes of `bytes` from `offset`, the first in the low byte: one load
    /// when the buffer has 8 bytes from there.
    @inline(__always)
    private static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ n: Int) -> UInt64 {
        guard n > 0, let base = bytes.baseAddress else { return 0 }
        if offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
            return n == 8 ? word : word & (1 << (8 * UInt64(n)) - 1)
        }
        var word: UInt64 = 0
        for k in 0..<n { word |= UInt64(base[offset + k]) << (8 * k) }
        return word
    }

    /// The top bit of each of 8 bytes.
    private static let topBits: UInt64 = 0x8080_8080_8080_8080

    /// The 8 bytes of `x` (all ASCII) with `A`…`Z` lowered, all at once: a byte is a capital
    /// when adding 0x3f sets its top bit (it is ≥ `A`) and adding 0x25 does not (it is ≤ `Z`);
    /// no sum carries into the next byte. The top bit moved down to 0x20 lowers it.
    /// - Complexity: O(1)
    @inline(__always)
    private static func lowering(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let atLeastA = x &+ ones &* (0x80 - 0x41)
        let pastZ = x &+ ones &* (0x80 - 0x5b)
        let capitals = (atLeastA & ~pastZ) & topBits
        return x | (capitals >> 2)
    }

    /// The length of the word, or 0xff for ``none``.
    var count: Int { Int(high >> 56) }

    /// Byte `i` of the word (lowercased); `i` < ``count``.
    /// - Complexity: O(1)
    func byte(_ i: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: i < 8 ? low >> (8 * i) : high >> (8 * (i - 8)))
    }

    /// The first `n` bytes of the word (`n` ≤ ``count``), as bytes.
    /// - Complexity: O(`n`)
    func prefix(_ n: Int) -> [UInt8] { (0..<n).map(byte) }

    /// The offset of the first `byte` in the word (`byte` unchanged by lowering).
    /// - Complexity: O(``count``)
    func firstOffset(of byte: UInt8) -> Int? {
        guard self != .none else { return nil }
        for i in 0..<count where self.byte(i) == byte { return i }
        return nil
    }
}

/// A keyword of the language (lowercase ASCII, at most ``WordKey/maxLength`` bytes) with its
/// key, made once.
struct Keyword: Sendable {
    /// The keyword, e.g. `map`, `--force`, `page-size`.
    let name: String
    /// Its key.
    let key: WordKey

    /// The keyword `name`.
    /// - Precondition: `name` is lowercase ASCII, at most ``WordKey/maxLength`` bytes.
    /// - Complexity: O(length of `name`)
    init(_ name: String) {
        precondition(name.utf8.count <= WordKey.maxLength && name.utf8.allSatisfy { $0 < 0x80 && $0 == Token.lowered($0) },
                     "a keyword is lowercase ASCII")
        self.name = name
        key = WordKey(lowering: name.utf8)
    }

    /// Whether `token` (a word of `line`), lowercased, is this keyword; quotes are not looked
    /// at. An unquoted ASCII word is compared by key, any other word by its text lowercased
    /// (so `BAC\u{212A}END`, with a Kelvin sign, is `backend`).
    /// - Complexity: O(1) for an unquoted ASCII word, O(length of the word) otherwise.
    func matches(_ token: Token, in line: String) -> Bool {
        token.isASCII && !token.quoted ? token.key == key : token.text(in: line).lowercased() == name
    }
}

extension Keyword {
    /// `all`, of `view all`.
    static let all = Keyword("all")
    /// `dump`, of `pt dump`.
    static let dump = Keyword("dump")
    /// `self`, of `load pid self`.
    static let ownProcess = Keyword("self")
}
