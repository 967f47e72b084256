/// A JSON value, written compactly with the keys of an object in the given order.
///
/// Built for the small results (settings, a page-table walk, statistics); the JSON renderer
/// writes areas and changes, which can be many, straight into its ``TextBuffer`` instead.
indirect enum JSON {
    case string(String)
    case number(UInt64)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])
}

extension TextBuffer {
    /// Appends `value` in compact form.
    /// - Complexity: O(size of `value`)
    mutating func writeJSON(_ value: JSON) {
        switch value {
        case .string(let s): writeJSONString(s)
        case .number(let n): writeDecimal(n)
        case .bool(let b): write(b ? "true" : "false")
        case .null: write("null")
        case .array(let items):
            write(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { write(UInt8(ascii: ",")) }
                writeJSON(item)
            }
            write(UInt8(ascii: "]"))
        case .object(let fields):
            write(UInt8(ascii: "{"))
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { write(UInt8(ascii: ",")) }
                writeJSONString(key)
                write(UInt8(ascii: ":"))
                writeJSON(value)
            }
            write(UInt8(ascii: "}"))
        }
    }

    /// Appends `s` as a JSON string: `"` and `\` escaped, control characters (and DEL) as
    /// `\n`, `\r`, `\t` or `\u00XX`; everything else (any non-ASCII) as it is. All the
    /// escaped characters are ASCII, so the bytes are handled one by one.
    /// - Complexity: O(length of `s`)
    mutating func writeJSONString(_ s: String) {
        if let written: Void = s.utf8.withContiguousStorageIfAvailable({ writeJSONString($0) }) { return written }
        var s = s
        s.withUTF8 { writeJSONString($0) }
    }

    /// Appends the UTF-8 `bytes` as a JSON string (see ``writeJSONString(_:)-(String)``): the
    /// runs that need no escape (all of a command word or a key) are copied whole.
    /// - Complexity: O(`bytes.count`)
    mutating func writeJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(UInt8(ascii: "\""))
        var run = 0
        for i in bytes.indices {
            let byte = bytes[i]
            guard byte < 0x20 || byte == 0x7f || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            write(UnsafeBufferPointer(rebasing: bytes[run..<i]))
            run = i + 1
            switch byte {
            case UInt8(ascii: "\""): write(literal: #"\""#)
            case UInt8(ascii: "\\"): write(literal: #"\\"#)
            case UInt8(ascii: "\n"): write(literal: #"\n"#)
            case UInt8(ascii: "\r"): write(literal: #"\r"#)
            case UInt8(ascii: "\t"): write(literal: #"\t"#)
            default:
                write(literal: #"\u00"#)
                write(TextBuffer.hexDigit(byte >> 4))
                write(TextBuffer.hexDigit(byte & 0xf))
            }
        }
        write(UnsafeBufferPointer(rebasing: bytes[run...]))
        write(UInt8(ascii: "\""))
    }
}
