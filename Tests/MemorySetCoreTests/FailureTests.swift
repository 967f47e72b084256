import Testing
import MemorySetCore

/// A backend that fails the k-th call, for every k: the operation throws
/// badState and the set still describes the page table exactly.
@Suite struct FailureTests {
    let rw: MappingFlags = [.read, .write]

    func base() throws -> (MockSet, MockPageTable) {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 256)
        for i in UInt64(0)..<40 { try set.map(area(i * 0x3000, i * 0x3000 + 0x2000, rw), in: &pt) }
        return (set, pt)
    }

    typealias Operation = @Sendable (inout MockSet, inout MockPageTable) throws(MappingError) -> Void

    static let operations: [(String, Operation)] = [
        ("unmap across many", { s, pt throws(MappingError) in try s.unmap(start: 0x1000, size: 0x60000, in: &pt) }),
        ("unmap split", { s, pt throws(MappingError) in try s.unmap(start: 0x3000, size: 0x1000, in: &pt) }),
        ("protect across many", { s, pt throws(MappingError) in try s.protect(start: 0x1000, size: 0x60000, in: &pt) { _ in .read } }),
        ("protect split in three", { s, pt throws(MappingError) in
            try s.map(area(0x80000, 0x84000, .read), in: &pt, unmapOverlap: true)
            try s.protect(start: 0x81000, size: 0x2000, in: &pt) { _ in .execute } }),
        ("map force", { s, pt throws(MappingError) in try s.map(area(0x2000, 0x40000, .execute), in: &pt, unmapOverlap: true) }),
        ("clear", { s, pt throws(MappingError) in try s.clear(in: &pt) }),
    ]

    @Test(arguments: 0..<operations.count)
    func everyFailurePointLeavesAConsistentSet(index: Int) throws {
        let (name, operation) = Self.operations[index]
        let (original, originalPT) = try base()
        // Count the calls of a successful run, then fail each one in turn.
        var s = original
        var pt = originalPT
        pt.calls = []
        try operation(&s, &pt)
        let total = pt.calls.count
        #expect(total > 0)
        for k in 0..<total {
            var set = original
            var table = originalPT
            table.calls = []
            table.failAt = k
            #expect(throws: MappingError.badState, "\(name): failing call \(k)") { try operation(&set, &table) }
            set._checkInvariants()
            #expect(pagesMatch(set, table), "\(name): failing call \(k) left the set and page table apart")
        }
        #expect(spans(original) == spans(try base().0), "snapshots are untouched")
    }
}
