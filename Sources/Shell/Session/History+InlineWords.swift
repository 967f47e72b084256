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

        /// `bytes`, or `nil` when they are more than ``capacity``.
        /// - Complexity: O(`bytes.count`)
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= Self.capacity else { return nil }
            count = UInt8(truncatingIfNeeded: bytes.count)
            withUnsafeMutableBytes(of: &storage) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
            }
        }

        /// The words of `command` read from bytes (``LineSource/bytes(_:)``), or `nil` when
        /// they do not fit or it was read from a `String` (keeping that `String` is one retain,
        /// cheaper than a copy of its words).
        /// - Complexity: O(length of the words)
        init?(_ command: borrowing ParsedCommand) {
            guard let start = command.source.start else { return nil }
            self.init(UnsafeBufferPointer(start: start + command.span.lowerBound, count: command.span.count))
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
