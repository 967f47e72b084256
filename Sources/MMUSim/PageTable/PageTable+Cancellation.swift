extension PageTable {
    /// A check that long page-table work polls, to stop early when it is interrupted (Ctrl-C).
    ///
    /// Work that visits many table entries calls the check once every ``pollInterval``
    /// entries. The changes of one table count on from one to the next, so a run of short
    /// changes (an unmap of many small areas, each its own backend call) polls too:
    ///
    /// ```
    ///   entries visited   0 ........ 4095 | 4096 ....... 8191 | 8192 ...
    ///   polls                             ^ check() false     ^ check() true: stop
    /// ```
    ///
    /// What stops, and how it fails:
    /// - a map (`linear`, populating `alloc`), unmap or protect through ``SimBackend``, with
    ///   the table's ``cancellation``: it fails exactly as running out of frames fails, the
    ///   backend returns `false` with frames, table pages and entries as before, and
    ///   `MemorySet` reports ``MappingError/badState`` with its areas as before;
    /// - ``mappedRanges(in:cancellation:)`` and ``verify(_:cancellation:)`` (reads): they
    ///   throw ``Cancelled``.
    ///
    /// Unused (``never``), it costs one counter decrement per entry visited. The check is no
    /// part of the table's value: ``PageTable/==(_:_:)`` ignores it, and a caller keeping
    /// copies (undo) should set it only for the duration of an operation.
    ///
    /// The check runs on the thread doing the work, between two entries: it must be cheap
    /// and must not use the table. Reading a flag that a signal handler sets (an atomic
    /// load) is the typical check.
    public struct Cancellation: Sendable {
        /// `nil`: never stop.
        let check: (@Sendable () -> Bool)?

        /// Entries visited between two calls of the check: 4096 (a fraction of a
        /// millisecond of populating).
        public static let pollInterval = 4096

        /// A cancellation that stops work when `isCancelled` returns `true`.
        /// - Parameter isCancelled: Called every ``pollInterval`` entries visited.
        /// - Complexity: O(1)
        public init(_ isCancelled: @escaping @Sendable () -> Bool) {
            check = isCancelled
        }

        private init() {
            check = nil
        }

        /// The cancellation that never stops anything (the default).
        /// - Complexity: O(1)
        public static var never: Cancellation { Cancellation() }

        /// Whether the check says stop (`false` for ``never``, without a call).
        /// - Complexity: that of the check.
        public var isCancelled: Bool {
            guard let check else { return false }
            return check()
        }
    }

    /// The error of a read stopped by its ``Cancellation``.
    public struct Cancelled: Error, Hashable, Sendable {
        /// The error.
        /// - Complexity: O(1)
        public init() {}
    }
}

/// Counts the entries work visits and asks its cancellation every
/// ``PageTable/Cancellation/pollInterval`` of them.
///
/// The storage keeps one for all its changes, counting on from one change to the next (so
/// that many short changes in a row, e.g. an unmap of a million small areas, poll too); a
/// read keeps its own.
struct Poller {
    /// What to ask; ``PageTable/Cancellation/never`` between changes.
    var cancellation: PageTable.Cancellation
    /// Entries left before the next poll.
    private var countdown = PageTable.Cancellation.pollInterval
    /// Set once the cancellation said stop.
    private(set) var stopped = false

    init(_ cancellation: PageTable.Cancellation) {
        self.cancellation = cancellation
    }

    /// Starts a piece of work polling `cancellation` (the count goes on).
    mutating func start(_ cancellation: PageTable.Cancellation) {
        self.cancellation = cancellation
        stopped = false
    }

    /// Counts one entry; `true` when the work must stop (the caller fails at once).
    @inline(__always)
    mutating func tick() -> Bool {
        countdown -= 1
        if countdown > 0 { return false }
        return poll()
    }

    @inline(never)
    private mutating func poll() -> Bool {
        countdown = PageTable.Cancellation.pollInterval
        if !stopped && cancellation.isCancelled { stopped = true }
        return stopped
    }
}
