import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors of the pseudo-terminal harness.
struct PseudoTerminalError: Error, CustomStringConvertible {
    var description: String
}

/// `memory-set` running under a pseudo-terminal, as a user at a terminal would run it: it is
/// the session leader and the pty is its controlling terminal (`openpty` + `posix_spawn` with
/// `POSIX_SPAWN_SETSID`, the slave opened by name in the child), so Ctrl-C is turned into
/// SIGINT by the terminal driver.
///
/// Every read waits at most a given time: a bug in the REPL fails the test, never hangs it.
final class PseudoTerminalSession {
    /// The child's process id.
    let pid: pid_t
    /// Everything the child wrote to the terminal so far.
    var transcript: String { String(decoding: received, as: UTF8.self) }
    private var received: [UInt8] = []
    private let master: Int32
    private var exitStatus: Int32?

    /// Starts `memory-set` (or `executable`) with `arguments` on a new `columns`×30
    /// pseudo-terminal (100 columns by default), with ``testEnvironment(_:unset:)``.
    init(
        executable: String = Binary.url.path, arguments: [String] = [],
        environment extra: [String: String] = [:], unset: Set<String> = [], columns: UInt16 = 100
    ) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 30, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else {
            throw PseudoTerminalError(description: "openpty failed: errno \(errno)")
        }
        // Neither end may leak into this or any other child.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        defer { close(slave) }
        var nameBuffer = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &nameBuffer, nameBuffer.count) == 0 else {
            close(master)
            throw PseudoTerminalError(description: "ttyname_r failed")
        }
        let slaveName = String(decoding: nameBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid, opening the slave (without O_NOCTTY) makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // Nothing else of this process (pipes of tests running in parallel, say) may stay open
        // in the child.
        // (glibc ignores closing a descriptor that was closed in the meantime.)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc ≥ 2.26) and POSIX_SPAWN_SETSIGDEF/SETSIGMASK: a clean
        // signal state, whatever the test runner blocked or ignored.
        let setsid: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)

        var environment = testEnvironment(extra, unset: unset)
        environment["TERM"] = environment["TERM_FOR_TESTS"] ?? "xterm"
        let argv = [executable] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var childPID: pid_t = 0
        let status = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&childPID, executable, &actions, &attributes, cArgv, cEnvp)
            }
        }
        guard status == 0 else {
            close(master)
            throw PseudoTerminalError(description: "posix_spawn failed: \(status)")
        }
        self.pid = childPID
        self.master = master
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Waits up to `timeout` seconds until the terminal is in the line editor's raw mode
    /// (`ICANON` off). libedit draws its prompt first and sets raw mode when it first reads, so
    /// a key sent just after the prompt appears could otherwise meet the cooked terminal (Ctrl-D
    /// would be eaten as the kernel's end-of-file, text echoed twice).
    ///
    /// - Returns: whether raw mode was seen.
    @discardableResult
    func waitUntilEditing(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        while Date() < deadline {
            // On a pty master, tcgetattr reports the slave's (the child's) settings.
            if tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0 { return true }
            usleep(1_000)
        }
        return false
    }

    /// Whether the terminal is in canonical mode (`ICANON` on: lines, as a shell leaves it).
    var isCanonical: Bool {
        var settings = termios()
        return tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) != 0
    }

    /// Types `text` (use "\r" for Enter, "\t" for Tab, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D),
    /// once the line editor is reading (see ``waitUntilEditing(timeout:)``).
    func type(_ text: String) throws {
        guard waitUntilEditing() else {
            throw PseudoTerminalError(description: "the REPL is not reading input; transcript: \(transcript)")
        }
        try typeWhileBusy(text)
    }

    /// Types `text` at once, whether or not the line editor is reading (Ctrl-C during a
    /// command: the terminal driver turns it into SIGINT).
    func typeWhileBusy(_ text: String) throws {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw PseudoTerminalError(description: "write to pty failed: errno \(errno)") }
            offset += n
        }
        bytes.removeAll()
    }

    /// Reads what the child writes until `predicate` holds for the text written since byte
    /// offset `start` of the transcript (see ``mark``), or `timeout` seconds pass.
    ///
    /// - Returns: the text written since `start` (whether or not the predicate came true).
    @discardableResult
    func read(from start: Int = 0, timeout: TimeInterval = 10, until predicate: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        func recent() -> String { String(decoding: received[min(start, received.count)...], as: UTF8.self) }
        while !predicate(recent()) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { readBytes(master, $0.baseAddress!, $0.count) }
            if n <= 0 { break }  // EIO once the child has gone and the slave is closed
            received.append(contentsOf: buffer[..<n])
        }
        return recent()
    }

    /// Reads until `text` appears after byte offset `start`; see ``read(from:timeout:until:)``.
    @discardableResult
    func expect(_ text: String, from start: Int = 0, timeout: TimeInterval = 10) -> Bool {
        read(from: start, timeout: timeout) { $0.contains(text) }.contains(text)
    }

    /// The length of the transcript so far: pass it as `from:` to look only at newer output.
    var mark: Int { received.count }

    /// Waits up to `timeout` seconds for the child to exit, draining its output meanwhile.
    ///
    /// - Returns: its exit status (128 + signal when killed by one), or nil if still running.
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                return exitStatus
            }
            read(timeout: 0.05) { _ in false }
        }
        return nil
    }
}

/// `read(2)`, named apart from ``PseudoTerminalSession/read(from:timeout:until:)``.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Calls `body` with a NULL-terminated C array of the strings.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
