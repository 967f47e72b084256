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
        write(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): write(#"\""#)
            case UInt8(ascii: "\\"): write(#"\\"#)
            case UInt8(ascii: "\n"): write(#"\n"#)
            case UInt8(ascii: "\r"): write(#"\r"#)
            case UInt8(ascii: "\t"): write(#"\t"#)
            case 0..<0x20, 0x7f:
                write(#"\u00"#)
                write(TextBuffer.hexDigit(byte >> 4))
                write(TextBuffer.hexDigit(byte & 0xf))
            default: write(byte)
            }
        }
        write(UInt8(ascii: "\""))
    }
}
