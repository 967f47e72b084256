import KernelSupport

/// Line input on the serial console: printable bytes are echoed, backspace (BS or DEL) erases
/// the last one, Enter (CR or LF) ends the line. A CR LF pair counts as one Enter.
struct Console {
    private var lastWasCR = false

    mutating func readLine(prompt: String) -> String {
        print(prompt, terminator: "")
        var bytes: [UInt8] = []
        while true {
            let c = UInt8(truncatingIfNeeded: console_getc())
            switch c {
            case 0x0a where lastWasCR:
                lastWasCR = false
            case 0x0d, 0x0a:
                lastWasCR = c == 0x0d
                print("")
                return String(decoding: bytes, as: UTF8.self)
            case 0x08, 0x7f:
                lastWasCR = false
                if !bytes.isEmpty {
                    bytes.removeLast()
                    print("\u{8} \u{8}", terminator: "")
                }
            case 0x20..<0x7f:
                lastWasCR = false
                bytes.append(c)
                _ = putchar(Int32(c))
            default:
                lastWasCR = false  // other control bytes are ignored
            }
        }
    }
}
