import Foundation
import Shell
import Testing
@testable import MemorySetCLI

@Suite("SystemFileSystem paths")
struct SystemFileSystemTests {
    /// Homes: the current user's is /home/me, bob's /home/bob/ (trailing slash), nobody's unknown.
    static func home(_ user: String?) -> String? {
        switch user {
        case nil: "/home/me"
        case "bob": "/home/bob/"
        default: nil
        }
    }

    @Test("~ and ~user expand at the start of a path only")
    func tilde() {
        let cases: [(String, String)] = [
            ("~", "/home/me"), ("~/", "/home/me/"), ("~/a/b.mset", "/home/me/a/b.mset"),
            ("~bob", "/home/bob/"), ("~bob/x", "/home/bob/x"), ("~nobody/x", "~nobody/x"),
            ("a/~", "a/~"), ("./~/x", "./~/x"), ("x~", "x~"), ("", ""),
        ]
        for (path, expanded) in cases {
            #expect(SystemFileSystem.expandingTilde(path, home: Self.home) == expanded, "\(path)")
        }
        #expect(SystemFileSystem.expandingTilde("~/x", home: { _ in nil }) == "~/x")
    }

    @Test("$HOME is the current user's home; a NUL byte is refused before any system call")
    func homeAndNUL() throws {
        let files = SystemFileSystem(environment: { $0 == "HOME" ? "/somewhere" : nil })
        #expect(try files.systemPath("~/s.mset") == "/somewhere/s.mset")
        #expect(throws: FileError.nulInPath) { try files.systemPath("/proc/self/maps\u{0}junk") }
        #expect(throws: FileError.nulInPath) { try files.read("a\u{0}", limit: 10) }
        #expect(throws: FileError.nulInPath) { try files.write([], to: "a\u{0}b") }
    }

    @Test("errno values map to the shell's file errors")
    func errors() {
        #expect(SystemFileSystem.error(ENOENT) == .noSuchFile)
        #expect(SystemFileSystem.error(ENOTDIR) == .notADirectory)
        #expect(SystemFileSystem.error(EISDIR) == .isDirectory)
        #expect(SystemFileSystem.error(EACCES) == .permissionDenied)
        #expect(SystemFileSystem.error(EROFS) == .other("Read-only file system"))
        #expect(SystemFileSystem.directory(of: "a/b/c") == "a/b/" && SystemFileSystem.directory(of: "c") == "")
    }
}
