extension FileError {
    /// The reason in `cannot read 'FILE': REASON` of `source` and of a session file run
    /// (``Shell/runFile(path:)``): `no such file`, `it is a directory`, `permission denied`.
    var sourceReason: String { reasons.source }

    /// The reason in `load maps: cannot read 'FILE': REASON`, in the system's words
    /// (`No such file or directory`, `Permission denied`…).
    var loadReason: String { reasons.load }

    /// The reason in `save: cannot write 'FILE': REASON`: `no such directory` (nothing to
    /// create the file in), `permission denied`, else the system's words (`Is a directory`).
    var writeReason: String { reasons.write }

    /// The three wordings of each failure. `source`, `load` and `save`/`export` keep the
    /// words they had when the shell used the operating system directly.
    ///
    /// ```
    ///   case               source               load                        save, export
    ///   noSuchFile         no such file         No such file or directory   no such directory
    ///   notADirectory      no such file         Not a directory             Not a directory
    ///   isDirectory        it is a directory    Is a directory              Is a directory
    ///   permissionDenied   permission denied    Permission denied           permission denied
    ///   other(why)         permission denied    why                         why
    ///   notARegularFile, nulInPath, tooLarge, noFileSystem: one wording for all
    /// ```
    private var reasons: (source: String, load: String, write: String) {
        switch self {
        case .noSuchFile: return ("no such file", "No such file or directory", "no such directory")
        case .notADirectory: return ("no such file", "Not a directory", "Not a directory")
        case .isDirectory: return ("it is a directory", "Is a directory", "Is a directory")
        case .permissionDenied: return ("permission denied", "Permission denied", "permission denied")
        case .other(let why): return ("permission denied", why, why)
        case .tooLarge(let limit):
            let why = "larger than \(SizeFormat.human(UInt64(clamping: limit)))"
            return (why, why, why)
        case .notARegularFile: return ("not a regular file", "not a regular file", "not a regular file")
        case .nulInPath:
            let why = "the path holds a NUL byte"
            return (why, why, why)
        case .noFileSystem: return ("no file system", "no file system", "no file system")
        }
    }
}
