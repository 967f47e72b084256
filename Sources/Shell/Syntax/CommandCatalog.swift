/// The syntax, summary and example of one command, for `help`, error messages and completion.
struct CommandInfo: Sendable {
    /// The command word.
    var name: String
    /// The syntax line, e.g. `map START END FLAGS [--force]`.
    var usage: String
    /// One line saying what it does.
    var summary: String
    /// Further lines of explanation.
    var details: [String]
    /// An example line.
    var example: String
    /// The options (`--force`…) the command takes.
    var options: [String] = []
    /// Keywords that may follow the command word (`set` keys, `all`, `dump`…).
    var keywords: [String] = []
}

/// Every command of the language, in the order `help` lists them.
enum CommandCatalog {
    static let all: [CommandInfo] = [
        CommandInfo(
            name: "map", usage: "map START END FLAGS [--linear PADDR | --alloc [--populate]] [--force] [--label NAME]",
            summary: "add the area [START, END) with FLAGS",
            details: [
                "END may be +SIZE. START and END must be page-aligned and inside the",
                "space; an empty range is InvalidParam. Overlapping an area is",
                "AlreadyExists unless --force, which first unmaps the overlapped part.",
                "Backend mmu: --alloc (the default: frames allocated on first touch;",
                "--populate allocates them now) or --linear PADDR (pa = va - START + PADDR).",
                "--label NAME names the area (quote names with blanks); pieces keep it.",
            ],
            example: "map 0x1000 +16K rw", options: ["--force", "--linear", "--alloc", "--populate", "--label"]),
        CommandInfo(
            name: "unmap", usage: "unmap START END",
            summary: "remove [START, END) from every area it touches",
            details: [
                "An area inside is removed, one crossing START shrinks from the right (shrink-right),",
                "one crossing END shrinks from the left (shrink-left), one containing the range is",
                "split in two. An empty range does nothing.",
            ],
            example: "unmap 0x2000 0x3000"),
        CommandInfo(
            name: "protect", usage: "protect START END FLAGS",
            summary: "set FLAGS on the parts of areas inside [START, END)",
            details: [
                "Areas crossing START or END are split there (up to 3 pieces); areas whose flags",
                "already equal FLAGS are left alone. An empty range does nothing.",
            ],
            example: "protect 0x2000 0x3000 r"),
        CommandInfo(
            name: "find", usage: "find ADDR",
            summary: "show the area containing ADDR, if any",
            details: ["Any address is valid."],
            example: "find 0x2abc"),
        CommandInfo(
            name: "free", usage: "free SIZE [--hint ADDR] [--limit START END] [--align N]",
            summary: "the lowest free range of SIZE bytes (reports only, maps nothing)",
            details: [
                "Lowest A >= max(hint, limit start), A a multiple of align, with [A, A+SIZE) free",
                "and inside the limit. Defaults: hint 0, limit the space, align the page size.",
                "SIZE must be a non-zero multiple of the page size; align a power of two >= page size.",
            ],
            example: "free 64K --hint 0x10000 --align 64K", options: ["--hint", "--limit", "--align"]),
        CommandInfo(
            name: "areas", usage: "areas",
            summary: "list the areas in address order",
            details: ["With rendering on, the table starts at the view window (see `view`)."],
            example: "areas"),
        CommandInfo(
            name: "clear", usage: "clear",
            summary: "remove every area",
            details: [], example: "clear"),
        CommandInfo(
            name: "set", usage: "set [page-size N | space START END | backend B | frames N | show MODE]",
            summary: "show or change the settings (most only while the set is empty)",
            details: [
                "page-size: a power of two. space: [START, END), END may be +SIZE.",
                "backend B: none, or mmu to map areas in the simulated page table (4 KiB",
                "pages, 48-bit space); a page size below 4 KiB or a space past 2^48 switches",
                "it to none.",
                "frames: the number of 4 KiB physical frames of the simulator.",
                "show MODE: before-after draws the bar before and after each change (the REPL's",
                "default); after draws it after only (files and pipes). Any time; not undone.",
                "`set` alone shows the settings.",
            ],
            example: "set page-size 0x1000", keywords: ["page-size", "space", "backend", "frames", "show"]),
        CommandInfo(
            name: "touch", usage: "touch ADDR [r|w|x] [--user]",
            summary: "simulate a memory access through the page table (default r)",
            details: [
                "--user makes the access from user mode (the area needs u).",
                "Reports a hit (with the physical address), a page fault resolved by allocating a",
                "frame (lazy --alloc areas), a protection fault, a segfault (no area), or no frame left.",
            ],
            example: "touch 0x1000 w", options: ["--user"], keywords: ["r", "w", "x"]),
        CommandInfo(
            name: "pt", usage: "pt ADDR | pt dump [START END]",
            summary: "walk the page table for ADDR, or list the mapped ranges (coalesced)",
            details: [], example: "pt dump", keywords: ["dump"]),
        CommandInfo(
            name: "stats", usage: "stats",
            summary: "frames used and free, page-table pages, mapped pages",
            details: [], example: "stats"),
        CommandInfo(
            name: "verify", usage: "verify",
            summary: "check that the page table matches the areas (BadState if not)",
            details: [], example: "verify"),
        CommandInfo(
            name: "view", usage: "view [START END | all]",
            summary: "choose the window of the bar and of the table (`view`: show it)",
            details: [], example: "view 0 +1M", keywords: ["all"]),
        CommandInfo(
            name: "undo", usage: "undo",
            summary: "revert the last command that changed the state",
            details: ["Changes are map, unmap, protect, clear, set, reset and touch when it maps a page."],
            example: "undo"),
        CommandInfo(
            name: "redo", usage: "redo",
            summary: "apply again the last undone command",
            details: [], example: "redo"),
        CommandInfo(
            name: "reset", usage: "reset",
            summary: "empty set, default settings, whole-space view (undoable)",
            details: [], example: "reset"),
        CommandInfo(
            name: "source", usage: "source FILE [--step]",
            summary: "run the commands of a session file",
            details: ["Errors in the file are reported as FILE:LINE:. Quote names with blanks: \"my file.mset\".",
                      "--step shows each command as if typed and waits: Enter runs it, q ends the file,",
                      "Ctrl-C stops (interrupted); comment lines are shown as narration. Needs a terminal."],
            example: "source Sessions/unmap-split.mset", options: ["--step"]),
        CommandInfo(
            name: "save", usage: "save FILE",
            summary: "write a session file that rebuilds the current state",
            details: ["Settings, areas with their backends, and the pages faulted in by touch;", "written atomically (temporary file, then rename)."],
            example: "save state.mset"),
        CommandInfo(
            name: "load", usage: "load maps FILE | load pid PID|self [--force] | load strace FILE [--pid PID]",
            summary: "add the areas of a /proc/PID/maps file or of a running process; replay a strace log",
            details: [
                "Each line START-END PERMS OFFSET DEV INODE [PATHNAME] becomes an area with",
                "PERMS' rwx plus u (p/s ignored), labelled with PATHNAME. Lines outside the",
                "space (e.g. [vsyscall]) are skipped with a warning. A malformed or unaligned",
                "line is an error naming FILE:LINE and nothing is loaded; overlapping an area",
                "is AlreadyExists unless --force. One undoable step.",
                // strace (#15)
                "load strace: the memory calls (mmap, munmap, mprotect, brk, mremap, execve) of",
                "one process of a `strace -f -y -e trace=memory,execve` log (default: the first",
                "PID), each run as the command it means after its call as a comment, each",
                "undoable. Lines skipped are listed as FILE:LINE and make the command fail.",
            ],
            example: "load pid self", options: ["--force", "--pid"], keywords: ["maps", "pid", "strace"]),
        CommandInfo(
            name: "export", usage: "export maps [FILE] | export svg [FILE] [--width PX]",
            summary: "write the areas in /proc/PID/maps format, or the view as an SVG picture",
            details: [
                "START-END rwxp 00000000 00:00 0 LABEL, as the kernel pads it; u is not",
                "written. `load maps` reads it back.",
                "export svg: the view window (see `view`) as an SVG 1.1 picture PX pixels wide",
                "(200 to 10000, default 800): areas coloured by flags, huge gaps elided, a line",
                "between touching areas, addresses, a legend and the table. Without FILE, on",
                "stdout. Files are written atomically.",
            ],
            example: "export svg layout.svg --width 1200", options: ["--width"], keywords: ["maps", "svg"]),
        CommandInfo(
            name: "help", usage: "help [COMMAND]",
            summary: "list the commands, or show one command's syntax and example",
            details: [], example: "help unmap"),
        CommandInfo(
            name: "quit", usage: "quit",
            summary: "leave (also `exit`, or Ctrl-D)",
            details: [], example: "quit"),
        CommandInfo(
            name: "exit", usage: "exit",
            summary: "leave (same as `quit`)",
            details: [], example: "exit"),
    ]

    /// The info of the command named `name` (lowercase).
    /// - Complexity: O(1) amortized
    static func info(_ name: String) -> CommandInfo? { byName[name] }

    /// The syntax line of the command `word` (empty for an unknown word), for error messages.
    /// - Complexity: O(1) amortized
    static func usage(of word: String) -> String { byName[word]?.usage ?? "" }

    private static let byName: [String: CommandInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
