import MemorySetCore

/// Runs the core's operations on a small set and prints one line per result.
/// Built twice (Embedded Swift and a normal host build, Scripts/embedded.sh):
/// both must print the same lines, those of Embedded/Smoke/expected.txt.
@main
struct Smoke {
    static func main() {
        var run = CoreRun()
        run.all()
        var sim = SimRun()
        sim.all()
        ShellRun().all()
        print("done")
    }
}

/// MemorySetCore on ``SmokeBackend``.
struct CoreRun {
    var set = MemorySet<SmokeBackend>()
    var table = SmokeTable()

    static let rw: MappingFlags = [.read, .write]
    static let r: MappingFlags = [.read]

    func area(_ start: UInt64, _ end: UInt64, _ flags: MappingFlags, _ backend: SmokeBackend = .plain)
        -> MemoryArea<SmokeBackend>
    {
        MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: flags, backend: backend)
    }

    /// Prints the result of one operation, then the areas and the mapped pages.
    func report(_ label: String, _ result: Result<AreaChanges<SmokeBackend>, MappingError>) {
        switch result {
        case let .success(changes):
            if changes.isEmpty { print(label + ": no change") }
            for change in changes { print(label + ": " + describe(change)) }
        case let .failure(error):
            print(label + ": error " + describe(error))
        }
        var areas = "  areas:"
        if set.isEmpty { areas += " none" }
        for area in set { areas += " " + describe(area) }
        print(areas)
        print("  pages: " + pages() + " (" + String(table.calls) + " calls)")
    }

    /// The mapped pages as runs of equal flags: `0x1000-0x3000 rw--`.
    func pages() -> String {
        var s = ""
        var i = 0
        let e = table.entries
        while i < e.count {
            var j = i &+ 1
            while j < e.count && e[j].page == e[j &- 1].page &+ 1 && e[j].flags == e[i].flags { j &+= 1 }
            if !s.isEmpty { s += ", " }
            s += hex(e[i].page << 12) + "-" + hex((e[j &- 1].page &+ 1) << 12) + " " + letters(e[i].flags)
            i = j
        }
        return s.isEmpty ? "none" : s
    }

    mutating func map(_ label: String, _ a: MemoryArea<SmokeBackend>, unmapOverlap: Bool = false) {
        let result = Result { () throws(MappingError) in try set.map(a, in: &table, unmapOverlap: unmapOverlap) }
        report(label, result)
    }

    mutating func unmap(_ label: String, _ start: UInt64, _ size: UInt64) {
        let result = Result { () throws(MappingError) in try set.unmap(start: VirtAddr(start), size: size, in: &table) }
        report(label, result)
    }

    mutating func protect(_ label: String, _ start: UInt64, _ size: UInt64, _ flags: MappingFlags) {
        let result = Result { () throws(MappingError) in
            try set.protect(start: VirtAddr(start), size: size, in: &table) { _ in flags }
        }
        report(label, result)
    }

    mutating func clear(_ label: String) {
        let result = Result { () throws(MappingError) in try set.clear(in: &table) }
        report(label, result)
    }

    /// Runs an edit of many areas and prints how many changes of each kind it made.
    mutating func summarize(
        _ label: String,
        _ edit: (inout MemorySet<SmokeBackend>, inout SmokeTable) throws(MappingError) -> AreaChanges<SmokeBackend>
    ) {
        do {
            let changes = try edit(&set, &table)
            var line = label + ":"
            for kind in AreaChangeKind.allCases {
                let n = changes.reduce(0) { $0 &+ ($1.kind == kind ? 1 : 0) }
                if n > 0 { line += " " + String(n) + " " + kind.rawValue }
            }
            print(line)
        } catch {
            print(label + ": error " + describe(error))
        }
        let first = set.isEmpty ? "none" : describe(set.area(at: 0))
        let next: String = set.find(0x11b000).map { describe($0) } ?? "none"
        var counts = "  " + String(set.count) + " areas, " + String(table.entries.count) + " pages"
        counts += ", first " + first + ", at 0x11b000 " + next
        print(counts)
    }

    func find(_ addr: UInt64) {
        let found = set.find(VirtAddr(addr))
        print("find " + hex(addr) + ": " + (found.map { describe($0) } ?? "none"))
    }

    func free(_ size: UInt64, hint: UInt64, limit: (UInt64, UInt64), alignment: UInt64? = nil) {
        let range = AddrRange(start: VirtAddr(limit.0), end: VirtAddr(limit.1))
        var line = "free " + hex(size) + " from " + hex(hint) + " in [" + hex(limit.0) + ", " + hex(limit.1) + ")"
        if let alignment { line += " align " + hex(alignment) }
        do {
            let found = try set.findFreeArea(hint: VirtAddr(hint), size: size, limit: range, alignment: alignment)
            print(line + ": " + (found.map { hex($0) } ?? "none"))
        } catch {
            print(line + ": error " + describe(error))
        }
    }

    mutating func all() {
        map("map", area(0x1000, 0x9000, Self.rw))
        map("map", area(0x10000, 0x20000, Self.r))
        unmap("unmap split", 0x4000, 0x1000)
        unmap("unmap shrink-left", 0x1000, 0x1000)
        unmap("unmap shrink-right", 0x8000, 0x1000)
        unmap("unmap remove", 0x2000, 0x2000)
        unmap("unmap nothing", 0x30000, 0x1000)
        unmap("unmap across", 0x7000, 0xa000)
        protect("protect three-way", 0x12000, 0x2000, Self.rw)
        protect("protect same flags", 0x12000, 0x1000, Self.rw)
        find(0x12800)
        find(0x11fff)
        find(0x3000)
        free(0x3000, hint: 0, limit: (0x1000, 0x100000))
        free(0x10000, hint: 0x6000, limit: (0x1000, 0x100000))
        free(0x1000, hint: 0x10000, limit: (0x10000, 0x20000))
        free(0x4000, hint: 0, limit: (0x1000, 0x100000), alignment: 0x4000)
        free(0x1800, hint: 0, limit: (0x1000, 0x100000))
        map("map overlap", area(0x11000, 0x13000, [.read, .execute]))
        map("map unmapOverlap", area(0x11000, 0x13000, [.read, .execute]), unmapOverlap: true)
        map("map unaligned", area(0x40800, 0x41000, Self.r))
        map("map failing", area(0x40000, 0x42000, Self.r, SmokeBackend(failsMap: true)))
        map("map refuses unmap", area(0x40000, 0x42000, Self.r, SmokeBackend(failsUnmap: true)))
        unmap("unmap failing", 0x40000, 0x1000)
        protect("protect before failing", 0x41000, 0x1000, Self.rw)
        clear("clear failing")
        map("map over failing", area(0x40000, 0x42000, Self.rw), unmapOverlap: true)
        map("map after", area(0x50000, 0x52000, Self.rw))
        protect("protect no-unmap area", 0x40000, 0x2000, [.read, .write, .user])
        print("count: " + String(set.count))
        let before = set
        var sets = [before]
        sets.append(set)
        map("map on copy", area(0x60000, 0x61000, Self.r))
        print("copy kept: " + String(sets[0].count) + " areas, set has " + String(set.count))
        set = MemorySet()
        table = SmokeTable()
        for i in 0..<40 as Range<UInt64> {
            _ = try? set.map(area(0x100000 &+ i &* 0x3000, 0x100000 &+ i &* 0x3000 &+ 0x2000, Self.rw), in: &table)
        }
        print("many: " + String(set.count) + " areas, " + String(table.entries.count) + " pages")
        summarize("unmap many") { (s, t) throws(MappingError) in try s.unmap(start: 0x103000, size: 0x3000 &* 8, in: &t) }
        summarize("clear many") { (s, t) throws(MappingError) in try s.clear(in: &t) }
    }
}
