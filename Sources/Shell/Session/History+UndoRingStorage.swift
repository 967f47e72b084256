import MemorySetCore

extension History.UndoRing {
    /// The ring's slots, all ``History/UndoRing/capacity`` of them in one allocation, made
    /// at the first push (a session that records nothing allocates nothing), owned by this
    /// object: allocated by it and freed by its `deinit`. Shared between copies of a ring
    /// until one of them writes (copy on write: the history is a value). The slots are
    /// plain bytes (``Slot``): nothing to retain when copied, nothing to release when freed.
    ///
    /// ```
    ///   Storage ──slots──▶ [ slot 0 | slot 1 | … | slot capacity-1 ]    64 bytes a slot
    /// ```
    /// (The slots are their own allocation, not the object's tail as in a `ManagedBuffer`:
    /// the pointer is then a stored property, read in place, where a `ManagedBuffer` lends
    /// it to a closure, which the optimizer left as a call of its own: ~15 instructions more
    /// a push.)
    final class Storage {
        /// The first slot.
        let slots: UnsafeMutablePointer<Slot>
        /// How many slots there are.
        let capacity: Int

        /// `capacity` slots, each of them `blank`.
        /// - Complexity: O(`capacity`)
        init(capacity: Int, filledWith blank: Slot) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: blank, count: capacity)
        }

        /// Slots holding the same as `other`'s.
        /// - Complexity: O(capacity)
        init(copying other: Storage) {
            capacity = other.capacity
            slots = .allocate(capacity: capacity)
            slots.initialize(from: other.slots, count: capacity)
        }

        // (The slots are trivial: freeing them is all there is to do.)
        deinit { slots.deallocate() }

        /// The access to the slots, valid while this object lives.
        /// - Complexity: O(1)
        var handle: UnsafeHandle { UnsafeHandle(slots: slots, capacity: capacity) }
    }

    /// The only access to a ``Storage``'s slots, for one read or write of the ring while it
    /// holds the storage (``History/UndoRing`` asks for it as `slots` and `uniqueSlots()`).
    struct UnsafeHandle {
        /// The first slot.
        let slots: UnsafeMutablePointer<Slot>
        /// How many slots there are.
        let capacity: Int

        /// Slot `index`.
        /// - Precondition: `0 <= index < capacity` (checked in debug builds).
        /// - Complexity: O(1)
        subscript(index: Int) -> Slot {
            get {
                assert(index >= 0 && index < capacity, "History: slot \(index) of \(capacity)")
                return slots[index]
            }
            nonmutating set {
                assert(index >= 0 && index < capacity, "History: slot \(index) of \(capacity)")
                slots[index] = newValue
            }
        }

        /// Puts `slot` in place of slot `index`; returns whether the slot it replaced was
        /// heavy when `checkingHeavy`, else `false` without reading it (a slot last written
        /// `capacity` pushes ago is out of the cache: a store does not wait for it, a load does).
        /// - Complexity: O(1)
        func replace(_ index: Int, with slot: Slot, checkingHeavy: Bool) -> Bool {
            let wasHeavy = checkingHeavy && self[index].isHeavy
            self[index] = slot
            return wasHeavy
        }

        /// Makes slot `index` the light slot of `region` and `words`, written in place (no
        /// ``Slot`` made first); returns whether the slot it replaced was heavy, as
        /// ``replace(_:with:checkingHeavy:)``.
        /// - Precondition: `words.count <= InlineWords.capacity`.
        /// - Complexity: O(`words.count`)
        @inline(__always)
        func replace(_ index: Int, region: AddrRange, words: UnsafeBufferPointer<UInt8>, checkingHeavy: Bool) -> Bool {
            assert(index >= 0 && index < capacity, "History: slot \(index) of \(capacity)")
            let slot = slots + index
            let wasHeavy = checkingHeavy && slot.pointee.isHeavy
            slot.pointee.region = region
            slot.pointee.words.assign(words)
            return wasHeavy
        }
    }
}
