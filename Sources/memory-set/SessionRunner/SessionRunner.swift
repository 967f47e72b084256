import Shell

/// Feeds input lines to a ``Shell`` and writes what it prints to stdout and stderr.
///
/// Output is buffered, not flushed per line: stdout is flushed before anything is written to
/// stderr (so the two streams interleave in order when they go to the same place), before each
/// read of standard input that may wait (so a program driving `memory-set` through pipes sees
/// each answer before it sends the next line), when its buffer passes its limit, and at the end
/// (the caller's ``OutputWriter/flush()``). A file piped in or a session file is therefore
/// written in large chunks.
final class SessionRunner {
    /// The interpreter of the command language.
    let shell: Shell
    /// Standard output (results, tables, JSON lines).
    let standardOutput: OutputWriter
    /// Standard error (error messages in human mode).
    let standardError: OutputWriter

    /// Creates a runner writing to the given streams.
    ///
    /// - Complexity: O(1).
    init(shell: Shell, standardOutput: OutputWriter, standardError: OutputWriter) {
        self.shell = shell
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Whether every command run so far succeeded.
    var succeeded: Bool { shell.failedCommands == 0 }

    /// Standard input as lines, made on first use (and kept: its end of input is final).
    private lazy var standardInput = LineReader(fd: 0) { [standardOutput] in standardOutput.flush() }

    /// Writes one result of the shell: stdout buffered; stdout flushed, then stderr written
    /// and flushed, when there is error text.
    ///
    /// - Complexity: O(n) in the size of the output.
    func emit(_ output: ShellOutput) {
        output.withTexts { emit(stdout: $0, stderr: $1) }
    }

    /// Writes one result's texts, given as their UTF-8 bytes, as ``emit(_:)`` does.
    ///
    /// - Complexity: O(n) in the size of the output.
    func emit(stdout: UnsafeBufferPointer<UInt8>, stderr: UnsafeBufferPointer<UInt8>) {
        standardOutput.write(stdout)
        if !stderr.isEmpty {
            standardOutput.flush()
            standardError.write(stderr)
            standardError.flush()
        }
    }

    /// Whether the session goes on after a line that gave `output`: not after `quit` or
    /// `exit`, nor, in a batch, after Ctrl-C (the command it stopped was rolled back).
    ///
    /// - Complexity: O(1).
    private func goesOn(after output: ShellOutput) -> Bool {
        // (The shell's options, read from this module with an access check, only when it matters.)
        if (output.interrupted || Interrupt.isPending) && !shell.options.interactive { return false }
        return !output.shouldExit
    }

    /// Runs one input line (it may hold several `;`-separated commands).
    ///
    /// - Returns: false when the line asked to end the session (`quit`, `exit`), or, in a
    ///   batch, when Ctrl-C was pressed (the command it stopped was rolled back).
    /// - Complexity: that of the commands on the line.
    @discardableResult
    func run(line: String, at location: SourceLocation) -> Bool {
        let output = shell.execute(line: line, at: location)
        emit(output)
        return goesOn(after: output)
    }

    /// Runs one input line given as its UTF-8 bytes, as ``run(line:at:)`` does with their
    /// text: the shell lends what it prints (``Shell/execute(utf8:at:output:)``), written
    /// without a `String` in between.
    ///
    /// - Returns: as ``run(line:at:)``.
    /// - Complexity: that of the commands on the line.
    func run(utf8 line: UnsafeBufferPointer<UInt8>, at location: SourceLocation) -> Bool {
        let output = shell.execute(utf8: line, at: location) { emit(stdout: $0, stderr: $1) }
        return goesOn(after: output)
    }

    /// Runs the text of `-c`: each of its lines in turn, located as `<command-line>:LINE`.
    ///
    /// - Returns: false when a line asked to end the session.
    /// - Complexity: that of the commands.
    func run(commands: String) -> Bool {
        var lineNumber = 0
        for line in commands.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = line.last == "\r" ? String(line.dropLast()) : String(line)
            if !run(line: text, at: SourceLocation(file: "<command-line>", line: lineNumber)) { return false }
        }
        return true
    }

    /// Runs a session file with `FILE:LINE:` locations, handing each line's output to
    /// ``emit(_:)`` as soon as that line has run (so stdout and stderr stay in order, and a
    /// large file streams through the output buffer instead of being held whole).
    ///
    /// - Returns: false when the file asked to end the session.
    /// - Complexity: that of the commands in the file.
    func run(file path: String) -> Bool {
        let totals = shell.runFile(path: path) { emit($0) }
        return !totals.shouldExit && !totals.interrupted && !Interrupt.isPending
    }

    /// Runs standard input as a session, line by line, located as `<stdin>:LINE`, until end
    /// of input or `quit`. Lines are cut as by `readLine()` (see ``LineReader``); invalid UTF-8
    /// is replaced by U+FFFD (never a crash); a byte-order mark before the first line is
    /// skipped, as in a session file. stdout is flushed before each read that may wait.
    ///
    /// - Returns: false when the input asked to end the session.
    /// - Complexity: that of the commands read.
    func runStandardInput() -> Bool {
        // Each line is run from the reader's buffer (``run(utf8:at:)``): no `String` of it.
        // (The reader is fetched once, not through the lazy property's getter at every line.)
        let reader = standardInput
        var lineNumber = 0
        while true {
            lineNumber += 1
            let location = SourceLocation(file: "<stdin>", line: lineNumber)
            guard let goOn = reader.withNextLine({ bytes -> Bool in
                run(utf8: location.line == 1 ? Self.droppingByteOrderMark(bytes) : bytes, at: location)
            }) else { return true }
            if !goOn { return false }
        }
    }

    /// `bytes` without the UTF-8 byte-order mark (EF BB BF, U+FEFF) they start with, if any.
    ///
    /// - Complexity: O(1).
    static func droppingByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }
}
