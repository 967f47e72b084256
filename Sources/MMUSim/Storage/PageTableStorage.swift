/// One table page: 512 raw entries and how many are present.
struct TablePage: Hashable, Sendable {
    var entries: [UInt64] = Array(repeating: 0, count: Geometry.entries)
    var used: Int = 0
}

/// Running totals kept in step with the entries, so that stats are O(1).
struct Counters: Hashable, Sendable {
    /// 4 KiB pages mapped (a 2 MiB leaf counts 512, a 1 GiB leaf 262144).
    var mappedPages: Int = 0
    /// Leaves whose frame is owned (allocated by the frame allocator).
    var ownedLeaves: Int = 0
    /// Leaves at levels 1, 2 and 3 (4 KiB, 2 MiB and 1 GiB pages); index 0 unused.
    var leaves: [Int] = [0, 0, 0, 0]
}

/// The mutable state behind a ``PageTable``: frame allocator, table pages and
/// an undo journal that lets a failing backend call restore everything (when
/// no copy of the table shares the storage; otherwise ``PageTable`` changes a
/// copy and goes back to the shared storage on failure, recording nothing).
///
/// Only ever mutated when uniquely referenced (``PageTable`` copies it
/// first), hence `@unchecked Sendable`. Copies share the table pages
/// (``TableMap``) and the free frames (``FrameStack``), which are mutated
/// only where uniquely referenced too.
final class PageTableStorage: @unchecked Sendable {
    /// What a transaction changed, to undo it in reverse order.
    enum Record {
        case entry(table: Int, index: Int, old: UInt64)
        case allocated(frame: Int, fromFreeList: Bool)
        case createdTable(Int)
        case removedTable(Int, TablePage)
    }

    struct Journal {
        /// Whether the changes are recorded (`false` when the caller undoes a
        /// failure by going back to a storage it kept aside).
        var undoable: Bool
        var records: [Record] = []
        /// Frames released by the transaction; freed for real on commit.
        var pendingFrees: [Int] = []
        var counters: Counters
    }

    // The stored properties below go without run-time exclusivity checks (~75 instructions
    // an access, ~130 a command of a piped session): the storage is only mutated uniquely
    // referenced, on one thread (see ``poller``).
    let frameCount: Int
    /// Frames at or above this number were never allocated.
    @exclusivity(unchecked) var nextFresh: Int = 0
    /// Frames below ``nextFresh`` that were freed, reused last-in first-out
    /// (persistent: shared with copies, never copied).
    @exclusivity(unchecked) var freeList = FrameStack()
    /// Table pages by frame number (persistent: a write after a copy copies
    /// one path of the trie and the page written, not every page).
    @exclusivity(unchecked) var tables: TableMap
    /// The frame of the root (level 4) table.
    @exclusivity(unchecked) var root: Int = 0
    @exclusivity(unchecked) var counters = Counters()
    @exclusivity(unchecked) var journal: Journal? = nil
    /// Table entries visited by operations: a work measure for tests.
    @exclusivity(unchecked) var operationCount: Int = 0
    /// Polls the cancellation of the transaction under way (``PageTable/Cancellation/never``
    /// outside transactions); its count of entries goes on across transactions and copies.
    /// Counted for every entry visited, so without run-time exclusivity checks (~75
    /// instructions each): the storage is only mutated uniquely referenced, on one thread.
    @exclusivity(unchecked) var poller = Poller(.never)

    init(frameCount: Int) {
        self.frameCount = frameCount
        tables = TableMap(frameCount: frameCount)
        nextFresh = 1
        root = 0
        tables[0] = TablePage()
    }

    /// A copy sharing the free frames, the table trie and the table pages
    /// with this one; each is copied piecewise when first written.
    /// - Complexity: O(1)
    func copy() -> PageTableStorage {
        PageTableStorage(copying: self)
    }

    private init(copying other: PageTableStorage) {
        precondition(other.journal == nil, "PageTableStorage: copy during a transaction")
        frameCount = other.frameCount
        nextFresh = other.nextFresh
        freeList = other.freeList
        tables = other.tables
        root = other.root
        counters = other.counters
        operationCount = other.operationCount
        poller = other.poller
    }

    /// Frames currently allocated (tables and owned pages).
    var usedFrames: Int { nextFresh - freeList.count }

    // MARK: Transactions

    /// Starts a transaction: frames freed are kept from reuse until the end,
    /// changes are recorded for ``rollback()`` when `undoable`, and the work
    /// polls `cancellation` until the end.
    func begin(_ cancellation: PageTable.Cancellation, undoable: Bool = true) {
        precondition(journal == nil, "PageTableStorage: nested transaction")
        journal = Journal(undoable: undoable, counters: counters)
        poller.start(cancellation)
    }

    /// Records a change to undo on rollback.
    @inline(__always)
    private func record(_ change: Record) {
        if journal?.undoable == true { journal!.records.append(change) }
    }

    /// Keeps the changes and releases the frames freed by the transaction.
    func commit() {
        guard let journal else { preconditionFailure("PageTableStorage: commit without begin") }
        for frame in journal.pendingFrees { freeList.push(frame) }
        self.journal = nil
        poller.start(.never)
    }

    /// Undoes every change since ``begin()``.
    func rollback() {
        guard let journal else { preconditionFailure("PageTableStorage: rollback without begin") }
        precondition(journal.undoable, "PageTableStorage: rollback of a transaction not recorded")
        self.journal = nil
        poller.start(.never)
        for record in journal.records.reversed() {
            switch record {
            case let .entry(table, index, old):
                tables[table]!.entries[index] = old
                // `used` is fixed below when the table survives; recompute lazily.
            case let .allocated(frame, fromFreeList):
                if fromFreeList { freeList.push(frame) } else { nextFresh -= 1 }
            case let .createdTable(frame):
                tables[frame] = nil
            case let .removedTable(frame, page):
                tables[frame] = page
            }
        }
        // Recount `used` of the tables whose entries were restored.
        var touched = Set<Int>()
        for case let .entry(table, _, _) in journal.records { touched.insert(table) }
        for table in touched where tables[table] != nil {
            tables[table]!.used = tables[table]!.entries.reduce(0) { $0 + ($1 & PageTableEntry.present != 0 ? 1 : 0) }
        }
        counters = journal.counters
    }

    // MARK: Primitive mutations (journaled)

    /// Allocates a frame, or returns `nil` when none is free.
    func allocateFrame() -> Int? {
        let frame: Int
        let fromFreeList: Bool
        if let reused = freeList.pop() {
            frame = reused
            fromFreeList = true
        } else if nextFresh < frameCount {
            frame = nextFresh
            nextFresh += 1
            fromFreeList = false
        } else {
            return nil
        }
        record(.allocated(frame: frame, fromFreeList: fromFreeList))
        return frame
    }

    /// Returns a frame to the allocator (at commit when in a transaction).
    func freeFrame(_ frame: Int) {
        if journal != nil { journal!.pendingFrees.append(frame) } else { freeList.push(frame) }
    }

    /// Allocates an empty table page.
    func newTable() -> Int? {
        guard let frame = allocateFrame() else { return nil }
        tables[frame] = TablePage()
        record(.createdTable(frame))
        return frame
    }

    /// Frees an (empty) table page.
    func removeTable(_ frame: Int) {
        guard let page = tables[frame] else { preconditionFailure("no table at frame \(frame)") }
        tables[frame] = nil
        record(.removedTable(frame, page))
        freeFrame(frame)
    }

    /// Reads entry `index` of table `table`.
    @inline(__always)
    func entry(_ table: Int, _ index: Int) -> PageTableEntry {
        PageTableEntry(raw: tables[table]!.entries[index])
    }

    /// Writes entry `index` of table `table`, keeping its present count.
    func setEntry(_ table: Int, _ index: Int, _ new: PageTableEntry) {
        let old = Self.write(new, at: index, in: &tables[table]!)
        record(.entry(table: table, index: index, old: old))
    }

    /// Writes `new` at `index` of `page`, keeping its present count, and
    /// returns the old raw entry (one access to the table map per write).
    private static func write(_ new: PageTableEntry, at index: Int, in page: inout TablePage) -> UInt64 {
        let old = page.entries[index]
        let wasPresent = old & PageTableEntry.present != 0
        page.entries[index] = new.raw
        if wasPresent != new.isPresent { page.used += new.isPresent ? 1 : -1 }
        return old
    }

    /// Records that a leaf at `level` appeared (`delta` 1) or went away (-1).
    func countLeaf(_ entry: PageTableEntry, level: Int, _ delta: Int) {
        counters.leaves[level] += delta
        counters.mappedPages += delta * Int(Geometry.entrySize(level) / Geometry.pageSize)
        if entry.isOwned { counters.ownedLeaves += delta }
    }
}
