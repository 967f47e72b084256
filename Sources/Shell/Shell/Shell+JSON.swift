import MemorySetCore

extension Shell {
    /// The fields after `"ok":true,"cmd":…` of a successful command's JSON object.
    func jsonFields(_ parsed: ParsedCommand, _ result: CommandResult) -> [(String, JSON)] {
        let state = session.state
        switch result {
        case .changes(let changes):
            return [("changes", .array(changes.map { JSON.change($0, state.labels) }))]
        case let .find(_, area):
            return [("area", area.map { JSON.area($0, state.labels) } ?? .null)]
        case let .free(_, address):
            return [("address", address.map(JSON.address) ?? .null)]
        case .areas:
            return [("areas", .array(state.set.map { JSON.area($0, state.labels) }))]
        case let .settings(_, note):
            let s = state.settings
            var fields: [(String, JSON)] = [("settings", .object([
                ("page-size", .number(s.pageSize)),
                ("space", .object([("start", JSON.address(s.space.start)), ("end", JSON.address(s.space.end))])),
                ("backend", .string(s.backend.rawValue)),
                ("frames", .number(UInt64(s.frames))),
            ]))]
            if let note { fields.append(("note", .string(note))) }
            return fields
        case .help(let topic):
            return [("topic", topic.map { .string($0) } ?? .null), ("text", .string(Shell.helpText(topic)))]
        case let .history(undo, text):
            return [(undo ? "undone" : "redone", .string(text)), ("count", .number(UInt64(state.set.count)))]
        case .reset, .quit:
            return []
        case let .source(file, commands, failures):
            return [("file", .string(file)), ("commands", .number(UInt64(commands))), ("failures", .number(UInt64(failures)))]
        case let .save(file, areas):
            return [("file", .string(file)), ("areas", .number(UInt64(areas)))]
        case .view(let window):
            return [("start", JSON.address(window.start)), ("end", JSON.address(window.end))]
        case .touch, .walk, .ptDump, .stats, .verified:
            return jsonMMU(result)
        case .load(let summary):
            var pid: JSON = .null
            if case .pid(let n) = summary.source { pid = .number(n) }
            if case .selfProcess = summary.source { pid = .string("self") }
            return [
                ("file", .string(summary.source.path)), ("pid", pid),
                ("areas", .number(UInt64(summary.loaded))),
                ("skipped", .array(summary.skipped.map { skip in
                    var fields: [(String, JSON)] = [
                        ("line", .number(UInt64(skip.line))), ("start", JSON.address(skip.start)), ("end", JSON.address(skip.end)),
                    ]
                    if let label = skip.label { fields.append(("label", .string(label))) }
                    return .object(fields)
                })),
                ("changes", .array(summary.changes.map { JSON.change($0, state.labels) })),
            ]
        case let .export(file, areas, text):
            var fields: [(String, JSON)] = [("format", .string("maps")), ("file", file.map { .string($0) } ?? .null),
                                            ("areas", .number(UInt64(areas)))]
            if file == nil { fields.append(("text", .string(text))) }
            return fields
        }
    }
}
