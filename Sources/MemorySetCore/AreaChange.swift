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
///
/// A change holds no heap storage of its own (`after` is inline), so
/// reporting changes costs no allocation beyond the array of changes.
public struct AreaChange<Backend: MappingBackend> {
    /// What happened.
    public var kind: AreaChangeKind
    /// The area before the operation; `nil` when the area was added.
    public var before: MemoryArea<Backend>?
    /// The areas that replace `before`, in address order (at most three).
    public var after: AreaPieces<Backend>

    /// Creates a change record.
    /// - Complexity: O(1)
    @inlinable
    public init(kind: AreaChangeKind, before: MemoryArea<Backend>?, after: AreaPieces<Backend>) {
        self.kind = kind
        self.before = before
        self.after = after
    }
}

extension AreaChange: Sendable where Backend: Sendable {}
extension AreaChange: Equatable where Backend: Equatable {}

/// Up to three areas stored inline: what replaces an area after an
/// operation. Build it from an array literal (`[left, right]`).
@frozen
public struct AreaPieces<Backend: MappingBackend>: RandomAccessCollection, ExpressibleByArrayLiteral {
    @usableFromInline var first_: MemoryArea<Backend>?
    @usableFromInline var second_: MemoryArea<Backend>?
    @usableFromInline var third_: MemoryArea<Backend>?
    /// The number of pieces (0 to 3).
    public let count: Int

    /// Creates the pieces from up to three areas.
    /// - Precondition: `areas.count <= 3`.
    /// - Complexity: O(1)
    @inlinable
    public init(arrayLiteral areas: MemoryArea<Backend>...) {
        self.init(areas)
    }

    /// No pieces (the area was removed).
    /// - Complexity: O(1)
    @inlinable
    public init() {
        first_ = nil
        second_ = nil
        third_ = nil
        count = 0
    }

    /// One piece.
    /// - Complexity: O(1)
    @inlinable
    public init(_ first: MemoryArea<Backend>) {
        first_ = first
        second_ = nil
        third_ = nil
        count = 1
    }

    /// Two pieces, in address order.
    /// - Complexity: O(1)
    @inlinable
    public init(_ first: MemoryArea<Backend>, _ second: MemoryArea<Backend>) {
        first_ = first
        second_ = second
        third_ = nil
        count = 2
    }

    /// Three pieces, in address order.
    /// - Complexity: O(1)
    @inlinable
    public init(_ first: MemoryArea<Backend>, _ second: MemoryArea<Backend>, _ third: MemoryArea<Backend>) {
        first_ = first
        second_ = second
        third_ = third
        count = 3
    }

    /// Creates the pieces from up to three areas.
    /// - Precondition: `areas.count <= 3`.
    /// - Complexity: O(1)
    @inlinable
    public init<C: Collection>(_ areas: C) where C.Element == MemoryArea<Backend> {
        precondition(areas.count <= 3, "AreaPieces holds at most three areas")
        var iterator = areas.makeIterator()
        first_ = iterator.next()
        second_ = iterator.next()
        third_ = iterator.next()
        count = areas.count
    }

    /// Always 0.
    /// - Complexity: O(1)
    @inlinable public var startIndex: Int { 0 }
    /// The number of pieces.
    /// - Complexity: O(1)
    @inlinable public var endIndex: Int { count }

    /// The piece at `position`.
    /// - Complexity: O(1)
    @inlinable
    public subscript(position: Int) -> MemoryArea<Backend> {
        precondition(position >= 0 && position < count, "AreaPieces: index out of range")
        switch position {
        case 0: return first_!
        case 1: return second_!
        default: return third_!
        }
    }
}

extension AreaPieces: Sendable where Backend: Sendable {}
extension AreaPieces: Equatable where Backend: Equatable {
    /// Whether both hold the same areas in the same order.
    /// - Complexity: O(1) (at most three areas)
    @inlinable
    public static func == (lhs: AreaPieces, rhs: AreaPieces) -> Bool { lhs.elementsEqual(rhs) }
}

/// The changes reported by one operation of ``MemorySet``, in address order.
///
/// The changes live in one contiguous buffer, except a final `added` change,
/// kept as its area: a `map` that replaces nothing reports without
/// allocating. (Whole changes stored inline made every copy and destroy of a
/// report go through generic value witnesses: ~1,000 instructions per churn
/// operation, more than the tree work itself.)
@frozen
public struct AreaChanges<Backend: MappingBackend>: RandomAccessCollection {
    @usableFromInline var storage: ContiguousArray<AreaChange<Backend>>
    /// The area of a last `added` change, when there is one.
    @usableFromInline var added: MemoryArea<Backend>?

    /// The number of changes.
    /// - Complexity: O(1)
    @inlinable public var count: Int { storage.count &+ (added == nil ? 0 : 1) }

    /// No change.
    /// - Complexity: O(1)
    @inlinable
    public init() {
        storage = []
        added = nil
    }

    /// Always 0.
    @inlinable public var startIndex: Int { 0 }
    /// The number of changes.
    @inlinable public var endIndex: Int { count }

    /// The change at `position`.
    /// - Complexity: O(1)
    @inlinable
    public subscript(position: Int) -> AreaChange<Backend> {
        if position == storage.count, let added {
            return AreaChange(kind: .added, before: nil, after: AreaPieces(added))
        }
        return storage[position]
    }

    /// Adds a change at the end.
    /// - Complexity: O(1) amortized
    @inlinable
    public mutating func append(_ change: AreaChange<Backend>) {
        if let previous = added {
            storage.append(AreaChange(kind: .added, before: nil, after: AreaPieces(previous)))
            added = nil
        }
        if change.kind == .added, change.before == nil, change.after.count == 1 {
            added = change.after[0]
        } else {
            storage.append(change)
        }
    }

    /// Adds an `added` change for `area` at the end: ``append(_:)`` without the tests of
    /// the change's shape (what ``MemorySet/map(_:in:unmapOverlap:)`` reports).
    /// - Complexity: O(1) amortized
    @inlinable
    mutating func appendAdded(_ area: MemoryArea<Backend>) {
        if let previous = added {
            storage.append(AreaChange(kind: .added, before: nil, after: AreaPieces(previous)))
        }
        added = area
    }

    /// Makes room for `n` changes.
    /// - Complexity: O(n)
    @inlinable
    public mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(n) }
}

extension AreaChanges: Sendable where Backend: Sendable {}
extension AreaChanges: Equatable where Backend: Equatable {
    /// Whether both hold the same changes in the same order.
    /// - Complexity: O(n)
    @inlinable
    public static func == (lhs: AreaChanges, rhs: AreaChanges) -> Bool { lhs.elementsEqual(rhs) }
}
