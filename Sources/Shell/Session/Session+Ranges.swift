import MemorySetCore
import MMUSim

extension Settings {
    /// Checks a map/unmap/protect range: START + SIZE fits, END >= START, both page-aligned
    /// (``pageSize``) and inside ``space``, and non-empty unless `allowEmpty`.
    ///
    /// (On the settings rather than the session: a method of the session called from a
    /// mutating one copies the whole session first, ~60 instructions.)
    ///
    /// Inline, every check at once; a range that fails one goes through
    /// ``resolveChecking(_:_:allowEmpty:)`` (out of line), which checks in order and says
    /// what is wrong:
    /// ```
    ///   fits ∧ END >= START ∧ aligned ∧ inside ∧ (allowEmpty ∨ non-empty) ──yes─▶ range
    ///                                                                    └─no──▶ resolveChecking ─▶ throws
    /// ```
    /// - Throws: `InvalidParam` naming `word` and what is wrong.
    /// - Complexity: O(1)
    @inline(__always)
    func resolve(_ spec: RangeSpec, _ word: String, allowEmpty: Bool) throws(ShellError) -> AddrRange {
        if let end = spec.end.resolve(from: spec.start), end >= spec.start {
            let range = AddrRange(start: VirtAddr(spec.start), end: VirtAddr(end))
            // (Both ends are aligned when the bits of either below the page size are zero.)
            if VirtAddr(spec.start | end).isAligned(to: pageSize), space.contains(range), allowEmpty || !range.isEmpty {
                return range
            }
        }
        return try resolveChecking(spec, word, allowEmpty: allowEmpty)
    }

    /// ``resolve(_:_:allowEmpty:)``'s checks one by one, for a range that fails one of them:
    /// the error of the first that fails.
    /// - Throws: `InvalidParam` naming `word` and what is wrong.
    /// - Complexity: O(1)
    @inline(never)
    func resolveChecking(_ spec: RangeSpec, _ word: String, allowEmpty: Bool) throws(ShellError) -> AddrRange {
        guard let end = spec.end.resolve(from: spec.start) else {
            throw .invalid("\(word): START + SIZE overflows 64 bits (\(hex(spec.start)) + \(hex(spec.endSize)))")
        }
        guard end >= spec.start else {
            throw .invalid("\(word): END \(hex(end)) is below START \(hex(spec.start))")
        }
        let page = pageSize
        guard VirtAddr(spec.start).isAligned(to: page) else {
            throw .invalid("\(word): START \(hex(spec.start)) is not aligned to the page size \(hex(page))")
        }
        guard VirtAddr(end).isAligned(to: page) else {
            throw .invalid("\(word): END \(hex(end)) is not aligned to the page size \(hex(page))")
        }
        let range = AddrRange(start: VirtAddr(spec.start), end: VirtAddr(end))
        guard space.contains(range) else {
            throw .invalid("\(word): \(range) is outside the address space \(space)")
        }
        guard allowEmpty || !range.isEmpty else {
            throw .invalid("\(word): empty range \(range)")
        }
        return range
    }
}

extension Session {
    /// Checks a window or space range: START + SIZE fits and END > START.
    func resolveWindow(_ spec: RangeSpec, _ word: String) throws(ShellError) -> AddrRange {
        guard let end = spec.end.resolve(from: spec.start) else {
            throw .invalid("\(word): START + SIZE overflows 64 bits (\(hex(spec.start)) + \(hex(spec.endSize)))")
        }
        guard end > spec.start else {
            throw .invalid("\(word): END \(hex(end)) must be above START \(hex(spec.start))")
        }
        return AddrRange(start: VirtAddr(spec.start), end: VirtAddr(end))
    }
}

extension RangeSpec {
    /// The SIZE of a `+SIZE` end, or the END, for messages.
    var endSize: UInt64 {
        switch end {
        case .absolute(let e): return e
        case .relative(let s): return s
        }
    }
}
