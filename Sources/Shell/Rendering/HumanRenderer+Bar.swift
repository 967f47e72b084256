import MemorySetCore
import MMUSim

/// The state after a command: the area table, then the bar of the view window, with the
/// command's range marked; with ``HumanRenderer/beforeAfter``, the bars before and after.
/// ```
/// > unmap 0x2000 0x3000                   (set show after)
///   START   END ...                       table
/// |....www....www.....~~~|                bar after
///         ^^^^                            the range of the command
/// 0x0 0x1000 0x2000 0x3000  0x8000...     axis: START and END first
/// legend: ...
/// ```
extension HumanRenderer {
    /// The range `command` acted on, as the bar marks it: the range of map, unmap and
    /// protect, the page of touch, the address of find, the range free found.
    /// - Complexity: O(1)
    static func target(of command: Command, _ result: CommandResult) -> AddressBar.Target? {
        switch command {
        case .map(let range, _, _, _, _), .unmap(let range), .protect(let range, _):
            guard let end = range.end.resolve(from: range.start), range.start < end else { return nil }
            return AddressBar.Target(first: range.start, last: end - 1)
        case .find(let address):
            return AddressBar.Target(point: address)
        case .touch(let address, _, _):
            let page = address & ~(Settings.mmuPageSize - 1)
            return AddressBar.Target(first: page, last: page + (Settings.mmuPageSize - 1))
        case .free:
            guard case let .free(size, address?) = result, size > 0 else { return nil }
            let (last, overflow) = address.rawValue.addingReportingOverflow(size - 1)
            return AddressBar.Target(first: address.rawValue, last: overflow ? UInt64.max : last)
        default:
            return nil
        }
    }

    /// The area table (marking `changes`) and the bar of the view window, the bar before
    /// the command too when `before` is given and ``beforeAfter`` is on.
    func writeState(_ session: borrowing Session, changes: some RandomAccessCollection<Change>, target: AddressBar.Target? = nil,
                    before: AreaSet? = nil, to text: inout TextBuffer) {
        let state = session.state
        AreaTable.write(state, changes: changes, anchor: session.window.start, width: width, ansi: ansi, to: &text)
        writeBar(session, target: target, before: before, to: &text)
    }

    /// The bar of the view window with `target` marked (before and after when `before` is
    /// given and ``beforeAfter`` is on), its axis and its legend (areas of one label grouped).
    /// - Complexity: see ``AddressBar/write(_:window:width:ansi:target:group:to:)``.
    func writeBar(_ session: borrowing Session, target: AddressBar.Target?, before: AreaSet?, to text: inout TextBuffer) {
        if beforeAfter, let before {
            return AddressBar.writeBeforeAfter(before: before, after: session.state.set, window: session.window,
                                               width: width, ansi: ansi, target: target, to: &text)
        }
        AddressBar.write(session.state.set, window: session.window, width: width, ansi: ansi, target: target,
                         group: Self.labelGroup, to: &text)
    }

    /// The group of an area in the bar: its label, if any.
    static func labelGroup(_ area: Area) -> UInt32? {
        area.backend.label == .none ? nil : area.backend.label.raw
    }

    /// The bar of the view window, its axis and its legend (areas of one label grouped).
    /// - Complexity: see ``AddressBar/write(_:window:width:ansi:target:group:to:)``.
    func bar(_ session: borrowing Session) -> String {
        AddressBar.render(session.state.set, window: session.window, width: width, ansi: ansi, group: Self.labelGroup)
    }
}
