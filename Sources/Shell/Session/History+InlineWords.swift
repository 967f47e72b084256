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
    ///   kept   [m a p ␠ 0 x 1 … r w | 0 0 …]  count 25      (capacity 48)
    ///   text   lexed again from these bytes only, as from the line
    /// ```
    struct InlineWords {
        /// The most bytes kept.
        static var capacity: Int { 48 }
        /// The bytes, the first ``count`` of them used.
        private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        /// How many bytes are kept.
        let count: UInt8

        /// No bytes.
        /// - Complexity: O(1)
        init() { count = 0 }

        /// `bytes`, or `nil` when they are more than ``capacity``.
        /// - Complexity: O(`bytes.count`)
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= Self.capacity else { return nil }
            count = UInt8(truncatingIfNeeded: bytes.count)
            withUnsafeMutableBytes(of: &storage) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
            }
        }

        /// The words of `command`, or `nil` when they do not fit.
        ///
        /// Copied from a `String` line too: keeping the `String` would cost a retain now and
        /// a release when the step is dropped, 1,000 commands later. Both are atomic, and
        /// the release touches a line long out of the cache, so together they take longer
        /// than copying a few dozen bytes, though fewer instructions.
        /// - Complexity: O(length of the words)
        init?(_ command: borrowing ParsedCommand) {
            let span = command.span
            guard span.count <= Self.capacity else { return nil }
            if let start = command.source.start {
                self.init(UnsafeBufferPointer(start: start + span.lowerBound, count: span.count))
            } else {
                // (Contiguous unless bridged; a small string is copied out by the call.)
                guard let words = command.source.string.utf8.withContiguousStorageIfAvailable({
                    Self(UnsafeBufferPointer(rebasing: $0[span]))
                }), let words else { return nil }
                self = words
            }
        }

        /// The bytes as a `String` (invalid UTF-8 replaced by U+FFFD, as a line is read).
        /// - Complexity: O(``count``)
        var string: String {
            withUnsafeBytes(of: storage) { raw in
                String(decoding: raw.prefix(Int(count)), as: UTF8.self)
            }
        }
    }
}
