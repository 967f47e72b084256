import ArgumentParser
import Glibc

/// The `memory-set` command: explore the virtual-memory areas of an address space.
///
/// Its default subcommand is ``RunCommand``, so `memory-set`, `memory-set FILE...` and
/// `memory-set -c 'CMDS'` run a session without naming it. Bad command lines exit with 64
/// (`EX_USAGE`, ArgumentParser's validation-failure code).
///
/// ```
///   main ── fastRequest(arguments) ──▶ RunCommand.Request.run()       (most sessions)
///        └─ nil, or MEMORY_SET_ARGUMENT_PARSER set ──▶ ArgumentParser: parse, validate, run
/// ```
/// `main` is ``MemorySetProgram/main()``, called by the executable target.
struct MemorySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory-set",
        abstract: "Map, unmap and protect the virtual-memory areas of an address space, and watch them change.",
        usage: """
            memory-set [--json] [--color <color>] [--no-render] [--echo] [<file> ...]
              memory-set [--json] [--color <color>] [--no-render] [--echo] -c <commands> ...
              memory-set --step [--delay <ms>] <file> ...
              memory-set <subcommand>
            """,
        discussion: """
            With no FILE and a terminal on standard input, starts the interactive REPL \
            (line editing, history in ~/.memory_set_history or $MEMORY_SET_HISTORY, Tab completion). \
            Otherwise runs session files, the commands given with -c, or standard input. \
            With --step (or --delay MS) the files are a presentation: each command is shown as \
            if typed and runs on Enter (q quits, Ctrl-C stops). \
            Type 'help' in a session for the command language.

            Exit status: 0 when every command succeeded, 1 when at least one failed, \
            64 for a bad command line, 130 after Ctrl-C; a show (--step) ends with 0 unless \
            stopped by Ctrl-C.
            """,
        subcommands: [RunCommand.self, BenchCommand.self, TraceCommand.self],  // trace: strace (#15)
        defaultSubcommand: RunCommand.self
    )
}

/// The program run by the `memory-set` executable (`Sources/memory-set-main/main.swift`).
package enum MemorySetProgram {
    /// Runs the command line: the common ones of a session straight away
    /// (``MemorySetCommand/fastRequest(_:)``), any other through ArgumentParser
    /// (`MemorySetCommand.main(nil)`), with the same outputs and exit statuses.
    /// - Complexity: that of the session.
    package static func main() {
        guard let request = MemorySetCommand.fastRequest(CommandLine.arguments.dropFirst()),
              Terminal.environment(MemorySetCommand.argumentParserVariable) == nil
        else {
            MemorySetCommand.main(nil)
            return
        }
        do {
            try request.run()
        } catch let status as ExitCode {
            // ArgumentParser's `exit(withError:)` prints nothing for an `ExitCode`.
            Glibc.exit(status.rawValue)
        } catch {
            MemorySetCommand.exit(withError: error)
        }
    }
}
