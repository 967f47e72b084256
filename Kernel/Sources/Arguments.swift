import MemorySetCore

/// The words after a command word, taken in order; options (`--name`) anywhere.
struct Arguments {
    let command: String
    var words: [Substring]

    init(command: String, words: [Substring]) {
        self.command = command
        self.words = words
    }

    /// Whether the option `name` is there (it is taken out).
    mutating func flag(_ name: String) -> Bool {
        guard let i = words.firstIndex(where: { $0.lowercased() == name }) else { return false }
        words.remove(at: i)
        return true
    }

    /// The value of the option `name` (both are taken out), or `nil`.
    mutating func option(_ name: String) throws(CommandError) -> UInt64? {
        guard let i = words.firstIndex(where: { $0.lowercased() == name }) else { return nil }
        guard i &+ 1 < words.count else { throw CommandError("SyntaxError", command + ": " + name + " needs a value") }
        let value = try parse(words[i &+ 1], name)
        words.removeSubrange(i...(i &+ 1))
        return value
    }

    mutating func next() -> Substring? { words.isEmpty ? nil : words.removeFirst() }

    mutating func number(_ name: String) throws(CommandError) -> UInt64 {
        guard let word = next() else {
            throw CommandError("SyntaxError", command + ": missing " + name)
        }
        return try parse(word, name)
    }

    /// START and END (or +SIZE): page-aligned, END ≥ START, inside the playground.
    mutating func range() throws(CommandError) -> (UInt64, UInt64) {
        let start = try number("START")
        guard let word = next() else { throw CommandError("SyntaxError", command + ": missing END") }
        var end: UInt64
        if word.hasPrefix("+") {
            let size = try parse(word.dropFirst(), "END")
            let (sum, overflow) = start.addingReportingOverflow(size)
            guard !overflow else { throw CommandError("InvalidParam", command + ": START + SIZE overflows") }
            end = sum
        } else {
            end = try parse(word, "END")
        }
        for (name, value) in [("START", start), ("END", end)] where value & 0xfff != 0 {
            throw CommandError("InvalidParam", command + ": " + name + " " + hex(value) + " is not aligned to the page size 0x1000")
        }
        guard end >= start else {
            throw CommandError("InvalidParam", command + ": END " + hex(end) + " is below START " + hex(start))
        }
        let space = Sv39Table.playground
        guard start >= space.start.rawValue, end <= space.end.rawValue else {
            throw CommandError("InvalidParam", command + ": " + describe(AddrRange(start: VirtAddr(start), end: VirtAddr(end)))
                + " is outside the address space " + describe(space))
        }
        return (start, end)
    }

    /// FLAGS: `r`, `w`, `x`, `u` in any order, `-` as a placeholder.
    mutating func flags() throws(CommandError) -> MappingFlags {
        guard let word = next() else { throw CommandError("SyntaxError", command + ": missing FLAGS") }
        var flags = MappingFlags()
        for c in word.lowercased().utf8 {
            switch c {
            case UInt8(ascii: "r"): flags.insert(.read)
            case UInt8(ascii: "w"): flags.insert(.write)
            case UInt8(ascii: "x"): flags.insert(.execute)
            case UInt8(ascii: "u"): flags.insert(.user)
            case UInt8(ascii: "-"): break
            default:
                throw CommandError("SyntaxError", command + ": bad flags '" + word + "': '"
                    + String(decoding: [c], as: UTF8.self) + "' is not one of r, w, x, u, '-'")
            }
        }
        return flags
    }

    /// No word left.
    func end() throws(CommandError) {
        if let word = words.first { throw CommandError("SyntaxError", command + ": unexpected '" + word + "'") }
    }

    /// `0x1f000`, `4096`, `0b1010`, with `_` between digits and a K, M, G or T suffix.
    func parse(_ word: Substring, _ name: String) throws(CommandError) -> UInt64 {
        var digits = Array(word.lowercased().utf8)
        var radix: UInt64 = 10
        if digits.count > 2 && digits[0] == UInt8(ascii: "0") && (digits[1] == UInt8(ascii: "x") || digits[1] == UInt8(ascii: "b")) {
            radix = digits[1] == UInt8(ascii: "x") ? 16 : 2
            digits.removeFirst(2)
        }
        var shift: UInt64 = 0
        switch digits.last {
        case UInt8(ascii: "k"): shift = 10
        case UInt8(ascii: "m"): shift = 20
        case UInt8(ascii: "g"): shift = 30
        case UInt8(ascii: "t"): shift = 40
        default: break
        }
        if shift != 0 { digits.removeLast() }
        var value: UInt64 = 0
        var any = false
        for c in digits where c != UInt8(ascii: "_") {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(c &- UInt8(ascii: "a")) &+ 10
            default: d = 99
            }
            guard d < radix else { throw CommandError("SyntaxError", command + ": " + name + ": bad number '" + word + "'") }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else {
                throw CommandError("SyntaxError", command + ": " + name + ": bad number '" + word + "': it does not fit in 64 bits")
            }
            value = s
            any = true
        }
        guard any else { throw CommandError("SyntaxError", command + ": " + name + ": bad number '" + word + "'") }
        guard value >> (64 &- shift) == 0 || shift == 0 else {
            throw CommandError("SyntaxError", command + ": " + name + ": bad number '" + word + "': it does not fit in 64 bits")
        }
        return value << shift
    }
}
