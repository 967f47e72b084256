/// What an operation did to one area.
public enum AreaChangeKind: String, Hashable, Sendable, CaseIterable {
    /// A new area was inserted (`map`).
    case added
    /// The whole area was removed.
    case removed
    /// The area's start moved up: its left part was removed.
    case shrinkLeft = "shrink-left"
    /// The area's end moved down: its right part was removed.
    case shrinkRight = "shrink-right"
    /// The middle of the area was removed, leaving two areas.
    case split
    /// The flags of the area, or of a part of it, changed (`protect`).
    case protected
}

/// The effect of an operation on one area, as reported by the mutating
/// operations of ``MemorySet``: the area before (or `nil` for `added`) and
/// what stands in its place after, in address order (empty for `removed`; two
/// areas for an unmap `split`; one to three pieces for `protected`).
public struct AreaChange<Backend: MappingBackend> {
    /// What happened.
    public var kind: AreaChangeKind
    /// The area before the operation; `nil` when the area was added.
    public var before: MemoryArea<Backend>?
    /// The areas that replace `before`, in address order.
    public var after: [MemoryArea<Backend>]

    /// Creates a change record.
    /// - Complexity: O(1)
    @inlinable
    public init(kind: AreaChangeKind, before: MemoryArea<Backend>?, after: [MemoryArea<Backend>]) {
        self.kind = kind
        self.before = before
        self.after = after
    }
}

extension AreaChange: Sendable where Backend: Sendable {}
extension AreaChange: Equatable where Backend: Equatable {}
