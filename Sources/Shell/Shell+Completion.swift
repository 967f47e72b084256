import MemorySetCore

extension Shell {
    /// Tab-completion candidates for the word being typed at the end of
    /// `textBeforeCursor`: command words at the start of a command (after `;` too), then
    /// that command's options (`--force`…), keywords (`set` keys, `all`, `dump`,
    /// `none`/`mmu`, `r`/`w`/`x`) and common flags. Whole words, sorted, matching the
    /// typed prefix case-insensitively.
    /// - Complexity: O(length of the text + number of candidates)
    public func completions(for textBeforeCursor: String) -> [String] {
        let commandText = textBeforeCursor.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        if commandText.contains("#") { return [] }
        let endsWithBlank = commandText.last.map { $0 == " " || $0 == "\t" } ?? true
        var words = commandText.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let prefix = endsWithBlank ? "" : (words.popLast() ?? "")
        let lowerPrefix = prefix.lowercased()
        var candidates: [String]
        if words.isEmpty {
            candidates = CommandCatalog.all.map { $0.name }
        } else {
            let word = words[0].lowercased()
            guard let info = CommandCatalog.info(word) else { return [] }
            candidates = info.options
            let positionals = words.dropFirst().filter { !$0.hasPrefix("--") }
            switch word {
            case "set":
                if positionals.isEmpty { candidates += info.keywords }
                else if positionals.count == 1, positionals[0].lowercased() == "backend" { candidates += ["none", "mmu"] }
            case "view", "pt":
                if positionals.isEmpty { candidates += info.keywords }
            case "export":
                // The format first; `--width` belongs to `export svg` only.
                if positionals.isEmpty { candidates = info.keywords }
                else if positionals[0].lowercased() != "svg" { candidates = [] }
            case "load":
                if positionals.isEmpty { candidates += info.keywords }
                else if positionals.count == 1, positionals[0].lowercased() == "pid" { candidates += ["self"] }
            case "touch":
                if positionals.count == 1 { candidates += info.keywords }
            case "help":
                if positionals.isEmpty { candidates += CommandCatalog.all.map { $0.name } }
            case "map", "protect":
                if positionals.count == 2 { candidates += ["r", "rw", "rx", "rwx", "rwu", "rxu", "-"] }
            default:
                break
            }
            if !lowerPrefix.hasPrefix("-") || lowerPrefix.hasPrefix("--") {
                candidates = candidates.filter { !$0.hasPrefix("--") || !words.contains($0) }
            }
        }
        return candidates.filter { $0.lowercased().hasPrefix(lowerPrefix) }.sorted()
    }
}
