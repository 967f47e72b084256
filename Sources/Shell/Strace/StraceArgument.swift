/// Reads the arguments of memory system calls as strace writes them: numbers (`8192`,
/// `0x7f12a000`, `NULL`), flag sets (`PROT_READ|PROT_WRITE`, `0x3`, `PROT_READ|0x10`, and
/// `-X verbose`'s `0x3 /* PROT_READ|PROT_WRITE */`), file descriptors with `-y`
/// annotations (`3</usr/lib/libc.so.6>`).
enum StraceArgument {
    /// `PROT_*` names and values (Linux, every architecture).
    static let protections: [(String, UInt64)] = [
        ("PROT_NONE", 0), ("PROT_READ", 1), ("PROT_WRITE", 2), ("PROT_EXEC", 4), ("PROT_SEM", 8),
        ("PROT_BTI", 0x10), ("PROT_MTE", 0x20), ("PROT_SAO", 0x10),
        ("PROT_GROWSDOWN", 0x0100_0000), ("PROT_GROWSUP", 0x0200_0000),
    ]
    /// The `MAP_*` names that matter here, with their x86/generic values; other `MAP_*`
    /// names count as 0.
    static let mapFlags: [(String, UInt64)] = [
        ("MAP_SHARED", 0x01), ("MAP_PRIVATE", 0x02), ("MAP_FIXED", 0x10),
        ("MAP_ANONYMOUS", 0x20), ("MAP_ANON", 0x20), ("MAP_HUGETLB", 0x40000),
    ]
    /// `MAP_ANONYMOUS`: the mapping has no file.
    static let mapAnonymous: UInt64 = 0x20
    /// `MAP_HUGETLB`: the length is rounded up to a huge page (`MAP_HUGE_2MB` by default).
    static let mapHugeTLB: UInt64 = 0x40000
    /// `MREMAP_*` names and values.
    static let remapFlags: [(String, UInt64)] = [
        ("MREMAP_MAYMOVE", 1), ("MREMAP_FIXED", 2), ("MREMAP_DONTUNMAP", 4),
    ]
    /// `MREMAP_DONTUNMAP`: a moved area leaves its old range mapped.
    static let remapDontUnmap: UInt64 = 4

    /// The value of a number argument: decimal, `0x` hex or `NULL`; `nil` otherwise.
    /// - Complexity: O(length of the text)
    static func number(_ text: Substring) -> UInt64? {
        let text = withoutComment(text)
        return text == "NULL" ? 0 : StraceLog.number(text.utf8)
    }

    /// The bits of a flag set: names from `names`, numbers, joined by `|`. A name with
    /// `prefix` that is not in `names` counts as 0 (strace knows more flags than matter
    /// here); `MAP_HUGE_2MB`-style names give their size's log2 in bits 26 to 31. `nil` when
    /// a part is neither.
    /// - Complexity: O(length of the text · count of names)
    static func flags(_ text: Substring, _ names: [(String, UInt64)], prefix: String) -> UInt64? {
        let text = withoutComment(text)
        guard !text.isEmpty else { return nil }
        var bits: UInt64 = 0
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            if let known = names.first(where: { $0.0 == part }) {
                bits |= known.1
            } else if let value = StraceLog.number(part.utf8) {
                bits |= value
            } else if part.hasPrefix("MAP_HUGE_"), let shift = hugeShift(part.dropFirst(9)) {
                bits |= shift << 26
            } else if part.hasPrefix(prefix), part.count > prefix.count,
                      part.utf8.allSatisfy({ StraceLog.isDigit($0) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 == UInt8(ascii: "_") }) {
                continue
            } else {
                return nil
            }
        }
        return bits
    }

    /// log2 of `2MB`, `1GB`, `64KB`…, or `nil`.
    private static func hugeShift(_ size: Substring) -> UInt64? {
        for (suffix, base) in [("KB", 10), ("MB", 20), ("GB", 30)] where size.hasSuffix(suffix) {
            guard let n = UInt64(size.dropLast(2)), n.isPowerOfTwo else { return nil }
            return UInt64(base + n.trailingZeroBitCount)
        }
        return nil
    }

    /// A file descriptor argument: its number (`-1` for none) and the path of its `-y`
    /// annotation (`3</usr/lib/libc.so.6>` → `/usr/lib/libc.so.6`), if any. `nil` when it is
    /// not a file descriptor.
    /// - Complexity: O(length of the text)
    static func fileDescriptor(_ text: Substring) -> (fd: Int, path: String?)? {
        let text = withoutComment(text)
        guard let lt = text.firstIndex(of: "<") else {
            guard let fd = Int(text) else { return nil }
            return (fd, nil)
        }
        guard let fd = Int(text[..<lt]), text.last == ">" else { return nil }
        // The path ends at the first unescaped `<` (a `-yy` detail) or `>`.
        let bytes = Array(text[text.index(after: lt)...].utf8)
        var end = 0
        while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: ">") {
            end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        return (fd, path(escaped: bytes[..<min(end, bytes.count)]))
    }

    /// A `-y` path as a label: strace's escapes (`\n`, `\\`, `\x3e`, octal `\76`) resolved,
    /// unless that gives a text a label cannot hold (empty, control characters, blanks
    /// around), in which case the path stays as written; `nil` when empty.
    static func path(escaped: ArraySlice<UInt8>) -> String? {
        guard !escaped.isEmpty else { return nil }
        let raw = String(decoding: escaped, as: UTF8.self)
        var out: [UInt8] = []
        var i = escaped.startIndex
        func digit(_ b: UInt8, radix: UInt8) -> UInt8? {
            if b >= UInt8(ascii: "0"), b < UInt8(ascii: "0") + min(radix, 10) { return b - UInt8(ascii: "0") }
            if radix == 16, (b | 0x20) >= UInt8(ascii: "a"), (b | 0x20) <= UInt8(ascii: "f") { return (b | 0x20) - UInt8(ascii: "a") + 10 }
            return nil
        }
        while i < escaped.endIndex {
            guard escaped[i] == UInt8(ascii: "\\"), i + 1 < escaped.endIndex else {
                out.append(escaped[i])
                i += 1
                continue
            }
            let e = escaped[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "v"): out.append(0x0b)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "x"):
                var value: UInt8 = 0, n = 0
                while n < 2, i < escaped.endIndex, let d = digit(escaped[i], radix: 16) { value = value << 4 | d; i += 1; n += 1 }
                out.append(n == 0 ? UInt8(ascii: "x") : value)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt16(e - UInt8(ascii: "0")), n = 1
                while n < 3, i < escaped.endIndex, let d = digit(escaped[i], radix: 8) { value = value << 3 | UInt16(d); i += 1; n += 1 }
                out.append(UInt8(truncatingIfNeeded: value))
            default: out.append(e)
            }
        }
        let decoded = String(decoding: out, as: UTF8.self)
        let clean = !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == "\u{FFFD}" })
            && decoded.first != " " && decoded.last != " " && !decoded.isEmpty
        return clean ? decoded : raw
    }

    /// `text` without a trailing `/* … */` comment (`-X verbose`), blanks removed.
    private static func withoutComment(_ text: Substring) -> Substring {
        guard text.utf8.contains(UInt8(ascii: "/")), let offset = offset(of: "/*", in: text) else { return text }
        var head = text[..<text.utf8.index(text.startIndex, offsetBy: offset)]
        while head.last == " " { head = head.dropLast() }
        return head
    }

    /// The UTF-8 offset of the first `needle` in `text`, or `nil`.
    /// - Complexity: O(length of `text` · length of `needle`)
    static func offset<Text: StringProtocol>(of needle: String, in text: Text) -> Int? {
        let utf8 = text.utf8
        guard let first = needle.utf8.first else { return nil }
        var offset = 0
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if utf8[i] == first, utf8[i...].starts(with: needle.utf8) { return offset }
            utf8.formIndex(after: &i)
            offset += 1
        }
        return nil
    }
}
