/// What a ``Shell`` produced for one input line (or one file).
public struct ShellOutput: Sendable, Equatable {
    /// Text for stdout, every line newline-terminated (empty when nothing to print).
    public var stdout: String
    /// Text for stderr, every line newline-terminated.
    public var stderr: String
    /// How many of the executed commands failed.
    public var failures: Int
    /// How many commands were executed (blank lines and comments are not commands).
    public var commands: Int
    /// `quit` or `exit` was executed: the caller should stop reading input.
    public var shouldExit: Bool
    /// A command was interrupted (``Shell/cancellation`` said stop): it was rolled back and
    /// the commands after it on the line (or in the file) were not run. A batch stops here;
    /// a REPL prompts again.
    public var interrupted: Bool

    /// Creates an output record.
    /// - Complexity: O(1)
    public init(
        stdout: String = "", stderr: String = "", failures: Int = 0, commands: Int = 0, shouldExit: Bool = false,
        interrupted: Bool = false
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.failures = failures
        self.commands = commands
        self.shouldExit = shouldExit
        self.interrupted = interrupted
    }

    /// Lends the UTF-8 bytes of ``stdout`` and ``stderr`` to `body` (valid only during the
    /// call).
    /// - Complexity: O(1) for native strings, plus `body`'s.
    public func withTexts(_ body: (_ stdout: UnsafeBufferPointer<UInt8>, _ stderr: UnsafeBufferPointer<UInt8>) -> Void) {
        var stdout = stdout, stderr = stderr
        stdout.withUTF8 { stdout in stderr.withUTF8 { stderr in body(stdout, stderr) } }
    }

    /// Appends `other` after this output (texts concatenated, counters added).
    /// - Complexity: O(length of `other`'s texts)
    public mutating func append(_ other: ShellOutput) {
        stdout += other.stdout
        stderr += other.stderr
        failures += other.failures
        commands += other.commands
        shouldExit = shouldExit || other.shouldExit
        interrupted = interrupted || other.interrupted
    }
}
