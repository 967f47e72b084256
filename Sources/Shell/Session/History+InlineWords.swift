extension History {
    /// A command's words kept inside its undo entry, up to ``capacity`` bytes: most commands
    /// fit (`map 0x10000000 +0x1000 rw` is 25 bytes), so that recording the step of a
    /// command read from bytes (a piped line) allocates nothing. Such a line has no `String`;
    /// making one to keep costs an allocation now and a release when the step is dropped,
    /// ~350 instructions a recorded line, for a text that is shown only if the step is undone.
    ///
    /// ```
    ///   line   "  map 0x10000000 +0x1000 rw   # first"
    ///                ╰──── span: the words ────╯
    ///   kept   [m a p ␠ 0 x 1 … r w 0 0 … 0 | 25]     bytes 0..<47 the words, byte 47 the count
    ///   text   lexed again from these bytes only, as from the line
    /// ```
    ///
    /// 48 bytes in all, so that a light slot of the undo ring, region and words, is 64
    /// (``UndoRing/Slot``). A count byte past ``capacity`` is not words but the ring's mark
    /// of a heavy slot (``mark``).
    struct InlineWords {
        /// The most bytes kept.
        static var capacity: Int { 47 }
        /// The bytes, the first ``count`` of them used, then zeros; the last one is the count.
        private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)

        /// How many bytes are kept.
        /// - Complexity: O(1)
        var count: UInt8 {
            withUnsafeBytes(of: storage) { $0[Self.capacity] }
        }

        /// No bytes.
        /// - Complexity: O(1)
        init() {}

        /// `bytes`, or `nil` when they are more than ``capacity``.
        /// - Complexity: O(`bytes.count`)
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= Self.capacity else { return nil }
            assign(bytes)
        }

        /// Makes these words `bytes`, in place (the undo ring writes a command's words
        /// straight into its slot).
        ///
        /// Copied eight bytes at a time, the last eight as the eight bytes ending the words
        /// (overlapping those before them, which they write again with the same values);
        /// fewer than eight as two overlapping loads and stores of four or two. No call to
        /// `memcpy` for a few dozen bytes, and no loop (which the optimizer makes one).
        /// ```
        ///   bytes   [m a p ␠ 0 x 1 0 | 0 0 0 0 0 0 ␠ + | 0 x 1 0 0 0 ␠ r | w]      25 bytes
        ///   stored   ╰── at 0 ──────╯ ╰── at 8 ───────╯ ╰── at 16 ──────╯
        ///                                                  ╰── at 17 (the last 8) ──╯
        ///   then     zeros to byte 46, the count (25) in byte 47
        /// ```
        /// - Precondition: `bytes.count <= capacity`.
        /// - Complexity: O(`bytes.count`)
        @inline(__always)
        mutating func assign(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            precondition(count <= Self.capacity, "History: \(count) bytes of words kept inline")
            storage = (0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &storage) { target in
                if let start = bytes.baseAddress { Self.copy(UnsafeRawPointer(start), count: count, to: target.baseAddress.unsafelyUnwrapped) }
                target[Self.capacity] = UInt8(truncatingIfNeeded: count)
            }
        }

        /// Copies the `count` (at most ``capacity``) bytes at `source` to `target`, and
        /// nothing past them (``assign(_:)``).
        /// - Complexity: O(`count`)
        @inline(__always)
        private static func copy(_ source: UnsafeRawPointer, count: Int, to target: UnsafeMutableRawPointer) {
            @inline(__always) func move<T>(_: T.Type, at offset: Int) {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: T.self), toByteOffset: offset, as: T.self)
            }
            if count >= 8 {
                // The eight-byte words before the last eight, in line (at most five: the
                // capacity is 47), then the last eight.
                move(UInt64.self, at: 0)
                if count > 16 { move(UInt64.self, at: 8) }
                if count > 24 { move(UInt64.self, at: 16) }
                if count > 32 { move(UInt64.self, at: 24) }
                if count > 40 { move(UInt64.self, at: 32) }
                move(UInt64.self, at: count &- 8)
            } else if count >= 4 {
                move(UInt32.self, at: 0)
                move(UInt32.self, at: count &- 4)
            } else if count >= 2 {
                move(UInt16.self, at: 0)
                move(UInt16.self, at: count &- 2)
            } else if count == 1 {
                move(UInt8.self, at: 0)
            }
        }

        /// Lends the words of `command` to `body` when they fit (at most ``capacity``
        /// bytes); `nil` (and no call) when they do not.
        ///
        /// Read from a `String` line too, to be copied: keeping the `String` would cost a
        /// retain now and a release when the step is dropped, 1,000 commands later. Both are
        /// atomic, and the release touches a line long out of the cache, so together they
        /// take longer than copying a few dozen bytes, though fewer instructions.
        /// - Complexity: O(1), plus `body`'s.
        @inline(__always)
        static func withWords<R>(of command: borrowing ParsedCommand, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
            let span = command.span
            guard span.count <= capacity else { return nil }
            if let start = command.source.start {
                return body(UnsafeBufferPointer(start: start + span.lowerBound, count: span.count))
            }
            // (Contiguous unless bridged; a small string is copied out by the call.)
            return command.source.string.utf8.withContiguousStorageIfAvailable { body(UnsafeBufferPointer(rebasing: $0[span])) }
        }

        /// The words of `command`, or `nil` when they do not fit (``withWords(of:_:)``).
        /// - Complexity: O(length of the words)
        init?(_ command: borrowing ParsedCommand) {
            guard let words = Self.withWords(of: command, { Self($0) }), let words else { return nil }
            self = words
        }

        /// Not words: what a heavy slot of the undo ring holds in their place (its count byte
        /// is past ``capacity``).
        static var mark: InlineWords {
            var mark = InlineWords()
            withUnsafeMutableBytes(of: &mark.storage) { $0[Self.capacity] = UInt8.max }
            return mark
        }

        /// Whether this is ``mark``, not words.
        /// - Complexity: O(1)
        var isMark: Bool { count == UInt8.max }

        /// The bytes as a `String` (invalid UTF-8 replaced by U+FFFD, as a line is read).
        /// - Precondition: `!isMark`.
        /// - Complexity: O(``count``)
        var string: String {
            assert(!isMark, "History: the mark of a heavy slot read as words")
            return withUnsafeBytes(of: storage) { raw in
                String(decoding: raw.prefix(Int(count)), as: UTF8.self)
            }
        }
    }
}
