import MemorySetCore

/// Writes UTF-8 text into an uninitialized byte buffer, for building a `String` in one
/// allocation with `String(unsafeUninitializedCapacity:initializingUTF8With:)`.
///
/// The caller sizes the buffer; writing past its end traps (it never overflows).
struct TextWriter {
    /// The buffer being written.
    let buffer: UnsafeMutableBufferPointer<UInt8>
    /// Bytes written so far, at the start of ``buffer``.
    private(set) var count = 0

    /// A writer at the start of `buffer`.
    /// - Complexity: O(1)
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Appends the UTF-8 bytes of `text`.
    /// - Complexity: O(length of `text`)
    mutating func write(_ text: String) {
        let written = text.utf8.withContiguousStorageIfAvailable { bytes in
            UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(fromContentsOf: bytes)
        }
        if let written {
            count += written
        } else {
            for byte in text.utf8 { write(byte) }
        }
    }

    /// Appends `area`'s description (`[0x1000, 0x3000) rw--`), written in place.
    /// - Complexity: O(1)
    mutating func write<B>(_ area: MemoryArea<B>) {
        count = area.writeDescription(into: buffer, at: count)
    }

    /// Appends one byte.
    /// - Complexity: O(1)
    mutating func write(_ byte: UInt8) {
        buffer.initializeElement(at: count, to: byte)
        count += 1
    }
}

extension TextWriter {
    /// `pieces` concatenated into a string built in one allocation of exactly their length
    /// (instead of one per `+`).
    /// - Complexity: O(total length)
    static func concatenate(_ pieces: String...) -> String {
        String(unsafeUninitializedCapacity: pieces.reduce(0) { $0 + $1.utf8.count }) { buffer in
            var text = TextWriter(buffer)
            for piece in pieces { text.write(piece) }
            return text.count
        }
    }
}
