import MemorySetCore

extension PageTable {
    /// The most problems ``verify(_:)`` lists before summarizing the rest.
    public static let verifyProblemLimit = 50

    /// Checks that the page table is exactly what `areas` say it should be,
    /// and that the frame allocator accounts for every frame.
    ///
    /// Checked:
    /// - every mapped page lies inside one area (a huge leaf entirely), with
    ///   the area's flags; none lies in a `none` area;
    /// - a `linear` area maps exactly its pages, each at `va - paVaOffset`,
    ///   with frames not taken from the allocator;
    /// - a populated `alloc` area maps every page, a lazy one a subset, with
    ///   4 KiB pages on allocated frames;
    /// - the tables form a tree: every table page is reachable exactly once,
    ///   none but the root is empty, and present-entry counts are right;
    /// - no frame is used twice (as table or page), every used frame is
    ///   allocated, and the allocator's used count equals table pages plus
    ///   allocated pages (no leak); the running stats match.
    ///
    /// Runs to the end whatever ``cancellation`` says; see ``verify(_:cancellation:)``
    /// for a check that can be stopped.
    ///
    /// - Returns: One message per problem found (at most
    ///   ``verifyProblemLimit``, then a count of the rest); empty when consistent.
    /// - Complexity: O(512·t + n + f) for t table pages, n areas and f used frames.
    public func verify<Backend: SimulatedBackend>(_ areas: MemorySet<Backend>) -> [String] {
        var poller = Poller(.never)
        return verify(areas, &poller)
    }

    /// Checks the table against `areas` as ``verify(_:)`` does, polling `cancellation`
    /// every ``Cancellation/pollInterval`` table entries, frames or areas visited.
    /// - Returns: The problems found, as ``verify(_:)`` returns them.
    /// - Throws: ``Cancelled`` when `cancellation` says stop.
    /// - Complexity: O(512·t + n + f) for t table pages, n areas and f used frames.
    public func verify<Backend: SimulatedBackend>(
        _ areas: MemorySet<Backend>, cancellation: Cancellation
    ) throws(Cancelled) -> [String] {
        var poller = Poller(cancellation)
        let problems = verify(areas, &poller)
        if poller.stopped { throw Cancelled() }
        return problems
    }

    /// The problems found before `poller` said stop.
    private func verify<Backend: SimulatedBackend>(_ areas: MemorySet<Backend>, _ poller: inout Poller) -> [String] {
        var problems = ProblemList(limit: Self.verifyProblemLimit)
        verifyStructure(&problems, &poller)
        if !poller.stopped { verifyAreas(areas, &problems, &poller) }
        return problems.messages
    }

    /// Tables, frames and counters.
    private func verifyStructure(_ problems: inout ProblemList, _ poller: inout Poller) {
        let s = storage
        var users: [Int: FrameUser] = [s.root: .root]
        var reachedTables = 1
        var counted = Counters()

        func claim(_ frame: Int, by user: FrameUser) {
            if let previous = users[frame] {
                problems.add("frame \(hex(UInt64(frame) << 12)) used twice: by \(previous) and by \(user)")
            } else {
                users[frame] = user
            }
        }

        func visit(table: Int, level: Int, base: UInt64) {
            guard !poller.stopped else { return }
            guard let page = s.tables[table] else {
                problems.add("table page \(hex(UInt64(table) << 12)) (level \(level)) is referenced but does not exist")
                return
            }
            let size = Geometry.entrySize(level)
            var present = 0
            for index in 0..<Geometry.entries {
                if poller.tick() { return }
                let entry = PageTableEntry(raw: page.entries[index])
                guard entry.isPresent else { continue }
                present += 1
                let va = base + UInt64(index) * size
                if entry.isLeaf(atLevel: level) {
                    counted.leaves[level] += 1
                    counted.mappedPages += Int(size / Geometry.pageSize)
                    if entry.isOwned {
                        counted.ownedLeaves += 1
                        if level != 1 { problems.add("huge page at \(hex(va)) is on an allocated frame") }
                        claim(entry.frame, by: .page(va))
                    }
                } else {
                    reachedTables += 1
                    claim(entry.frame, by: .table(level: level - 1))
                    visit(table: entry.frame, level: level - 1, base: va)
                }
            }
            if present != page.used {
                problems.add("table page \(hex(UInt64(table) << 12)) counts \(page.used) entries, has \(present)")
            }
            if present == 0 && table != s.root {
                problems.add("table page \(hex(UInt64(table) << 12)) (level \(level)) is empty but not freed")
            }
        }
        visit(table: s.root, level: Geometry.levels, base: 0)
        guard !poller.stopped else { return }

        if reachedTables != s.tables.count {
            problems.add("\(s.tables.count - reachedTables) table pages are not reachable from the root (leaked)")
        }
        var free = Set<Int>()
        for frame in s.freeList {
            if poller.tick() { return }
            free.insert(frame)
        }
        if free.count != s.freeList.count { problems.add("a frame is on the free list twice") }
        for frame in free where frame >= s.nextFresh { problems.add("free frame \(frame) was never allocated") }
        var notAllocated: [Int: FrameUser] = [:]
        for (frame, user) in users where frame >= s.nextFresh || free.contains(frame) {
            if poller.tick() { return }
            notAllocated[frame] = user
        }
        for (frame, user) in notAllocated.sorted(by: { $0.key < $1.key }) {
            problems.add("frame \(hex(UInt64(frame) << 12)) is used by \(user) but is free in the allocator")
        }
        if s.usedFrames != users.count {
            problems.add("\(s.usedFrames) frames are allocated but tables and pages account for \(users.count)"
                         + (s.usedFrames > users.count ? " (leak)" : ""))
        }
        if counted != s.counters {
            problems.add("stats are out of date: counted \(counted), recorded \(s.counters)")
        }
    }

    /// Leaves against areas.
    private func verifyAreas<Backend: SimulatedBackend>(
        _ areas: MemorySet<Backend>, _ problems: inout ProblemList, _ poller: inout Poller
    ) {
        var iterator = areas.makeIterator()
        var area = iterator.next()
        var mappedInArea: UInt64 = 0

        func finish(_ area: MemorySet<Backend>.Area) {
            let pages = mappedInArea / Self.pageSize, total = area.size / Self.pageSize
            switch area.backend.simBackend {
            case .linear, .alloc(populate: true):
                if pages != total {
                    problems.add("area \(area) (\(area.backend.simBackend)) maps \(pages) of its \(total) pages")
                }
            case .none, .alloc(populate: false):
                break
            }
        }

        let finished = storage.forEachLeaf(start: 0, end: Self.addressLimit, trustingCounts: false,
                                           poller: &poller) { leaf in
            let va = leaf.va, end = leaf.va + leaf.size
            while let current = area, current.end.rawValue <= va {
                finish(current)
                area = iterator.next()
                mappedInArea = 0
            }
            var what: String { "\(sizeName(leaf.size)) page at \(hex(va))" }
            guard let current = area, current.start.rawValue <= va else {
                problems.add("\(what) is mapped outside every area")
                return true
            }
            guard end <= current.end.rawValue else {
                problems.add("\(what) crosses the end of area \(current)")
                return true
            }
            mappedInArea += leaf.size
            let flags = leaf.entry.flags
            if flags != current.flags {
                problems.add("\(what) has flags \(flags) but its area \(current) has \(current.flags)")
            }
            switch current.backend.simBackend {
            case .none:
                problems.add("\(what) is mapped in area \(current) whose backend is none")
            case let .linear(offset):
                let expected = va &- offset
                if leaf.entry.physical != expected {
                    problems.add("\(what) maps \(hex(leaf.entry.physical)), linear area \(current) needs \(hex(expected))")
                }
                if leaf.entry.isOwned { problems.add("\(what) in linear area \(current) is on an allocated frame") }
            case .alloc:
                if leaf.level != 1 { problems.add("\(what) in alloc area \(current) is a huge page") }
                if !leaf.entry.isOwned { problems.add("\(what) in alloc area \(current) is not on an allocated frame") }
            }
            return true
        }
        guard finished else { return }
        while let current = area {
            if poller.tick() { return }
            finish(current)
            area = iterator.next()
            mappedInArea = 0
        }
    }
}

/// What a frame is used for, named only when a problem is reported.
private enum FrameUser: CustomStringConvertible {
    case root
    case table(level: Int)
    case page(UInt64)

    var description: String {
        switch self {
        case .root: "the root table"
        case let .table(level): "a level-\(level) table"
        case let .page(va): "the page at \(hex(va))"
        }
    }
}

/// Problem messages, capped.
struct ProblemList {
    let limit: Int
    private(set) var list: [String] = []
    private(set) var dropped = 0

    init(limit: Int) { self.limit = limit }

    mutating func add(_ message: String) {
        if list.count < limit { list.append(message) } else { dropped += 1 }
    }

    var messages: [String] { dropped == 0 ? list : list + ["… and \(dropped) more problems"] }
}
