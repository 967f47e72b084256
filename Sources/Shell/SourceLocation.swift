/// Where an input line comes from, for `FILE:LINE:` error prefixes.
public struct SourceLocation: Sendable, Hashable {
    /// The file name as the user gave it, or `<stdin>` for piped input.
    public var file: String
    /// The 1-based line number.
    public var line: Int

    /// Whether ``file`` names a file: every name but the pseudo-names in angle brackets,
    /// `<stdin>` (piped input, the REPL) and `<command-line>` (`-c`).
    /// - Complexity: O(1)
    public var isFile: Bool { !file.hasPrefix("<") }

    /// Creates a location.
    /// - Complexity: O(1)
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

extension SourceLocation: CustomStringConvertible {
    /// `FILE:LINE`.
    public var description: String { "\(file):\(line)" }
}
