import MemorySetCore

/// A deliberately naive model of ``MemorySet``: a sorted array of spans,
/// every operation a linear scan written straight from the specification.
struct ModelSet {
    var pageSize: UInt64 = 0x1000
    var spans: [Span] = []

    func aligned(_ x: UInt64) -> Bool { x % pageSize == 0 }

    func find(_ addr: UInt64) -> Span? { spans.first { $0.start <= addr && addr < $0.end } }

    func overlaps(_ s: UInt64, _ e: UInt64) -> Bool { s < e && spans.contains { $0.start < e && s < $0.end } }

    mutating func map(_ s: UInt64, _ e: UInt64, _ f: MappingFlags, force: Bool) -> Result<[ChangeRecord], MappingError> {
        guard s < e, aligned(s), aligned(e) else { return .failure(.invalidParam) }
        var changes: [ChangeRecord] = []
        if overlaps(s, e) {
            guard force else { return .failure(.alreadyExists) }
            changes = try! unmap(s, e - s).get()
        }
        spans.append(Span(s, e, f))
        spans.sort { $0.start < $1.start }
        changes.append(ChangeRecord(.added, nil, [Span(s, e, f)]))
        return .success(changes)
    }

    mutating func unmap(_ s: UInt64, _ size: UInt64) -> Result<[ChangeRecord], MappingError> {
        guard aligned(s), aligned(size), s <= UInt64.max - size else { return .failure(.invalidParam) }
        let e = s + size
        guard s < e else { return .success([]) }
        var changes: [ChangeRecord] = []
        var result: [Span] = []
        for a in spans {
            if a.end <= s || a.start >= e { result.append(a); continue }
            if a.start >= s && a.end <= e {
                changes.append(ChangeRecord(.removed, a, []))
            } else if a.start < s && a.end > e {
                let l = Span(a.start, s, a.flags), r = Span(e, a.end, a.flags)
                changes.append(ChangeRecord(.split, a, [l, r]))
                result += [l, r]
            } else if a.start < s {
                let l = Span(a.start, s, a.flags)
                changes.append(ChangeRecord(.shrinkRight, a, [l]))
                result.append(l)
            } else {
                let r = Span(e, a.end, a.flags)
                changes.append(ChangeRecord(.shrinkLeft, a, [r]))
                result.append(r)
            }
        }
        spans = result
        return .success(changes)
    }

    mutating func protect(_ s: UInt64, _ size: UInt64, _ f: MappingFlags) -> Result<[ChangeRecord], MappingError> {
        guard aligned(s), aligned(size), s <= UInt64.max - size else { return .failure(.invalidParam) }
        let e = s + size
        guard s < e else { return .success([]) }
        var changes: [ChangeRecord] = []
        var result: [Span] = []
        for a in spans {
            if a.end <= s || a.start >= e || a.flags == f { result.append(a); continue }
            var pieces: [Span] = []
            if a.start < s { pieces.append(Span(a.start, s, a.flags)) }
            pieces.append(Span(max(a.start, s), min(a.end, e), f))
            if a.end > e { pieces.append(Span(e, a.end, a.flags)) }
            changes.append(ChangeRecord(.protected, a, pieces))
            result += pieces
        }
        spans = result
        return .success(changes)
    }

    /// Straight from the definition: try A = the aligned hint, and after each
    /// collision the aligned end of the area in the way.
    func findFree(hint: UInt64, size: UInt64, limit: (UInt64, UInt64), align: UInt64?) -> Result<UInt64?, MappingError> {
        let align = align ?? pageSize
        guard size > 0, aligned(size), align.nonzeroBitCount == 1, align >= pageSize else {
            return .failure(.invalidParam)
        }
        var candidate = max(hint, limit.0)
        while true {
            let (up, o1) = candidate.addingReportingOverflow(align - 1)
            if o1 { return .success(nil) }
            let a = up & ~(align - 1)
            let (end, o2) = a.addingReportingOverflow(size)
            if o2 || end > limit.1 { return .success(nil) }
            guard let blocker = spans.first(where: { $0.start < end && a < $0.end }) else { return .success(a) }
            candidate = blocker.end
        }
    }
}
