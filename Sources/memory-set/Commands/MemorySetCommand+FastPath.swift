extension MemorySetCommand {
    /// The environment variable that sends every command line through ArgumentParser (the
    /// end-to-end tests run the same arguments both ways and compare).
    static let argumentParserVariable = "MEMORY_SET_ARGUMENT_PARSER"

    /// Whether ArgumentParser could take `word` for a subcommand (`help` is its own): a file
    /// of one of these names goes the slow way.
    /// - Complexity: O(1).
    static func isSubcommandWord(_ word: String) -> Bool {
        switch word {
        case "run", "bench", "trace", "help": true
        default: false
        }
    }

    /// Reads the common command lines of a session without ArgumentParser, whose parse costs
    /// about 12M instructions at every start (reflection over the options, conformance scans,
    /// the completion-request check): a piped session pays it once, but for its first 20,000
    /// lines that is ~600 instructions a line.
    ///
    /// Taken: any order of `--json`, `--no-render`, `--echo`, `--before-after`,
    /// `--no-before-after`, `--color auto|always|never`, `--color=auto|always|never`, each at
    /// most once (one of the two `--[no-]before-after`), and session files: `-` or a word that
    /// does not start with `-` and is not a subcommand word (``isSubcommandWord(_:)``).
    /// ```
    ///   memory-set --no-render < session          fast: Request(output: noRender)
    ///   memory-set --json a.mset - b.mset          fast: Request(output: json, files: [a, -, b])
    ///   memory-set --json --json | -c … | --step | --help | bench … | --bogus | --color red
    ///                                              nil: ArgumentParser reads it, as before
    /// ```
    /// None of the lines taken can fail ``RunCommand/validate()`` (no `-c`, no show), so the
    /// request is the one ArgumentParser would build and run (tested against it).
    ///
    /// - Parameter arguments: the command line without the program's name.
    /// - Returns: the request to run, or nil when ArgumentParser must read the line.
    /// - Complexity: O(n) in the number of arguments.
    static func fastRequest(_ arguments: some Sequence<String>) -> RunCommand.Request? {
        var request = RunCommand.Request()
        // The flags met so far, one bit each (`--[no-]before-after` share theirs): a repeated
        // flag is left to ArgumentParser's rules. No `Set`: instantiating its generic
        // metadata costs more than the rest of this parse.
        var seen: UInt8 = 0
        var expectsColor = false
        for argument in arguments {
            if expectsColor {
                guard let color = ColorChoice(rawValue: argument) else { return nil }
                request.output.color = color
                expectsColor = false
                continue
            }
            guard argument.utf8.first == UInt8(ascii: "-") && argument != "-" else {
                guard !argument.isEmpty, !isSubcommandWord(argument) else { return nil }
                request.files.append(argument)
                continue
            }
            let flag: UInt8
            switch argument {
            case "--json": flag = 1; request.output.json = true
            case "--no-render": flag = 2; request.output.noRender = true
            case "--echo": flag = 4; request.output.echo = true
            case "--before-after": flag = 8; request.output.beforeAfter = true
            case "--no-before-after": flag = 8; request.output.beforeAfter = false
            case "--color": flag = 16; expectsColor = true
            default:
                guard argument.hasPrefix("--color="),
                      let color = ColorChoice(rawValue: String(argument.dropFirst("--color=".count)))
                else { return nil }
                flag = 16
                request.output.color = color
            }
            guard seen & flag == 0 else { return nil }
            seen |= flag
        }
        return expectsColor ? nil : request
    }
}
