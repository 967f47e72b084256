/// The system calls of one process, read from the output of
/// `strace [-f] [-t|-tt|-ttt|-r] [-y] -e trace=memory …` (with or without `-o`).
///
/// Reading happens in two stages. Each line is first classified on its own
/// (``StraceLog/Record``): its `-f` PID prefix (`[pid 123] ` or `123 `) and timestamps are
/// skipped, then it is a complete call, the first half of a split call
/// (`mmap(… <unfinished ...>`), its second half (`<... mmap resumed>) = 0x…`), an exit
/// (`+++ exited with 0 +++`), something valid to ignore (signals, `strace:` messages,
/// blank lines), or garbage. Then, at the end, the halves are joined per process, and the
/// calls of the chosen process are kept:
///
/// ```
///  line  text                                              record
///   1    120 execve("./a", ["./a"], …) = 0                 call 120
///   2    120 mmap(NULL, 8192, … <unfinished ...>           unfinished 120 ─┐
///   3    121 brk(NULL) = 0x55…                             call 121        │ joined: one
///   4    120 <... mmap resumed>) = 0x7f…                   resumed 120  ───┘ call at line 4
///   5    120 +++ exited with 0 +++                         exit 120
/// ```
///
/// The chosen process is the one of the first call in the log, or the one asked for; the
/// threads it creates with `clone(…CLONE_VM…)` (when `clone` is traced) share its address
/// space and are kept too. A call takes effect when it returns, so a joined call sits at
/// its `resumed` line. Lines that cannot be read, and split calls of the chosen process
/// that cannot be joined, are listed in ``skipped`` with the reason; nothing of them is
/// kept (no call is ever half-read).
struct StraceLog {
    /// A process as the log names it: its PID prefix, or `nil` for lines without one
    /// (`strace` without `-f`, or with `-f` while only one process runs and no `-o`).
    typealias ProcessID = Int?

    /// A line left out, and why.
    struct Skip: Equatable, Sendable {
        /// The 1-based line number.
        var line: Int
        /// Why, e.g. `truncated call: no ')' closes the arguments`.
        var reason: String
    }

    /// What a call returned.
    enum Outcome: Equatable, Sendable {
        /// A value (`= 0`, `= 0x7f…`).
        case value(UInt64)
        /// An error (`= -1 ENOMEM (…)`, `= ? ERESTARTSYS (…)`): the call did nothing.
        case failed
        /// `= ?` alone: the process ended (or was detached) before the call returned.
        case unknown
    }

    /// A complete system call: a line, or the two halves of a split call joined.
    struct Call: Equatable, Sendable {
        /// The line where it returned (the `resumed` line of a split call).
        var line: Int
        /// The process that made it.
        var pid: ProcessID
        /// The system call's name, e.g. `mmap`.
        var name: String
        /// The top-level arguments as written, blanks around them removed.
        var arguments: [Substring]
        /// What it returned.
        var outcome: Outcome
        /// `name(arguments) = result` as written (halves joined, `-T` time removed).
        var text: String
    }

    /// The calls of the chosen process (and of its threads), in the order they returned.
    var calls: [Call]
    /// The lines left out, in line order.
    var skipped: [Skip]
    /// The process whose calls are kept.
    var process: ProcessID
    /// Every process seen, in order of first appearance.
    var processes: [ProcessID]
}

extension StraceLog {
    /// The system calls whose halves must be joined and whose failures to join are reported:
    /// those a replay uses. (Others, e.g. a `wait4` left unfinished by a killed process, are
    /// dropped silently.)
    static let relevantNames: Set<String> = [
        "mmap", "mmap2", "munmap", "mprotect", "pkey_mprotect", "brk", "mremap",
        "execve", "execveat", "clone", "clone3",
    ]

    /// Reads a whole log.
    /// - Parameters:
    ///   - text: The log.
    ///   - pid: The process to keep; `nil`: the one of the first call.
    /// - Throws: `BadState` when `pid` makes no call in the log (naming those that do).
    /// - Complexity: O(length of the text)
    init(text: String, pid: Int?) throws(ShellError) {
        var reader = Reader()
        var number = 0
        for line in Shell.lines(of: text) {
            number += 1
            reader.read(line, number: number)
        }
        self = try reader.finish(pid: pid)
    }

    /// Reads a log line by line (`read(_:number:)`), then joins and chooses (`finish(pid:)`).
    struct Reader {
        /// Every complete call, of every process, in order of return.
        private var calls: [Call] = []
        /// Lines that are garbage, whatever the process.
        private var garbage: [Skip] = []
        /// Split calls that could not be joined, with their process.
        private var unjoined: [(pid: ProcessID, name: String, skip: Skip)] = []
        /// The first half of each process's split call, waiting for its second.
        private var pending: [ProcessID: (line: Int, name: String, text: String)] = [:]
        private var processes: [ProcessID] = []
        private var seen: Set<ProcessID> = []

        /// A reader that has read nothing.
        /// - Complexity: O(1)
        init() {}

        /// Reads line number `number` (from 1, in order).
        /// - Complexity: O(length of the line)
        mutating func read(_ line: Substring, number: Int) {
            switch StraceLog.record(of: line) {
            case .ignored:
                break
            case .malformed(let reason):
                garbage.append(Skip(line: number, reason: reason))
            case .exit(let pid):
                note(pid)
                if let open = pending.removeValue(forKey: pid) {
                    unjoined.append((pid, open.name, Skip(line: open.line, reason: "\(open.name) never resumed: the process ended first")))
                }
            case let .unfinished(pid, name, text):
                note(pid)
                if let open = pending[pid] {
                    unjoined.append((pid, open.name, Skip(line: open.line, reason: "\(open.name) never resumed: the process started another call first")))
                }
                pending[pid] = (number, name, text)
            case let .resumed(pid, name, rest):
                note(pid)
                guard let open = pending[pid], open.name == name else {
                    unjoined.append((pid, name, Skip(line: number, reason: "\(name) resumed without its unfinished call")))
                    return
                }
                pending[pid] = nil
                let joined = open.text + rest
                switch StraceLog.call(joined[...], pid: pid, line: number) {
                case .success(let call): calls.append(call)
                case .failure(let skip):
                    unjoined.append((pid, name, Skip(line: number, reason: skip.reason + " (joined with line \(open.line))")))
                }
            case .call(let pid, let text):
                note(pid)
                switch StraceLog.call(text, pid: pid, line: number) {
                case .success(let call): calls.append(call)
                case .failure(let skip): garbage.append(skip)
                }
            }
        }

        /// Records that `pid` appears in the log.
        private mutating func note(_ pid: ProcessID) {
            if seen.insert(pid).inserted { processes.append(pid) }
        }

        /// Joins and chooses: the calls of process `pid` (default: the first named in the log)
        /// and of the threads it creates.
        /// - Throws: `BadState` when `pid` makes no call in the log.
        /// - Complexity: O(number of calls + number of skipped lines · log of that number)
        consuming func finish(pid: Int?) throws(ShellError) -> StraceLog {
            for (pid, open) in pending {
                unjoined.append((pid, open.name, Skip(line: open.line, reason: "\(open.name) never resumed: the log ends first")))
            }
            let process: ProcessID
            if let pid {
                guard seen.contains(pid) else {
                    let known = processes.compactMap { $0 }.prefix(10).map { String($0) }.joined(separator: ", ")
                    throw .badState("load strace: no process \(pid) in the log"
                        + (known.isEmpty ? " (its lines have no PID prefix: omit --pid)" : " (processes: \(known)\(processes.count > 10 ? ", …" : ""))"))
                }
                process = pid
            } else {
                process = processes.first ?? nil
            }
            // The process and the threads it creates (transitively; a thread may appear in
            // the log before the line that says it was created).
            var members: Set<ProcessID> = [process]
            var grew = true
            while grew {
                grew = false
                for call in calls where members.contains(call.pid) && (call.name == "clone" || call.name == "clone3") {
                    guard case .value(let child) = call.outcome, child > 0, child <= UInt64(Int32.max),
                          call.arguments.contains(where: { StraceArgument.offset(of: "CLONE_VM", in: $0) != nil }) else { continue }
                    if members.insert(Int(child)).inserted { grew = true }
                }
            }
            var skipped = garbage
            for entry in unjoined where members.contains(entry.pid) && StraceLog.relevantNames.contains(entry.name) {
                skipped.append(entry.skip)
            }
            skipped.sort { $0.line < $1.line }
            return StraceLog(calls: calls.filter { members.contains($0.pid) }, skipped: skipped,
                             process: process, processes: processes)
        }
    }
}
