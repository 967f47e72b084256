import Shell

/// The Shell module on a few lines of the command language: parser, executor and the human
/// renderer (area table, address bar, help), error lines, touch, walk and verify. Its
/// output is printed as is, so the Embedded build must render exactly as the host build.
struct ShellRun {
    static let lines = [
        "map 0x10000 0x14000 rw; map 0x20000 +8K r --label lib; map 0x7fff0000 +64K rwx",
        "unmap 0x11000 +4K",
        "protect 0x12000 +4K r",
        "map 0x10000 +4K r",
        "touch 0x12008 w; touch 0x13000 w; touch 0x50000 r",
        "pt 0x13000",
        "verify; stats",
        "find 0x20010; free 1M --hint 0x30000",
        "undo; undo; areas",
        "bogus 1; help touch",
    ]

    func all() {
        let shell = Shell(options: ShellOptions())
        print("shell:")
        for (number, line) in Self.lines.enumerated() {
            print(shell.prompt + line)
            let out = shell.execute(line: line, at: SourceLocation(file: "<smoke>", line: number + 1))
            print(out.stdout + out.stderr, terminator: "")
        }
        print("shell failures: " + String(shell.failedCommands))
    }
}
