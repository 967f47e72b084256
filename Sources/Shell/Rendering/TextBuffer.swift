import MemorySetCore

/// UTF-8 text being written by a renderer, in one allocation that grows (doubling) as it is
/// written: no caller counts bytes ahead. The only unsafe memory access of the renderers.
///
/// ```
/// var text = TextBuffer()
/// text.write("added ")
/// text.write(area)            // [0x1000, 0x3000) rw--
/// text.write(UInt8(ascii: "\n"))
/// out.stdout += text.string   // "added [0x1000, 0x3000) rw--\n"
/// ```
struct TextBuffer: ~Copyable {
    /// The bytes, `count` of them initialized, room for `capacity`.
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0
    /// The writer stopped early (Ctrl-C during a long listing): the text is incomplete and
    /// the shell drops it (``Shell/emit(_:_:before:into:)``).
    var isCut = false

    /// An empty buffer with room for `capacity` bytes before it first grows.
    /// - Complexity: O(1)
    init(capacity: Int = 128) {
        self.capacity = Swift.max(capacity, 1)
        bytes = .allocate(capacity: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// The text written so far.
    /// - Complexity: O(count)
    var string: String {
        String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Lends the bytes written so far to `body`.
    /// - Complexity: O(1), plus `body`'s.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Room for `n` more bytes: where they go (the caller initializes them and adds `n`
    /// to ``count``).
    /// - Complexity: O(1) amortized.
    @inline(__always)
    private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity &- count < n { grow(toAtLeast: count + n) }
        return bytes + count
    }

    /// Moves the bytes to an allocation at least twice as large and of at least `needed` bytes.
    /// - Complexity: O(count)
    @inline(never)
    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = Swift.max(capacity * 2, needed)
        let newBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBytes.moveInitialize(from: bytes, count: count)
        bytes.deallocate()
        bytes = newBytes
        capacity = newCapacity
    }

    /// Appends one byte.
    /// - Complexity: O(1) amortized.
    mutating func write(_ byte: UInt8) {
        reserve(1).initialize(to: byte)
        count += 1
    }

    /// Appends the UTF-8 bytes of `text`.
    /// - Complexity: O(length of `text`) amortized.
    mutating func write(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ write($0) }) != nil { return }
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Appends the text of a literal (its bytes copied at once, no `String` made).
    /// - Complexity: O(length of `text`) amortized.
    @inline(__always)
    mutating func write(literal text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `source`.
    /// - Complexity: O(`source.count`) amortized.
    mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        reserve(source.count).initialize(from: start, count: source.count)
        count += source.count
    }

    /// Forgets the text written, keeping the allocation for the next text unless it grew
    /// past ``largestKept`` bytes.
    /// - Complexity: O(1)
    mutating func removeAll() {
        count = 0
        isCut = false
        if capacity > TextBuffer.largestKept {
            bytes.deallocate()
            capacity = 256
            bytes = .allocate(capacity: capacity)
        }
    }

    /// The largest allocation ``removeAll()`` keeps (1 MiB).
    static let largestKept = 1 << 20

    /// Appends `value` in lowercase hexadecimal with a `0x` prefix (`0x1f000`).
    /// - Complexity: O(1)
    mutating func writeHex(_ value: UInt64) {
        let digits = Swift.max(1, (64 &- value.leadingZeroBitCount &+ 3) / 4)
        let target = reserve(digits &+ 2)
        target[0] = UInt8(ascii: "0")
        target[1] = UInt8(ascii: "x")
        var rest = value
        var i = digits &+ 1
        while i >= 2 {
            target[i] = TextBuffer.hexDigit(UInt8(truncatingIfNeeded: rest & 0xf))
            rest >>= 4
            i &-= 1
        }
        count += digits &+ 2
    }

    /// The lowercase hex digit of `nibble` (0 to 15).
    /// - Complexity: O(1)
    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &- 10 &+ nibble
    }

    /// Appends `value` in decimal.
    /// - Complexity: O(1)
    mutating func writeDecimal(_ value: UInt64) {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20, value >= power { digits += 1; power &*= 10 }
        let target = reserve(digits)
        var rest = value
        for i in stride(from: digits - 1, through: 0, by: -1) {
            target[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        count += digits
    }
}

extension TextBuffer {
    /// Appends the flags in canonical form (`rw--`).
    /// - Complexity: O(1)
    mutating func write(_ flags: MappingFlags) {
        let target = reserve(4)
        target[0] = flags.contains(.read) ? UInt8(ascii: "r") : UInt8(ascii: "-")
        target[1] = flags.contains(.write) ? UInt8(ascii: "w") : UInt8(ascii: "-")
        target[2] = flags.contains(.execute) ? UInt8(ascii: "x") : UInt8(ascii: "-")
        target[3] = flags.contains(.user) ? UInt8(ascii: "u") : UInt8(ascii: "-")
        count += 4
    }

    /// Appends `[start, end)` (`[0x1000, 0x3000)`).
    /// - Complexity: O(1)
    mutating func write(_ range: AddrRange) { writeRange(range.start, range.end) }

    /// Appends `[start, end)`.
    private mutating func writeRange(_ start: VirtAddr, _ end: VirtAddr) {
        write(UInt8(ascii: "["))
        writeHex(start.rawValue)
        write(UInt8(ascii: ","))
        write(UInt8(ascii: " "))
        writeHex(end.rawValue)
        write(UInt8(ascii: ")"))
    }

    /// Appends an area as the core describes it: `[0x1000, 0x3000) rw--`.
    /// - Complexity: O(1)
    mutating func write<B>(_ area: MemoryArea<B>) {
        writeRange(area.start, area.end)
        write(UInt8(ascii: " "))
        write(area.flags)
    }
}

/// `value` in lowercase hexadecimal with a `0x` prefix (`0x1f000`), as addresses print.
/// - Complexity: O(1)
func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
