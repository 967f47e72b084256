import ArgumentParser

/// The `--color` option: when human output uses ANSI colors.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Colors only when stdout is a terminal that shows them: `NO_COLOR` not set, and `TERM`
    /// not `dumb`.
    case auto
    /// Always color human output (JSON output is never colored).
    case always
    /// Never color.
    case never

    /// Decides whether to color output.
    ///
    /// - Parameters:
    ///   - stdoutIsTerminal: whether standard output is a terminal.
    ///   - noColor: the value of the `NO_COLOR` environment variable, nil when unset.
    ///     Following the brief, any value (even empty) turns `auto` colors off.
    ///   - terminalType: the value of `TERM`, nil when unset; `dumb` (a terminal without
    ///     escape sequences, e.g. an editor's shell buffer) turns `auto` colors off.
    /// - Returns: true when colors should be used.
    /// - Complexity: O(1).
    func resolved(stdoutIsTerminal: Bool, noColor: String?, terminalType: String?) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: stdoutIsTerminal && noColor == nil && terminalType != "dumb"
        }
    }
}
