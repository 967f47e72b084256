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
        // What belongs to the conversation with the user goes where the editor draws.
        let display = editor.displayDescriptor == 2 ? standardError : standardOutput
        display.write(Self.greeting)
        var lineNumber = 0
        while true {
            // A Ctrl-C from now on is for the prompt (one pressed while the last command ran
            // was that command's): forget earlier ones before the user sees the output.
            Interrupt.reset()
            standardOutput.flush()
            // Output piped to a reader that shows it on this terminal (`| tee log`) must be
            // shown before the prompt is drawn.
            if editor.displayDescriptor != standardOutput.fd {
                Terminal.waitForPipeReader(of: standardOutput.fd)
            }
            display.flush()
            switch editor.read(prompt: shell.prompt) {
            case .endOfInput:
                // Ctrl-D leaves the cursor after the prompt: end that line.
                display.write("\n")
                display.flush()
                return
            case .interrupted:
                display.write("^C\n")
                display.flush()
            case .line(let line):
                lineNumber += 1
                editor.record(line)
                // The terminal may have been resized since the last command (SIGWINCH): render
                // at its width now.
                let width = Terminal.width(of: 1)
                if width != shell.options.terminalWidth { shell.options.terminalWidth = width }
                if !run(line: line, at: SourceLocation(file: "<stdin>", line: lineNumber)) { return }
            }
        }
    }
}
