extension StraceLog {
    /// What one line of a log is, read on its own.
    enum Record: Equatable {
        /// Nothing to use: a blank line, a signal (`--- SIGSEGV {…} ---`), a message of
        /// strace itself (`strace: Process 12 attached`), a stack line of `-k`.
        case ignored
        /// Not a line strace writes, and why.
        case malformed(String)
        /// `+++ exited with 0 +++` or `+++ killed by SIGKILL +++`.
        case exit(ProcessID)
        /// A complete call, from its name to the end of the line.
        case call(ProcessID, Substring)
        /// The first half of a split call (`<unfinished ...>` removed), from its name on.
        case unfinished(ProcessID, name: String, text: String)
        /// The second half of a split call: what follows `<... NAME resumed>`.
        case resumed(ProcessID, name: String, rest: String)
    }

    /// Classifies one line. The prefixes strace may write before a call are skipped, in
    /// this order:
    /// ```
    /// [pid  1234] | 1234         -f (without -o: only while several processes run)
    /// 08:01:02 | 08:01:02.123456 | 1700000000.123456 | 0.000123 | (+ 0.000123)
    ///                            -t, -tt, -ttt, -r (any combination)
    /// [00007f12…] | [  9]        -i (instruction pointer), -n (syscall number)
    /// ```
    /// - Complexity: O(length of the line)
    static func record(of line: Substring) -> Record {
        var bytes = Array(line.utf8)
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            bytes.removeLast()
        }
        if bytes.isEmpty { return .ignored }
        if bytes.starts(with: "strace: ".utf8) || bytes.starts(with: " > ".utf8) || bytes.starts(with: "[ Process ".utf8) {
            return .ignored
        }
        var i = 0
        let pid = processPrefix(bytes, &i)
        skipStamps(bytes, &i)
        let rest = bytes[i...]
        if rest.starts(with: "+++ ".utf8) {
            let text = String(decoding: rest, as: UTF8.self)
            let ended = StraceArgument.offset(of: "exited with", in: text) != nil || StraceArgument.offset(of: "killed by", in: text) != nil
            return ended ? .exit(pid) : .ignored
        }
        if rest.starts(with: "--- ".utf8) { return .ignored }
        if rest.starts(with: "<... ".utf8) {
            var k = i + 5
            while k < bytes.count, isNameByte(bytes[k]) { k += 1 }
            let marker = " resumed>".utf8
            guard k > i + 5, bytes[k...].starts(with: marker) else { return .malformed("bad '<... NAME resumed>' line") }
            return .resumed(pid, name: String(decoding: bytes[(i + 5)..<k], as: UTF8.self),
                            rest: String(decoding: bytes[(k + marker.count)...], as: UTF8.self))
        }
        var k = i
        while k < bytes.count, isNameByte(bytes[k]) { k += 1 }
        guard k > i, k < bytes.count, bytes[k] == UInt8(ascii: "(") else {
            return .malformed(i == bytes.count ? "no system call after the prefix" : "not a system call line")
        }
        // `<detached ...>`: strace let go of the process during the call (a half never resumed).
        for suffix in [" <unfinished ...>", " <detached ...>"] where bytes[i...].reversed().starts(with: suffix.utf8.reversed()) {
            return .unfinished(pid, name: String(decoding: bytes[i..<k], as: UTF8.self),
                               text: String(decoding: bytes[i..<(bytes.count - suffix.utf8.count)], as: UTF8.self))
        }
        // The text from the name on, as a substring of `line` (no copy).
        let utf8 = line.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: i)
        let end = utf8.index(utf8.startIndex, offsetBy: bytes.count)
        return .call(pid, line[start..<end])
    }

    /// Whether `b` may be part of a system call's name (`????` for an unknown one).
    private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "?")
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// The PID of a `[pid  123] ` or `123 ` prefix at `i` (moved past it), or `nil`.
    private static func processPrefix(_ bytes: [UInt8], _ i: inout Int) -> ProcessID {
        var k = 0
        if bytes.starts(with: "[pid ".utf8) {
            k = 5
            while k < bytes.count, bytes[k] == UInt8(ascii: " ") { k += 1 }
            let digits = k
            while k < bytes.count, isDigit(bytes[k]) { k += 1 }
            guard k > digits, k - digits <= 10, k < bytes.count, bytes[k] == UInt8(ascii: "]") else { return nil }
            guard let pid = Int(String(decoding: bytes[digits..<k], as: UTF8.self)) else { return nil }
            i = k + 1
            return pid
        }
        while k < bytes.count, isDigit(bytes[k]) { k += 1 }
        // `123 mmap(` is a PID; `08:01:02 mmap(` and `1700000000.123456 mmap(` are times.
        guard k > 0, k <= 10, k < bytes.count, bytes[k] == UInt8(ascii: " ") else { return nil }
        guard let pid = Int(String(decoding: bytes[..<k], as: UTF8.self)) else { return nil }
        i = k
        return pid
    }

    /// Moves `i` past blanks, timestamps (`-t`, `-tt`, `-ttt`, `-r`, `(+ 0.000123)`) and
    /// `-i`/`-n` brackets.
    private static func skipStamps(_ bytes: [UInt8], _ i: inout Int) {
        func skipBlanks() { while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 } }
        while true {
            skipBlanks()
            guard i < bytes.count else { return }
            var k = i
            switch bytes[i] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                while k < bytes.count, isDigit(bytes[k]) || bytes[k] == UInt8(ascii: ":") || bytes[k] == UInt8(ascii: ".") { k += 1 }
                guard k < bytes.count, bytes[k] == UInt8(ascii: " ") else { return }
            case UInt8(ascii: "("):
                guard bytes[i...].starts(with: "(+".utf8) else { return }
                k += 2
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") || isDigit(bytes[k]) || bytes[k] == UInt8(ascii: ".") { k += 1 }
                guard k < bytes.count, bytes[k] == UInt8(ascii: ")") else { return }
                k += 1
            case UInt8(ascii: "["):
                k += 1
                while k < bytes.count, bytes[k] == UInt8(ascii: " ") || isDigit(bytes[k])
                        || (bytes[k] | 0x20 >= UInt8(ascii: "a") && bytes[k] | 0x20 <= UInt8(ascii: "f")) { k += 1 }
                guard k < bytes.count, k > i + 1, bytes[k] == UInt8(ascii: "]") else { return }
                k += 1
            default:
                return
            }
            i = k
        }
    }
}
