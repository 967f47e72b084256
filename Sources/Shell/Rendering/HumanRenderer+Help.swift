extension HumanRenderer {
    /// `usage` on lines of at most 80 columns, broken before an option group (` [`) and
    /// continued under the first word after `usage: `.
    /// - Complexity: O(length of `usage`)
    static func wrapUsage(_ usage: String) -> String {
        let indent = "       "
        var out = ""
        var rest = Substring(usage)
        while rest.count > 80 {
            let head = rest.prefix(80)
            // A cut inside the indent would give back the same line (a group longer than
            // the line): then the line stays long.
            guard let cut = lastOptionGroup(in: head), rest.distance(from: rest.startIndex, to: cut) > indent.count
            else { break }
            out += rest[..<cut] + "\n"
            rest = indent + rest[rest.index(after: cut)...]
        }
        return out + rest + "\n"
    }

    /// The index of the last ` [` in `text` (where an option group starts), if any.
    /// - Complexity: O(length of `text`)
    static func lastOptionGroup(in text: Substring) -> String.Index? {
        var found: String.Index? = nil
        var i = text.startIndex
        while i < text.endIndex {
            let next = text.index(after: i)
            if text[i] == " ", next < text.endIndex, text[next] == "[" { found = i }
            i = next
        }
        return found
    }

    /// The text of `help` (every command with its summary, then the syntax) or `help CMD`
    /// (usage, details, example); also the `text` of `help` in JSON.
    /// - Complexity: O(length of the text)
    static func helpText(_ topic: String?) -> String {
        if let topic, let info = CommandCatalog.info(topic) {
            var out = wrapUsage("usage: " + info.usage) + "  \(info.summary)\n"
            for line in info.details { out += "  \(line)\n" }
            out += "example: \(info.example)\n"
            return out
        }
        let width = CommandCatalog.all.map { $0.name.count }.max() ?? 8
        var out = "commands (`help COMMAND` for its syntax and an example):\n"
        for info in CommandCatalog.all {
            out += "  " + info.name + String(repeating: " ", count: width - info.name.count + 2) + info.summary + "\n"
        }
        out += """
        numbers: 0x1f000, 4096, 0b1010; _ between digits; suffixes K M G T (4K = 4096).
        END may be +SIZE. FLAGS: r w x u in any order, '-' as placeholder: rw, r-x, -.
        `;` separates commands, `#` starts a comment, keywords are case-insensitive.
        table: CHANGE shows each changed area's before → after, RSS its resident size
        (mmu backend), `total:` the whole set; columns drop to fit the width (COLUMNS).
        bar: r read-only, w writable, x executable, ! writable+executable, o no access
        (uppercase: user), . free, ~~~ an elided gap, : a boundary between touching areas
        drawn alike; ^ under the bar marks the command's range, its START and END labelled.
        `set show before-after` draws the bar before and after each change.

        """
        return out
    }
}
