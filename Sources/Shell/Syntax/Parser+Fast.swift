import MemorySetCore

extension Parser {
    /// The usual forms of the commands a piped session is made of, read straight from the
    /// line's bytes without separating the words into ``Arguments``:
    ///
    ///     find    ADDR
    ///     unmap   START  END|+SIZE
    ///     protect START  END|+SIZE  FLAGS
    ///     map     START  END|+SIZE  FLAGS  [--force]
    ///
    /// every word unquoted ASCII, START and ADDR starting with a digit, END with a digit or
    /// `+`. Anything else — another option, a word out of place, a number that does not
    /// parse — gives `nil` and goes the general way (``parseCommand(_:_:in:)``), which
    /// reports the error: a command read here is exactly what the general way reads.
    /// - Complexity: O(total length of the words)
    static func fastCommand(_ word: String, _ tokens: [Token], in line: String) -> Command? {
        guard tokens.count >= 2, tokens.count <= 5 else { return nil }
        return line.utf8.withContiguousStorageIfAvailable { bytes -> Command? in
            switch (word, tokens.count) {
            case ("find", 2):
                guard let addr = number(tokens[1], bytes) else { return nil }
                return .find(addr)
            case ("unmap", 3):
                guard let range = range(tokens[1], tokens[2], bytes) else { return nil }
                return .unmap(range)
            case ("protect", 4):
                guard let range = range(tokens[1], tokens[2], bytes), let flags = flags(tokens[3], bytes) else { return nil }
                return .protect(range, flags)
            case ("map", 4), ("map", 5):
                let force = tokens.count == 5
                if force { guard plain(tokens[4]), tokens[4].key == forceKeyword.key else { return nil } }
                guard let range = range(tokens[1], tokens[2], bytes), let flags = flags(tokens[3], bytes) else { return nil }
                return .map(range, flags, backend: nil, force: force)
            default:
                return nil
            }
        } ?? nil
    }

    /// `--force`.
    private static let forceKeyword = Keyword("--force")

    /// Whether `token` is an unquoted ASCII word.
    @inline(__always)
    private static func plain(_ token: Token) -> Bool { token.isASCII && !token.quoted }

    /// The number `token` when it is an unquoted ASCII word starting with a digit that parses.
    private static func number(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard plain(token), token.lead &- UInt8(ascii: "0") < 10 else { return nil }
        return try? NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])).get()
    }

    /// `START END` or `START +SIZE`, when both parse.
    private static func range(_ start: Token, _ end: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> RangeSpec? {
        guard let first = number(start, bytes) else { return nil }
        if plain(end), end.lead == UInt8(ascii: "+") {
            guard let size = try? NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[(end.start + 1)..<end.end])).get() else {
                return nil
            }
            return RangeSpec(start: first, end: .relative(size))
        }
        guard let last = number(end, bytes) else { return nil }
        return RangeSpec(start: first, end: .absolute(last))
    }

    /// The flags `token` spells, when it is an unquoted ASCII word.
    private static func flags(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> MappingFlags? {
        guard plain(token) else { return nil }
        return MappingFlags(parsingUTF8: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
    }
}

extension Parser {
    /// The command of `line` when the whole line is one command in a usual form (see
    /// ``fastCommand(_:_:in:)``), read straight from its bytes with neither tokens nor
    /// ``Lexer``; `nil` sends the line the general way (``Lexer/Segments`` then
    /// ``parse(_:)-swift.type.method``), which reads it exactly as here:
    ///
    ///     ␣␣map␣0x1000␣+4K␣rw␣--force␣␣
    ///       ~~~ ~~~~~~ ~~~ ~~ ~~~~~~~
    ///       the words, blank-separated: lowercase command word, unquoted ASCII,
    ///       no `;` `#` `"` anywhere on the line (one command, no comment, no string)
    ///
    /// - Complexity: O(length of the line)
    static func fastLine(_ line: String) -> ParsedCommand? {
        line.utf8.withContiguousStorageIfAvailable { try? fastLine($0, source: .text(line)) } ?? nil
    }

    /// The command of the line whose UTF-8 bytes are `bytes`, as ``fastLine(_:)`` reads it;
    /// the command refers to the bytes (``LineSource/bytes(_:)``): it is valid only while
    /// they are.
    /// - Throws: ``NotFast`` where ``fastLine(_:)`` gives `nil`. (Not an optional: the
    ///   caller drops a `ParsedCommand`, not an optional one, whose destruction goes through
    ///   the type's metadata, ~130 instructions a line.)
    /// - Complexity: O(length of the line)
    static func fastLine(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(NotFast) -> ParsedCommand {
        try fastLine(bytes, source: .bytes(bytes))
    }

    /// A line the fast way does not read: it goes the general way.
    struct NotFast: Error {}

    /// The command of `bytes`, the text of `source`.
    /// - Complexity: O(length of the line)
    private static func fastLine(_ bytes: UnsafeBufferPointer<UInt8>, source: LineSource) throws(NotFast) -> ParsedCommand {
        var words = FastWords(bytes)
        guard let first = words.next() else { throw NotFast() }
        let word: String
        let command: Command
        switch FastWords.command(bytes, first) {
        case 1:
            guard let addr = words.number() else { throw NotFast() }
            word = "find"
            command = .find(addr)
        case 2:
            guard let range = words.range() else { throw NotFast() }
            word = "unmap"
            command = .unmap(range)
        case 3:
            guard let range = words.range(), let flags = words.flags() else { throw NotFast() }
            word = "protect"
            command = .protect(range, flags)
        case 4:
            guard let range = words.range(), let flags = words.flags() else { throw NotFast() }
            var force = false
            if let option = words.next() {
                guard FastWords.isForce(bytes, option) else { throw NotFast() }
                force = true
            }
            word = "map"
            command = .map(range, flags, backend: nil, force: force)
        default:
            throw NotFast()
        }
        guard words.atEnd else { throw NotFast() }
        return ParsedCommand(word: word, command: command, span: first.lowerBound..<words.lastEnd, source: source)
    }

    /// The blank-separated words of a line for ``fastLine(_:)``, one at a time; stops
    /// (``next()`` gives `nil` and ``atEnd`` is `false`) at a byte the fast way does not
    /// read: `;`, `#`, `"`, `\n` or a non-ASCII byte (``stops``).
    struct FastWords {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        /// Set at a byte the fast way does not read.
        var refused = false
        /// Where the last word handed out ends.
        var lastEnd = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The next word's byte range; `nil` at the end of the line or at a refused byte.
        /// - Complexity: O(length of the word and the blanks before it)
        mutating func next() -> Range<Int>? {
            guard skipBlanks() else { return nil }
            let end = bytes.count
            let start = i
            while i < end {
                let b = bytes[i]
                // Letters, digits and most punctuation: one comparison and one bit test.
                if b < 64, FastWords.stops >> UInt64(b) & 1 != 0 {
                    if isBlank(b) { break }
                    refused = true
                    return nil
                }
                if b >= 0x80 {
                    refused = true
                    return nil
                }
                i += 1
            }
            lastEnd = i
            return start..<i
        }

        /// The next word as a number that starts with a digit (START, ADDR), or `nil`.
        /// `0x` and 1 to 16 hex digits are read as they are scanned; any other word is cut
        /// first, then read by ``NumberParser`` (which gives the same value for those).
        /// - Complexity: O(length of the word and the blanks before it)
        mutating func number() -> UInt64? {
            guard skipBlanks(), bytes[i] &- UInt8(ascii: "0") < 10 else { return nil }
            if let value = hexWord() { return value }
            guard let word = next() else { return nil }
            return try? NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[word])).get()
        }

        /// The next two words as `START END` or `START +SIZE`, or `nil`.
        /// - Complexity: O(length of the words and the blanks before them)
        mutating func range() -> RangeSpec? {
            guard let start = number(), skipBlanks() else { return nil }
            guard bytes[i] == UInt8(ascii: "+") else {
                guard let end = number() else { return nil }
                return RangeSpec(start: start, end: .absolute(end))
            }
            let plus = i
            i += 1
            if let size = hexWord() { return RangeSpec(start: start, end: .relative(size)) }
            i = plus
            guard let word = next(),
                  let size = try? NumberParser.value(of: UnsafeBufferPointer(rebasing: bytes[(word.lowerBound + 1)..<word.upperBound])).get()
            else { return nil }
            return RangeSpec(start: start, end: .relative(size))
        }

        /// The next word as flags (`rw`, `r-x-`…), or `nil`: a word of the letters `r` `w` `x`
        /// `u` (either case) and `-` is read as it is scanned, into the bits of
        /// ``MappingFlags`` (read, write, execute, user: bits 0 to 3); any other word is cut
        /// first, then read by ``MappingFlags/init(parsingUTF8:)`` as before.
        /// - Complexity: O(length of the word and the blanks before it)
        mutating func flags() -> MappingFlags? {
            guard skipBlanks() else { return nil }
            var k = i
            var bits: UInt8 = 0
            scan: while k < bytes.count {
                let b = bytes[k]
                switch b | 0x20 {
                case UInt8(ascii: "r"): bits |= 1
                case UInt8(ascii: "w"): bits |= 2
                case UInt8(ascii: "x"): bits |= 4
                case UInt8(ascii: "u"): bits |= 8
                case UInt8(ascii: "-") where b == UInt8(ascii: "-"): break
                default: break scan
                }
                k &+= 1
            }
            if k > i, k == bytes.count || isBlank(bytes[k]) {
                i = k
                lastEnd = k
                return MappingFlags(rawValue: bits)
            }
            guard let word = next() else { return nil }
            return MappingFlags(parsingUTF8: UnsafeBufferPointer(rebasing: bytes[word]))
        }

        /// Skips blanks; whether a byte is left.
        /// - Complexity: O(number of blanks)
        @inline(__always)
        private mutating func skipBlanks() -> Bool {
            while i < bytes.count, isBlank(bytes[i]) { i += 1 }
            return i < bytes.count
        }

        /// At ``i``, `0x` (or `0X`) and 1 to 16 hex digits that end the word (a blank or the
        /// end of the line follows): their value, the word consumed. Anything else: `nil`,
        /// nothing consumed.
        ///
        ///     0x7fff_f000   0x1000K   0x   0x1000;   → nil (read the general way)
        ///     0x44cb000␣    0x1F000               → the value
        /// - Complexity: O(length of the word)
        @inline(__always)
        private mutating func hexWord() -> UInt64? {
            let count = bytes.count
            var k = i
            guard k &+ 2 < count, bytes[k] == UInt8(ascii: "0"), bytes[k &+ 1] | 0x20 == UInt8(ascii: "x") else { return nil }
            k &+= 2
            let digits = k
            var value: UInt64 = 0
            // Eight bytes at once when they are there to read; byte by byte past eight digits.
            var byByte = true
            if k &+ 8 <= count, let base = bytes.baseAddress,
               let (n, leading) = FastWords.leadingHexDigits(
                   UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: k, as: UInt64.self))) {
                value = leading
                k &+= n
                byByte = n == 8
            }
            while byByte, k < count {
                guard let d = NumberParser.hexDigitValue(bytes[k]) else { break }
                value = value &<< 4 | UInt64(d)
                k &+= 1
            }
            guard UInt(bitPattern: k &- digits &- 1) < 16, k == count || isBlank(bytes[k]) else { return nil }
            i = k
            lastEnd = k
            return value
        }

        /// The hex digits that start `word` (eight bytes, the first the lowest): how many (0 to
        /// 8) and their value; `nil` when a byte is beyond ASCII (read byte by byte then).
        /// Each byte is tested and converted in place (SWAR):
        ///
        ///     "1f00 +0x"   digit or letter: high bit of each byte   → 4 digits
        ///     01 0f 00 00  nibble = low four bits (+ 9 for a letter) → 0x1f00
        ///                  merged by pairs, first digit highest
        /// - Complexity: O(1)
        @inline(__always)
        static func leadingHexDigits(_ word: UInt64) -> (count: Int, value: UInt64)? {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            guard word & high == 0 else { return nil }
            // The high bit of each byte of x that is at least m (all bytes below 0x80: the
            // sums stay within their byte).
            func atLeast(_ x: UInt64, _ m: UInt64) -> UInt64 { (x &+ (0x80 &- m) &* ones) & high }
            let digit = atLeast(word, 0x30) & ~atLeast(word, 0x3a)
            let folded = word | 0x20 &* ones
            let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x67)
            let n = (~(digit | letter) & high).trailingZeroBitCount &>> 3
            guard n > 0 else { return (0, 0) }
            let digits = n == 8 ? word : word & ((1 &<< UInt64(truncatingIfNeeded: n &* 8)) &- 1)
            var v = (digits & 0x0f0f_0f0f_0f0f_0f0f) &+ ((digits &>> 6) & ones) &* 9
            v = v.byteSwapped
            v = (v & 0x0f00_0f00_0f00_0f00) &>> 4 | (v & 0x000f_000f_000f_000f)
            v = (v & 0x00ff_0000_00ff_0000) &>> 8 | (v & 0x0000_00ff_0000_00ff)
            v = (v & 0x0000_ffff_0000_0000) &>> 16 | (v & 0x0000_0000_0000_ffff)
            return (n, v &>> UInt64(truncatingIfNeeded: (8 &- n) &* 4))
        }

        /// Whether only blanks are left (nothing refused).
        /// - Complexity: O(number of blanks left)
        var atEnd: Bool {
            mutating get { next() == nil && !refused }
        }

        /// 1 `find`, 2 `unmap`, 3 `protect`, 4 `map` (exactly, lowercase), 0 otherwise.
        /// - Complexity: O(1)
        static func command(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int {
            switch word.count {
            case 3: return packed(bytes, word) == Key.map ? 4 : 0
            case 4: return packed(bytes, word) == Key.find ? 1 : 0
            case 5: return packed(bytes, word) == Key.unmap ? 2 : 0
            case 7: return packed(bytes, word) == Key.protect ? 3 : 0
            default: return 0
            }
        }

        /// Whether `bytes[word]` is `--force`.
        /// - Complexity: O(1)
        static func isForce(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
            word.count == 7 && packed(bytes, word) == Key.force
        }

        /// The words the fast way knows, as ``packed(_:_:)`` gives them (`map`: `m` the
        /// lowest byte); ``FastLineTests`` checks each against its text.
        enum Key {
            static var map: UInt64 { 0x70_61_6d }
            static var find: UInt64 { 0x64_6e_69_66 }
            static var unmap: UInt64 { 0x70_61_6d_6e_75 }
            static var protect: UInt64 { 0x74_63_65_74_6f_72_70 }
            static var force: UInt64 { 0x65_63_72_6f_66_2d_2d }
        }

        /// The bytes of `word`, at most 8 of them, as one number, the first the lowest
        /// (little-endian): one unaligned load when 8 bytes are there to read, masked to the
        /// word's length; byte by byte near the end of the line.
        /// - Precondition: `word.count <= 8`.
        /// - Complexity: O(1)
        @inline(__always)
        static func packed(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt64 {
            let n = word.count
            if let base = bytes.baseAddress, word.lowerBound &+ 8 <= bytes.count {
                let all = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: word.lowerBound, as: UInt64.self))
                return n == 8 ? all : all & ((1 &<< UInt64(truncatingIfNeeded: n &* 8)) &- 1)
            }
            var value: UInt64 = 0
            for k in 0..<n { value |= UInt64(bytes[word.lowerBound &+ k]) &<< UInt64(truncatingIfNeeded: k &* 8) }
            return value
        }

        /// Space, or ASCII `\t` `\u{b}` `\u{c}` `\r`: the lexer's blanks but `\n`, which
        /// the fast way refuses (a text holding a line break is several lines:
        /// ``Shell/execute(line:at:)`` cuts it first).
        @inline(__always)
        private func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b &- 0x0b < 3 }

        /// The bytes below 64 that end a word here: the blanks, and `;` `#` `"` `\n` (refused).
        @inline(__always)
        static var stops: UInt64 { 1 << 0x20 | 0x1f << 0x09 | 1 << 0x3b | 1 << 0x23 | 1 << 0x22 }
    }
}
