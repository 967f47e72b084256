import MemorySetCore
import MMUSim
import Testing
@testable import Shell
import TestSupport

/// ``HumanRenderer/writeChangeLines(_:to:)`` writes bytes into a growing buffer; it must give
/// what concatenating the core's descriptions gives, for every kind, color, piece count and
/// address width, however small the buffer starts.
@Suite struct ChangeLineTests {
    /// The lines of `changes`, written into a buffer of one byte that grows as it is written.
    static func changeLines(_ changes: [Change], color: Bool) -> String {
        var text = TextBuffer(capacity: 1)
        HumanRenderer(ShellOptions(color: color)).writeChangeLines(changes, to: &text)
        return text.string
    }

    /// The former implementation: one String per piece, concatenated.
    static func reference(_ changes: [Change], ansi: ANSI) -> String {
        changes.map { change in
            var line = ansi.change(change.kind.rawValue, change.kind)
            if let before = change.before { line += " " + before.description }
            for (i, area) in change.after.enumerated() {
                line += (i > 0 ? ", " : change.before == nil ? " " : " -> ") + area.description
            }
            return line + "\n"
        }.joined()
    }

    /// An area with random bounds of any hex width (up to 16 digits, `UInt64.max` included).
    static func randomArea(_ rng: inout SplitMix64) -> Area {
        func bound() -> UInt64 {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: 0
            case 1: UInt64.max
            default: UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0..<64, using: &rng)
            }
        }
        let (a, b) = (bound(), bound())
        return Area(start: VirtAddr(min(a, b)), end: VirtAddr(max(a, b)),
                    flags: MappingFlags(rawValue: UInt8.random(in: 0...15, using: &rng)), backend: .none)
    }

    static func randomChange(_ rng: inout SplitMix64) -> Change {
        let before: Area? = Bool.random(using: &rng) ? randomArea(&rng) : nil
        let after: AreaPieces<AreaBackend>
        switch Int.random(in: 0...3, using: &rng) {
        case 0: after = AreaPieces()
        case 1: after = AreaPieces(randomArea(&rng))
        case 2: after = AreaPieces(randomArea(&rng), randomArea(&rng))
        default: after = AreaPieces(randomArea(&rng), randomArea(&rng), randomArea(&rng))
        }
        return Change(kind: AreaChangeKind.allCases.randomElement(using: &rng)!, before: before, after: after)
    }

    @Test(arguments: [false, true])
    func randomChangesMatchTheConcatenation(color: Bool) {
        var rng = SplitMix64(state: color ? 11 : 10)
        let ansi = ANSI(enabled: color)
        for _ in 0..<3_000 {
            let changes = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.randomChange(&rng) }
            #expect(Self.changeLines(changes, color: color) == Self.reference(changes, ansi: ansi))
        }
    }

    /// Thousands of the widest lines (colored, four areas of 16-digit bounds) in one output:
    /// the buffer grows as they are written, with no bound counted ahead.
    @Test func theWidestLinesInBulk() {
        let widest = Area(start: VirtAddr(0xffff_ffff_ffff_f000), end: VirtAddr(UInt64.max), flags: [.read, .write, .execute, .user], backend: .none)
        let changes = [Change](repeating: Change(kind: .shrinkRight, before: widest, after: AreaPieces(widest, widest, widest)), count: 5_000)
        let text = Self.changeLines(changes, color: true)
        #expect(text == Self.reference(changes, ansi: ANSI(enabled: true)))
        #expect(text.utf8.count == 5_000 * 211)   // 21 + (1 + 45) + (4 + 45) + 2 × (2 + 45) + 1
    }

    @Test func aSplitAsTheUserSeesIt() {
        let shell = makeShell(render: false)
        let out = run(shell, "map 0x1000 0x4000 rw", "unmap 0x2000 0x3000")
        #expect(out.stdout == "added [0x1000, 0x4000) rw--\nsplit [0x1000, 0x4000) rw-- -> [0x1000, 0x2000) rw--, [0x3000, 0x4000) rw--\n")
    }
}

/// `find`'s line, written in one allocation: every optional part in its place.
@Suite struct FindLineTests {
    @Test func everyFormOfTheFindLine() {
        let shell = makeShell(render: false)
        run(shell, "map 0x1000 +8K rw --label libc.so", "map 0x10000 +4K r-x", "map 0x7fff_ffff_f000 +4K rwxu --linear 0x1000")
        #expect(run(shell, "find 0x2fff").stdout == "0x2fff is in [0x1000, 0x3000) rw-- (8 KiB, alloc, libc.so)\n")
        #expect(run(shell, "find 0x10000").stdout == "0x10000 is in [0x10000, 0x11000) r-x- (4 KiB, alloc)\n")
        #expect(run(shell, "find 0x7fff_ffff_ffff").stdout == "0x7fffffffffff is in [0x7ffffffff000, 0x800000000000) rwxu (4 KiB, linear 0x1000)\n")
        #expect(run(shell, "find 0xffff_ffff_ffff_ffff").stdout == "0xffffffffffffffff: no area\n")
        #expect(run(shell, "find 0").stdout == "0x0: no area\n")
        let none = makeShell(render: false)
        run(none, "set backend none", "map 0x1000 +4K r --label x")
        #expect(run(none, "find 0x1000").stdout == "0x1000 is in [0x1000, 0x2000) r--- (4 KiB, x)\n")
    }
}
