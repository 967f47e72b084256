#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timings of a benchmark run, one entry per operation word, in the order the
/// words first appeared.
public struct BenchReport: Sendable {
    /// One timed operation word.
    public struct Entry: Sendable {
        /// The command word (`map`, `find`, …).
        public var word: String
        /// How many operations were timed.
        public var count: Int
        /// Their total time, in nanoseconds.
        public var nanoseconds: UInt64
        /// The mean time per operation, in nanoseconds.
        public var nanosecondsPerOperation: Double { count == 0 ? 0 : Double(nanoseconds) / Double(count) }
    }

    /// The entries, in order of first appearance.
    public private(set) var entries: [Entry] = []
    /// Wall time of the whole timed part, in nanoseconds.
    public var totalNanoseconds: UInt64 = 0
    /// Peak resident memory added by the run, per area, when measured.
    public var bytesPerArea: Double?

    /// An empty report.
    /// - Complexity: O(1)
    public init() {}

    /// Adds `count` operations of `word` that took `nanoseconds` in all.
    /// - Complexity: O(number of distinct words)
    public mutating func record(_ word: String, count: Int = 1, nanoseconds: UInt64) {
        if let i = entries.firstIndex(where: { $0.word == word }) {
            entries[i].count += count
            entries[i].nanoseconds += nanoseconds
        } else {
            entries.append(Entry(word: word, count: count, nanoseconds: nanoseconds))
        }
    }

    /// The report as printed by `memory-set bench`: a line
    /// `WORD count=N ns_per_op=X` per word (X with one decimal), then
    /// `total_ms=Y`, then `bytes_per_area=Z` when measured.
    public var text: String {
        var lines = entries.map { "\($0.word) count=\($0.count) ns_per_op=\(oneDecimal($0.nanosecondsPerOperation))" }
        lines.append("total_ms=\(oneDecimal(Double(totalNanoseconds) / 1e6))")
        if let bytesPerArea { lines.append("bytes_per_area=\(oneDecimal(bytesPerArea))") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `x` with exactly one decimal, rounded half up (`12.34` → `12.3`).
func oneDecimal(_ x: Double) -> String {
    let tenths = (x * 10).rounded()
    let whole = Int(tenths) / 10
    let frac = Int(tenths) % 10
    return "\(whole).\(frac)"
}

/// A monotonic clock reading in nanoseconds.
@inline(__always)
public func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// The process's peak resident set size in bytes (`VmHWM` of
/// `/proc/self/status`), or nil where that file is unavailable.
public func peakResidentBytes() -> UInt64? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, Int32(buffer.count), file) != nil {
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst(6).filter(\.isNumber)
            return UInt64(digits).map { $0 * 1024 }
        }
    }
    return nil
}
