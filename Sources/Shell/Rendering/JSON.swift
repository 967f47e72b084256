import MemorySetCore

/// A JSON value, written compactly with keys in the given order.
indirect enum JSON {
    case string(String)
    case number(UInt64)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    /// The compact text.
    /// - Complexity: O(size of the value)
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .string(let s): JSON.writeString(s, to: &out)
        case .number(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                JSON.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c || $0 == 0x7f }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let h = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// `"0x…"`.
    static func address(_ a: VirtAddr) -> JSON { .string(a.description) }
    static func address(_ a: UInt64) -> JSON { .string(hex(a)) }

    /// `{"start":"0x1000","end":"0x3000","flags":"rw--"}`, plus `"label":"…"` when the area
    /// has a label in `labels`.
    static func area(_ area: Area, _ labels: LabelTable) -> JSON {
        var fields: [(String, JSON)] = [
            ("start", address(area.start)), ("end", address(area.end)), ("flags", .string(area.flags.description)),
        ]
        if let label = labels[area.backend.label] { fields.append(("label", .string(label))) }
        return .object(fields)
    }

    /// `{"case":…,"before":AREA|null,"after":[AREA…]}`.
    static func change(_ change: Change, _ labels: LabelTable) -> JSON {
        .object([
            ("case", .string(change.kind.rawValue)),
            ("before", change.before.map { area($0, labels) } ?? .null),
            ("after", .array(change.after.map { area($0, labels) })),
        ])
    }
}
