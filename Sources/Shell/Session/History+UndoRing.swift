extension History {
    /// The undo steps: at most ``capacity`` entries in a ring of slots, where a new entry
    /// takes the place of the oldest once the ring is full. Nothing ever moves: recording
    /// is one store (and the destruction of the entry it replaces), never a shift of the
    /// whole stack.
    ///
    /// ```
    ///   capacity 5, full:     [ e5 | e6 | e2 | e3 | e4 ]     newest e6, oldest e2
    ///   push e7:              [ e5 | e6 | e7 | e3 | e4 ]     e2 dropped in place
    ///   pop (undo) → e7:      [ e5 | e6 |(pt)| e3 | e4 ]     newest e6; e7's page table
    ///   push e8:              [ e5 | e6 | e8 | e3 | e4 ]     stays until a push takes its slot
    /// ```
    ///
    /// A popped entry is copied out and its slot keeps a step of its page table alone (no
    /// slot is ever empty: an optional slot costs a generic destruction, ~80 instructions,
    /// on every push): the areas and text of a step taken back are released at once, and the
    /// page table kept is the one the state holds after the undo. The slots are
    /// allocated as the ring grows (a short session keeps a short array).
    struct UndoRing {
        /// The slots: the entries are the ``count`` slots ending at ``newest``, going back
        /// around the ring; the others hold popped entries or the oldest dropped ones' places.
        /// Before the ring first wraps, they are `slots[0...newest]`.
        private var slots: [Entry] = []
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

        /// Adds `entry` as the newest, dropping the oldest when the ring is full.
        /// - Complexity: O(1) amortized (the slots grow once up to ``capacity``).
        mutating func push(_ entry: consuming Entry) {
            var slot = newest &+ 1
            if slot == capacity { slot = 0 }
            if slot == slots.count {
                slots.append(entry)
            } else {
                slots[slot] = entry
            }
            newest = slot
            if count < capacity { count &+= 1 }
            _checkInvariants()
        }

        /// Removes and returns the newest entry, `nil` when there is none.
        /// - Complexity: O(1)
        mutating func pop() -> Entry? {
            guard count > 0 else { return nil }
            let entry = slots[newest]
            // What the slot keeps until a push takes it: the step's page table only (the
            // state's own once the step is swapped in), so that the areas and the text of a
            // step taken back are not kept alive by the ring.
            slots[newest] = Entry(step: .pageTable(entry.step.pageTable), label: .text(""))
            newest = newest == 0 ? capacity &- 1 : newest &- 1
            count &-= 1
            _checkInvariants()
            return entry
        }

        /// Checks the bounds of ``count`` and ``newest`` (debug builds: `assert`).
        /// - Complexity: O(1)
        func _checkInvariants() {
            assert(_invariantsHold())
        }

        private func _invariantsHold() -> Bool {
            precondition(slots.count <= capacity && (0...capacity).contains(count), "History: \(count) entries in \(slots.count) slots")
            precondition(count == 0 || newest < slots.count, "History: the newest slot \(newest) is past the slots")
            // Before the first wrap, the entries are the first slots.
            precondition(slots.count == capacity || count <= newest + 1 || count == 0,
                         "History: \(count) entries end at slot \(newest) of \(slots.count) before the ring wrapped")
            return true
        }
    }
}
