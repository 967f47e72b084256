import MemorySetCore

extension History {
    /// The undo steps: at most ``capacity`` entries in a ring of slots, where a new entry
    /// takes the place of the oldest once the ring is full. Nothing ever moves: recording
    /// is one store (and the destruction of the entry it replaces), never a shift of the
    /// whole stack.
    ///
    /// ```
    ///   capacity 5, full:     [ e5 | e6 | e2 | e3 | e4 ]     newest e6, oldest e2
    ///   push e7:              [ e5 | e6 | e7 | e3 | e4 ]     e2 dropped in place
    ///   pop (undo) → e7:      [ e5 | e6 |    | e3 | e4 ]     newest e6
    ///   push e8:              [ e5 | e6 | e8 | e3 | e4 ]
    /// ```
    ///
    /// Most entries are *light*: the step of a `map` into a free range that kept no page
    /// table (``Step/areas(_:_:)`` with no areas), whose words fit in the entry
    /// (``Label/inline(_:)``). All such an entry holds is its region and its words, plain
    /// bytes, so a slot holds them as a ``Slot``: storing one is a copy, with nothing to
    /// retain, and nothing to release in the slot it replaces. The other, *heavy* entries
    /// (areas, page tables, states, texts) are kept whole in ``heavy``, at the same index;
    /// that array is made at the first heavy entry.
    /// ```
    ///   slots   [ r5 w5 | r6 w6 | (heavy) | r3 w3 | r4 w4 ]     r region, w words
    ///   heavy   [  nil  |  nil  |   e7    |  nil  |  nil  ]
    /// ```
    /// An entry popped (undone) leaves its slot at once: the areas, page table and text of a
    /// step taken back are released then, not kept until a push takes the slot. The slots
    /// are one allocation of ``capacity`` slots (``Storage``), made at the first push and
    /// read and written only through ``UnsafeHandle``.
    struct UndoRing {
        /// A light entry, or the mark of a heavy one (then ``heavy`` holds the entry): 64
        /// bytes, plain (stored by a copy, nothing to retain or release).
        struct Slot {
            /// The region of the light entry's step.
            var region: AddrRange
            /// The light entry's words, or ``InlineWords/mark`` for a heavy entry.
            var words: InlineWords

            /// The slot of a heavy entry.
            static var heavy: Slot { Slot(region: AddrRange(start: 0, end: 0), words: .mark) }

            /// A slot that holds no entry: never written, or left by a heavy entry popped.
            static var blank: Slot { Slot(region: AddrRange(start: 0, end: 0), words: InlineWords()) }

            /// Whether the entry is heavy: in ``UndoRing/heavy`` at the same index.
            var isHeavy: Bool { words.isMark }
        }

        /// The slots, `nil` until the first push: the entries are the ``count`` slots ending
        /// at ``newest``, going back around the ring; the others hold popped entries or the
        /// oldest dropped ones' places (or blank light slots never written).
        private var storage: Storage?
        /// The heavy entries at their slots' indices, `nil` elsewhere: empty until the first
        /// heavy entry, then ``capacity`` long.
        private var heavy: [Entry?] = []
        /// The number of entries in ``heavy``: while it is 0, a light push reads nothing of
        /// the slot it replaces (a slot last written ``capacity`` pushes ago, out of the cache).
        private var heavyCount = 0
        /// The slot of the newest entry (`capacity - 1` when the ring is empty and has not
        /// started, so that the first push goes to slot 0).
        private var newest: Int
        /// The number of entries.
        private(set) var count = 0
        /// The most entries kept.
        let capacity: Int

        /// An empty ring of `capacity` slots.
        /// - Precondition: `capacity > 0`.
        /// - Complexity: O(1)
        init(capacity: Int) {
            precondition(capacity > 0, "History: the undo capacity must be positive")
            self.capacity = capacity
            newest = capacity - 1
        }

        /// Adds `entry` as the newest, as a heavy entry, dropping the oldest when the ring is
        /// full. (Light entries come through ``push(region:words:)``; one given here, as redo
        /// gives them, is kept whole, which is the same, in a larger place.)
        /// - Complexity: O(1) (the first push makes the slots and the first heavy entry
        ///   makes ``heavy``, O(``capacity``) each; so does the first push after a copy).
        mutating func push(_ entry: consuming Entry) {
            let index = advance()
            if heavy.isEmpty { heavy = Array(repeating: nil, count: capacity) }
            if !uniqueSlots().replace(index, with: .heavy, checkingHeavy: true) { heavyCount &+= 1 }
            heavy[index] = consume entry
            didPush(at: index)
        }

        /// Adds the light entry of step ``Step/areas(_:_:)`` of `region` with no areas, and
        /// label `words` (kept inline: ``InlineWords``), as the newest, dropping the oldest
        /// when the ring is full: what ``push(_:)`` does with such an entry, without making it
        /// first. The words go straight into the slot.
        /// - Precondition: `words.count <= InlineWords.capacity`.
        /// - Complexity: O(`words.count`) (the first push makes the slots, O(``capacity``);
        ///   so does the first push after a copy).
        mutating func push(region: AddrRange, words: UnsafeBufferPointer<UInt8>) {
            let index = advance()
            let checkingHeavy = heavyCount > 0
            if uniqueSlots().replace(index, region: region, words: words, checkingHeavy: checkingHeavy) {
                dropHeavy(at: index)
            }
            didPush(at: index)
        }

        /// Releases the heavy entry at `index`, whose slot a light entry took.
        /// - Complexity: O(1), plus the entry's destruction.
        @inline(never)
        private mutating func dropHeavy(at index: Int) {
            heavy[index] = nil
            heavyCount &-= 1
        }

        /// The index of the slot the next entry takes: the oldest entry's when the ring is full.
        private func advance() -> Int {
            let index = newest &+ 1
            return index == capacity ? 0 : index
        }

        /// Makes slot `index` (``advance()``), just written, the newest.
        private mutating func didPush(at index: Int) {
            newest = index
            if count < capacity { count &+= 1 }
            _checkInvariants(at: index)
        }

        /// Removes and returns the newest entry, `nil` when there is none.
        /// - Complexity: O(1) (O(``capacity``) for the first write after a copy).
        mutating func pop() -> Entry? {
            guard count > 0 else { return nil }
            let index = newest
            let entry: Entry
            let slot = slots[index]
            if slot.isHeavy {
                // Out of the ring now: nothing of a step taken back stays alive in it.
                entry = heavy[index].take()!
                heavyCount &-= 1
                uniqueSlots()[index] = .blank
            } else {
                entry = Entry(step: .areas(slot.region, []), label: .inline(slot.words))
            }
            newest = index == 0 ? capacity &- 1 : index &- 1
            count &-= 1
            _checkInvariants(at: index)
            return entry
        }

        /// The slots, for reading.
        /// - Precondition: a push made them.
        /// - Complexity: O(1)
        private var slots: UnsafeHandle { storage.unsafelyUnwrapped.handle }

        /// The slots, for writing: made first (all blank) at the first push, copied first
        /// when another copy of the ring shares them.
        /// - Complexity: O(1) (O(``capacity``) when they are made or copied).
        @inline(__always)
        private mutating func uniqueSlots() -> UnsafeHandle {
            if _slowPath(!isKnownUniquelyReferenced(&storage)) { makeUniqueStorage() }
            return slots
        }

        /// Makes ``storage`` this ring's own: new, or a copy of the one it shares.
        /// - Complexity: O(``capacity``)
        @inline(never)
        private mutating func makeUniqueStorage() {
            storage = storage.map { Storage(copying: $0) } ?? Storage(capacity: capacity, filledWith: .blank)
        }

        /// Checks the bounds of ``count`` and ``newest``, and that slot `index` is heavy
        /// exactly when ``heavy`` holds an entry there (debug builds: `assert`).
        /// - Complexity: O(1)
        func _checkInvariants(at index: Int) {
            assert(_invariantsHold(at: index))
        }

        private func _invariantsHold(at index: Int) -> Bool {
            precondition((0...capacity).contains(count), "History: \(count) entries in \(capacity) slots")
            precondition(storage != nil || count == 0, "History: \(count) entries and no slots")
            precondition((0..<capacity).contains(newest), "History: the newest slot \(newest) is past the \(capacity) slots")
            precondition(heavy.isEmpty || heavy.count == capacity, "History: \(heavy.count) heavy places for \(capacity) slots")
            precondition((0...capacity).contains(heavyCount) && (heavyCount == 0 || !heavy.isEmpty), "History: \(heavyCount) heavy entries")
            guard storage != nil else { return true }
            let held = !heavy.isEmpty && heavy[index] != nil
            let marked = slots[index].isHeavy
            precondition(marked == held, "History: slot \(index) is \(held ? "" : "not ")held beside, marked \(marked)")
            return true
        }
    }
}
