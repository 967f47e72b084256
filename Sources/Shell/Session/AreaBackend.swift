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
///
/// Stored packed in 12 bytes, two words, so that an area of the session's set is 32 bytes,
/// not 40 (what the tree's leaves move on every insertion and removal, and what every change
/// report copies), and explodes into as few scalars as an area of the bare ``SimBackend``:
/// with a third stored field the optimizer copies a command's `AreaChanges` through its
/// value witness instead of inline.
/// ```
///  byte  0          8                 12
///        [ offset  ][ kind:2 label:30 ]      offset: the linear backend's paVaOffset, else 0
///  MemoryArea<AreaBackend>:
///        [ start ][ end ][ backend        ][flags]   -> size 29, stride 32
/// ```
/// ``sim`` rebuilds the ``SimBackend`` from the kind and the offset.
struct AreaBackend: SimulatedBackend, Hashable, Sendable {
    /// The linear backend's `paVaOffset`; 0 for every other kind (so equal backends have
    /// equal stored fields).
    private var offset: UInt64
    /// The label's raw value in the low ``labelBits`` bits, the kind of ``SimBackend`` above:
    /// 0 `none`, 1 `linear`, 2 `alloc` lazy, 3 `alloc` populating.
    private var bits: UInt32

    /// How many bits a label's raw value may use (over a billion labels).
    static var labelBits: UInt32 { 30 }
    private static var labelMask: UInt32 { (1 << labelBits) - 1 }

    /// The backend mapping through `sim`, labelled `label`.
    /// - Precondition: `label.raw` fits in ``labelBits`` bits.
    /// - Complexity: O(1)
    init(sim: SimBackend, label: LabelID = .none) {
        precondition(label.raw <= Self.labelMask, "AreaBackend: too many labels")
        let kind: UInt32
        switch sim {
        case .none: (kind, offset) = (0, 0)
        case let .linear(paVaOffset): (kind, offset) = (1, paVaOffset)
        case .alloc(populate: false): (kind, offset) = (2, 0)
        case .alloc(populate: true): (kind, offset) = (3, 0)
        }
        bits = kind << Self.labelBits | label.raw
    }

    static let none = AreaBackend(sim: .none)

    /// Whether the backend is `none` (no page-table effect).
    private var isNone: Bool { bits >> Self.labelBits == 0 }

    /// How the area's pages are mapped.
    /// - Complexity: O(1)
    var sim: SimBackend {
        get {
            switch bits >> Self.labelBits {
            case 0: .none
            case 1: .linear(paVaOffset: offset)
            case 2: .alloc(populate: false)
            default: .alloc(populate: true)
            }
        }
        set { self = AreaBackend(sim: newValue, label: label) }
    }

    /// The area's label, ``LabelID/none`` when it has none.
    /// - Complexity: O(1)
    var label: LabelID {
        get { LabelID(raw: bits & Self.labelMask) }
        set { self = AreaBackend(sim: sim, label: newValue) }
    }

    /// ``sim``.
    var simBackend: SimBackend { sim }

    /// Forwards to ``SimBackend/map(start:size:flags:in:)``.
    /// - Complexity: that of the simulator backend.
    func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pageTable: inout PageTable) -> Bool {
        isNone || sim.map(start: start, size: size, flags: flags, in: &pageTable)
    }

    /// Forwards to ``SimBackend/unmap(start:size:in:)``.
    /// - Complexity: that of the simulator backend.
    func unmap(start: VirtAddr, size: UInt64, in pageTable: inout PageTable) -> Bool {
        isNone || sim.unmap(start: start, size: size, in: &pageTable)
    }

    /// Forwards to ``SimBackend/protect(start:size:newFlags:in:)``.
    /// - Complexity: that of the simulator backend.
    func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pageTable: inout PageTable) -> Bool {
        isNone || sim.protect(start: start, size: size, newFlags: newFlags, in: &pageTable)
    }
}
