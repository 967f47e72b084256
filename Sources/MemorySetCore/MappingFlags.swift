/// Access permissions of a memory area: read, write, execute, user.
///
/// Printed canonically as four characters in `rwxu` order with `-` for a
/// missing permission: `rw--`, `r-x-`, `----`.
@frozen
public struct MappingFlags: OptionSet, Hashable, Sendable {
    /// The flags as bits: read 1, write 2, execute 4, user 8.
    public var rawValue: UInt8
    /// The flags whose bits are set in `rawValue`.
    /// - Complexity: O(1)
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The area may be read.
    public static let read = MappingFlags(rawValue: 1 << 0)
    /// The area may be written.
    public static let write = MappingFlags(rawValue: 1 << 1)
    /// Code in the area may be executed.
    public static let execute = MappingFlags(rawValue: 1 << 2)
    /// The area is accessible from user mode.
    public static let user = MappingFlags(rawValue: 1 << 3)

    /// The letters in canonical order, paired with their flag.
    public static let letters: [(Character, MappingFlags)] = [
        ("r", .read), ("w", .write), ("x", .execute), ("u", .user),
    ]

    /// Parses letters `r`, `w`, `x`, `u` in any order, with `-` as a
    /// placeholder (`rw`, `r-x`, `-`, `rwxu`). Letters are case-insensitive;
    /// a repeated letter is accepted. Returns `nil` for an empty string or any
    /// other character.
    /// - Complexity: O(n) in the length of `text`.
    public init?(parsing text: Substring) { self.init(parsingUTF8: text.utf8) }

    /// Parses flags from UTF-8 bytes (see ``init(parsing:)-(Substring)``), for callers that
    /// hold the text as bytes and want no string built.
    /// - Complexity: O(n) in the number of bytes.
    @inlinable
    public init?<Bytes: Sequence<UInt8>>(parsingUTF8 bytes: Bytes) {
        var flags = MappingFlags()
        var empty = true
        // Every accepted letter is ASCII, and any other byte (including the start of a
        // multi-byte character) is refused, so no decoding is needed.
        for byte in bytes {
            empty = false
            switch byte | 0x20 {  // ASCII lowercase; "-" (0x2d) is unchanged by the bit
            case UInt8(ascii: "r"): flags.insert(.read)
            case UInt8(ascii: "w"): flags.insert(.write)
            case UInt8(ascii: "x"): flags.insert(.execute)
            case UInt8(ascii: "u"): flags.insert(.user)
            case UInt8(ascii: "-") where byte == UInt8(ascii: "-"): break
            default: return nil
            }
        }
        guard !empty else { return nil }
        self = flags
    }

    /// Parses flags; see ``init(parsing:)-(Substring)``.
    public init?(parsing text: String) { self.init(parsing: text[...]) }
}

extension MappingFlags: CustomStringConvertible {
    /// The four-character canonical form, e.g. `rw--`.
    public var description: String {
        (contains(.read) ? "r" : "-") + (contains(.write) ? "w" : "-")
            + (contains(.execute) ? "x" : "-") + (contains(.user) ? "u" : "-")
    }
}
