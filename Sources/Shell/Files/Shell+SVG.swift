import MemorySetCore

extension Shell {
    /// `export svg [FILE] [--width PX]`: the view window as an SVG picture
    /// (``SVGDocument``), written atomically to FILE (like `save`), or returned to be printed.
    /// - Throws: `InvalidParam` when PX is outside ``SVGDocument/widths``; `BadState` when
    ///   FILE cannot be written (a directory, a FIFO or device, a missing directory…);
    ///   `Interrupted` when ``cancellation`` says stop (nothing written).
    /// - Complexity: O(log n + k) for k areas in the view window, plus O(PX × log n) when
    ///   the bar samples.
    func exportSVG(to file: String?, width: UInt64?) throws(ShellError) -> CommandResult {
        let widths = SVGDocument.widths
        let px = width ?? UInt64(SVGDocument.defaultWidth)
        guard px >= UInt64(widths.lowerBound), px <= UInt64(widths.upperBound) else {
            throw .invalid("export svg: --width \(px) is out of range: expected \(widths.lowerBound) to \(widths.upperBound) pixels")
        }
        let picture = try SVGDocument.render(session.state, window: session.window, width: Int(px),
                                             cancellation: session.cancellation)
        let target = file.map(resolve)
        if let target { try writeFile(picture.text, to: target, word: "export") }
        return .exportSVG(file: target, picture: picture)
    }
}
