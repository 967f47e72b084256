import MemorySetCore

/// The kind of a simulated memory access, spelled as in `touch ADDR [r|w|x]`.
public enum Access: String, Sendable, Hashable, CaseIterable {
    /// A load: needs the `r` flag.
    case read = "r"
    /// A store: needs the `w` flag.
    case write = "w"
    /// An instruction fetch: needs the `x` flag.
    case execute = "x"

    /// The flag an access of this kind needs.
    /// - Complexity: O(1)
    public var requiredFlag: MappingFlags {
        switch self {
        case .read: .read
        case .write: .write
        case .execute: .execute
        }
    }

    /// `read`, `write` or `execute`.
    /// - Complexity: O(1)
    public var name: String {
        switch self {
        case .read: "read"
        case .write: "write"
        case .execute: "execute"
        }
    }
}

extension Access: CustomStringConvertible {
    /// `read`, `write` or `execute`.
    /// - Complexity: O(1)
    public var description: String { name }
}
