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
///
/// The text is kept whole, as bytes, in one allocation the script owns (``Text``), and each
/// command is read from its line's bytes there (``LineSource/bytes(_:)``), as a piped line
/// is: no `String` per line is kept, and the undo step of a command that runs copies its
/// words (``History/InlineWords``) or makes its text from those bytes. The script outlives
/// every run of its commands; nothing that outlives a run keeps a pointer into the text.
/// ```
///   text   [ m a p ␠ … r w ⏎ u n m a p ␠ … ⏎ … ]      owned by the script (Text)
///            ▲ line 1           ▲ line 2
///   Kept     source .bytes(line 1), span of the command's words in it
/// ```
public struct CommandScript: Sendable {
    /// The kept commands, in order.
    let commands: [Kept]
    /// The same boxes, unretained (``commands`` keeps them alive): what ``Runner`` reads, so
    /// that running a command retains and releases nothing of the script.
    let unretained: [Unmanaged<Kept>]
    /// The text, which the commands' sources point into.
    let text: Text

    /// A kept command, in a box of its own, so that ``Runner`` hands it to the session in
    /// place: a `let` of a class instance the runner keeps alive is borrowed as it is, where
    /// an element of an array of commands is copied for the call and destroyed after it
    /// (~260 instructions, with the payload's strings retained and released).
    final class Kept: Sendable {
        let parsed: ParsedCommand
        init(_ parsed: ParsedCommand) { self.parsed = parsed }
    }

    /// A script's text as UTF-8 bytes, in an allocation this object makes and frees: the
    /// commands of the script point into it (their ``LineSource``), never into an array or
    /// a `String`. Never written after it is made (so it can be shared between threads).
    final class Text: @unchecked Sendable {
        /// The first byte.
        let bytes: UnsafeMutablePointer<UInt8>
        /// The number of bytes.
        let count: Int

        /// The UTF-8 bytes of `text`.
        /// - Complexity: O(length of `text`)
        init(_ text: String) {
            var text = text
            count = text.utf8.count
            bytes = .allocate(capacity: Swift.max(count, 1))
            text.withUTF8 { utf8 in
                if let start = utf8.baseAddress { bytes.initialize(from: start, count: utf8.count) }
            }
        }

        deinit { bytes.deallocate() }

        /// The lines: the bytes between line breaks, in order (an empty text is one empty
        /// line, and a text ending with a break ends with an empty line). A break is a `\n`
        /// not after a `\r`: `\r\n` is one character, not a break, as splitting the text's
        /// characters at `"\n"` gives.
        /// - Complexity: O(``count``)
        var lines: [UnsafeBufferPointer<UInt8>] {
            var lines: [UnsafeBufferPointer<UInt8>] = []
            var start = 0
            for i in 0..<count where bytes[i] == UInt8(ascii: "\n") && (i == 0 || bytes[i - 1] != UInt8(ascii: "\r")) {
                lines.append(UnsafeBufferPointer(start: bytes + start, count: i - start))
                start = i + 1
            }
            lines.append(UnsafeBufferPointer(start: bytes + start, count: count - start))
            return lines
        }
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
        let kept = Text(text)
        var commands: [Kept] = []
        var lineNumber = 0
        parsing: for bytes in kept.lines {
            lineNumber += 1
            for segment in Lexer.segments(of: String(decoding: bytes, as: UTF8.self)) {
                switch Parser.parse(segment) {
                case .failure(let failure):
                    throw ParseError(message: "\(file):\(lineNumber): error: \(failure.error.kind.rawValue): \(failure.error.message)")
                case .success(var parsed):
                    switch parsed.command {
                    case .quit: break parsing
                    case .source, .save, .help, .load, .export, .exportSVG: continue
                    default:
                        // The same line, as its bytes in the text (the span is the same).
                        parsed.source = .bytes(bytes)
                        commands.append(Kept(parsed))
                    }
                }
            }
        }
        self.text = kept
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
