import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// How libedit reads keys, and why the editor reads them itself.
//
// libedit's own reader calls `read(0, buffer, 1)` for each byte, and learns of Ctrl-C only when
// SIGINT interrupts that `read`. A line that arrives at once (pasted, typed ahead) keeps it
// busy between reads, and a SIGINT delivered then is lost for the line:
//
//     typed:    map 0x9000 0xa000 r  Ctrl-C                   find 0x9000 Enter
//     libedit:  read "m", draw, ... read "9", draw   <- SIGINT lands here, between reads
//     driver:                                           drops the unread "000 0xa000 r"
//     libedit:  read: blocks ................................. "find 0x9000"
//               -> runs "map 0x9find 0x9000"
//
// The editor's key reader (`rl_getc_function`) keeps SIGINT blocked while it works and lets
// it in only while it waits for input (`pselect` with a mask), checking `Interrupt.flag`
// before every read: wherever the signal lands, the next key read sees it and ends the line.
// It reads a second descriptor of the terminal opened non-blocking, so that input dropped by
// the driver between the wait and the read cannot leave it blocked with SIGINT held off.

/// The terminal of standard input opened a second time, non-blocking; -1 when not open.
nonisolated(unsafe) private var keyDescriptor: Int32 = -1

/// `rl_getc_function`: the next character, or -1 to end the read (Ctrl-C, end of input,
/// error). libedit takes the value as a wide character.
private let keyReader: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    LineEditor.readKey(from: keyDescriptor)
}

extension LineEditor {
    /// Bytes of one multibyte character at most (glibc's `MB_LEN_MAX`).
    static let maximumCharacterBytes = 16

    /// Makes libedit read keys through ``readKey(from:)``; call before `rl_initialize`.
    ///
    /// - Returns: false when the terminal could not be opened again (libedit then reads
    ///   standard input itself, and Ctrl-C is seen only while it waits for a key).
    /// - Complexity: O(1).
    static func installKeyReader() -> Bool {
        guard let name = ttyname(0) else { return false }
        let descriptor = open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        guard descriptor < cedit_fd_setsize() else {
            close(descriptor)
            return false
        }
        keyDescriptor = descriptor
        cedit_set_getc_function(keyReader)
        return true
    }

    /// Gives libedit its own reader back and closes the descriptor.
    /// - Complexity: O(1).
    static func removeKeyReader() {
        cedit_set_getc_function(nil)
        if keyDescriptor >= 0 { close(keyDescriptor) }
        keyDescriptor = -1
    }

    /// Reads one character from the terminal `descriptor` (non-blocking): its bytes are
    /// decoded under the current locale as libedit's own reader does (an invalid byte is
    /// dropped).
    ///
    /// - Returns: the character's value, or -1 when Ctrl-C was pressed, at end of input, or on
    ///   a read error.
    /// - Complexity: O(1), plus the wait for input.
    static func readKey(from descriptor: Int32) -> Int32 {
        var bytes: [CChar] = []
        while true {
            guard let byte = nextByte(from: descriptor) else { return -1 }
            bytes.append(CChar(bitPattern: byte))
            while !bytes.isEmpty {
                var character: wchar_t = 0
                let result = cedit_decode(&character, bytes, bytes.count)
                if result == -2 {
                    // Incomplete: read another byte.
                    if bytes.count >= maximumCharacterBytes { return -1 }
                    break
                }
                if result == -1 {
                    // Invalid: drop the sequence; its last byte may start a new one.
                    bytes = bytes.count > 1 ? [bytes[bytes.count - 1]] : []
                    continue
                }
                return Int32(character)
            }
        }
    }

    /// The next byte of input from `descriptor` (non-blocking), or nil after Ctrl-C, at end
    /// of input, or on a read error.
    ///
    /// SIGINT is blocked here except during the wait for input: a signal that arrives while a
    /// byte is being read or handed to libedit stays pending until the next wait, where it is
    /// delivered at once (or is seen pending before reading on); the flag is checked before
    /// every read.
    ///
    ///     block SIGINT -> flag set or SIGINT pending? -- yes --> nil
    ///                          | no
    ///                          v
    ///                     read (non-blocking) -- a byte --> the byte
    ///                          | nothing yet
    ///                          v
    ///                     pselect, SIGINT let in --> (interrupted or readable) --> loop
    ///
    /// - Complexity: O(1), plus the wait for input.
    static func nextByte(from descriptor: Int32) -> UInt8? {
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &interrupt, &previous)
        // Restoring the mask delivers a pending SIGINT: the flag is set when this returns.
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var waiting = previous
        sigdelset(&waiting, SIGINT)
        while true {
            var pending = sigset_t()
            sigpending(&pending)
            if Interrupt.isPending || sigismember(&pending, SIGINT) == 1 { return nil }
            var byte: UInt8 = 0
            let count = readBytes(descriptor, &byte, 1)
            if count == 1 { return byte }
            if count == 0 { return nil }
            if errno == EINTR { continue }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { return nil }
            if cedit_wait_readable(descriptor, &waiting) < 0 && errno != EINTR { return nil }
        }
    }
}

/// `read(2)`, named apart from ``LineEditor/read(prompt:)``.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
