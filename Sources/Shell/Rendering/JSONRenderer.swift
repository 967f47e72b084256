import MemorySetCore
import MMUSim

/// The `--json` output of every command: one compact object per command on stdout.
///
/// ```
/// {"ok":true,"cmd":"map","changes":[{"case":"added","before":null,"after":[AREA]}]}
/// {"ok":true,"cmd":"find","area":{"start":"0x1000","end":"0x4000","flags":"rw--"}}
/// {"ok":false,"cmd":"bogus","error":"SyntaxError","message":"..."}
/// ```
/// Areas and changes, which can be many, are written straight into the text; the other
/// results are built as ``JSON`` values first.
struct JSONRenderer {
    /// Writes the object of a successful command (`"ok":true`, `"cmd"`, then its fields) on
    /// stdout, `session` being the state after it (read only; see
    /// ``Renderer/render(_:command:in:to:)``).
    /// - Complexity: O(length of the output)
    func render(_ result: CommandResult, command: String, in session: inout Session, to output: inout RenderedText) {
        // The word of a command that ran is a catalog name (lowercase ASCII letters, see
        // ``Keyword``): nothing in it to escape.
        output.stdout.write(literal: #"{"ok":true,"cmd":""#)
        output.stdout.write(command)
        output.stdout.write(UInt8(ascii: "\""))
        writeFields(result, &session, to: &output.stdout)
        output.stdout.write(literal: "}\n")
    }

    /// Writes `{"ok":false,"cmd":…,"error":KIND,"message":…,"line":N}` on stdout, plus
    /// `"file":…` when the line came from a file (`"cmd"` is null when the line had no
    /// command word).
    /// - Complexity: O(length of the message)
    func renderFailure(command: String?, _ error: ShellError, at location: SourceLocation, to output: inout RenderedText) {
        output.stdout.write(#"{"ok":false,"cmd":"#)
        output.stdout.writeJSON(command.map { .string($0) } ?? .null)
        // Every message starts with its command word; `interrupted` gets it here (the human
        // output says `interrupted` alone).
        let message = error.kind == .interrupted ? (command.map { $0 + ": " } ?? "") + error.message : error.message
        writeFields([("error", .string(error.kind.rawValue)), ("message", .string(message)),
                     ("line", .number(UInt64(max(location.line, 0))))], to: &output.stdout)
        if location.isFile { writeFields([("file", .string(location.file))], to: &output.stdout) }
        output.stdout.write("}\n")
    }

    /// Writes `,"key":value` for the fields of `result`.
    /// (`session` is `inout`, read only, as in ``render(_:command:in:to:)``: passed on from
    /// there as `borrowing`, it would be moved to the stack and back, 304 bytes twice.)
    private func writeFields(_ result: CommandResult, _ session: inout Session, to text: inout TextBuffer) {
        switch result {
        case .changes(let changes):
            text.write(literal: #","changes":"#)
            writeChanges(changes, session.state.labels, stoppingAt: session.cancellation, to: &text)
        case let .find(_, area):
            text.write(literal: #","area":"#)
            if let area { writeArea(area, session.state.labels, to: &text) } else { text.write(literal: "null") }
        case .areas:
            writeKey("areas", to: &text)
            text.write(UInt8(ascii: "["))
            for (i, area) in session.state.set.enumerated() {
                if session.cancellation.stops(at: i) { text.isCut = true; break }
                if i > 0 { text.write(UInt8(ascii: ",")) }
                writeArea(area, session.state.labels, to: &text)
            }
            text.write(UInt8(ascii: "]"))
        case let .free(_, address):
            writeFields([("address", address.map { Self.address($0.rawValue) } ?? .null)], to: &text)
        case let .settings(_, note):
            let s = session.state.settings
            var fields: [(String, JSON)] = [("settings", .object([
                ("page-size", .number(s.pageSize)),
                ("space", .object([("start", Self.address(s.space.start.rawValue)), ("end", Self.address(s.space.end.rawValue))])),
                ("backend", .string(s.backend.rawValue)),
                ("frames", .number(UInt64(s.frames))),
            ]))]
            if let note { fields.append(("note", .string(note))) }
            writeFields(fields, to: &text)
        case .help(let topic):
            writeFields([("topic", topic.map { .string($0) } ?? .null), ("text", .string(HumanRenderer.helpText(topic)))], to: &text)
        case let .history(undo, command):
            writeFields([(undo ? "undone" : "redone", .string(command)), ("count", .number(UInt64(session.state.set.count)))], to: &text)
        case .reset, .quit:
            break
        case let .source(file, commands, failures):
            writeFields([("file", .string(file)), ("commands", .number(UInt64(commands))),
                         ("failures", .number(UInt64(failures)))], to: &text)
        case let .save(file, areas):
            writeFields([("file", .string(file)), ("areas", .number(UInt64(areas)))], to: &text)
        case .view(let window):
            writeFields([("start", Self.address(window.start.rawValue)), ("end", Self.address(window.end.rawValue))], to: &text)
        case let .touch(outcome, access, user):
            writeFields([
                ("address", Self.address(outcome.address.rawValue)), ("access", .string(access.rawValue)), ("user", .bool(user)),
                ("outcome", .string(outcome.kind)), ("physical", Self.optionalAddress(outcome.physicalAddress)),
                ("message", .string(outcome.description)),
            ], to: &text)
        case let .walk(addr, steps, physical, paging):
            // The simulator's walk; a machine's adds its paging mode, and each step's table
            // and raw entry.
            var fields: [(String, JSON)] = [("address", Self.address(addr.rawValue)), ("physical", Self.optionalAddress(physical))]
            if let paging { fields.append(("paging", .string(paging))) }
            fields.append(("steps", .array(steps.map { step in
                var entry: [(String, JSON)] = [
                    ("level", .number(UInt64(step.level))), ("index", .number(UInt64(step.index))),
                    ("present", .bool(step.present)), ("leaf", .bool(step.isLeaf)),
                    ("physical", Self.optionalAddress(step.physicalAddress)),
                    ("pageSize", step.pageSize.map { .number($0) } ?? .null),
                    ("flags", step.flags.map { .string($0.description) } ?? .null),
                ]
                if paging != nil { entry += [("table", Self.address(step.tableAddress)), ("entry", Self.address(step.rawEntry))] }
                return .object(entry)
            })))
            writeFields(fields, to: &text)
        case let .ptDump(_, ranges):
            // The values are built before they are written: a long list stops while it is built.
            var items: [JSON] = []
            items.reserveCapacity(ranges.count)
            for (i, range) in ranges.enumerated() {
                if session.cancellation.stops(at: i) { text.isCut = true; return }
                items.append(.object([
                    ("start", Self.address(range.start.rawValue)), ("end", Self.address(range.end.rawValue)),
                    ("physical", Self.address(range.physicalStart)), ("flags", .string(range.flags.description)),
                    ("pageSize", .number(range.pageSize)), ("allocated", .bool(range.allocated)),
                ]))
            }
            writeFields([("ranges", .array(items))], to: &text)
        case .stats(let s):
            writeFields([
                ("areas", .number(UInt64(session.state.set.count))),
                ("frames", .number(UInt64(s.frameCount))), ("usedFrames", .number(UInt64(s.usedFrames))),
                ("freeFrames", .number(UInt64(s.freeFrames))), ("tablePages", .number(UInt64(s.tablePages))),
                ("dataFrames", .number(UInt64(s.dataFrames))), ("mappedPages", .number(UInt64(s.mappedPages))),
                ("pages4K", .number(UInt64(s.pages4K))), ("pages2M", .number(UInt64(s.pages2M))),
                ("pages1G", .number(UInt64(s.pages1G))),
            ], to: &text)
        case .verified:
            writeFields([("areas", .number(UInt64(session.state.set.count)))], to: &text)
        case .load(let summary):
            var pid: JSON = .null
            if case .pid(let n) = summary.source { pid = .number(n) }
            if case .selfProcess = summary.source { pid = .string("self") }
            writeFields([
                ("file", .string(summary.source.path)), ("pid", pid),
                ("areas", .number(UInt64(summary.loaded))),
                ("skipped", .array(summary.skipped.map { skip in
                    var fields: [(String, JSON)] = [
                        ("line", .number(UInt64(skip.line))), ("start", Self.address(skip.start)), ("end", Self.address(skip.end)),
                    ]
                    if let label = skip.label { fields.append(("label", .string(label))) }
                    return .object(fields)
                })),
            ], to: &text)
            writeKey("changes", to: &text)
            writeChanges(summary.changes, session.state.labels, stoppingAt: session.cancellation, to: &text)
        case let .export(file, areas, maps):
            var fields: [(String, JSON)] = [("format", .string("maps")), ("file", file.map { .string($0) } ?? .null),
                                            ("areas", .number(UInt64(areas)))]
            if file == nil { fields.append(("text", .string(maps))) }
            writeFields(fields, to: &text)
        case let .exportSVG(file, picture):
            var fields: [(String, JSON)] = [("format", .string("svg")), ("file", file.map { .string($0) } ?? .null),
                                            ("areas", .number(UInt64(picture.areas))),
                                            ("width", .number(UInt64(picture.width))), ("height", .number(UInt64(picture.height)))]
            if file == nil { fields.append(("text", .string(picture.text))) }
            writeFields(fields, to: &text)
        }
    }

    /// `"0x…"`.
    private static func address(_ value: UInt64) -> JSON { .string(hex(value)) }

    /// `"0x…"`, or null.
    private static func optionalAddress(_ value: UInt64?) -> JSON { value.map { .string(hex($0)) } ?? .null }

    /// Writes `,"key":`.
    private func writeKey(_ key: String, to text: inout TextBuffer) {
        text.write(UInt8(ascii: ","))
        text.writeJSONString(key)
        text.write(UInt8(ascii: ":"))
    }

    /// Writes `,"key":value` for each field.
    private func writeFields(_ fields: [(String, JSON)], to text: inout TextBuffer) {
        for (key, value) in fields {
            writeKey(key, to: &text)
            text.writeJSON(value)
        }
    }

    /// Writes `[{"case":…,"before":AREA|null,"after":[AREA…]}…]`.
    /// - Complexity: O(total length)
    /// Stops early when `cancellation` says stop (polled every few thousand changes).
    private func writeChanges(_ changes: some RandomAccessCollection<Change>, _ labels: LabelTable, stoppingAt cancellation: PageTable.Cancellation,
                              to text: inout TextBuffer) {
        text.write(UInt8(ascii: "["))
        // By offset, each change read in place (borrowed): an iterator would hold a copy of
        // the changes (the core's list).
        for i in 0..<changes.count {
            if cancellation.stops(at: i) { text.isCut = true; break }
            if i > 0 { text.write(UInt8(ascii: ",")) }
            writeChange(changes[changes.index(changes.startIndex, offsetBy: i)], labels, to: &text)
        }
        text.write(UInt8(ascii: "]"))
    }

    /// Writes `{"case":…,"before":AREA|null,"after":[AREA…]}`.
    /// - Complexity: O(1) plus the labels' length.
    private func writeChange(_ change: borrowing Change, _ labels: LabelTable, to text: inout TextBuffer) {
        text.write(literal: #"{"case":""#)
        text.write(literal: TextBuffer.name(of: change.kind))
        text.write(literal: #"","before":"#)
        if change.before != nil {
            writeArea(change.before.unsafelyUnwrapped, labels, to: &text)
        } else {
            text.write(literal: "null")
        }
        text.write(literal: #","after":["#)
        for j in change.after.indices {
            if j > 0 { text.write(UInt8(ascii: ",")) }
            writeArea(change.after[j], labels, to: &text)
        }
        text.write(literal: "]}")
    }

    /// Writes `{"start":"0x1000","end":"0x3000","flags":"rw--"}`, with `"label":…` before
    /// the `}` when the area has a label.
    /// - Complexity: O(1) plus the label's length.
    private func writeArea(_ area: Area, _ labels: LabelTable, to text: inout TextBuffer) {
        text.write(literal: #"{"start":""#)
        text.writeHex(area.start.rawValue)
        text.write(literal: #"","end":""#)
        text.writeHex(area.end.rawValue)
        text.write(literal: #"","flags":""#)
        text.write(area.flags)
        text.write(UInt8(ascii: "\""))
        if let label = labels[area.backend.label] {
            text.write(literal: #","label":"#)
            text.writeJSONString(label)
        }
        text.write(UInt8(ascii: "}"))
    }
}
