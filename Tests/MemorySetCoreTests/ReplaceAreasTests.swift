import Testing
import MemorySetCore
import TestSupport

/// `areas(overlapping:)` and `replaceAreas(overlapping:with:)`: the bookkeeping-only restore of
/// a region, checked against a sorted array and through undo round trips.
@Suite struct ReplaceAreasTests {
    let page = MockPageTable.pageSize

    func range(_ s: UInt64, _ e: UInt64) -> AddrRange { AddrRange(start: VirtAddr(s), end: VirtAddr(e)) }

    @Test func theDocumentedPicture() throws {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 64)
        for (s, e) in [(0, 3), (5, 6), (8, 12), (20, 22)] as [(UInt64, UInt64)] {
            try set.map(area(s * page, e * page, .read), in: &pt)
        }
        let calls = pt.calls
        let removed = try set.replaceAreas(overlapping: range(2 * page, 10 * page),
                                           with: [area(1 * page, 3 * page, .write), area(6 * page, 7 * page, [])])
        #expect(removed.map(Span.init) == [Span(0, 3 * page, .read), Span(5 * page, 6 * page, .read), Span(8 * page, 12 * page, .read)])
        #expect(spans(set) == [Span(page, 3 * page, .write), Span(6 * page, 7 * page, []), Span(20 * page, 22 * page, .read)])
        #expect(pt.calls == calls, "no backend is called")
        // And back.
        let back = try set.replaceAreas(overlapping: range(0, 12 * page), with: removed)
        #expect(back.map(Span.init) == [Span(page, 3 * page, .write), Span(6 * page, 7 * page, [])])
        #expect(spans(set) == removed.map(Span.init) + [Span(20 * page, 22 * page, .read)])
    }

    @Test func refusesBadAreasAndChangesNothing() throws {
        var set = MockSet(_nodeCapacity: 4)
        var pt = MockPageTable(pageCount: 64)
        for s in stride(from: UInt64(0), to: 40, by: 4) { try set.map(area(s * page, (s + 2) * page, .read), in: &pt) }
        let before = spans(set)
        let r = range(8 * page, 16 * page)
        let bad: [[MockArea]] = [
            [area(9 * page, 10 * page, .read), area(8 * page, 9 * page, .read)],   // out of order
            [area(8 * page, 10 * page, .read), area(9 * page, 11 * page, .read)],  // overlapping
            [area(9 * page, 9 * page, .read)],                                     // empty
            [area(9 * page + 1, 10 * page, .read)],                                // unaligned
            [area(10 * page, 11 * page, .read), area(17 * page, 18 * page, .read)],// overlaps a kept area
            [area(6 * page, 9 * page, .read)],                                     // overlaps [4, 6)? no: [6,9) is free; kept [4,6) ends at 6
        ]
        for (i, areas) in bad.enumerated().dropLast() {
            #expect(throws: MappingError.invalidParam, "case \(i)") { try set.replaceAreas(overlapping: r, with: areas) }
            #expect(spans(set) == before, "case \(i)")
        }
        // The last one is valid: it touches the kept area [4, 6) without overlapping it.
        try set.replaceAreas(overlapping: r, with: bad.last!)
        #expect(spans(set).contains(Span(6 * page, 9 * page, .read)))
        set._checkInvariants()
    }

    /// Random sets (small nodes), random regions and replacements against a sorted array; and
    /// an undo round trip: save a region, run an operation inside it, put the region back.
    @Test(arguments: [(UInt64(11), 4), (12, 5), (13, 64)])
    func randomReplacementsMatchTheModel(seed: UInt64, capacity: Int) throws {
        var rng = SplitMix64(seed: seed)
        var set = MockSet(_nodeCapacity: capacity)
        var pt = MockPageTable(pageCount: 2048)
        var model: [Span] = []
        // replaceAreas calls no backend: map the pages again for the operations that follow.
        func rebuildPageTable() {
            pt = MockPageTable(pageCount: 2048)
            for a in set { _ = a.backend.map(start: a.start, size: a.size, flags: a.flags, in: &pt) }
        }
        for step in 0..<3_000 {
            let s = UInt64.random(in: 0..<2000, using: &rng)
            let e = s + UInt64.random(in: 0...40, using: &rng)
            let r = range(s * page, e * page)
            // The model's view of the region.
            let inside = model.filter { $0.start < r.end.rawValue && r.start.rawValue < $0.end && !r.isEmpty }
            #expect(set.areas(overlapping: r).map(Span.init) == inside, "step \(step)")
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                // Replace the region by random areas (valid or not).
                var areas: [MockArea] = []
                var p = s - min(s, UInt64.random(in: 0...3, using: &rng))
                while p < e + 3, areas.count < 6 {
                    let len = UInt64.random(in: 1...4, using: &rng)
                    areas.append(area(p * page, (p + len) * page, [.read, .write].randomElement(using: &rng)!))
                    p += len + UInt64.random(in: 0...3, using: &rng)
                }
                let kept = model.filter { !inside.contains($0) }
                let fits = areas.allSatisfy { a in !kept.contains { $0.start < a.end.rawValue && a.start.rawValue < $0.end } }
                if fits {
                    let removed = try set.replaceAreas(overlapping: r, with: areas)
                    #expect(removed.map(Span.init) == inside, "step \(step)")
                    model = (kept + areas.map(Span.init)).sorted { $0.start < $1.start }
                    rebuildPageTable()
                } else {
                    #expect(throws: MappingError.invalidParam, "step \(step)") { try set.replaceAreas(overlapping: r, with: areas) }
                }
            case 1:
                // Undo round trip of an operation on [s, e).
                let before = spans(set)
                guard !r.isEmpty else { break }
                let saved = set.areas(overlapping: r)
                let hull = range(min(r.start.rawValue, saved.first?.start.rawValue ?? r.start.rawValue),
                                 max(r.end.rawValue, saved.last?.end.rawValue ?? r.end.rawValue))
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: try set.map(area(r.start.rawValue, r.end.rawValue, .execute), in: &pt, unmapOverlap: true)
                case 1: try set.unmap(start: r.start, size: r.size, in: &pt)
                default: try set.protect(start: r.start, size: r.size, in: &pt) { _ in .execute }
                }
                let after = spans(set)
                let undone = try set.replaceAreas(overlapping: hull, with: saved)
                #expect(spans(set) == before, "step \(step): undo")
                try set.replaceAreas(overlapping: hull, with: undone)
                #expect(spans(set) == after, "step \(step): redo")
                model = after
                rebuildPageTable()
            default:
                try set.map(area(s * page, max(e, s + 1) * page, .read), in: &pt, unmapOverlap: true)
                model = spans(set)
            }
            guard spans(set) == model else {
                Issue.record("step \(step): diverged")
                return
            }
        }
    }
}
