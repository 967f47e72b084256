/// The index of a label in a ``LabelTable``; 0 is "no label".
struct LabelID: Hashable, Sendable {
    var raw: UInt32
    /// No label.
    static let none = LabelID(raw: 0)
}

/// The labels of a session's areas, interned: each distinct text gets one ``LabelID``.
/// Append-only: an id stays valid in every later state derived from this one, so the areas
/// of a change report (before and after a command) can always be named.
struct LabelTable: Sendable {
    private var names: [String] = [""]
    private var ids: [String: UInt32] = [:]

    /// The id of `name`, added if new.
    /// - Complexity: O(length of `name`) amortized
    mutating func intern(_ name: String) -> LabelID {
        if let id = ids[name] { return LabelID(raw: id) }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return LabelID(raw: id)
    }

    /// The text of `id`; `nil` for ``LabelID/none`` (or an id this table never made).
    /// - Complexity: O(1)
    subscript(id: LabelID) -> String? {
        id.raw == 0 || Int(id.raw) >= names.count ? nil : names[Int(id.raw)]
    }

    /// The number of distinct labels.
    var count: Int { names.count - 1 }
}
