import MemorySetCore
import MMUSim

/// The backend of the session's areas: the simulator backend that maps the pages, and the
/// area's label (the pathname column of a loaded `/proc/PID/maps`, or `map --label`).
///
/// Being part of the backend value, the label follows the area through everything the set
/// does to it: a split or a protect copies the backend to every piece, a shrink keeps it.
/// `map`, `unmap` and `protect` are forwarded to ``sim`` unchanged, so the page table is
/// exactly what ``SimBackend`` alone makes of it. The label is an index into the state's
/// ``LabelTable`` so the value stays trivial (no reference counting in the area tree).
struct AreaBackend: SimulatedBackend, Hashable, Sendable {
    /// How the area's pages are mapped.
    var sim: SimBackend
    /// The area's label, ``LabelID/none`` when it has none.
    var label: LabelID = .none

    static let none = AreaBackend(sim: .none)

    /// ``sim``.
    var simBackend: SimBackend { sim }

    /// Forwards to ``SimBackend/map(start:size:flags:in:)``.
    /// - Complexity: that of the simulator backend.
    func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pageTable: inout PageTable) -> Bool {
        sim.map(start: start, size: size, flags: flags, in: &pageTable)
    }

    /// Forwards to ``SimBackend/unmap(start:size:in:)``.
    /// - Complexity: that of the simulator backend.
    func unmap(start: VirtAddr, size: UInt64, in pageTable: inout PageTable) -> Bool {
        sim.unmap(start: start, size: size, in: &pageTable)
    }

    /// Forwards to ``SimBackend/protect(start:size:newFlags:in:)``.
    /// - Complexity: that of the simulator backend.
    func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pageTable: inout PageTable) -> Bool {
        sim.protect(start: start, size: size, newFlags: newFlags, in: &pageTable)
    }
}
