import MemorySetCore

/// The colours of the SVG picture: one fill per kind of access, as the bar's glyphs group
/// flags, and a hatch over areas a user may access.
///
/// ```
///   kind          flags                 fill      bar glyph
///   none          ---                   #bab0ac   o   (grey)
///   readOnly      r--                   #4e79a7   r   (blue)
///   readWrite     rw-  (or -w-)         #59a14f   w   (green)
///   readExecute   r-x  (or --x)         #f28e2b   x   (orange)
///   writeExecute  rwx  (or -wx)         #e15759   !   (red)
///   user (u)      any of the above      the fill with white diagonal hatching
///   free          no area               #f2f2f2 (the bar's outline around it)
///   boundary      touching areas        a 1 px #1a1a1a line between them
/// ```
/// The fills are Tableau 10 colours, told apart by most colour-blind readers; the hatching
/// keeps `u` visible in greyscale.
enum SVGPalette {
    /// A kind of access: what an area's fill shows.
    enum Kind: Int, CaseIterable {
        case none, readOnly, readWrite, readExecute, writeExecute

        /// The kind of `flags` (`u` aside; see ``SVGPalette``).
        /// - Complexity: O(1)
        init(_ flags: MappingFlags) {
            let w = flags.contains(.write), x = flags.contains(.execute)
            self = w && x ? .writeExecute : x ? .readExecute : w ? .readWrite : flags.contains(.read) ? .readOnly : .none
        }

        /// The fill colour.
        var fill: String {
            switch self {
            case .none: "#bab0ac"
            case .readOnly: "#4e79a7"
            case .readWrite: "#59a14f"
            case .readExecute: "#f28e2b"
            case .writeExecute: "#e15759"
            }
        }

        /// The legend's words.
        var legend: String {
            switch self {
            case .none: "--- no access"
            case .readOnly: "r-- read-only"
            case .readWrite: "rw- writable"
            case .readExecute: "r-x executable"
            case .writeExecute: "rwx writable and executable"
            }
        }
    }

    /// The fill of free space.
    static let free = "#f2f2f2"
    /// The colour of boundaries between touching areas, of outlines and of break marks.
    static let ink = "#1a1a1a"
    /// The colour of secondary marks (ticks, the bar's outline).
    static let grey = "#6b6b6b"
    /// The id of the hatch pattern over user-accessible areas.
    static let userPattern = "user"

    /// The `<defs>` of the picture: the hatch pattern.
    static let definitions = """
        <defs><pattern id="\(userPattern)" width="6" height="6" patternUnits="userSpaceOnUse">\
        <path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#ffffff" stroke-width="1.5" stroke-opacity="0.85"/>\
        </pattern></defs>

        """
}
