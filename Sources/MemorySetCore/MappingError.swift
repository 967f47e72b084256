/// The errors of ``MemorySet`` operations, thrown with typed throws.
public enum MappingError: Error, Hashable, Sendable {
    /// A parameter is invalid: an empty or unaligned range, a size of zero,
    /// an alignment that is not a power of two, or arithmetic that overflows
    /// 64 bits.
    case invalidParam
    /// The range to map overlaps an existing area.
    case alreadyExists
    /// A backend refused an operation on the page table, or the state does
    /// not allow the operation.
    case badState
}

extension MappingError: CustomStringConvertible {
    /// The error kind as the command language spells it: `InvalidParam`,
    /// `AlreadyExists` or `BadState`.
    public var description: String {
        switch self {
        case .invalidParam: "InvalidParam"
        case .alreadyExists: "AlreadyExists"
        case .badState: "BadState"
        }
    }
}
