import MemorySetCore
import MMUSim

extension Shell {
    /// The most skipped lines `load strace` lists one by one (then a count).
    static let maxListedStraceSkips = 20

    /// `load strace FILE [--pid PID]`: reads the log (at most ``maxFileSize`` bytes), translates
    /// the calls of one process (``StraceLog``, ``StraceReplay``) and runs each translated
    /// command in order, as if typed, located at `FILE:LINE` of its call:
    /// ```
    /// # mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f…
    /// > map 0x7f… +8K rw-u --force --label "[anon]"
    /// (the output of that map)
    /// ```
    /// In a stepped run (``executeStepping(line:at:)``, `source --step`) each call is a step:
    /// its comment as narration, its commands after the prompt, then the pacer's wait.
    /// Human output shows each call as its comment line and each command after `> `; JSON
    /// output has the object of each command. Every command is its own undoable step. A call
    /// whose second command fails (an `mremap`: unmap, then map) is undone whole.
    ///
    /// Then a summary: `replayed N calls of process P from FILE (M commands)`, or in JSON
    /// `{"ok":true,"cmd":"load","log":FILE,"pid":P|null,"calls":N,"commands":M,"skipped":[]}`.
    /// Lines skipped (``StraceLog/Skip``) are listed as `warning: FILE:LINE: why` and make
    /// the command fail (`SyntaxError`, with `"skipped":[{"line":…,"reason":…}]` in JSON):
    /// the rest of the log was replayed.
    /// - Complexity: O(size of the log) plus the cost of the commands.
    func loadStrace(file given: String, pid: UInt64?, at location: SourceLocation, inFile: Bool, into out: inout ShellOutput) {
        // A file named inside a session file is relative to it (the messages show the path read).
        let file = resolve(given)
        let log: StraceLog
        do {
            let text = try readStraceLog(file)
            log = try StraceLog(text: text, pid: pid.map { Int($0) })
        } catch {
            fail(word: "load", error, at: location, inFile: inFile, into: &out)
            return
        }
        let (steps, skipped) = StraceReplay.translate(log, pageSize: session.state.settings.pageSize)
        var commands = 0
        for step in steps {
            // Ctrl-C: the replay stops at the interrupted command (reported) or between two
            // calls; the calls replayed before stay.
            if out.interrupted { return }
            if session.cancellation.isCancelled { return fail(word: "load", .interrupted, at: location, inFile: inFile, into: &out) }
            if stepState.active {
                // Stepped (#14, #15): the call is narration, its commands are shown after the
                // prompt as one line, and the pacer waits once per call (a call is never
                // half-applied: q and Ctrl-C come before it); a call of no command (`brk(NULL)`,
                // `execve`) is narration only.
                narrate(Substring(step.comment), into: &out)
                let line = step.commands.joined(separator: "; ")
                guard line.isEmpty || pause(before: Substring(line), word: "load", at: SourceLocation(file: file, line: step.line), into: &out) else {
                    return
                }
            } else if !options.json {
                out.stdout += step.comment + "\n"
            }
            // A copy only for a call of several commands (it shares the history, which the
            // next command then copies: 2,000 entries at most).
            let before = step.commands.count > 1 ? session : nil
            let failures = out.failures
            for command in step.commands {
                if !options.json && !stepState.active { out.stdout += "> " + command + "\n" }
                commands += 1
                runStraceCommand(command, at: SourceLocation(file: file, line: step.line), into: &out)
                if out.failures > failures { break }
            }
            if out.failures > failures, let before {
                session = before
                if !options.json {
                    out.stderr += "\(file):\(step.line): note: nothing of this \(step.comment.dropFirst(2).prefix(while: { $0 != "(" })) call is applied\n"
                }
            }
            if stepState.active { present(&out) }
        }
        let process = log.process.map { String($0) } ?? "(no PID prefix)"
        if options.json {
            var fields: [(String, JSON)] = [("ok", .bool(skipped.isEmpty)), ("cmd", .string("load"))]
            if !skipped.isEmpty {
                // As every failure object: error, message, line, and file when from a file.
                fields += [("error", .string(ShellErrorKind.syntaxError.rawValue)),
                           ("message", .string(Shell.straceSkipMessage(skipped.count, file))),
                           ("line", .number(UInt64(max(location.line, 0))))]
                if location.isFile { fields.append(("file", .string(location.file))) }
            }
            fields += [
                ("log", .string(file)), ("pid", log.process.map { .number(UInt64($0)) } ?? .null),
                ("calls", .number(UInt64(steps.count))), ("commands", .number(UInt64(commands))),
                ("skipped", .array(skipped.map { .object([("line", .number(UInt64($0.line))), ("reason", .string($0.reason))]) })),
            ]
            var text = TextBuffer()
            text.writeJSON(.object(fields))
            out.stdout += text.string + "\n"
            out.commands += 1
            if !skipped.isEmpty { out.failures += 1 }
            return
        }
        out.stdout += "replayed \(steps.count) call\(steps.count == 1 ? "" : "s") of process \(process) from \(file) (\(commands) command\(commands == 1 ? "" : "s"))\n"
        guard !skipped.isEmpty else {
            out.commands += 1
            return
        }
        for skip in skipped.prefix(Shell.maxListedStraceSkips) {
            out.stderr += "warning: \(file):\(skip.line): \(skip.reason)\n"
        }
        if skipped.count > Shell.maxListedStraceSkips {
            out.stderr += "warning: \(skipped.count - Shell.maxListedStraceSkips) more lines skipped\n"
        }
        fail(word: "load", .syntax(Shell.straceSkipMessage(skipped.count, file)), at: location, inFile: inFile, into: &out)
    }

    /// `load strace: 3 lines of FILE skipped`.
    static func straceSkipMessage(_ count: Int, _ file: String) -> String {
        "load strace: \(count) line\(count == 1 ? "" : "s") of \(file) skipped"
    }

    /// Runs one translated command (never echoed again: the caller showed it).
    private func runStraceCommand(_ command: String, at location: SourceLocation, into out: inout ShellOutput) {
        runCommands(of: command, at: location, inFile: true, into: &out)
    }
}

extension Shell {
    /// The log's text, read through the shell's file system (at most ``maxFileSize`` bytes).
    /// - Throws: `BadState` `load strace: cannot read 'FILE': why` (``FileError/reason``).
    func readStraceLog(_ file: String) throws(ShellError) -> String {
        do {
            return String(decoding: try files.read(file, Shell.maxFileSize), as: UTF8.self)
        } catch {
            throw error.readFailure("load strace", file)
        }
    }
}
