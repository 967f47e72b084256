import ArgumentParser

import Shell

extension RunCommand {
    /// What `memory-set run` runs, once its command line is read and validated: by
    /// ArgumentParser (``RunCommand/request``) or by the fast path of `main`
    /// (`MemorySetCommand+FastPath.swift`), which must build the same value for the same
    /// arguments. The defaults are those of the options.
    struct Request: Equatable {
        /// `--json`, `--color`, `--no-render`, `--[no-]before-after`, `--echo`.
        var output = OutputOptions.Settings()
        /// The texts of `-c`.
        var commands: [String] = []
        /// `--step`.
        var step = false
        /// `--delay MS`.
        var delay: Int? = nil
        /// The session files (`-` for standard input).
        var files: [String] = []

        /// Whether the session is a show (`--step` or `--delay`).
        var isShow: Bool { step || delay != nil }

        /// Runs the session: the REPL when standard input is a terminal and no FILE or `-c` is
        /// given, else the batch.
        ///
        /// - Throws: `ExitCode(1)` when a command of a batch failed, `ExitCode(130)` after Ctrl-C
        ///   (see ``runShow(_:)`` for a show).
        /// - Complexity: that of the commands run.
        func run() throws {
            ignoreBrokenPipeSignal()
            let standardOutput = OutputWriter(fd: 1) { endAfterStandardOutputFailure($0) }
            let standardError = OutputWriter(fd: 2, bufferLimit: 0)
            let interactive = commands.isEmpty && files.isEmpty && Terminal.isTerminal(0)
            var options = output.shellOptions(interactive: interactive)
            if isShow { options = StepOptions.showOptions(options, beforeAfter: output.beforeAfter) }
            let runner = SessionRunner(
                shell: Shell(options: options, files: SystemFileSystem()), standardOutput: standardOutput, standardError: standardError)
            // Ctrl-C (the one SIGINT handler, `Interrupt`) stops the command running: the shell
            // polls the flag and rolls the command back.
            runner.shell.cancellation = .init { Interrupt.isPending }

            if isShow {
                try runShow(runner)
                return
            }
            if interactive {
                // `source --step` reads its keys from the REPL's terminal.
                runner.shell.pacer = runner.pacer(delay: nil, keys: StepKeys.open())
                let editor = LineEditor(
                    historyPath: LineEditor.defaultHistoryPath(environment: Terminal.environment),
                    completer: { [shell = runner.shell] text in shell.completions(for: text) })
                runner.runInteractive(editor: editor)
                // Output of a last line ending in `quit` (`map …; quit`) is still buffered.
                standardOutput.flush()
                // An interactive session ends normally: its errors were shown as they happened.
                return
            }
            // A batch stops at Ctrl-C (SIGINT): the command running is rolled back, the output so
            // far flushed, and the exit status is 130 (128 + SIGINT), as a shell reports it.
            Interrupt.install(restartingCalls: false)
            runBatch(runner)
            standardOutput.flush()
            if Interrupt.isPending { throw ExitCode(130) }
            if !runner.succeeded { throw ExitCode(1) }
        }

        /// Runs the files as a show (`--step`, `--delay`): each command shown as if typed, then
        /// paced by keys from the terminal or the delay. Ctrl-C while a command runs rolls it back
        /// as in a batch.
        ///
        /// - Throws: `ExitCode(130)` when Ctrl-C stopped the show; a completed or quit show ends
        ///   with 0 (its errors were shown as they happened, as in the REPL).
        /// - Complexity: that of the commands run.
        private func runShow(_ runner: SessionRunner) throws {
            Interrupt.install(restartingCalls: false)
            runner.shell.pacer = runner.pacer(delay: delay, keys: delay == nil ? StepKeys.open() : nil)
            for file in files {
                guard runner.run(steppingFile: file) else { break }
            }
            runner.standardOutput.flush()
            if Interrupt.isPending { throw ExitCode(130) }
        }

        /// Runs the `-c` texts, else the files, else standard input; `quit` ends them all.
        /// - Complexity: that of the commands run.
        private func runBatch(_ runner: SessionRunner) {
            if !commands.isEmpty {
                for text in commands {
                    guard runner.run(commands: text) else { return }
                }
            } else if !files.isEmpty {
                for file in files {
                    guard file == "-" ? runner.runStandardInput() : runner.run(file: file) else { return }
                }
            } else {
                _ = runner.runStandardInput()
            }
        }
    }
}
