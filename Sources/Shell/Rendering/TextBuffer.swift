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
        count += TextBuffer.put(hex: value, at: reserve(TextBuffer.longestHex))
    }

    /// The longest text of ``put(hex:at:)``: `0x` and 16 digits.
    @inline(__always)
    static var longestHex: Int { 18 }

    /// Writes `value` as ``writeHex(_:)`` does at `target` (room for ``longestHex`` bytes):
    /// the digits two at a time from a table of the 256 pairs, last first. Returns the number
    /// of bytes written.
    /// - Complexity: O(1)
    @inline(__always)
    static func put(hex value: UInt64, at target: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = Swift.max(1, (64 &- value.leadingZeroBitCount &+ 3) &>> 2)
        target[0] = UInt8(ascii: "0")
        target[1] = UInt8(ascii: "x")
        let pairs = TextBuffer.hexPairs.utf8Start
        var rest = value
        var i = digits &+ 1
        while i >= 3 {
            let pair = pairs + Int(truncatingIfNeeded: rest & 0xff) &* 2
            target[i &- 1] = pair[0]
            target[i] = pair[1]
            rest &>>= 8
            i &-= 2
        }
        if i == 2 { target[2] = TextBuffer.hexDigit(UInt8(truncatingIfNeeded: rest & 0xf)) }
        return digits &+ 2
    }

    /// `00` `01` … `ff`: the two hex digits of each byte value, in order.
    @inline(__always)
    static var hexPairs: StaticString {
        """
        000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
        202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\
        404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
        606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f\
        808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\
        a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
        c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf\
        e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
        """
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
    /// The name of a change's kind (its raw value) as a literal, written without a `String`.
    /// - Complexity: O(1)
    static func name(of kind: AreaChangeKind) -> StaticString {
        switch kind {
        case .added: "added"
        case .removed: "removed"
        case .shrinkLeft: "shrink-left"
        case .shrinkRight: "shrink-right"
        case .split: "split"
        case .protected: "protected"
        }
    }

    /// Appends the flags in canonical form (`rw--`).
    /// - Complexity: O(1)
    mutating func write(_ flags: MappingFlags) {
        TextBuffer.put(flags, at: reserve(4))
        count += 4
    }

    /// Writes the four letters of `flags` (`rw--`) at `target`, from the bits of its raw
    /// value (read, write, execute, user: bits 0 to 3, as ``MappingFlags`` defines them; a
    /// test holds the two together).
    /// - Complexity: O(1)
    @inline(__always)
    static func put(_ flags: MappingFlags, at target: UnsafeMutablePointer<UInt8>) {
        let bits = flags.rawValue
        target[0] = bits & 1 != 0 ? UInt8(ascii: "r") : UInt8(ascii: "-")
        target[1] = bits & 2 != 0 ? UInt8(ascii: "w") : UInt8(ascii: "-")
        target[2] = bits & 4 != 0 ? UInt8(ascii: "x") : UInt8(ascii: "-")
        target[3] = bits & 8 != 0 ? UInt8(ascii: "u") : UInt8(ascii: "-")
    }

    /// Appends `[start, end)` (`[0x1000, 0x3000)`).
    /// - Complexity: O(1)
    mutating func write(_ range: AddrRange) {
        count += TextBuffer.put(range: range.start, range.end, at: reserve(TextBuffer.longestRange))
    }

    /// The longest text of ``put(range:_:at:)``: `[`, two numbers, `, ` and `)`.
    @inline(__always)
    static var longestRange: Int { 2 * longestHex + 4 }

    /// Writes `[start, end)` at `target` (room for ``longestRange`` bytes); returns the
    /// number of bytes written.
    /// - Complexity: O(1)
    @inline(__always)
    private static func put(range start: VirtAddr, _ end: VirtAddr, at target: UnsafeMutablePointer<UInt8>) -> Int {
        target[0] = UInt8(ascii: "[")
        var n = 1 &+ put(hex: start.rawValue, at: target + 1)
        target[n] = UInt8(ascii: ",")
        target[n &+ 1] = UInt8(ascii: " ")
        n &+= 2
        n &+= put(hex: end.rawValue, at: target + n)
        target[n] = UInt8(ascii: ")")
        return n &+ 1
    }

    /// Appends an area as the core describes it: `[0x1000, 0x3000) rw--` (room for the
    /// longest made once).
    /// - Complexity: O(1)
    mutating func write<B>(_ area: MemoryArea<B>) {
        let target = reserve(TextBuffer.longestRange &+ 5)
        let n = TextBuffer.put(range: area.start, area.end, at: target)
        target[n] = UInt8(ascii: " ")
        TextBuffer.put(area.flags, at: target + (n &+ 1))
        count += n &+ 5
    }
}

/// `value` in lowercase hexadecimal with a `0x` prefix (`0x1f000`), as addresses print.
/// - Complexity: O(1)
func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
