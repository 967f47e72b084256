import MemorySetCore
import TestSupport

/// A page table of per-page flags over a small address range, the oracle the
/// Rust crate's own tests use: `pages[i]` holds the flags of page `i`, or
/// `nil` when the page is not mapped. It records every call and can be told
/// to fail one of them.
struct MockPageTable {
    static let pageSize: UInt64 = 0x1000
    var pages: [MappingFlags?]
    /// Every backend call, in order: `map 0x1000 0x2000 rw--` etc.
    var calls: [String] = []
    /// When set, the call with this (0-based) number fails.
    var failAt: Int? = nil

    init(pageCount: Int) { pages = Array(repeating: nil, count: pageCount) }

    /// Counts a call; returns whether it must fail.
    mutating func record(_ call: String) -> Bool {
        defer { calls.append(call) }
        return failAt == calls.count
    }

    func pageRange(_ start: VirtAddr, _ size: UInt64) -> Range<Int> {
        Int(start.rawValue / Self.pageSize)..<Int((start.rawValue + size) / Self.pageSize)
    }
}

/// A backend over ``MockPageTable`` that refuses inconsistent calls: mapping
/// a mapped page, or unmapping / protecting an unmapped one, fails (without
/// changing anything), so a wrong call from the set shows up as an error.
struct MockBackend: MappingBackend, Hashable {
    typealias PageTable = MockPageTable

    func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in pt: inout MockPageTable) -> Bool {
        if pt.record("map \(start) \(size) \(flags)") { return false }
        let pages = pt.pageRange(start, size)
        guard pages.allSatisfy({ pt.pages[$0] == nil }) else { return false }
        for p in pages { pt.pages[p] = flags }
        return true
    }

    func unmap(start: VirtAddr, size: UInt64, in pt: inout MockPageTable) -> Bool {
        if pt.record("unmap \(start) \(size)") { return false }
        let pages = pt.pageRange(start, size)
        guard pages.allSatisfy({ pt.pages[$0] != nil }) else { return false }
        for p in pages { pt.pages[p] = nil }
        return true
    }

    func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in pt: inout MockPageTable) -> Bool {
        if pt.record("protect \(start) \(size) \(newFlags)") { return false }
        let pages = pt.pageRange(start, size)
        guard pages.allSatisfy({ pt.pages[$0] != nil }) else { return false }
        for p in pages { pt.pages[p] = newFlags }
        return true
    }
}

typealias MockSet = MemorySet<MockBackend>
typealias MockArea = MemoryArea<MockBackend>

func area(_ start: UInt64, _ end: UInt64, _ flags: MappingFlags) -> MockArea {
    MockArea(start: VirtAddr(start), end: VirtAddr(end), flags: flags, backend: MockBackend())
}

/// Every page's flags in the page table equal what the set says: the pages
/// of each area carry its flags, every other page is unmapped.
func pagesMatch(_ set: MockSet, _ pt: MockPageTable) -> Bool {
    var expected = [MappingFlags?](repeating: nil, count: pt.pages.count)
    for a in set {
        for p in pt.pageRange(a.start, a.size) { expected[p] = a.flags }
    }
    return expected == pt.pages
}

/// The areas of a set as plain tuples, for comparisons.
func spans<B>(_ set: MemorySet<B>) -> [Span] {
    set.map { Span($0.start.rawValue, $0.end.rawValue, $0.flags) }
}

struct Span: Hashable, CustomStringConvertible {
    var start: UInt64
    var end: UInt64
    var flags: MappingFlags
    init(_ start: UInt64, _ end: UInt64, _ flags: MappingFlags) {
        self.start = start
        self.end = end
        self.flags = flags
    }
    init<B>(_ area: MemoryArea<B>) { self.init(area.start.rawValue, area.end.rawValue, area.flags) }
    var description: String { "[0x\(String(start, radix: 16)), 0x\(String(end, radix: 16))) \(flags)" }
}

/// A change as plain values, for comparisons.
struct ChangeRecord: Hashable, CustomStringConvertible {
    var kind: AreaChangeKind
    var before: Span?
    var after: [Span]
    init(_ kind: AreaChangeKind, _ before: Span?, _ after: [Span]) {
        self.kind = kind
        self.before = before
        self.after = after
    }
    init<B>(_ change: AreaChange<B>) {
        self.init(change.kind, change.before.map { Span($0) }, change.after.map { Span($0) })
    }
    var description: String { "\(kind.rawValue) \(before.map(\.description) ?? "nil") -> \(after)" }
}
