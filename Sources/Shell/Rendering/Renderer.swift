/// The renderer the options select, chosen once when the shell is created: every command's
/// result and every failure goes through it.
///
/// ```
///                      ┌─ human ─ stdout: text, table, bar; stderr: warnings, errors
/// CommandResult ──────┤
///   or ShellError      └─ json ── stdout: one object per command
/// ```
enum Renderer {
    case human(HumanRenderer)
    case json(JSONRenderer)

    /// `--json` or the human output with the options' colors, rendering and width.
    /// - Complexity: O(1)
    init(_ options: ShellOptions) {
        self = options.json ? .json(JSONRenderer()) : .human(HumanRenderer(options))
    }

    /// Appends the output of a successful `command` (its word) to `out`, `session` being
    /// the state after it.
    /// - Complexity: that of the renderer.
    func render(_ result: CommandResult, command: String, in session: Session, into out: inout ShellOutput) {
        switch self {
        case .human(let human): human.render(result, in: session, into: &out)
        case .json(let json): json.render(result, command: command, in: session, into: &out)
        }
    }

    /// Appends a failure of `command` (its word, `nil` when there was none) to `out`;
    /// `location` is given for a line read from a file or a pipe (human output only).
    /// - Complexity: O(length of the message)
    func renderFailure(command: String?, _ error: ShellError, at location: SourceLocation?, into out: inout ShellOutput) {
        switch self {
        case .human(let human): human.renderFailure(error, at: location, into: &out)
        case .json(let json): json.renderFailure(command: command, error, into: &out)
        }
    }
}
