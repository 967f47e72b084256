/// The free frames of a ``PageTableStorage``: a persistent stack (a linked
/// list of immutable nodes), reused last-in first-out.
///
/// Copying is O(1), and pushing or popping never copies anything, even when
/// the stack is shared with a copy: a pop only moves this stack's top.
struct FrameStack {
    /// An immutable node, shared by every stack whose tail it is.
    final class Node {
        let frame: Int
        let next: Node?

        init(frame: Int, next: Node?) {
            self.frame = frame
            self.next = next
        }
    }

    private var top: Node?
    /// Frames on the stack.
    private(set) var count = 0

    init() {}

    /// Puts `frame` on top.
    /// - Complexity: O(1)
    mutating func push(_ frame: Int) {
        top = Node(frame: frame, next: top)
        count += 1
    }

    /// Removes and returns the top frame, or `nil` when empty.
    /// - Complexity: O(1)
    mutating func pop() -> Int? {
        guard let node = top else { return nil }
        top = node.next
        count -= 1
        return node.frame
    }
}

extension FrameStack: Sequence {
    struct Iterator: IteratorProtocol {
        fileprivate var node: Node?
        mutating func next() -> Int? {
            guard let current = node else { return nil }
            node = current.next
            return current.frame
        }
    }

    /// The frames from the top (the next one allocated) down.
    func makeIterator() -> Iterator { Iterator(node: top) }

    var underestimatedCount: Int { count }
}

extension FrameStack: Equatable {
    /// Same frames in the same order; a shared tail compares in O(1).
    /// - Complexity: O(nodes before the shared tail).
    static func == (lhs: FrameStack, rhs: FrameStack) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var a = lhs.top, b = rhs.top
        while let x = a, let y = b, x !== y {
            guard x.frame == y.frame else { return false }
            a = x.next
            b = y.next
        }
        return true
    }
}
