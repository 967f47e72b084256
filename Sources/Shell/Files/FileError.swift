/// Why a ``ShellFileSystem`` could not read or write a file.
///
/// The shell turns each case into the reason of its error message (`cannot read 'FILE': …`);
/// a file system maps its own failures (`errno` values on a POSIX system) onto these cases.
public enum FileError: Error, Sendable, Equatable {
    /// The shell was given no file system (``Shell/init(options:)``): file commands fail.
    case noFileSystem
    /// Nothing exists at the path (`ENOENT`); for a write, the directory it names is missing.
    case noSuchFile
    /// A component of the path, before its last, is not a directory (`ENOTDIR`).
    case notADirectory
    /// The path names a directory, where a file was expected (`EISDIR`).
    case isDirectory
    /// Not allowed (`EACCES`, `EPERM`).
    case permissionDenied
    /// The path exists but is not a regular file (a device, FIFO or socket), where a write
    /// would replace it: refused.
    case notARegularFile
    /// The path holds a NUL byte, which no system path can (it would end the path early).
    case nulInPath
    /// The file holds more than the `limit` bytes the reader asked for at most.
    case tooLarge(limit: Int)
    /// The read was waiting (for a FIFO's writer, a terminal's line) when the user
    /// interrupted it (Ctrl-C): the command is ``ShellError/interrupted``, not an error.
    case interrupted
    /// Any other failure, worded by the system (e.g. `strerror(3)`: `Read-only file system`).
    case other(String)
}
