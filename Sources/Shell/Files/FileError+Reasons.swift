extension FileError {
    /// The reason in `WORD: cannot read 'FILE': REASON` and `WORD: cannot write 'FILE': REASON`,
    /// worded one way for every command, after `errno`'s own words (lowercase):
    ///
    /// ```
    ///   noSuchFile         no such file or directory   (ENOENT: the file, or for a write its directory)
    ///   notADirectory      not a directory             (ENOTDIR)
    ///   isDirectory        is a directory              (EISDIR)
    ///   permissionDenied   permission denied           (EACCES, EPERM)
    ///   notARegularFile    not a regular file          (a device, FIFO or socket a write would replace)
    ///   nulInPath          the path holds a NUL byte
    ///   tooLarge           larger than 64 MiB          (the reader's limit)
    ///   noFileSystem       no file system
    ///   interrupted        interrupted                 (Ctrl-C during a wait; see readFailure)
    ///   other(why)         why, its first letter lowercased (`read-only file system`)
    /// ```
    /// - Complexity: O(length of the reason)
    var reason: String {
        switch self {
        case .noSuchFile: return "no such file or directory"
        case .notADirectory: return "not a directory"
        case .isDirectory: return "is a directory"
        case .permissionDenied: return "permission denied"
        case .notARegularFile: return "not a regular file"
        case .nulInPath: return "the path holds a NUL byte"
        case .tooLarge(let limit): return "larger than \(SizeFormat.human(UInt64(clamping: limit)))"
        case .noFileSystem: return "no file system"
        case .interrupted: return "interrupted"
        case .other(let why):
            guard let first = why.first else { return why }
            return first.lowercased() + why.dropFirst()
        }
    }

    /// The failure of a command that could not read `path`: `BadState`
    /// `PREFIX: cannot read 'PATH': REASON` (no `PREFIX: ` when it is `nil`), or
    /// ``ShellError/interrupted`` when the read was interrupted (Ctrl-C while it waited).
    /// - Complexity: O(length of the message)
    func readFailure(_ prefix: String?, _ path: String) -> ShellError {
        if self == .interrupted { return .interrupted }
        return .badState((prefix.map { "\($0): " } ?? "") + "cannot read \(Token.show(path)): " + reason)
    }
}
