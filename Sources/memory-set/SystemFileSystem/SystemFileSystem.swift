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
/// Reads go to the end of the file with `read(2)` (procfs files such as `/proc/PID/maps`
/// report size 0), up to the caller's limit. Writes are atomic:
///
/// ```
///   DIR/.NAME.tmp-PID-RANDOM  ◀── open(O_CREAT|O_EXCL), write all, close
///             │ rename(2)
///             ▼
///   DIR/NAME                      (on any failure the temporary file is removed)
/// ```
///
/// `~` and `~/…` at the start of a path written to name the home directory (see
/// ``expandingTilde(_:home:)``).
struct SystemFileSystem: ShellFileSystem {
    /// Looks up an environment variable (`$HOME` for `~`).
    var environment: (String) -> String? = Terminal.environment

    /// The contents of `path`, read to its end.
    /// - Throws: ``FileError`` from `errno`; `tooLarge` past `limit` bytes.
    /// - Complexity: O(size of the file), at most O(`limit`).
    func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.error(errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno)
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= limit else { throw .tooLarge(limit: limit) }
            bytes += chunk[..<n]
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    /// - Throws: ``FileError`` from `errno` (creating the temporary file in a missing
    ///   directory is `noSuchFile`); nothing is left behind.
    /// - Complexity: O(`bytes.count`).
    func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        let target = Self.expandingTilde(path, home: home)
        guard !target.hasSuffix("/") else { throw .isDirectory }
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let temporary = directory + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Self.error(errno) }
        var failure: Int32 = 0
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            written += n
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw Self.error(failure)
        }
    }

    /// The home directory: `$HOME`, else the password database's entry for this user.
    var home: String? {
        if let home = environment("HOME"), !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// `path` with a leading `~` (alone or before `/`) replaced by `home`; any other path,
    /// or any path when `home` is nil, unchanged. `~user` is not expanded.
    ///
    /// `~` → `HOME`, `~/a` → `HOME/a`, `a/~` and `~x` unchanged.
    /// - Complexity: O(length of the path)
    static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        let rest = path.dropFirst()
        return home.hasSuffix("/") && rest.hasPrefix("/") ? home + rest.dropFirst() : home + rest
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
