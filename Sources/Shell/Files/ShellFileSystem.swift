/// Where the shell reads and writes files: `source`, `save`, `load maps`, `load pid`
/// (`/proc/PID/maps`), `export maps FILE` and ``Shell/runFile(path:)``.
///
/// The shell itself does no I/O: it asks a file system for whole files and hands it whole
/// files to write. The `memory-set` executable gives it the operating system's files; tests
/// give it files in memory; a shell given none answers file commands with
/// ``FileError/noFileSystem``.
///
/// ```
///   Shell ── read(path, limit) ──▶ ShellFileSystem ──▶ [UInt8] | FileError
///         ── write(bytes, path) ─▶                 ──▶ ()      | FileError
/// ```
///
/// Conforming types are used through generics only (``Shell/init(options:files:)``), never
/// as an existential, so the shell stays free of `any` (Embedded Swift).
public protocol ShellFileSystem {
    /// The whole contents of the file at `path`, read to its end (a stream, such as a pipe
    /// or a `/proc` file that reports size 0, is read until it ends).
    /// - Parameters:
    ///   - path: The path as the user typed it.
    ///   - limit: The most bytes the caller takes.
    /// - Throws: ``FileError``; ``FileError/tooLarge(limit:)`` as soon as more than `limit`
    ///   bytes are found.
    /// - Complexity: O(size of the file), at most O(`limit`).
    func read(_ path: String, limit: Int) throws(FileError) -> [UInt8]

    /// Replaces the file at `path` by `bytes` atomically: afterwards the path holds either
    /// its old contents (when this throws) or all of `bytes`, never a part.
    /// - Parameters:
    ///   - bytes: The new contents.
    ///   - path: The path as the user typed it.
    /// - Throws: ``FileError``.
    /// - Complexity: O(`bytes.count`).
    func write(_ bytes: [UInt8], to path: String) throws(FileError)
}

extension Shell {
    /// The file system of a shell, as two closures (a concrete type: no existential).
    struct Files {
        /// ``ShellFileSystem/read(_:limit:)``.
        let read: (String, Int) throws(FileError) -> [UInt8]
        /// ``ShellFileSystem/write(_:to:)``.
        let write: ([UInt8], String) throws(FileError) -> Void

        /// The closures calling `fileSystem`.
        /// - Complexity: O(1)
        init<F: ShellFileSystem>(_ fileSystem: F) {
            read = { path, limit throws(FileError) in try fileSystem.read(path, limit: limit) }
            write = { bytes, path throws(FileError) in try fileSystem.write(bytes, to: path) }
        }

        /// No file system: every call throws ``FileError/noFileSystem``.
        /// - Complexity: O(1)
        init() {
            read = { _, _ throws(FileError) in throw .noFileSystem }
            write = { _, _ throws(FileError) in throw .noFileSystem }
        }
    }
}
