import MemorySetCore

/// Simulated physical memory and a 4-level x86-64-style page table.
///
/// - Physical memory is ``frameCount`` frames of 4 KiB, handed out by a
///   frame allocator (frame *n* is at physical address *n* × 4096). The root
///   table takes one frame from the start; every other table page and every
///   page of an ``SimBackend/alloc(populate:)`` area takes one more.
/// - The table has 4 levels of 512 entries (9 index bits each) over 4 KiB
///   pages, so it maps the 48-bit space `[0, 2^48)`. Linear mappings use
///   2 MiB and 1 GiB leaves where the virtual and physical addresses are
///   aligned and the range covers the whole leaf.
/// - Table pages are allocated on demand and freed as soon as they become empty.
///
/// `PageTable` is a value type: copying it is O(1) and the copies share their
/// storage until one of them changes (copy on write), so a caller can
/// snapshot a page table together with its ``MemorySet`` (for undo, or to
/// make a command all-or-nothing). The storage is persistent: the first
/// change after a copy copies only the table pages it writes (with one path
/// of O(log F) trie nodes each, for F frames), never all table pages or the
/// free frames.
///
/// The table is changed through ``SimBackend`` (the ``MappingBackend`` used by
/// `MemorySet<SimBackend>`) and by ``touch(_:access:user:areas:)``. Every
/// failing change leaves the table exactly as it was.
public struct PageTable: Sendable {
    var storage: PageTableStorage

    /// What long changes of this table poll to stop early (see ``Cancellation``): a map,
    /// unmap or protect that it stops fails and leaves the table as it was. The default,
    /// ``Cancellation/never``, stops nothing.
    ///
    /// Not part of the table's value: ``==(_:_:)`` ignores it. A copy carries it, so a
    /// caller keeping copies (undo) sets it just for the operation and puts ``Cancellation/never``
    /// back afterwards.
    public var cancellation: Cancellation = .never

    /// The largest number of frames a page table can have: 2^32 (16 TiB).
    public static let maxFrameCount = 1 << 32

    /// The first virtual address the table cannot map: 2^48.
    public static let addressLimit: UInt64 = 1 << 48

    /// The size of a page and of a frame: 4096 bytes.
    public static let pageSize: UInt64 = 4096

    /// Creates a page table with an empty root table over `frameCount` frames
    /// of 4 KiB (the root takes one of them).
    ///
    /// - Parameter frameCount: The number of physical frames, in
    ///   `1...PageTable.maxFrameCount`; the default is 2^18 (1 GiB of RAM).
    /// - Precondition: `frameCount` is in `1...PageTable.maxFrameCount`
    ///   (callers taking user input check it first).
    /// - Complexity: O(1)
    public init(frameCount: Int = 1 << 18) {
        precondition((1...Self.maxFrameCount).contains(frameCount),
                     "PageTable: frameCount must be in 1...\(Self.maxFrameCount)")
        storage = PageTableStorage(frameCount: frameCount)
    }

    /// The number of physical frames of 4 KiB.
    /// - Complexity: O(1)
    public var frameCount: Int { storage.frameCount }

    /// Frame and page counts: frames used and free, table pages, mapped pages.
    /// - Complexity: O(1)
    public var stats: PageTableStats {
        let s = storage
        return PageTableStats(
            frameCount: s.frameCount, usedFrames: s.usedFrames, freeFrames: s.frameCount - s.usedFrames,
            tablePages: s.tables.count, dataFrames: s.counters.ownedLeaves,
            mappedPages: s.counters.mappedPages,
            pages4K: s.counters.leaves[1], pages2M: s.counters.leaves[2], pages1G: s.counters.leaves[3]
        )
    }

    /// Table entries visited by all operations so far (a work measure, for tests).
    var operationCount: Int { storage.operationCount }

    /// Trie nodes of the table map copied because a copy of this table still
    /// shared them (a work measure, for tests).
    var nodesCopied: Int { storage.tables.nodesCopied }

    /// Makes the storage uniquely referenced (tests that corrupt a table
    /// write to it directly). The new storage shares the table pages and free
    /// frames with the old one; writes copy only the parts they change.
    /// - Complexity: O(1)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Runs `body` as a transaction: its changes are kept when it returns
    /// `true` and undone (frames, tables and entries) when it returns `false`,
    /// which it does when ``cancellation`` says stop.
    ///
    /// How the changes are undone depends on whether a copy of the table
    /// (an undo snapshot, a copy held for an all-or-nothing command) shares
    /// the storage:
    ///
    /// ```
    ///   unique:  storage ──► journal every change ──► fail: replay the journal
    ///                                                     backwards, O(changes)
    ///   shared:  original ─┬─ kept aside
    ///                      └─ copy() (O(1)) ──► change the copy, nothing recorded
    ///                                         ──► fail: back to the original, O(1)
    /// ```
    ///
    /// So a long change stopped by its cancellation under a snapshot (as the
    /// shell keeps one for every command) is undone at once, however far it went.
    mutating func transaction(_ body: (PageTableStorage) -> Bool) -> Bool {
        if isKnownUniquelyReferenced(&storage) {
            storage.begin(cancellation)
            let kept = body(storage)
            if kept { storage.commit() } else { storage.rollback() }
            return kept
        }
        // The copy shares the table pages and free frames with the original
        // and copies them piecewise when written: the original stays intact.
        let original = storage
        storage = original.copy()
        storage.begin(cancellation, undoable: false)
        let kept = body(storage)
        if kept { storage.commit() } else { storage = original }
        return kept
    }
}

extension PageTable: Equatable {
    /// Whether the two tables have the same frames, allocator state and entries
    /// (their ``cancellation`` checks are not compared).
    /// - Complexity: O(t + f) for t table pages and f free frames, less the
    ///   parts the two tables still share (O(1) when they share storage).
    public static func == (lhs: PageTable, rhs: PageTable) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let a = lhs.storage, b = rhs.storage
        return a.frameCount == b.frameCount && a.nextFresh == b.nextFresh && a.freeList == b.freeList
            && a.root == b.root && a.counters == b.counters && a.tables == b.tables
    }
}

extension PageTable: CustomStringConvertible {
    /// A one-line summary, e.g.
    /// `page table: 6 of 262144 frames used, 4 table pages, 514 pages mapped`.
    /// - Complexity: O(1)
    public var description: String {
        let s = stats
        return "page table: \(s.usedFrames) of \(s.frameCount) frames used, \(s.tablePages) table pages, "
            + "\(s.mappedPages) pages mapped"
    }
}
