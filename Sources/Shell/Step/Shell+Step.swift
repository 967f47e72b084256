import MMUSim

extension Shell {
    /// Where a stepped run is (``Shell/stepState``): on for its whole length, files it sources
    /// and `load strace` calls included.
    struct StepState {
        /// Whether commands are being stepped.
        var active = false
        /// The pacer answered `q`: every loop of the run ends (the outermost one clears it).
        var quit = false
    }

    /// Runs `line` as ``execute(line:at:)`` does, stepping what it runs: the lines of the
    /// files it sources and the calls a `load strace` replays are shown and paced by
    /// ``pacer`` (the line itself is not). `memory-set trace --step` runs its
    /// `load strace LOG` this way.
    /// - Complexity: that of the commands run.
    public func executeStepping(line: String, at location: SourceLocation) -> ShellOutput {
        let outermost = beginStepping()
        defer { endStepping(outermost) }
        var out = execute(line: line, at: location)
        present(&out)
        return out
    }

    /// Turns stepping on; returns whether this run is the outermost (which turns it off).
    /// - Complexity: O(1)
    func beginStepping() -> Bool {
        defer { stepState.active = true }
        return !stepState.active
    }

    /// Ends a stepped run begun by ``beginStepping()`` (only the outermost resets the state).
    /// - Complexity: O(1)
    func endStepping(_ outermost: Bool) {
        if outermost { stepState = StepState() }
    }

    /// One line of a stepped file: blank lines are skipped; a comment is narration (shown,
    /// dim when colored, without waiting); a command is shown after the prompt as if typed,
    /// paced (``pause(before:word:at:into:)``), then run, its errors shown as in the REPL
    /// (without `FILE:LINE:`).
    /// ```
    ///   # Unmapping the middle splits the area.      narration
    ///   memory-set (1 area)> unmap 0x2000 0x3000     prompt + command, then the wait
    ///   (the result of unmap)                        after Enter
    /// ```
    /// - Complexity: that of the command.
    func step(line: String, at location: SourceLocation, into out: inout ShellOutput) {
        if session.cancellation.isCancelled {
            fail(word: nil, .interrupted, at: location, inFile: false, into: &out)
            return
        }
        let text = line.drop(while: { $0.isWhitespace })
        guard let first = text.first else { return }
        if first == "#" {
            narrate(text, into: &out)
            return present(&out)
        }
        if pause(before: text, word: nil, at: location, into: &out) {
            runCommands(of: line, at: location, inFile: false, into: &out)
        }
        present(&out)
    }

    /// Appends `text` (a comment line, `#` included) as narration: dim when colored; nothing
    /// in JSON mode.
    /// - Complexity: O(length of the text)
    func narrate(_ text: Substring, into out: inout ShellOutput) {
        guard !options.json else { return }
        out.stdout += ANSI(enabled: options.color).dim(String(text)) + "\n"
    }

    /// Shows the prompt and `command` as if typed, hands the output so far to the pacer, waits
    /// for its answer and ends the shown line by it:
    /// ```
    ///   memory-set (2 areas)> unmap 0x2000 0x3000▮     waiting
    ///   .next        "\n"; the command runs
    ///   .quit        "\n"; the stepped run ends (StepState.quit)
    ///   .interrupt   "^C\n", then `interrupted` (failure of `word`); the run ends
    /// ```
    /// In JSON mode nothing is shown (the pacing stays).
    /// - Returns: whether to run the command.
    /// - Complexity: that of the pacer.
    func pause(before command: Substring, word: String?, at location: SourceLocation, into out: inout ShellOutput) -> Bool {
        guard let wait = pacer.wait else {
            // Checked where stepping starts; a pacer that cannot wait ends the run.
            stepState.quit = true
            return false
        }
        if !options.json { out.stdout += prompt + command }
        present(&out)
        let decision = wait()
        switch decision {
        case .next:
            if !options.json { out.stdout += "\n" }
            return true
        case .quit:
            if !options.json { out.stdout += "\n" }
            stepState.quit = true
            return false
        case .interrupt:
            if !options.json { out.stdout += "^C\n" }
            fail(word: word, .interrupted, at: location, inFile: false, into: &out)
            return false
        }
    }

    /// Hands the texts of `out` to the pacer to be shown now, and empties them (its counters
    /// stay).
    /// - Complexity: O(length of the texts)
    func present(_ out: inout ShellOutput) {
        guard !out.stdout.isEmpty || !out.stderr.isEmpty else { return }
        pacer.show(ShellOutput(stdout: out.stdout, stderr: out.stderr))
        out.stdout = ""
        out.stderr = ""
    }

    /// The error of `source --step` (`word`: `source`) or of a stepped file run (no word) when
    /// ``pacer`` cannot wait (no terminal to read keys from).
    /// - Complexity: O(1)
    static func noPacerError(word: String?) -> ShellError {
        .badState((word.map { "\($0): " } ?? "") + "--step needs a terminal to read keys from (this session has none); nothing was run")
    }
}
