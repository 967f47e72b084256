import MemorySetCore
import MMUSim

/// An interactive or batch session of the memory-set command language, without terminal
/// I/O: give it lines, print what it returns.
///
/// ```swift
/// let shell = Shell(options: ShellOptions())
/// let out = shell.execute(line: "map 0x1000 0x4000 rw; unmap 0x2000 0x3000",
///                         at: SourceLocation(file: "<stdin>", line: 1))
/// print(out.stdout, terminator: "")
/// ```
public final class Shell {
    /// How output is formatted. The REPL updates `terminalWidth` when the terminal is resized;
    /// the renderer follows. (Read for every line: no run-time exclusivity checks, as for
    /// `session`.)
    @exclusivity(unchecked) public var options: ShellOptions {
        didSet { renderer = Renderer(options) }
    }
    /// The renderer of ``options``.
    @exclusivity(unchecked) private(set) var renderer: Renderer
    /// What the renderer writes, moved into the output after each command (or, for a line
    /// given as bytes and read the fast way, lent to the caller: ``lendsText``).
    @exclusivity(unchecked) var rendered = RenderedText()
    /// Set while ``execute(utf8:at:output:)`` runs its one fast command: the text stays in
    /// ``rendered``, whence it is lent, instead of going into a `String` of the output.
    @exclusivity(unchecked) var lendsText = false
    /// (A shell is used from one thread at a time — it is not `Sendable` — so the run-time
    /// exclusivity checks of this hot property, ~300 instructions per line, are turned off.)
    @exclusivity(unchecked) var session = Session()
    /// The storage the lexer writes each command's tokens to, kept from line to line.
    @exclusivity(unchecked) var tokenBuffer: [Token] = []
    var totalFailures = 0
    /// Files being sourced, innermost last (to refuse recursion).
    var sourceStack: [String] = []
    /// How deep `source` may nest.
    static let maxSourceDepth = 16
    /// Where `source`, `save`, `load` and `export` read and write.
    let files: Files
    /// What paces a stepped run (`source --step`; ``executeStepping(line:at:)``); by default
    /// none, and `source --step` fails.
    public var pacer = ShellPacer.unavailable
    /// Where a stepped run is.
    var stepState = StepState()

    /// Creates a session with the default settings (page size 4 KiB, space
    /// `[0, 0x800000000000)`, backend mmu) and no area, and no file system: `source`,
    /// `save`, `load`, `export maps FILE` and ``runFile(path:)`` fail with `no file system`.
    /// - Complexity: O(1)
    public convenience init(options: ShellOptions) {
        self.init(options: options, fileAccess: Files())
    }

    /// Creates a session like ``init(options:)`` whose file commands read and write `files`.
    /// - Complexity: O(1)
    public convenience init<F: ShellFileSystem>(options: ShellOptions, files: F) {
        // Convenience: Embedded Swift accepts no generic designated initializer in a class.
        self.init(options: options, fileAccess: Files(files))
    }

    /// Creates a session whose page table drives `machine` (the memory-set kernel: see
    /// ``ShellMachine``), with the machine's address space and frame count, and no file system.
    /// - Complexity: O(1)
    public convenience init(options: ShellOptions, machine: ShellMachine) {
        self.init(options: options, fileAccess: Files(), machine: machine)
    }

    /// The designated initializer: `options`, the file system's closures and the machine.
    /// - Complexity: O(1)
    init(options: ShellOptions, fileAccess: Files, machine: ShellMachine? = nil) {
        self.options = options
        self.renderer = Renderer(options)
        files = fileAccess
        if let machine {
            session.machine = machine
            session.state = SessionState(settings: session.initialSettings)
        }
    }

    /// What long commands poll to stop early (the executable: Ctrl-C). A command it stops
    /// fails as `Interrupted` and is rolled back (areas, page table, frames as before); the
    /// rest of its line, and of a file being run or sourced, is not run
    /// (``ShellOutput/interrupted``). Commands already done stay, each undoable. Human output
    /// says `interrupted` on stderr (no `error:` line); JSON gives
    /// `{"ok":false,"cmd":"map","error":"Interrupted","message":"map: interrupted",…}`.
    ///
    /// Polled: every 4096 page-table entries a map, unmap, protect, `clear`, `pt dump` or
    /// `verify` visits (``PageTable/Cancellation``), and before each line of a file. The
    /// default, ``PageTable/Cancellation/never``, stops nothing.
    /// - Complexity: O(1)
    public var cancellation: PageTable.Cancellation {
        get { session.cancellation }
        set { session.cancellation = newValue }
    }

    /// The number of failed commands so far (all lines and files), for the exit status.
    /// - Complexity: O(1)
    public var failedCommands: Int { totalFailures }

    /// The prompt, e.g. `memory-set (3 areas)> `.
    /// - Complexity: O(1)
    public var prompt: String {
        let n = session.state.set.count
        return "memory-set (\(n) area\(n == 1 ? "" : "s"))> "
    }

    /// Executes one input line: its `;`-separated commands in order (a failing command
    /// does not stop the next ones; `quit` does). Never traps, whatever the text. A text
    /// holding newlines runs as consecutive lines numbered from `location.line`.
    ///
    /// Human mode: results on stdout; errors on stderr as `error: Kind: message`
    /// (interactive) or `FILE:LINE: error: Kind: message`. JSON mode: one JSON object per
    /// executed command on stdout, nothing else.
    /// - Complexity: O(length of the line) to parse, plus each command's cost.
    public func execute(line: String, at location: SourceLocation) -> ShellOutput {
        var out = ShellOutput()
        let hasLineBreak = line.utf8.withContiguousStorageIfAvailable { LineBreak.firstNewline(in: $0, from: 0) != nil }
            ?? line.utf8.contains(UInt8(ascii: "\n"))
        if hasLineBreak {
            // Several lines at once (e.g. `-c $'map …\nunmap …'`): line numbers count from `location`.
            for (offset, part) in Shell.lines(of: line).enumerated() {
                run(line: String(part), at: SourceLocation(file: location.file, line: location.line + offset),
                    inFile: !options.interactive, into: &out)
                if out.shouldExit || out.interrupted { break }
            }
        } else {
            run(line: line, at: location, inFile: !options.interactive, into: &out)
        }
        totalFailures += out.failures
        return out
    }

    /// Executes one input line given as its UTF-8 bytes, as ``execute(line:at:)`` does with
    /// their text (invalid UTF-8 read as U+FFFD), and lends the text it prints to `output`
    /// (stdout's, then stderr's, each possibly empty) instead of returning it: the returned
    /// output has the counters and flags, and empty texts.
    ///
    /// ```
    ///   map 0x1000 +4K rw      the usual one-command line (Parser.fastLine):
    ///   ──────────────────▶    no String of the line (one is made only if undo keeps it),
    ///                          the text lent from the renderer's buffer
    ///   anything else      ──▶ execute(line: String(decoding: bytes)), its texts lent
    /// ```
    /// The bytes are read only during the call (nothing keeps them).
    /// - Complexity: O(length of the line) to parse, plus each command's cost.
    public func execute(
        utf8 line: UnsafeBufferPointer<UInt8>, at location: SourceLocation,
        output: (_ stdout: UnsafeBufferPointer<UInt8>, _ stderr: UnsafeBufferPointer<UInt8>) -> Void
    ) -> ShellOutput {
        // (An echoed line is shown as text: the usual way.)
        if !options.echo {
            do {
                let parsed = try Parser.fastLine(utf8: line)
                return runLent(parsed, at: location, output: output)
            } catch {}
        }
        var out = execute(line: String(decoding: line, as: UTF8.self), at: location)
        out.withTexts(output)
        out.stdout = ""
        out.stderr = ""
        return out
    }

    /// Runs the one command of a line read the fast way, its text lent to `output`.
    /// - Complexity: that of the command.
    private func runLent(
        _ parsed: consuming ParsedCommand, at location: SourceLocation,
        output: (_ stdout: UnsafeBufferPointer<UInt8>, _ stderr: UnsafeBufferPointer<UInt8>) -> Void
    ) -> ShellOutput {
        var out = ShellOutput()
        lendsText = true
        runCommand(parsed, at: location, inFile: !options.interactive, into: &out)
        lendsText = false
        totalFailures += out.failures
        rendered.lend(output)
        return out
    }

    /// Runs `line`, appending to `out`.
    func run(line: String, at location: SourceLocation, inFile: Bool, into out: inout ShellOutput) {
        if options.echo, !options.json, line.contains(where: { !$0.isWhitespace }) {
            out.stdout += "> " + line + "\n"
        }
        runCommands(of: line, at: location, inFile: inFile, into: &out)
    }

    /// Parses and runs the `;`-separated commands of `line` in order, appending to `out`,
    /// until one asks to quit.
    func runCommands(of line: String, at location: SourceLocation, inFile: Bool, into out: inout ShellOutput) {
        // The usual one-command line (`map`, `unmap`, `protect`, `find`) without the lexer.
        if let parsed = Parser.fastLine(line) {
            runCommand(parsed, at: location, inFile: inFile, into: &out)
            return
        }
        // The token array goes from line to line (a sourced file's lines lex into one of
        // their own, this one being taken meanwhile).
        var segments = Lexer.Segments(line, reusing: tokenBuffer)
        tokenBuffer = []
        defer { tokenBuffer = segments.buffer }
        while let segment = segments.next() {
            switch Parser.parse(segment) {
            case .failure(let failure):
                fail(word: failure.word, failure.error, at: location, inFile: inFile, into: &out)
            case .success(let parsed):
                runCommand(parsed, at: location, inFile: inFile, into: &out)
            }
            if out.shouldExit || out.interrupted { return }
        }
    }

    /// Runs one parsed command, appending its output.
    func runCommand(_ parsed: ParsedCommand, at location: SourceLocation, inFile: Bool, into out: inout ShellOutput) {
        // A machine follows every change of the page table (a no-op when the table is unchanged).
        defer { if session.machine != nil { _ = session.syncMachine() } }
        let recordedBefore = session.history.recordedCount
        // For the bar before the command (`set show before-after`): a copy-on-write copy, O(1).
        let setBefore = renderer.keepsSetBefore ? session.state.set : nil
        let result: CommandResult
        do {
            switch parsed.command {
            case .help(let topic):
                result = .help(topic)
            case .set(.display(let beforeAfter)):
                // A display option of the shell, not a setting of the session: not undone.
                options.beforeAfter = beforeAfter
                result = .settings(key: "show", note: nil)
            case .quit:
                result = .quit
                out.shouldExit = true
            case let .source(given, stepping):
                let file = resolve(given)
                let commandsBefore = out.commands, failuresBefore = out.failures
                try source(file: file, stepping: stepping, into: &out)
                // Stopped at an interrupted command (reported): no summary.
                if out.interrupted { return }
                result = .source(file: file, commands: out.commands - commandsBefore, failures: out.failures - failuresBefore)
            case .save(let given):
                let file = resolve(given)
                result = .save(file: file, areas: try save(to: file))
            case let .load(source, force):
                result = .load(try load(source, force: force, text: parsed.text))
            case .export(let file):
                result = try export(to: file)
            case let .exportSVG(file, width):
                result = try exportSVG(to: file, width: width)
            case let .loadStrace(file, pid):
                // strace (#15): runs commands of its own and reports them itself.
                return loadStrace(file: file, pid: pid, at: location, inFile: inFile, into: &out)
            default:
                result = try session.run(parsed)
            }
        } catch {
            fail(word: parsed.word, error, at: location, inFile: inFile, into: &out)
            return
        }
        if !emit(parsed, result, before: setBefore, into: &out) {
            // Interrupted while its result was written (a long listing stops early): the
            // command is rolled back like one interrupted while it ran.
            if session.history.recordedCount != recordedBefore { session.history.takeBack(&session.state) }
            fail(word: parsed.word, .interrupted, at: location, inFile: inFile, into: &out)
        }
    }

    /// Appends the output of a successful command; returns `false`, appending nothing, when
    /// the cancellation said stop while it was written (the renderers poll it in their long
    /// loops, areas and changes by the thousand, and mark the text cut).
    func emit(_ parsed: ParsedCommand, _ result: CommandResult, before: AreaSet? = nil, into out: inout ShellOutput) -> Bool {
        renderer.render(result, command: parsed, before: before, in: &session, to: &rendered)
        if rendered.stdout.isCut || rendered.stderr.isCut {
            rendered.discard()
            return false
        }
        out.commands += 1
        if !lendsText { rendered.move(into: &out) }
        return true
    }

    /// Appends a failure.
    func fail(word: String?, _ error: ShellError, at location: SourceLocation, inFile: Bool, into out: inout ShellOutput) {
        out.commands += 1
        out.failures += 1
        if error.kind == .interrupted { out.interrupted = true }
        renderer.renderFailure(command: word, error, at: location, located: inFile, to: &rendered)
        if !lendsText { rendered.move(into: &out) }
    }
}
