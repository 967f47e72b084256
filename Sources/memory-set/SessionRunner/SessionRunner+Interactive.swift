import Shell

extension SessionRunner {
    /// Shown when the REPL starts.
    static let greeting = """
        memory-set: map, unmap and protect the areas of an address space, and watch them change.
        Type `help` for the commands (Tab completes), `quit` or Ctrl-D to leave.

        """

    /// The REPL: reads lines with `editor` (prompt from the shell) and runs them until Ctrl-D,
    /// `quit` or `exit`. Ctrl-C abandons the line being typed and prompts again.
    ///
    /// - Complexity: that of the commands typed.
    func runInteractive(editor: LineEditor) {
        standardOutput.write(Self.greeting)
        var lineNumber = 0
        while true {
            standardOutput.flush()
            switch editor.read(prompt: shell.prompt) {
            case .endOfInput:
                // Ctrl-D leaves the cursor after the prompt: end that line.
                standardOutput.write("\n")
                standardOutput.flush()
                return
            case .interrupted:
                standardOutput.write("^C\n")
                standardOutput.flush()
            case .line(let line):
                lineNumber += 1
                editor.record(line)
                if !run(line: line, at: SourceLocation(file: "<stdin>", line: lineNumber)) { return }
            }
        }
    }
}
