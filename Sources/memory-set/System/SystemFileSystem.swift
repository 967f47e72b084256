#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Shell

/// The operating system's files, for the shell's `source`, `save`, `load` and `export`
/// (``ShellFileSystem``), through POSIX calls.
///
/// Every path may start with `~` (``expandingTilde(_:home:)``); a path holding a NUL byte is
/// refused (the system would cut it there).
///
/// Reads go to the end of the file with `read(2)`, so streams (a FIFO, `/dev/stdin`,
/// `/proc/PID/maps`, which reports size 0) are read like files, up to the caller's limit.
///
/// Writes are atomic and keep what the path is:
///
/// ```
///   PATH ──symlinks followed──▶ TARGET        (the links stay links)
///   TARGET exists: a regular file → its permissions are kept
///                  a directory    → isDirectory, refused
///                  anything else  → notARegularFile, refused (a device, FIFO, socket)
///   DIR/.NAME.tmp-PID-RANDOM  ◀── open(O_CREAT|O_EXCL), write all, fsync, close
///             │ rename(2)                       (on any failure it is removed)
///             ▼
///   DIR/NAME = TARGET, then DIR fsync'd
/// ```
struct SystemFileSystem: ShellFileSystem {
    /// Looks up an environment variable (`$HOME` for `~`).
    var environment: (String) -> String? = Terminal.environment

    /// Whether the user interrupted (Ctrl-C): a read that waits for a stream gives up.
    var isInterrupted: () -> Bool = { Interrupt.isPending }

    /// The contents of `path`, read to its end.
    ///
    /// A stream (a FIFO, a terminal, a socket) may make the read wait: for a writer to open
    /// the FIFO, for a line to be typed. The file is opened without blocking and the read
    /// waits in `poll(2)`, which a signal always interrupts (`SA_RESTART` or not) and which
    /// wakes every 100 ms, so Ctrl-C ends the wait at once:
    ///
    /// ```
    ///   open(O_NONBLOCK) ── regular file ──▶ read(2) to the end (O_NONBLOCK cleared)
    ///        │ stream
    ///        ▼
    ///   poll(POLLIN, 100 ms) ──▶ readable: read(2) ── 0 bytes: the end
    ///        ▲    │ nothing yet                  └─── EAGAIN: poll again
    ///        └────┘  ── isInterrupted() ──▶ throw .interrupted
    /// ```
    /// - Throws: ``FileError`` from `errno`; `tooLarge` past `limit` bytes; `nulInPath`;
    ///   `interrupted` when ``isInterrupted`` says so while the read waits.
    /// - Complexity: O(size of the file), at most O(`limit`).
    func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
        let path = try systemPath(path)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Self.error(errno) }
        defer { close(fd) }
        var status = stat()
        let isStream = fstat(fd, &status) != 0 || status.st_mode & S_IFMT != S_IFREG
        if !isStream { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if isStream { try waitUntilReadable(fd) }
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN {
                    if isInterrupted() { throw .interrupted }
                    continue
                }
                throw Self.error(errno)
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= limit else { throw .tooLarge(limit: limit) }
            bytes += chunk[..<n]
        }
    }

    /// Waits until `fd` can be read (data, its end, or an error), polling ``isInterrupted``
    /// every 100 ms and whenever a signal interrupts the wait.
    /// - Throws: `interrupted` when ``isInterrupted`` says so.
    /// - Complexity: O(time waited / 100 ms)
    private func waitUntilReadable(_ fd: Int32) throws(FileError) {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            if isInterrupted() { throw .interrupted }
            let ready = poll(&entry, 1, 100)
            if ready > 0 || (ready < 0 && errno != EINTR) { return }   // an error: read(2) says which
            // Timed out, or a signal: look at the flag again. (Reading now would be wrong: a
            // FIFO that no writer has opened reads as its end.)
        }
    }

    /// Replaces the file `path` names (through its symbolic links) by `bytes`: a temporary
    /// file beside it, written and synced, then renamed over it.
    /// - Throws: ``FileError`` from `errno` (creating the temporary file in a missing
    ///   directory is `noSuchFile`); `isDirectory` or `notARegularFile` when the target
    ///   exists and is not a regular file; `nulInPath`. Nothing is changed or left behind.
    /// - Complexity: O(`bytes.count`).
    func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        let target = try Self.followingLinks(systemPath(path))
        guard !target.hasSuffix("/") else { throw .isDirectory }
        var mode: mode_t?
        var status = stat()
        if stat(target, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: mode = status.st_mode & 0o7777
            case S_IFDIR: throw .isDirectory
            default: throw .notARegularFile
            }
        } else if errno != ENOENT {
            throw Self.error(errno)
        }
        let directory = Self.directory(of: target)
        let name = target.dropFirst(directory.count)
        let temporary = directory + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Self.error(errno) }
        var failure = Self.writeAll(bytes, to: fd)
        if failure == 0, let mode, fchmod(fd, mode) != 0 { failure = errno }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Self.error(failure)
        }
        // Make the rename itself durable (best effort: some file systems refuse).
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Writes all of `bytes` to `fd` (retrying short writes and `EINTR`).
    /// - Returns: 0, or the `errno` of the failed `write(2)`.
    /// - Complexity: O(`bytes.count`).
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32 {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += n
        }
        return 0
    }

    /// The path to hand to the system: `~` expanded.
    /// - Throws: `nulInPath` when the path holds a NUL byte.
    /// - Complexity: O(length of the path)
    func systemPath(_ path: String) throws(FileError) -> String {
        guard !path.utf8.contains(0) else { throw .nulInPath }
        return Self.expandingTilde(path, home: home(of:))
    }

    /// The home directory of `user`, or of the current user when nil: `$HOME`, else the
    /// password database.
    func home(of user: String?) -> String? {
        if user == nil, let home = environment("HOME"), !home.isEmpty { return home }
        let entry = user.map { getpwnam($0) } ?? getpwuid(getuid())
        guard let entry, let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// `path` with a leading `~` or `~user` (alone or before `/`) replaced by that home
    /// directory; any other path, or one whose user has no home, unchanged.
    ///
    /// `~` → `HOME`, `~/a` → `HOME/a`, `~bob/a` → `/home/bob/a`, `a/~` → `a/~`.
    /// - Parameter home: The home of a user (nil: the current user), or nil when unknown.
    /// - Complexity: O(length of the path)
    static func expandingTilde(_ path: String, home: (String?) -> String?) -> String {
        guard path.hasPrefix("~") else { return path }
        let end = path.firstIndex(of: "/") ?? path.endIndex
        let user = path[path.index(after: path.startIndex)..<end]
        guard let directory = home(user.isEmpty ? nil : String(user)), !directory.isEmpty else { return path }
        let rest = path[end...]
        return directory.hasSuffix("/") && rest.hasPrefix("/") ? directory + rest.dropFirst() : directory + rest
    }

    /// The file `path` names once its symbolic links are followed (a link's relative target
    /// is read from the link's directory); the path itself when it is not a link. The file
    /// at the end need not exist (a dangling link names the file to create).
    /// - Throws: `other` (`Too many levels of symbolic links`) past 40 links; the `errno` of
    ///   a failed `readlink(2)`.
    /// - Complexity: O(links followed)
    static func followingLinks(_ path: String) throws(FileError) -> String {
        var path = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return path }
            var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
            let n = buffer.withUnsafeMutableBytes { readlink(path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
            guard n >= 0 else { throw error(errno) }
            let link = String(decoding: buffer[..<n], as: UTF8.self)
            path = link.hasPrefix("/") ? link : directory(of: path) + link
        }
        throw error(ELOOP)
    }

    /// The directory part of `path`, up to and with its last `/` ("" for a bare name).
    /// - Complexity: O(length of the path)
    static func directory(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
    }

    /// The ``FileError`` of an `errno` value.
    /// - Complexity: O(1)
    static func error(_ code: Int32) -> FileError {
        switch code {
        case ENOENT: .noSuchFile
        case ENOTDIR: .notADirectory
        case EISDIR: .isDirectory
        case EACCES, EPERM: .permissionDenied
        default: .other(String(cString: strerror(code)))
        }
    }
}

/// `read(2)` (the methods of ``SystemFileSystem`` hide the global name).
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// `write(2)`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
