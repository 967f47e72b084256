import MemorySetCore

/// The Linux `/proc/PID/maps` format, one area per line:
/// ```
/// 55ccf744d000-55ccf744f000 r--p 00000000 fe:00 253911                     /usr/bin/cat
/// 7f604744b000-7f604750f000 rw-p 00000000 00:00 0
/// ```
/// `START-END` (hex, no `0x`), permissions `[r-][w-][x-][ps]`, offset (hex), device
/// (`hex:hex`), inode (decimal), then the optional pathname, which may hold blanks.
enum MapsFormat {
    /// One parsed line.
    struct Entry: Equatable {
        /// The 1-based line number in the file.
        var line: Int
        var start: UInt64
        var end: UInt64
        /// `r`, `w`, `x` from the permissions (`p`/`s` ignored; no `u`).
        var flags: MappingFlags
        /// The pathname column, blanks around it removed; `nil` when empty.
        var label: String?
    }

    /// The entries of `text`; blank lines are skipped.
    /// - Parameter file: The file's name, for the `FILE:LINE:` of errors.
    /// - Throws: `SyntaxError` naming `FILE:LINE:` and what is wrong with the first
    ///   malformed line.
    /// - Complexity: O(length of the text)
    static func parse(_ text: String, file: String) throws(ShellError) -> [Entry] {
        var entries: [Entry] = []
        var number = 0
        for line in Shell.lines(of: text) {
            number += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            do {
                entries.append(try parseLine(line, number: number))
            } catch {
                throw .syntax("\(file):\(number): \(error.message)")
            }
        }
        return entries
    }

    /// Parses one non-blank line.
    private static func parseLine(_ line: Substring, number: Int) throws(ShellError) -> Entry {
        let bytes = Array(line.utf8)
        var i = 0
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        /// The next blank-separated field.
        func field(_ name: String) throws(ShellError) -> [UInt8] {
            while i < bytes.count, isBlank(bytes[i]) { i += 1 }
            let start = i
            while i < bytes.count, !isBlank(bytes[i]) { i += 1 }
            guard i > start else { throw .syntax("missing \(name) (expected START-END PERMS OFFSET DEV INODE [PATHNAME])") }
            return Array(bytes[start..<i])
        }
        func text(_ b: [UInt8]) -> String { Token.show(String(decoding: b, as: UTF8.self)) }

        let range = try field("START-END")
        guard let dash = range.firstIndex(of: UInt8(ascii: "-")),
              let start = hexValue(range[..<dash]), let end = hexValue(range[(dash + 1)...]) else {
            throw .syntax("bad range \(text(range)): expected START-END in hex without 0x")
        }
        let perms = try field("PERMS")
        guard perms.count == 4,
              perms[0] == UInt8(ascii: "r") || perms[0] == UInt8(ascii: "-"),
              perms[1] == UInt8(ascii: "w") || perms[1] == UInt8(ascii: "-"),
              perms[2] == UInt8(ascii: "x") || perms[2] == UInt8(ascii: "-"),
              perms[3] == UInt8(ascii: "p") || perms[3] == UInt8(ascii: "s") else {
            throw .syntax("bad permissions \(text(perms)): expected [r-][w-][x-][ps], e.g. r-xp")
        }
        var flags: MappingFlags = []
        if perms[0] == UInt8(ascii: "r") { flags.insert(.read) }
        if perms[1] == UInt8(ascii: "w") { flags.insert(.write) }
        if perms[2] == UInt8(ascii: "x") { flags.insert(.execute) }
        let offset = try field("OFFSET")
        guard hexValue(offset[...]) != nil else { throw .syntax("bad offset \(text(offset)): expected hex") }
        let dev = try field("DEV")
        guard let colon = dev.firstIndex(of: UInt8(ascii: ":")),
              hexValue(dev[..<colon]) != nil, hexValue(dev[(colon + 1)...]) != nil else {
            throw .syntax("bad device \(text(dev)): expected MAJOR:MINOR in hex")
        }
        let inode = try field("INODE")
        guard inode.allSatisfy({ (0x30...0x39).contains($0) }), inode.count <= 20 else {
            throw .syntax("bad inode \(text(inode)): expected a decimal number")
        }
        var lo = i, hi = bytes.count
        while lo < hi, isBlank(bytes[lo]) { lo += 1 }
        while hi > lo, isBlank(bytes[hi - 1]) { hi -= 1 }
        let label = lo < hi ? String(decoding: bytes[lo..<hi], as: UTF8.self) : nil
        return Entry(line: number, start: start, end: end, flags: flags, label: label)
    }

    /// The value of 1 to 16 hex digits (either case), else `nil`.
    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for b in digits {
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(d)
        }
        return value
    }

    /// One line as the kernel writes it, with offset, device and inode zero:
    /// `%08x-%08x rwxp 00000000 00:00 0 `, then, with a label, blanks up to column 73 and
    /// the label. The `u` flag is not written (the format has no place for it) and areas
    /// are always private (`p`).
    /// - Complexity: O(length of the line)
    static func line(start: UInt64, end: UInt64, flags: MappingFlags, label: String?) -> String {
        var out = padded(start) + "-" + padded(end) + " "
        out += flags.contains(.read) ? "r" : "-"
        out += flags.contains(.write) ? "w" : "-"
        out += flags.contains(.execute) ? "x" : "-"
        out += "p 00000000 00:00 0 "
        if let label {
            // seq_setwidth(m, 25 + sizeof(void *) * 6 - 1), then seq_pad(m, ' ').
            let width = 72
            let count = out.utf8.count
            if count < width { out += String(repeating: " ", count: width - count) }
            out += " " + label
        }
        return out + "\n"
    }

    /// `value` in lowercase hex, at least 8 digits (`%08lx`).
    private static func padded(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count >= 8 ? digits : String(repeating: "0", count: 8 - digits.count) + digits
    }
}
