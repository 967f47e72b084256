import MemorySetCore

/// Translates the calls of a ``StraceLog`` into the commands they mean, in order, keeping a
/// small model of the process's areas (the flags and label of an area that `mremap` moves
/// or grows are those the log gave it).
///
/// | call (successful)                    | commands                                          |
/// |--------------------------------------|---------------------------------------------------|
/// | `mmap`/`mmap2(_, LEN, PROT, FLAGS, FD, _) = R` | `map R +LEN FLAGS --force --label L`    |
/// | `munmap(A, LEN) = 0`                 | `unmap A +LEN`                                    |
/// | `mprotect`/`pkey_mprotect(A, LEN, PROT, …) = 0` | `protect A +LEN FLAGS`                 |
/// | `brk(NULL) = B` (first)              | none: the break is B                              |
/// | `brk(_) = B2`                        | `map B +(B2−B) rw-u --force --label "[heap]"`, or `unmap B2 +(B−B2)` |
/// | `mremap(A, OLD, NEW, FLAGS[, _]) = R`| see ``remap(_:)``                                 |
/// | `execve(…) = 0`                      | `clear` (when the log mapped something before)    |
///
/// LEN is rounded up to the page size (to 2 MiB or the `MAP_HUGE_*` size first for
/// `MAP_HUGETLB`); FLAGS are the `PROT_*` bits as `rwx` plus `u`; L is the `-y` path of FD,
/// `[anon]` for an anonymous mapping, `[fd N]` for a file traced without `-y`. The kernel
/// chose R, so `map` replaces whatever lies there (`--force`). Failed calls are left out,
/// and so are other calls (`madvise`, `mlock`…: they change no area).
///
/// A call that cannot be translated (bad argument, unaligned address, `mremap` of an area
/// the log never mapped) is skipped whole, the model unchanged.
struct StraceReplay {
    /// One call, translated.
    struct Step: Equatable, Sendable {
        /// The log line of the call.
        var line: Int
        /// `# ` and the call as written, e.g. `# munmap(0x7f4f01f64000, 45555) = 0`.
        var comment: String
        /// The commands, in order; none for a call that changes no area (`brk(NULL)`).
        var commands: [String]
    }

    /// The backend of the model's areas: the index of their label in ``labels``.
    struct Mapping: MappingBackend, Hashable, Sendable {
        typealias PageTable = Void
        var label: Int
        func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pageTable: inout Void) -> Bool { true }
        func unmap(start: VirtAddr, size: UInt64, in pageTable: inout Void) -> Bool { true }
        func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pageTable: inout Void) -> Bool { true }
    }

    /// The page size lengths are rounded to.
    let pageSize: UInt64
    /// The areas of the process so far, as the translated commands leave them.
    var model: MemorySet<Mapping>
    /// The labels of the model's areas.
    var labels: [String] = []
    var labelIndex: [String: Int] = [:]
    /// The program break, once a `brk` told it.
    private(set) var programBreak: UInt64? = nil

    /// A replay that has translated nothing.
    /// - Parameter pageSize: A power of two.
    /// - Complexity: O(1)
    init(pageSize: UInt64) {
        self.pageSize = pageSize
        model = MemorySet(pageSize: pageSize)
    }

    /// The steps of every call of `log`, and the calls skipped (with the log's own skipped
    /// lines), in line order.
    /// - Complexity: O(c log n) for c calls and n areas.
    static func translate(_ log: StraceLog, pageSize: UInt64) -> (steps: [Step], skipped: [StraceLog.Skip]) {
        var replay = StraceReplay(pageSize: pageSize)
        var steps: [Step] = []
        var skipped = log.skipped
        for call in log.calls {
            switch replay.translate(call) {
            case nil: break
            case .success(let step)?: steps.append(step)
            case .failure(let skip)?: skipped.append(skip)
            }
        }
        skipped.sort { $0.line < $1.line }
        return (steps, skipped)
    }

    /// The step of `call`, applied to the model; `nil` for a call left out (failed, or not
    /// one that changes areas); a skip when it cannot be translated (the model unchanged).
    /// - Complexity: O(log n + k) for k areas touched.
    mutating func translate(_ call: StraceLog.Call) -> Result<Step, StraceLog.Skip>? {
        guard StraceReplay.handled.contains(call.name) else { return nil }
        let value: UInt64
        switch call.outcome {
        case .failed: return nil
        case .unknown: return .failure(StraceLog.Skip(line: call.line, reason: "\(call.name): no result (the process ended during the call)"))
        case .value(let v): value = v
        }
        var next = self
        do {
            let commands = try next.apply(call, result: value)
            self = next
            return .success(Step(line: call.line, comment: "# " + call.text, commands: commands))
        } catch {
            return .failure(StraceLog.Skip(line: call.line, reason: "\(call.name): " + error.reason))
        }
    }

    /// The calls translated; the others change no area.
    static let handled: Set<String> = ["mmap", "mmap2", "munmap", "mprotect", "pkey_mprotect", "brk", "mremap", "execve", "execveat"]

    /// Why a call cannot be translated.
    struct Refusal: Error {
        var reason: String
    }

    /// The commands of `call` (returning `result`), applied to the model.
    private mutating func apply(_ call: StraceLog.Call, result: UInt64) throws(Refusal) -> [String] {
        let args = call.arguments
        func count(_ expected: Int...) throws(Refusal) {
            guard expected.contains(args.count) else {
                throw Refusal(reason: "expected \(expected.map { String($0) }.joined(separator: " or ")) arguments, found \(args.count)")
            }
        }
        func number(_ index: Int, _ what: String) throws(Refusal) -> UInt64 {
            guard let n = StraceArgument.number(args[index]) else { throw Refusal(reason: "bad \(what) \(Token.show(args[index]))") }
            return n
        }
        func protection(_ index: Int) throws(Refusal) -> MappingFlags {
            guard let bits = StraceArgument.flags(args[index], StraceArgument.protections, prefix: "PROT_") else {
                throw Refusal(reason: "bad protection \(Token.show(args[index]))")
            }
            return MappingFlags(rawValue: UInt8(bits & 7)).union(.user)
        }
        switch call.name {
        case "mmap", "mmap2":
            try count(6)
            let length = try number(1, "length")
            let flags = try protection(2)
            guard let mapFlags = StraceArgument.flags(args[3], StraceArgument.mapFlags, prefix: "MAP_") else {
                throw Refusal(reason: "bad flags \(Token.show(args[3]))")
            }
            guard let fd = StraceArgument.fileDescriptor(args[4]) else { throw Refusal(reason: "bad file descriptor \(Token.show(args[4]))") }
            var unit = pageSize
            if mapFlags & StraceArgument.mapHugeTLB != 0 {
                let shift = (mapFlags >> 26) & 0x3f
                unit = max(unit, 1 << (shift == 0 ? 21 : min(shift, 40)))
            }
            let label = mapFlags & StraceArgument.mapAnonymous != 0 || fd.fd < 0 ? "[anon]" : fd.path ?? "[fd \(fd.fd)]"
            let size = try rounded(length, to: unit)
            try map(result, size, flags, label: label)
            return [mapCommand(result, size, flags, label: label)]
        case "munmap":
            try count(2)
            let start = try number(0, "address"), size = try rounded(try number(1, "length"))
            try unmap(start, size)
            return ["unmap \(hex(start)) +\(sizeText(size))"]
        case "mprotect", "pkey_mprotect":
            try count(call.name == "mprotect" ? 3 : 4)
            let start = try number(0, "address"), size = try rounded(try number(1, "length"))
            let flags = try protection(2)
            try edit(start, size) { (m: inout MemorySet<Mapping>, u: inout Void) throws(MappingError) in
                try m.protect(start: VirtAddr(start), size: size, in: &u) { _ in flags }
            }
            return ["protect \(hex(start)) +\(sizeText(size)) \(flags.description)"]
        case "brk":
            try count(1)
            return try moveBreak(to: result)
        case "mremap":
            try count(4, 5)
            return try remap(Remap(old: try number(0, "old address"), oldLength: try number(1, "old length"),
                                   newLength: try number(2, "new length"), flags: args[3], result: result))
        default:  // execve, execveat: a new program, a new address space.
            let commands = model.isEmpty ? [] : ["clear"]
            model = MemorySet(pageSize: pageSize)
            programBreak = nil
            return commands
        }
    }

    /// `brk` returning `top`: the heap grows or shrinks from the current break to `top`.
    /// ```
    ///  break known, grows:   [heap ][+ map +)        shrinks:  [heap ][- unmap -)
    ///                        old    new                        new    old
    /// ```
    /// The break (rounded up to a page) bounds the heap; the first `brk` only sets it.
    private mutating func moveBreak(to top: UInt64) throws(Refusal) -> [String] {
        defer { programBreak = top }
        guard let old = programBreak else { return [] }
        let from = try rounded(old), to = try rounded(top)
        if to > from {
            try map(from, to - from, [.read, .write, .user], label: "[heap]")
            return [mapCommand(from, to - from, [.read, .write, .user], label: "[heap]")]
        } else if to < from {
            try unmap(to, from - to)
            return ["unmap \(hex(to)) +\(sizeText(from - to))"]
        }
        return []
    }

    /// The arguments of an `mremap`.
    struct Remap {
        var old: UInt64
        var oldLength: UInt64
        var newLength: UInt64
        var flags: Substring
        var result: UInt64
    }

    /// `mremap(OLD, OLDLEN, NEWLEN, FLAGS[, NEWADDR]) = R`: the area at OLD (its flags and
    /// label from the model) is resized in place or moved to R.
    /// ```
    ///  in place, grows:   [area][+ map +)      in place, shrinks:  [area][- unmap -)
    ///  moved:             [- unmap OLD -)  …  [+ map R, NEWLEN +)
    ///                     (kept with MREMAP_DONTUNMAP, and when OLDLEN is 0: a second mapping)
    /// ```
    private mutating func remap(_ r: Remap) throws(Refusal) -> [String] {
        guard let flagBits = StraceArgument.flags(r.flags, StraceArgument.remapFlags, prefix: "MREMAP_") else {
            throw Refusal(reason: "bad flags \(Token.show(r.flags))")
        }
        let oldSize = try rounded(r.oldLength), newSize = try rounded(r.newLength)
        guard let source = model.find(VirtAddr(r.old)) else {
            throw Refusal(reason: "no area of the log holds \(hex(r.old)): its flags and label are unknown")
        }
        let flags = source.flags, label = labels[source.backend.label]
        guard VirtAddr(r.old).adding(oldSize) != nil, VirtAddr(r.result).adding(newSize) != nil else {
            throw Refusal(reason: "the range overflows 64 bits")
        }
        var commands: [String] = []
        if oldSize != 0, r.result == r.old {
            if newSize > oldSize {
                try map(r.old + oldSize, newSize - oldSize, flags, label: label)
                commands.append(mapCommand(r.old + oldSize, newSize - oldSize, flags, label: label))
            } else if newSize < oldSize {
                try unmap(r.old + newSize, oldSize - newSize)
                commands.append("unmap \(hex(r.old + newSize)) +\(sizeText(oldSize - newSize))")
            }
            return commands
        }
        if oldSize != 0, flagBits & StraceArgument.remapDontUnmap == 0 {
            try unmap(r.old, oldSize)
            commands.append("unmap \(hex(r.old)) +\(sizeText(oldSize))")
        }
        try map(r.result, newSize, flags, label: label)
        commands.append(mapCommand(r.result, newSize, flags, label: label))
        return commands
    }
}
