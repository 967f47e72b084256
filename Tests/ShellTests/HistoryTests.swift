import MemorySetCore
import Testing
@testable import Shell
import TestSupport

/// The undo ring against a model (an array trimmed to the capacity), and the history's
/// limit seen from the shell.
@Suite struct HistoryTests {
    /// An entry told apart by its text: heavy (a page table and a text), or light (the
    /// step of a map into a free range, region `n` pages up, with inline words).
    func entry(_ n: Int, light: Bool) -> History.Entry {
        guard light else { return History.Entry(step: .pageTable(SimPageTable(frameCount: 1)), label: .text("step \(n)")) }
        return History.Entry(step: .areas(region(n), []), label: .inline(words("step \(n)")))
    }

    func region(_ n: Int) -> AddrRange {
        AddrRange(start: VirtAddr(UInt64(n) * 0x1000), end: VirtAddr(UInt64(n + 1) * 0x1000))
    }

    func words(_ text: String) -> History.InlineWords {
        Array(text.utf8).withUnsafeBufferPointer { History.InlineWords($0)! }
    }

    /// Pushes light entry `n` as its region and words (``History/UndoRing/push(region:words:)``).
    func push(_ ring: inout History.UndoRing, _ n: Int) {
        Array("step \(n)".utf8).withUnsafeBufferPointer { ring.push(region: region(n), words: $0) }
    }

    /// Light and heavy entries, pushed as entries or as light parts
    /// (``History/UndoRing/push(region:words:)``), come out as they went in, newest first,
    /// the oldest dropped past the capacity.
    @Test(arguments: [1, 2, 3, 5, 8])
    func ringMatchesATrimmedStack(capacity: Int) {
        var rng = SplitMix64(state: UInt64(capacity))
        var ring = History.UndoRing(capacity: capacity)
        var model: [Int] = []
        var light: Set<Int> = []
        var next = 0, pops = 0, drops = 0, lightPops = 0
        for _ in 0..<2_000 {
            // Pushes a little more often than pops: the ring fills, wraps, empties now and then.
            if Int.random(in: 0..<100, using: &rng) < 55 {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: ring.push(entry(next, light: false))
                case 1: ring.push(entry(next, light: true)); light.insert(next)
                default: push(&ring, next); light.insert(next)
                }
                model.append(next)
                next += 1
                if model.count > capacity {
                    model.removeFirst()
                    drops += 1
                }
            } else {
                let popped = ring.pop()
                let expected = model.popLast()
                #expect(popped?.text == expected.map { "step \($0)" })
                if let expected, light.contains(expected) {
                    guard case let .areas(r, areas)? = popped?.step else {
                        Issue.record("light entry \(expected) came out as \(String(describing: popped?.step))")
                        continue
                    }
                    #expect(r == region(expected) && areas.isEmpty)
                    lightPops += 1
                }
                pops += 1
            }
            #expect(ring.count == model.count)
        }
        #expect(pops > 500 && drops > 50 && lightPops > 200)
        // What is left comes out newest first, then nothing.
        while let last = model.popLast() { #expect(ring.pop()?.text == "step \(last)") }
        #expect(ring.pop() == nil && ring.count == 0)
    }

    /// 2,500 maps, then 1,000 undos give the state after the 1,500th: the last
    /// ``History/limit`` steps are kept, and the 1,001st undo has nothing to undo. Redo
    /// goes forward again to the end.
    @Test func undoStopsAfterTheLimit() {
        #expect(History.limit == 1_000)
        let shell = makeShell(render: false)
        func map(_ i: Int) -> String { "map \(hex(0x10_0000 + UInt64(i) * 0x2000)) +0x1000 rw" }
        for i in 0..<2_500 { #expect(failure(shell, map(i)) == nil) }
        for _ in 0..<1_000 { #expect(failure(shell, "undo") == nil) }
        #expect(shell.session.state.set.count == 1_500)
        #expect(shell.session.state.set.map(\.start.rawValue).last == 0x10_0000 + 1_499 * 0x2000)
        #expect(failure(shell, "undo")?.message == "undo: nothing to undo")
        #expect(shell.session.state.set.count == 1_500)
        #expect(run(shell, "redo").stdout == "redone: \(map(1_500))\n")
        for _ in 0..<999 { #expect(failure(shell, "redo") == nil) }
        #expect(failure(shell, "redo")?.message == "redo: nothing to redo")
        #expect(shell.session.state.set.count == 2_500)
        // A new step after undos forgets the redo steps and keeps the limit.
        #expect(shell.session.history.undoCount == 1_000)
        run(shell, "undo", "undo", "clear")
        #expect(shell.session.state.set.isEmpty)
        #expect(shell.session.history.undoCount == 999 && shell.session.history.redoCount == 0)
        #expect(run(shell, "undo").stdout == "undone: clear\n")
        #expect(shell.session.state.set.count == 2_498)
    }

    /// A command read from a `String` line keeps its words in its entry when they fit (no
    /// retain of the line), its line beyond; either way its text is the command's.
    @Test func labelOfAStringLineIsInlineWhenItFits() {
        let long = "map 0x10000000 +0x1000 rw --label " + String(repeating: "x", count: 20)
        for (words, inline) in [("map 0x10000000 +0x1000 rw", true), ("map   0x1000  +0x1000  rwx", true),
                                ("map 0x1000 +4K r --label \"a b\"", true), (long, false)] {
            let line = "  \(words)   # a comment"
            guard let segment = Lexer.segments(of: line).first, case .success(let parsed) = Parser.parse(segment) else {
                Issue.record("\(line) does not parse")
                continue
            }
            let label = History.Label(parsed)
            if case .inline = label { #expect(inline, "\(words)") } else { #expect(!inline, "\(words)") }
            #expect(label.text == parsed.text)
        }
        #expect(long.utf8.count > History.InlineWords.capacity)
    }

    /// ``History/InlineWords`` keeps up to 47 bytes, exactly, and gives them back, whatever
    /// lies around them (read eight bytes at a time: none before or past them is kept).
    @Test func inlineWordsUpToTheirCapacity() {
        #expect(History.InlineWords.capacity == 47)
        for count in 0...60 {
            let bytes = (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            let around = [UInt8](repeating: UInt8(ascii: "#"), count: 9) + bytes + [UInt8](repeating: UInt8(ascii: "#"), count: 9)
            let words = around.withUnsafeBufferPointer { History.InlineWords(UnsafeBufferPointer(rebasing: $0[9..<(9 + count)])) }
            if count <= History.InlineWords.capacity {
                #expect(words?.count == UInt8(count))
                #expect(words?.string == String(decoding: bytes, as: UTF8.self), "\(count) bytes")
                #expect(words?.isMark == false)
            } else {
                #expect(words == nil)
            }
        }
        #expect(History.InlineWords.mark.isMark && !History.InlineWords().isMark)
    }

    /// A light slot, region and words, is 64 bytes (a heavy one is marked in its words).
    @Test func slotIsSixtyFourBytes() {
        #expect(MemoryLayout<History.InlineWords>.size == 48)
        #expect(MemoryLayout<History.UndoRing.Slot>.stride == 64)
        #expect(History.UndoRing.Slot.heavy.isHeavy && !History.UndoRing.Slot.blank.isHeavy)
    }

    /// Copies of a ring share their slots until one of them writes: each then keeps its own
    /// entries (the history is a value).
    @Test func copiesOfARingAreIndependent() {
        var ring = History.UndoRing(capacity: 4)
        for n in 0..<3 { push(&ring, n) }
        ring.push(entry(3, light: false))
        var copy = ring
        push(&copy, 4)
        _ = ring.pop()
        push(&ring, 5)
        var texts: [String] = [], copyTexts: [String] = []
        while let entry = ring.pop() { texts.append(entry.text) }
        while let entry = copy.pop() { copyTexts.append(entry.text) }
        #expect(texts == ["step 5", "step 2", "step 1", "step 0"])
        #expect(copyTexts == ["step 4", "step 3", "step 2", "step 1"])
    }
}
