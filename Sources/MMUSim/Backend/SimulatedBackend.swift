import MemorySetCore

/// A backend that maps its pages through a ``SimBackend``, possibly carrying more
/// (e.g. a label): what ``PageTable/touch(_:access:user:areas:)`` and
/// ``PageTable/verify(_:)`` need to read an area's backend.
///
/// ``SimBackend`` conforms (it is its own simulator backend). A wrapper must forward
/// `map`/`unmap`/`protect` to ``simBackend`` unchanged, so the page table is exactly what
/// the wrapped backend would make of it.
public protocol SimulatedBackend: MappingBackend where PageTable == MMUSim.PageTable {
    /// The simulator backend that maps the area's pages.
    var simBackend: SimBackend { get }
}

extension SimBackend: SimulatedBackend {
    /// `self`.
    /// - Complexity: O(1)
    public var simBackend: SimBackend { self }
}
