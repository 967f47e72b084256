import Testing
import MemorySetCore

/// `AreaChanges` keeps a last `added` change apart from its buffer: order, count and
/// indexing must not show it.
@Suite struct AreaChangesTests {
    typealias Change = AreaChange<NullBackend>

    func area(_ page: UInt64) -> MemoryArea<NullBackend> {
        MemoryArea(start: VirtAddr(page << 12), end: VirtAddr((page + 1) << 12), flags: .read, backend: NullBackend())
    }

    @Test func keepsOrderWhateverIsAppended() {
        let added = { (page: UInt64) in Change(kind: .added, before: nil, after: AreaPieces(self.area(page))) }
        let removed = { (page: UInt64) in Change(kind: .removed, before: self.area(page), after: AreaPieces()) }
        let sequences: [[Change]] = [
            [], [added(1)], [removed(1)], [removed(1), added(2)], [added(1), removed(2)],
            [added(1), added(2)], [removed(1), removed(2), added(3)], [added(1), added(2), removed(3), added(4)],
            [Change(kind: .added, before: nil, after: AreaPieces(area(1), area(2)))],
        ]
        for sequence in sequences {
            var changes = AreaChanges<NullBackend>()
            for change in sequence { changes.append(change) }
            #expect(changes.count == sequence.count)
            #expect(Array(changes) == sequence)
            #expect(changes.indices.map { changes[$0] } == sequence)
        }
    }
}
