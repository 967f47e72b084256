import MemorySetCore

/// A JSON value, written compactly with keys in the given order.
indirect enum JSON {
    case string(String)
    case number(UInt64)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])
    /// An area: `{"start":"0x1000","end":"0x3000","flags":"rw--"}`, plus `"label":"…"` when
    /// it has a label in the table. Written straight from the area (no values built for it).
    case area(Area, LabelTable)
    /// A change: `{"case":…,"before":AREA|null,"after":[AREA…]}`, written straight from it.
    case change(Change, LabelTable)

    /// The compact text.
    /// - Complexity: O(size of the value)
    var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact text as UTF-8 (bytes: appending to a `String` piece by piece cost
    /// ~300 instructions per piece).
    /// - Complexity: O(size of the value)
    func write(to out: inout [UInt8]) {
        switch self {
        case .string(let s): JSON.writeString(s, to: &out)
        case .number(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let .area(area, labels):
            JSON.writeArea(area, labels, to: &out)
        case let .change(change, labels):
            out.append(contentsOf: #"{"case":""#.utf8)
            out.append(contentsOf: change.kind.rawValue.utf8)
            out.append(contentsOf: #"","before":"#.utf8)
            if let before = change.before { JSON.writeArea(before, labels, to: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: #","after":["#.utf8)
            for (i, area) in change.after.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeArea(area, labels, to: &out)
            }
            out.append(contentsOf: "]}".utf8)
        }
    }

    /// Appends `{"start":…,"end":…,"flags":…[,"label":…]}`.
    static func writeArea(_ area: Area, _ labels: LabelTable, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"start":""#.utf8)
        out.append(contentsOf: area.start.description.utf8)
        out.append(contentsOf: #"","end":""#.utf8)
        out.append(contentsOf: area.end.description.utf8)
        out.append(contentsOf: #"","flags":""#.utf8)
        out.append(contentsOf: area.flags.description.utf8)
        out.append(UInt8(ascii: "\""))
        if let label = labels[area.backend.label] {
            out.append(contentsOf: #","label":"#.utf8)
            writeString(label, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `s` as a JSON string: `"` and `\` escaped, control characters (and DEL) as
    /// `\n`, `\r`, `\t` or `\u00XX`; everything else (any non-ASCII) as it is. All the
    /// escaped characters are ASCII, so the bytes are handled one by one.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20, 0x7f:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xf)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `"0x…"`.
    static func address(_ a: VirtAddr) -> JSON { .string(a.description) }
    static func address(_ a: UInt64) -> JSON { .string(hex(a)) }
}
