import Shell

/// Files in memory for the shell's tests, a recording mock in the style of swift-system's
/// `MockingDriver`: every call is appended to ``trace``, and ``failures`` makes the calls on
/// a path fail with a chosen error (nothing is read or written then).
final class InMemoryFileSystem: ShellFileSystem {
    /// One call the shell made.
    enum Call: Equatable {
        case read(String, limit: Int)
        /// The path and the text written.
        case write(String, String)
    }

    /// The files, by path.
    var files: [String: [UInt8]]
    /// Paths that are directories: reading or writing them is `isDirectory`.
    var directories: Set<String>
    /// Paths whose reads and writes fail with the given error.
    var failures: [String: FileError] = [:]
    /// The calls made so far, in order.
    private(set) var trace: [Call] = []

    /// A file system holding `files` (as UTF-8 text) and `directories`.
    init(_ files: [String: String] = [:], directories: Set<String> = []) {
        self.files = files.mapValues { Array($0.utf8) }
        self.directories = directories
    }

    func read(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
        trace.append(.read(path, limit: limit))
        if let error = failures[path] { throw error }
        if directories.contains(path) { throw .isDirectory }
        guard let bytes = files[path] else { throw .noSuchFile }
        guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
        return bytes
    }

    func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        trace.append(.write(path, String(decoding: bytes, as: UTF8.self)))
        if let error = failures[path] { throw error }
        if directories.contains(path) { throw .isDirectory }
        files[path] = bytes
    }

    /// The file at `path` as text, nil when there is none.
    func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }
}
