import KernelSupport
import MemorySetCore
import MMUSim

// The kernel's command loop: the Shell's command language for the commands that make sense
// on the machine, with the Shell's `--no-render` output (one line per change) and its error
// lines. (The Shell module itself takes this place once it builds under Embedded Swift:
// docs/KERNEL.md.)

/// A command failed: printed as `error: Kind: message`.
struct CommandError: Error {
    var kind: String
    var message: String
    init(_ kind: String, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// The commands of a line: split at `;`, without the `#` comment.
func splitCommands(_ line: String) -> [[Substring]] {
    let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return code.split(separator: ";").map { $0.split(separator: " ") }.filter { !$0.isEmpty }
}

/// Runs one command; `true` for `quit`.
func run(_ words: [Substring]) -> Bool {
    let name = words[0].lowercased()
    if name == "quit" || name == "exit" { return true }
    do throws(CommandError) {
        try execute(name, Array(words.dropFirst()))
    } catch {
        print("error: " + error.kind + ": " + error.message)
    }
    return false
}

func execute(_ name: String, _ args: [Substring]) throws(CommandError) {
    var args = Arguments(command: name, words: args)
    switch name {
    case "map":
        let force = args.flag("--force")
        let populate = args.flag("--populate")
        _ = args.flag("--alloc")
        let (start, end) = try args.range()
        let flags = try args.flags()
        try args.end()
        guard end > start else { throw CommandError("InvalidParam", "map: empty range [" + hex(start) + ", " + hex(end) + ")") }
        let backend = Sv39Backend.alloc(populate: populate)
        let area = MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: flags, backend: backend)
        if !force, case let set = machine!.set, case let i = set.firstIndex(endingAbove: VirtAddr(start)),
           i < set.count, case let other = set.area(at: i), other.start.rawValue < end {
            throw CommandError("AlreadyExists", "map: " + describe(area.range) + " overlaps area "
                + describe(other.range, other.flags) + "; use --force to replace")
        }
        if !Sv39Table.canMap(flags) { throw unmappable(name, flags) }
        let free = machine!.table.frames.total &- machine!.table.frames.used
        if populate, (end &- start) / 4096 > UInt64(free) {
            throw CommandError("BadState", "map: --populate needs " + String((end &- start) / 4096)
                + " frames, " + String(free) + " are free")
        }
        try edit(name) { (set, table) throws(MappingError) in try set.map(area, in: &table, unmapOverlap: force) }
    case "unmap":
        let (start, end) = try args.range()
        try args.end()
        try edit(name) { (set, table) throws(MappingError) in try set.unmap(start: VirtAddr(start), size: end &- start, in: &table) }
    case "protect":
        let (start, end) = try args.range()
        let flags = try args.flags()
        try args.end()
        if !Sv39Table.canMap(flags) {
            for area in machine!.set.areas(endingAbove: VirtAddr(start)) {
                guard area.start.rawValue < end else { break }
                if area.flags != flags { throw unmappable(name, flags) }
            }
        }
        try edit(name) { (set, table) throws(MappingError) in
            try set.protect(start: VirtAddr(start), size: end &- start, in: &table) { _ in flags }
        }
    case "clear":
        try args.end()
        try edit(name) { (set, table) throws(MappingError) in try set.clear(in: &table) }
    case "areas":
        try args.end()
        if machine!.set.isEmpty { print("(no areas)") }
        for area in machine!.set { print(describe(area.range, area.flags)) }
    case "find":
        let addr = try args.number("ADDR")
        try args.end()
        if let area = machine!.set.find(VirtAddr(addr)) {
            print(hex(addr) + " is in " + describe(area.range, area.flags) + " (" + sizeText(area.size) + ", " + area.backend.name + ")")
        } else {
            print(hex(addr) + ": no area")
        }
    case "free":
        let size = try args.number("SIZE")
        let hint = try args.option("--hint") ?? 0
        try args.end()
        do {
            let found = try machine!.set.findFreeArea(hint: VirtAddr(hint), size: size, limit: Sv39Table.playground)
            if let found {
                print("free: [" + hex(found) + ", " + hex(found.rawValue &+ size) + ") (" + sizeText(size) + ")")
            } else {
                print("free: no free range of " + sizeText(size))
            }
        } catch {
            throw CommandError("InvalidParam", "free: SIZE " + hex(size) + " is not a multiple of the page size 0x1000")
        }
    case "touch":
        let addr = try args.number("ADDR")
        guard Sv39Table.playground.contains(VirtAddr(addr)) else {
            throw CommandError("InvalidParam", "touch: " + hex(addr) + " is outside the playground "
                + describe(Sv39Table.playground) + " (the kernel's own memory and devices are not touched)")
        }
        var access = Access.read
        if let word = args.next() {
            guard let a = Access(rawValue: word.lowercased()) else {
                throw CommandError("SyntaxError", "touch: bad access '" + word + "': expected r, w or x")
            }
            access = a
        }
        try args.end()
        print("touch " + hex(addr) + " " + access.rawValue + ": " + touch(addr, access).description)
    case "pt":
        let addr = try args.number("ADDR")
        try args.end()
        walk(addr)
    case "verify":
        try args.end()
        let problems = verify()
        guard problems.isEmpty else {
            var shown = ""
            for p in problems.prefix(3) { shown += (shown.isEmpty ? "" : "; ") + p }
            throw CommandError("BadState", "verify: " + String(problems.count) + " problem" + (problems.count == 1 ? "" : "s")
                + ": " + shown + (problems.count > 3 ? "; …" : ""))
        }
        let n = machine!.set.count
        print("verify: ok (page table consistent with " + String(n) + " area" + (n == 1 ? "" : "s") + ")")
    case "stats":
        try args.end()
        let m = machine!
        print("areas: " + String(m.set.count))
        let frames = m.table.frames
        var line = "frames: " + String(frames.used) + " used, "
        line += String(frames.total &- frames.used) + " free (" + String(frames.total) + " total)"
        print(line)
        print("table pages: " + String(m.table.tablePages &+ 1))
        print("mapped pages: " + String(m.table.mappedPages))
    case "help":
        for line in helpLines { print(line) }
    default:
        throw CommandError("SyntaxError", "unknown command '" + name + "'; type `help` for the list")
    }
}

let helpLines = [
    "commands (the Shell's language; addresses in the playground [0x10000000, 0x70000000)):",
    "  map START END FLAGS [--alloc] [--populate] [--force]  add an area (frames on fault, or at once)",
    "  unmap START END        remove [START, END) from every area it touches",
    "  protect START END FLAGS  set FLAGS on the parts of areas inside [START, END)",
    "  find ADDR  |  free SIZE [--hint ADDR]  |  areas  |  clear",
    "  touch ADDR [r|w|x]     a real load, store or jump (page faults handled)",
    "  pt ADDR                walk the Sv39 page table  |  verify  |  stats  |  quit",
    "numbers: 0x1f000, 4096, 0b1010; _ between digits; K M G suffixes. END may be +SIZE.",
]

/// Applies one edit of the set; prints its changes, or the error.
func edit(
    _ name: String,
    _ body: (inout MemorySet<Sv39Backend>, inout Sv39Table) throws(MappingError) -> AreaChanges<Sv39Backend>
) throws(CommandError) {
    var m = machine!
    machine = nil  // one owner while the set and table change (no copy of the set's storage)
    defer { machine = m }
    let before = m.set
    let changes: AreaChanges<Sv39Backend>
    do {
        changes = try body(&m.set, &m.table)
    } catch {
        restore(before, into: &m)
        throw CommandError(describe(error), name + ": " + (error == .badState
            ? "the page table refused (no frame left); nothing changed" : "bad parameters"))
    }
    if changes.isEmpty { print("(no change)") }
    for change in changes { print(describe(change)) }
}

/// The set as it was before a failed edit. The commands check beforehand what the table could
/// refuse (flags it cannot map), so the one failure left is a populating `map` running out of
/// frames, whose backend call leaves the table as it was. (With `--force`, the pages its unmap
/// took first stay unmapped: a later touch faults them in again, with fresh frames.)
func restore(_ before: MemorySet<Sv39Backend>, into m: inout Machine) {
    m.set = before
}

func unmappable(_ name: String, _ flags: MappingFlags) -> CommandError {
    CommandError("BadState", name + ": Sv39 cannot map " + letters(flags) + " pages (a page needs r, or x without w)")
}

/// `split [0x1000, 0x4000) rw-- -> [0x1000, 0x2000) rw--, [0x3000, 0x4000) rw--`.
func describe(_ change: AreaChange<Sv39Backend>) -> String {
    var line = change.kind.rawValue + " "
    if let before = change.before {
        line += describe(before.range, before.flags)
        if change.after.isEmpty { return line }
        line += " -> "
    }
    for (i, piece) in change.after.enumerated() {
        line += (i == 0 ? "" : ", ") + describe(piece.range, piece.flags)
    }
    return line
}

/// `4 KiB`, `12 KiB`, `2 MiB` (whole units; otherwise in the next smaller unit).
func sizeText(_ bytes: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = bytes
    var unit = 0
    while unit < 4 && value >= 1024 && value % 1024 == 0 {
        value /= 1024
        unit &+= 1
    }
    return String(value) + " " + units[unit]
}
