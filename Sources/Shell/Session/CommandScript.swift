/// A session text parsed whole, whose commands then run one by one on a ``Runner`` with no
/// output: what `memory-set bench FILE` times.
///
/// ```
///   text ──parse all lines──▶ CommandScript ──run(script, at: i)──▶ Runner (session, no output)
///          (first bad line: ParseError)        i = 0, 1, … count-1
/// ```
///
/// Only commands that work on the session's state are kept: `source`, `save`, `load`,
/// `export` (file I/O; both formats) and `help` are left out, and parsing stops at `quit`.
public struct CommandScript: Sendable {
    /// The kept commands, in order.
    let commands: [Kept]
    /// The same boxes, unretained (``commands`` keeps them alive): what ``Runner`` reads, so
    /// that running a command retains and releases nothing of the script.
    let unretained: [Unmanaged<Kept>]

    /// A kept command, in a box of its own, so that ``Runner`` hands it to the session in
    /// place: a `let` of a class instance the runner keeps alive is borrowed as it is, where
    /// an element of an array of commands is copied for the call and destroyed after it
    /// (~260 instructions, with the payload's strings retained and released).
    final class Kept: Sendable {
        let parsed: ParsedCommand
        init(_ parsed: ParsedCommand) { self.parsed = parsed }
    }

    /// The first line of a text that does not parse.
    public struct ParseError: Error, Sendable {
        /// `FILE:LINE: error: SyntaxError: …`.
        public var message: String
    }

    /// Parses every line of `text` (`\n`-separated, each with its `;`-separated commands).
    /// - Parameters:
    ///   - text: The session file's contents.
    ///   - file: Its name, for the error message.
    /// - Throws: ``ParseError`` for the first command that does not parse.
    /// - Complexity: O(length of the text)
    public init(text: String, file: String) throws(ParseError) {
        var commands: [Kept] = []
        var lineNumber = 0
        parsing: for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            for segment in Lexer.segments(of: String(line)) {
                switch Parser.parse(segment) {
                case .failure(let failure):
                    throw ParseError(message: "\(file):\(lineNumber): error: \(failure.error.kind.rawValue): \(failure.error.message)")
                case .success(let parsed):
                    switch parsed.command {
                    case .quit: break parsing
                    case .source, .save, .help, .load, .export, .exportSVG: continue
                    default: commands.append(Kept(parsed))
                    }
                }
            }
        }
        self.commands = commands
        unretained = commands.map { Unmanaged.passUnretained($0) }
    }

    /// The number of commands kept.
    /// - Complexity: O(1)
    public var count: Int { commands.count }

    /// The command word of command `index` (`map`, `unmap`…).
    /// - Precondition: `0 <= index < count`.
    /// - Complexity: O(1)
    public func word(at index: Int) -> String { commands[index].parsed.word }

    /// A session that runs a script's commands and prints nothing (errors are dropped: a
    /// failing command is timed like any other).
    public struct Runner {
        var session = Session()

        /// A session with the default settings and backend `mmu` when `pageTable` (areas
        /// lazily allocated in the simulated page table unless a command says otherwise),
        /// else `none` (area bookkeeping only).
        /// - Complexity: O(1)
        public init(pageTable: Bool) {
            let setup = ParsedCommand(word: "set", command: .set(.backend(pageTable ? .mmu : .none)), span: 0..<0)
            _ = try? session.run(setup)
        }

        /// Runs command `index` of `script` through the session's executor (the same code as
        /// the shell's, undo snapshots included), without rendering.
        /// - Precondition: `0 <= index < script.count`.
        /// - Complexity: the command's cost.
        public mutating func run(_ script: CommandScript, at index: Int) {
            // Borrowed from its box, which the script keeps alive across the call (an array
            // element, or a box not known to live on, would be copied first).
            script.unretained[index]._withUnsafeGuaranteedRef { _ = try? session.run($0.parsed) }
        }
    }
}
