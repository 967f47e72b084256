import Foundation
import Testing
@testable import Shell
import TestSupport

/// A naive model of the spec's set commands (sorted array of areas), run side by side with
/// the shell in JSON mode on random commands: same success/error kind, same areas after
/// every command, same `find` and `free` answers.
struct NaiveModel {
    struct Area: Equatable { var start: UInt64; var end: UInt64; var flags: String }
    var areas: [Area] = []
    let page: UInt64 = 0x1000
    let spaceEnd: UInt64 = 0x8000_0000_0000

    func check(_ s: UInt64, _ e: UInt64?) -> String? {
        guard let e, e >= s, s % page == 0, e % page == 0, e <= spaceEnd else { return "InvalidParam" }
        return nil
    }

    mutating func cut(_ s: UInt64, _ e: UInt64) {
        var out: [Area] = []
        for a in areas {
            if a.end <= s || a.start >= e { out.append(a); continue }
            if a.start < s { out.append(Area(start: a.start, end: s, flags: a.flags)) }
            if a.end > e { out.append(Area(start: e, end: a.end, flags: a.flags)) }
        }
        areas = out
    }

    mutating func map(_ s: UInt64, _ e: UInt64?, _ flags: String, force: Bool) -> String? {
        if let error = check(s, e) { return error }
        let e = e!
        guard s < e else { return "InvalidParam" }
        if areas.contains(where: { $0.start < e && s < $0.end }) {
            guard force else { return "AlreadyExists" }
            cut(s, e)
        }
        areas.append(Area(start: s, end: e, flags: flags))
        areas.sort { $0.start < $1.start }
        return nil
    }

    mutating func unmap(_ s: UInt64, _ e: UInt64?) -> String? {
        if let error = check(s, e) { return error }
        if s < e! { cut(s, e!) }
        return nil
    }

    mutating func protect(_ s: UInt64, _ e: UInt64?, _ flags: String) -> String? {
        if let error = check(s, e) { return error }
        let e = e!
        guard s < e else { return nil }
        var out: [Area] = []
        for a in areas {
            if a.end <= s || a.start >= e || a.flags == flags { out.append(a); continue }
            if a.start < s { out.append(Area(start: a.start, end: s, flags: a.flags)) }
            out.append(Area(start: max(a.start, s), end: min(a.end, e), flags: flags))
            if a.end > e { out.append(Area(start: e, end: a.end, flags: a.flags)) }
        }
        areas = out
        return nil
    }

    func free(size: UInt64, hint: UInt64, limit: (UInt64, UInt64), align: UInt64) -> (String?, UInt64?) {
        guard size > 0, size % page == 0, align.isPowerOfTwo, align >= page, limit.1 >= limit.0 else { return ("InvalidParam", nil) }
        func up(_ x: UInt64) -> UInt64? {
            let (sum, o) = x.addingReportingOverflow(align - 1)
            return o ? nil : sum & ~(align - 1)
        }
        let lowest = max(hint, limit.0)
        var candidates = [up(lowest)].compactMap { $0 }
        for a in areas where a.end >= lowest { if let c = up(a.end) { candidates.append(c) } }
        for c in candidates.sorted() {
            let (end, o) = c.addingReportingOverflow(size)
            guard !o, end <= limit.1 else { continue }
            if !areas.contains(where: { $0.start < end && c < $0.end }) { return (nil, c) }
        }
        return (nil, nil)
    }
}

@Suite struct DifferentialTests {
    @Test(arguments: [1, 2, 3, 4])
    func shellMatchesTheNaiveModel(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        var model = NaiveModel()
        let shell = makeShell(json: true)
        let flagsChoices = ["r---", "rw--", "r-x-", "rwxu", "----", "-w--"]
        func addr() -> UInt64 {
            let page = UInt64.random(in: 0...40, using: &rng) * 0x1000
            switch UInt64.random(in: 0..<20, using: &rng) {
            case 0: return page + 0x800
            case 1: return 0x7fff_ffff_f000
            default: return page
            }
        }
        for step in 0..<1500 {
            let s = addr()
            let relative = Bool.random(using: &rng)
            let e = relative ? s + UInt64.random(in: 0...8, using: &rng) * 0x1000 : addr()
            let endText = relative ? "+\(hex(e - s))" : hex(e)
            let flags = flagsChoices.randomElement(using: &rng)!
            var line: String
            var expectedError: String?
            var expectedFree: UInt64?? = nil
            var expectedFind: NaiveModel.Area?? = nil
            switch UInt64.random(in: 0..<6, using: &rng) {
            case 0, 1:
                let force = Bool.random(using: &rng)
                line = "map \(hex(s)) \(endText) \(flags)" + (force ? " --force" : "")
                expectedError = model.map(s, e, flags, force: force)
            case 2:
                line = "unmap \(hex(s)) \(endText)"
                expectedError = model.unmap(s, e)
            case 3:
                line = "protect \(hex(s)) \(endText) \(flags)"
                expectedError = model.protect(s, e, flags)
            case 4:
                line = "find \(hex(s))"
                expectedFind = .some(model.areas.first { $0.start <= s && s < $0.end })
            default:
                let size = UInt64.random(in: 0...4, using: &rng) * 0x1000 + (Bool.random(using: &rng) ? 0 : 0)
                let hint = Bool.random(using: &rng) ? addr() : 0
                let align: UInt64 = [0x1000, 0x2000, 0x4000, 0x3000, 0x800].randomElement(using: &rng)!
                let limit = Bool.random(using: &rng) ? (UInt64(0), model.spaceEnd) : (addr(), addr() + 0x8000)
                line = "free \(hex(size)) --hint \(hex(hint)) --align \(hex(align)) --limit \(hex(limit.0)) \(hex(limit.1))"
                let (error, address) = model.free(size: size, hint: hint, limit: limit, align: align)
                expectedError = error
                if error == nil { expectedFree = .some(address) }
            }
            let out = shell.execute(line: line, at: SourceLocation(file: "<stdin>", line: step + 1))
            let object = try jsonLines(out)[0]
            let ok = object["ok"] as? Bool ?? false
            #expect(ok == (expectedError == nil), "\(line): \(object)")
            if ok != (expectedError == nil) { break }
            if !ok { #expect(object["error"] as? String == expectedError, "\(line)") }
            if let expectedFree {
                let got = object["address"] as? String
                #expect(got == expectedFree.map(hex), "\(line)")
            }
            if let expectedFind {
                let area = object["area"] as? [String: Any]
                #expect((area?["start"] as? String) == expectedFind.map { hex($0.start) }, "\(line)")
            }
            let actual = shell.session.state.set.map { NaiveModel.Area(start: $0.start.rawValue, end: $0.end.rawValue, flags: $0.flags.description) }
            #expect(actual == model.areas, "after \(line)")
            if actual != model.areas { break }
        }
        #expect(shell.session.state.pageTable.verify(shell.session.state.set).isEmpty)
    }
}
