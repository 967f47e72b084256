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
    /// are allocated as the ring grows (a short session keeps a short array).
    struct UndoRing {
        /// A light entry, or the mark of a heavy one (then ``heavy`` holds the entry).
        struct Slot {
            /// The region of the light entry's step.
            var region: AddrRange
            /// The light entry's words.
            var words: InlineWords
            /// Whether the entry is heavy: in ``UndoRing/heavy`` at the same index.
            var isHeavy: Bool
        }

        /// The slots: the entries are the ``count`` slots ending at ``newest``, going back
        /// around the ring; the others hold popped entries or the oldest dropped ones' places.
        /// Before the ring first wraps, they are `slots[0...newest]`.
        private var slots: [Slot] = []
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
        /// - Complexity: O(1) amortized (the slots grow once up to ``capacity``; the first
        ///   heavy entry makes ``heavy``, O(``capacity``)).
        mutating func push(_ entry: consuming Entry) {
            let index = advance()
            if heavy.isEmpty { heavy = Array(repeating: nil, count: capacity) }
            // (Told by the slot: comparing the optional entry with nil would copy it.)
            if index == slots.count || !slots[index].isHeavy { heavyCount &+= 1 }
            heavy[index] = consume entry
            store(Slot(region: AddrRange(start: 0, end: 0), words: InlineWords(), isHeavy: true), at: index)
        }

        /// Adds the light entry of step ``Step/areas(_:_:)`` of `region` with no areas, and
        /// label `words`, as the newest, dropping the oldest when the ring is full: what
        /// ``push(_:)`` does with such an entry, without making it first.
        /// - Complexity: O(1) amortized (the slots grow once up to ``capacity``).
        mutating func push(region: AddrRange, words: InlineWords) {
            let index = advance()
            if heavyCount > 0 && index < slots.count && slots[index].isHeavy {
                heavy[index] = nil
                heavyCount &-= 1
            }
            store(Slot(region: region, words: words, isHeavy: false), at: index)
        }

        /// The index of the slot the next entry takes: the oldest entry's when the ring is full.
        private func advance() -> Int {
            let index = newest &+ 1
            return index == capacity ? 0 : index
        }

        /// Puts `slot` at `index` (``advance()``) and makes it the newest.
        private mutating func store(_ slot: Slot, at index: Int) {
            if index == slots.count {
                slots.append(slot)
            } else {
                slots[index] = slot
            }
            newest = index
            if count < capacity { count &+= 1 }
            _checkInvariants(at: index)
        }

        /// Removes and returns the newest entry, `nil` when there is none.
        /// - Complexity: O(1)
        mutating func pop() -> Entry? {
            guard count > 0 else { return nil }
            let index = newest
            let entry: Entry
            if slots[index].isHeavy {
                // Out of the ring now: nothing of a step taken back stays alive in it.
                entry = heavy[index].take()!
                heavyCount &-= 1
                slots[index].isHeavy = false
            } else {
                let slot = slots[index]
                entry = Entry(step: .areas(slot.region, []), label: .inline(slot.words))
            }
            newest = index == 0 ? capacity &- 1 : index &- 1
            count &-= 1
            _checkInvariants(at: index)
            return entry
        }

        /// Checks the bounds of ``count`` and ``newest``, and that slot `index` is heavy
        /// exactly when ``heavy`` holds an entry there (debug builds: `assert`).
        /// - Complexity: O(1)
        func _checkInvariants(at index: Int) {
            assert(_invariantsHold(at: index))
        }

        private func _invariantsHold(at index: Int) -> Bool {
            precondition(slots.count <= capacity && (0...capacity).contains(count), "History: \(count) entries in \(slots.count) slots")
            precondition(count == 0 || newest < slots.count, "History: the newest slot \(newest) is past the slots")
            // Before the first wrap, the entries are the first slots.
            precondition(slots.count == capacity || count <= newest + 1 || count == 0,
                         "History: \(count) entries end at slot \(newest) of \(slots.count) before the ring wrapped")
            precondition(heavy.isEmpty || heavy.count == capacity, "History: \(heavy.count) heavy places for \(capacity) slots")
            precondition((0...capacity).contains(heavyCount) && (heavyCount == 0 || !heavy.isEmpty), "History: \(heavyCount) heavy entries")
            let held = !heavy.isEmpty && heavy[index] != nil
            precondition(slots[index].isHeavy == held, "History: slot \(index) is \(held ? "" : "not ")held beside, marked \(slots[index].isHeavy)")
            return true
        }
    }
}
