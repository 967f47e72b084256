/// How a ``Shell`` formats its output.
public struct ShellOptions: Sendable, Equatable {
    /// `--json`: exactly one JSON object per executed command on stdout, nothing else.
    public var json: Bool
    /// ANSI colors in human output (the executable decides: a terminal and no `NO_COLOR`).
    public var color: Bool
    /// `false` for `--no-render`: results are printed without the area table and the bar.
    public var render: Bool
    /// The width the bar (and the help text) must fit in; 80 when not a terminal.
    public var terminalWidth: Int
    /// An interactive REPL: errors are printed without `FILE:LINE:`.
    public var interactive: Bool
    /// Echo every non-blank input line to stdout, prefixed with `> `, before its output
    /// (used for the session transcripts in `Sessions/`). Ignored in JSON mode.
    public var echo: Bool
    /// `--before-after` / `set show before-after`: human output draws the bar before and
    /// after each set-changing command over one axis, and the bar with the command's range
    /// marked after find, free and touch. The executable turns it on in the REPL and step
    /// mode (a demonstration: the audience sees what was cut), off for files and pipes (the
    /// transcripts stay compact).
    public var beforeAfter: Bool

    /// Creates options; every parameter has the default of a non-interactive human run.
    /// - Complexity: O(1)
    public init(
        json: Bool = false, color: Bool = false, render: Bool = true,
        terminalWidth: Int = 80, interactive: Bool = false, echo: Bool = false, beforeAfter: Bool = false
    ) {
        self.json = json
        self.color = color
        self.render = render
        self.terminalWidth = terminalWidth
        self.interactive = interactive
        self.echo = echo
        self.beforeAfter = beforeAfter
    }
}
