import Glibc

/// Finding, installing and running strace.
enum Strace {
    /// The path of `strace` on `PATH`; when there is none, installs it with apt-get (telling
    /// `progress` so) and looks again.
    /// - Complexity: O(entries of `PATH`), plus the installation.
    static func executable(installing progress: OutputWriter) -> String? {
        if let path = onPath("strace") { return path }
        progress.write("Installing strace (needed by memory-set trace)...\n")
        progress.flush()
        let script = """
            SUDO=$( [ "$(id -u)" = 0 ] || echo sudo ); \
            $SUDO apt-get update -qq && $SUDO apt-get install -y -qq strace
            """
        _ = run("/bin/sh", ["-c", script])
        return onPath("strace")
    }

    /// The first executable `name` in the directories of `PATH`.
    static func onPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments`, its standard output sent to standard error, and
    /// waits for it.
    /// - Returns: Its exit status (128 + N when killed by signal N), or `nil` when it could
    ///   not be started.
    static func run(_ program: String, _ arguments: [String]) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return nil }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// A new empty file in the temporary directory, for the log.
    static func temporaryFile() -> String? {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/memory-set-trace-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        close(fd)
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `text` in double quotes for the command language, `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}
