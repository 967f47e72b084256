import MemorySetCore

/// ANSI color helpers; every function returns `text` unchanged when `enabled` is false.
struct ANSI {
    var enabled: Bool

    func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1b}[\(code)m\(text)\u{1b}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func red(_ text: String) -> String { paint(text, "31") }

    /// The color of a change word.
    func change(_ text: String, _ kind: AreaChangeKind?) -> String {
        switch kind {
        case .added: paint(text, "32")
        case .removed: paint(text, "31")
        case .split, .shrinkLeft, .shrinkRight: paint(text, "33")
        case .protected: paint(text, "36")
        case nil: text
        }
    }
}
