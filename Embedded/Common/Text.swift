import MemorySetCore

// Text for the programs built under Embedded Swift (the smoke program and the kernel): plain
// integer arithmetic on bytes, so that they depend only on the core's data, not on how the
// core or the Shell choose to print.

/// `0x` and lowercase hexadecimal digits, no leading zeros.
func hex(_ value: UInt64) -> String {
    var digits: [UInt8] = []
    var v = value
    repeat {
        let d = UInt8(truncatingIfNeeded: v & 0xf)
        digits.append(d < 10 ? UInt8(ascii: "0") &+ d : UInt8(ascii: "a") &+ (d &- 10))
        v >>= 4
    } while v != 0
    return "0x" + String(decoding: digits.reversed(), as: UTF8.self)
}

func hex(_ addr: VirtAddr) -> String { hex(addr.rawValue) }

/// `rw--`: read, write, execute, user.
func letters(_ flags: MappingFlags) -> String {
    var s = ""
    s += flags.contains(.read) ? "r" : "-"
    s += flags.contains(.write) ? "w" : "-"
    s += flags.contains(.execute) ? "x" : "-"
    s += flags.contains(.user) ? "u" : "-"
    return s
}

/// `[0x1000, 0x3000) rw--`.
func describe(_ range: AddrRange, _ flags: MappingFlags) -> String {
    describe(range) + " " + letters(flags)
}

/// The error's name as the Shell prints it.
func describe(_ error: MappingError) -> String {
    switch error {
    case .invalidParam: "InvalidParam"
    case .alreadyExists: "AlreadyExists"
    case .badState: "BadState"
    }
}

/// `[0x1000, 0x3000)`.
func describe(_ range: AddrRange) -> String {
    "[" + hex(range.start) + ", " + hex(range.end) + ")"
}
