import MemorySetCore

// The smoke program's descriptions of areas, errors and changes.

/// `[0x1000, 0x3000) rw--`, with `!` after backends that refuse calls.
func describe(_ area: MemoryArea<SmokeBackend>) -> String {
    let mark = area.backend == .plain ? "" : "!"
    return describe(area.range, area.flags) + mark
}

func describe(_ change: AreaChange<SmokeBackend>) -> String {
    var s = change.kind.rawValue
    if let before = change.before { s += " " + describe(before) }
    s += " ->"
    if change.after.isEmpty { s += " nothing" }
    for piece in change.after { s += " " + describe(piece) }
    return s
}
