import Foundation

/// Locates the `memory-set` executable built by SwiftPM.
enum Binary {
    /// The built `memory-set`: `$MEMORY_SET_BINARY` when set, else next to the test bundle's
    /// executable (SwiftPM puts products and test bundles in one directory), else
    /// `.build/debug` of the package.
    static let url: URL = {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["MEMORY_SET_BINARY"] {
            return URL(fileURLWithPath: explicit)
        }
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // Tests/EndToEndTests/Support/Binary.swift → the package root.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        directories.append(root.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("memory-set")
            if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/memory-set")
    }()
}
