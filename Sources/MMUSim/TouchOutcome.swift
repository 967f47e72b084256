import MemorySetCore

/// What a simulated memory access did (see ``PageTable/touch(_:access:user:areas:)``).
public enum TouchOutcome: Sendable, Hashable {
    /// The address was mapped and the access allowed: it translates to `physical`.
    case hit(address: VirtAddr, physical: UInt64, flags: MappingFlags)
    /// Page fault resolved: the page was not mapped, its area is a lazy
    /// `alloc` area, and a frame was allocated and mapped with the area's
    /// `flags`; the address now translates to `physical`.
    case faultResolved(address: VirtAddr, physical: UInt64, frame: UInt64, flags: MappingFlags)
    /// The access is not allowed by `flags` (the page's, or the area's when
    /// the page is not mapped yet): a write without `w`, an execute without
    /// `x`, a read without `r`, or a user access without `u`.
    case protectionFault(address: VirtAddr, access: Access, flags: MappingFlags, missing: MappingFlags)
    /// No area contains the address (a segmentation fault).
    case noArea(address: VirtAddr)
    /// The page is not mapped and its area's backend does not map on demand
    /// (`none`, or a `linear` page that is missing).
    case unbacked(address: VirtAddr, backend: SimBackend)
    /// Page fault in a lazy area, but no frame (or table page) is free. Nothing changed.
    case outOfFrames(address: VirtAddr)

    /// The address accessed.
    /// - Complexity: O(1)
    public var address: VirtAddr {
        switch self {
        case let .hit(address, _, _), let .faultResolved(address, _, _, _), let .protectionFault(address, _, _, _),
             let .noArea(address), let .unbacked(address, _), let .outOfFrames(address):
            address
        }
    }

    /// Whether the access completed (`hit` or `faultResolved`).
    /// - Complexity: O(1)
    public var succeeded: Bool {
        switch self {
        case .hit, .faultResolved: true
        default: false
        }
    }

    /// The physical address the access reached, when it succeeded.
    /// - Complexity: O(1)
    public var physicalAddress: UInt64? {
        switch self {
        case let .hit(_, physical, _), let .faultResolved(_, physical, _, _): physical
        default: nil
        }
    }

    /// A stable name of the case for JSON: `hit`, `fault-resolved`,
    /// `protection-fault`, `no-area`, `unbacked` or `out-of-frames`.
    /// - Complexity: O(1)
    public var kind: String {
        switch self {
        case .hit: "hit"
        case .faultResolved: "fault-resolved"
        case .protectionFault: "protection-fault"
        case .noArea: "no-area"
        case .unbacked: "unbacked"
        case .outOfFrames: "out-of-frames"
        }
    }
}

extension TouchOutcome: CustomStringConvertible {
    /// For example:
    /// - `hit at 0x5000: pa 0x12000 (rw--)`
    /// - `page fault at 0x5000: allocated frame 0x12000 (rw--)`
    /// - `protection fault at 0x5000: write to r--- page (needs w)`
    /// - `segmentation fault at 0x5000: no area`
    /// - `page fault at 0x5000: not mapped by backend none`
    /// - `page fault at 0x5000: out of frames`
    /// - Complexity: O(1)
    public var description: String {
        switch self {
        case let .hit(address, physical, flags):
            "hit at \(address): pa \(hex(physical)) (\(flags))"
        case let .faultResolved(address, _, frame, flags):
            "page fault at \(address): allocated frame \(hex(frame)) (\(flags))"
        case let .protectionFault(address, access, flags, missing):
            "protection fault at \(address): \(access) to \(flags) page (needs \(Self.letters(missing)))"
        case let .noArea(address):
            "segmentation fault at \(address): no area"
        case let .unbacked(address, backend):
            "page fault at \(address): not mapped by backend \(backend.name)"
        case let .outOfFrames(address):
            "page fault at \(address): out of frames"
        }
    }

    /// The letters of `flags` without placeholders: `w`, `xu`.
    private static func letters(_ flags: MappingFlags) -> String {
        String(MappingFlags.letters.filter { flags.contains($0.1) }.map { $0.0 })
    }
}
