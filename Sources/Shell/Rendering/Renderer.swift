import MMUSim

/// The renderer the options select, chosen once when the shell is created: every command's
/// result and every failure goes through it.
///
/// ```
///                     +-- human: stdout: results, table, bar; stderr: warnings, errors
/// CommandResult  -----+
///   or ShellError     +-- json:  stdout: one object per command, failures included
/// ```
enum Renderer {
    case human(HumanRenderer)
    case json(JSONRenderer)

    /// `--json` or the human output with the options' colors, rendering and width.
    /// - Complexity: O(1)
    init(_ options: ShellOptions) {
        self = options.json ? .json(JSONRenderer()) : .human(HumanRenderer(options))
    }

    /// Writes the output of a successful `command`, `session` being the state after it and
    /// `before` the set before it (kept only when ``keepsSetBefore``). The renderers only
    /// read `session`: it is `inout` so that the shell's session is read in place (a class's
    /// stored property passed by value is copied first, ~400 instructions a command).
    /// - Complexity: that of the renderer.
    func render(_ result: CommandResult, command: borrowing ParsedCommand, before: AreaSet?, in session: inout Session,
                to output: inout RenderedText) {
        switch self {
        case .human(let human): human.render(result, command: command, before: before, in: &session, to: &output)
        case .json(let json): json.render(result, command: command.word, in: &session, to: &output)
        }
    }

    /// Whether the shell should keep the set before each command for this renderer: human
    /// output drawing the bars before and after (``ShellOptions/beforeAfter``).
    /// - Complexity: O(1)
    var keepsSetBefore: Bool {
        if case .human(let human) = self { return human.beforeAfter && human.showsState }
        return false
    }

    /// Writes a failure of `command` (its word, `nil` when there was none) at `location`.
    /// Human output names the location only for a line read from a file or a pipe
    /// (`located`); JSON always gives the line, and the file when it is one.
    /// - Complexity: O(length of the message)
    func renderFailure(
        command: String?, _ error: ShellError, at location: SourceLocation, located: Bool, to output: inout RenderedText
    ) {
        switch self {
        case .human(let human): human.renderFailure(error, at: located ? location : nil, to: &output)
        case .json(let json): json.renderFailure(command: command, error, at: location, to: &output)
        }
    }
}

/// What a renderer writes: text for stdout and text for stderr. The shell keeps one for its
/// whole life and moves the text of each command into its ``ShellOutput``, so that the
/// buffers allocate only when they grow.
struct RenderedText: ~Copyable {
    var stdout = TextBuffer(capacity: 256)
    var stderr = TextBuffer(capacity: 64)

    /// Empties the buffers (the text of an interrupted command).
    /// - Complexity: O(1)
    mutating func discard() {
        stdout.removeAll()
        stderr.removeAll()
    }

    /// Lends the text written (stdout's, stderr's) to `body`, then empties the buffers.
    /// - Complexity: O(1), plus `body`'s.
    mutating func lend(_ body: (_ stdout: UnsafeBufferPointer<UInt8>, _ stderr: UnsafeBufferPointer<UInt8>) -> Void) {
        stdout.withBytes { stdout in stderr.withBytes { stderr in body(stdout, stderr) } }
        stdout.removeAll()
        stderr.removeAll()
    }

    /// Appends the text written to `out` and empties the buffers.
    /// - Complexity: O(length of the text)
    mutating func move(into out: inout ShellOutput) {
        // The first text of a line is the output's text (no copy into an empty string).
        if stdout.count > 0 {
            if out.stdout.isEmpty { out.stdout = stdout.string } else { out.stdout += stdout.string }
            stdout.removeAll()
        }
        if stderr.count > 0 {
            if out.stderr.isEmpty { out.stderr = stderr.string } else { out.stderr += stderr.string }
            stderr.removeAll()
        }
    }
}

extension PageTable.Cancellation {
    /// Whether a loop writing its `index`-th item (an area, a change) should stop: the check
    /// runs every ``pollInterval`` items, so a listing of a million areas stops within a few
    /// thousand lines of Ctrl-C. The shell then drops the half-written result and rolls the
    /// command back (``Shell/emit(_:_:before:into:)``).
    /// - Complexity: O(1), plus the check every ``pollInterval`` items.
    @inline(__always)
    func stops(at index: Int) -> Bool {
        index & (Self.pollInterval &- 1) == 0 && index > 0 && isCancelled
    }
}
