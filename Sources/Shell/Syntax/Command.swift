import MemorySetCore

/// The end of a range as written: an address, or `+SIZE` relative to the start.
enum EndSpec: Sendable, Equatable {
    case absolute(UInt64)
    case relative(UInt64)

    /// The end address for `start`, or `nil` when `start + SIZE` overflows 64 bits.
    /// - Complexity: O(1)
    func resolve(from start: UInt64) -> UInt64? {
        switch self {
        case .absolute(let end): return end
        case .relative(let size):
            let (sum, overflow) = start.addingReportingOverflow(size)
            return overflow ? nil : sum
        }
    }
}

/// A range as written: `START END` or `START +SIZE`.
struct RangeSpec: Sendable, Equatable {
    var start: UInt64
    var end: EndSpec
}

/// The backend asked for by `map` options.
enum BackendChoice: Sendable, Equatable {
    /// `--linear PADDR`: the area maps to physical addresses from PADDR on.
    case linear(paddr: UInt64)
    /// `--alloc [--populate]`: frames from the allocator, at map time or on first touch.
    case alloc(populate: Bool)
}

/// The backend mode of the session (`set backend none|mmu`).
enum BackendMode: String, Sendable, Equatable, CaseIterable {
    /// Pure set: every area gets a no-op backend.
    case none
    /// Areas are mapped in the simulated page table.
    case mmu
}

/// The kind of access of `touch`.
enum AccessKind: String, Sendable, Equatable, CaseIterable {
    case read = "r", write = "w", execute = "x"
}

/// What `view` asks for.
enum ViewSpec: Sendable, Equatable {
    /// `view`: show the current window.
    case show
    /// `view all`: the whole address space.
    case all
    /// `view START END`.
    case range(RangeSpec)
}

/// A `set` command.
enum SetSpec: Sendable, Equatable {
    case show
    /// `set show before-after` (true) or `set show after` (false): a display option of the
    /// shell (``ShellOptions/beforeAfter``), allowed at any time.
    case display(beforeAfter: Bool)
    case pageSize(UInt64)
    case space(RangeSpec)
    case backend(BackendMode)
    case frames(UInt64)
}

/// A parsed command.
enum Command: Sendable, Equatable {
    case map(RangeSpec, MappingFlags, backend: BackendChoice?, force: Bool, label: String? = nil)
    case unmap(RangeSpec)
    case protect(RangeSpec, MappingFlags)
    case find(UInt64)
    case free(size: UInt64, hint: UInt64?, limit: RangeSpec?, align: UInt64?)
    case areas
    case clear
    case set(SetSpec)
    case help(String?)
    case undo
    case redo
    case reset
    /// `source FILE [--step]`.
    case source(String, step: Bool)
    case save(String)
    case view(ViewSpec)
    case quit
    case touch(UInt64, AccessKind, user: Bool)
    case pt(UInt64)
    case ptDump(RangeSpec?)
    case stats
    case verify
    /// `load maps FILE` / `load pid PID|self`, with `--force`.
    case load(LoadSource, force: Bool)
    /// `export maps [FILE]` (nil: stdout).
    case export(String?)
    /// `export svg [FILE] [--width PX]` (nil file: stdout; nil width: the default).
    case exportSVG(file: String?, width: UInt64?)
    /// `load strace FILE [--pid PID]` (#15): replays the memory calls of a strace log.
    case loadStrace(file: String, pid: UInt64?)
}

/// Where `load` reads a `/proc/PID/maps`-format text from.
enum LoadSource: Sendable, Equatable {
    /// `load maps FILE`.
    case file(String)
    /// `load pid PID`.
    case pid(UInt64)
    /// `load pid self`: the process running the shell.
    case selfProcess

    /// `maps` or `pid`.
    var keyword: String {
        if case .file = self { return "maps" }
        return "pid"
    }

    /// The file read.
    var path: String {
        switch self {
        case .file(let path): path
        case .pid(let pid): "/proc/\(pid)/maps"
        case .selfProcess: "/proc/self/maps"
        }
    }
}

/// A parsed command with its canonical command word and its text (for undo messages).
struct ParsedCommand: Sendable, Equatable {
    /// The command word, lowercased (`map`, `set`, `quit`, `exit`…).
    var word: String
    /// What to do.
    var command: Command
    /// Where the command's words are in ``line`` (UTF-8 offsets; ``Lexer/span(of:)``): the
    /// words are lexed again for ``text``, only when it is shown (undo, redo), so that no
    /// token array is kept per command.
    var span: Range<Int>
    /// The line the command was read from: its `String`, or its bytes while a line given as
    /// bytes runs (``Shell/execute(utf8:at:output:)``).
    var source: LineSource

    /// A command read from `line`.
    /// - Complexity: O(1)
    init(word: String, command: Command, span: Range<Int>, line: String = "") {
        self.init(word: word, command: command, span: span, source: .text(line))
    }

    /// A command read from `source`.
    /// - Complexity: O(1)
    init(word: String, command: Command, span: Range<Int>, source: LineSource) {
        self.word = word
        self.command = command
        self.span = span
        self.source = source
    }

    /// The line the command was read from; for a line given as bytes, made from them up to
    /// the end of the command's words (all that ``text`` reads; the blanks after them are
    /// left out): only a command that needs its text, one recorded for undo, pays for the
    /// `String`.
    /// - Complexity: O(1) for a `String` line, O(length of the line) for bytes.
    var line: String {
        // (The fields read in place: no copy of the source first.)
        guard let start = source.start else { return source.string }
        return String(decoding: UnsafeBufferPointer(start: start, count: span.upperBound), as: UTF8.self)
    }

    /// The command's words joined by single spaces (quoted words re-quoted).
    /// - Complexity: O(length of the command)
    var text: String {
        guard !span.isEmpty else { return "" }
        let line = self.line
        let utf8 = line.utf8
        let words = String(line[utf8.index(utf8.startIndex, offsetBy: span.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: span.upperBound)])
        var segments = Lexer.Segments(words)
        guard let segment = segments.next() else { return "" }
        return segment.tokens.map { $0.quoted ? Parser.quote($0.text(in: words)) : String($0.text(in: words)) }
            .joined(separator: " ")
    }

    /// Whether the two commands are the same, read from the same text (whichever its form).
    /// - Complexity: O(length of the lines)
    static func == (a: ParsedCommand, b: ParsedCommand) -> Bool {
        a.word == b.word && a.command == b.command && a.span == b.span && a.line == b.line
    }
}

/// The line a ``ParsedCommand`` was read from.
///
/// ```
///   execute(line: String) ──▶ .text(line)     kept as long as the command
///   execute(utf8: bytes)  ──▶ .bytes(bytes)   lent for the line's run only
/// ```
/// The bytes are the caller's (the reader's buffer, or the text a ``CommandScript`` owns):
/// they are valid only while ``Shell/execute(utf8:at:output:)`` runs (while the script
/// lives), so whatever outlives the line keeps a `String` or a copy of the words (the undo
/// history does), never a `ParsedCommand` read from bytes. (Not shared between
/// threads: a shell runs one line at a time on one thread.)
///
/// A `String` and a pointer rather than an enum of the two, and no count (the command's
/// span gives the end that matters): copying a command (scripts hold arrays of them) is
/// then a retain and a plain copy of eight bytes more, with no switch over cases.
struct LineSource: @unchecked Sendable {
    /// The line as a `String`; empty for a line given as bytes.
    let string: String
    /// The first of the line's bytes when it was given as bytes, `nil` otherwise.
    let start: UnsafePointer<UInt8>?

    /// The line `text`.
    /// - Complexity: O(1)
    static func text(_ text: String) -> LineSource { LineSource(string: text, start: nil) }

    /// The line whose UTF-8 bytes are `bytes`, lent while it runs.
    /// - Complexity: O(1)
    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>) -> LineSource { LineSource(string: "", start: bytes.baseAddress) }
}
