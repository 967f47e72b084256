/// Counts of a ``PageTable``: frames, table pages and mapped pages.
public struct PageTableStats: Sendable, Hashable {
    /// Physical frames of 4 KiB in total.
    public var frameCount: Int
    /// Frames allocated: table pages plus frames of allocated pages.
    public var usedFrames: Int
    /// Frames still free (`frameCount - usedFrames`).
    public var freeFrames: Int
    /// Table pages, the root included.
    public var tablePages: Int
    /// Frames backing pages of `alloc` areas.
    public var dataFrames: Int
    /// Mapped 4 KiB pages (a 2 MiB page counts 512, a 1 GiB page 262144).
    public var mappedPages: Int
    /// Leaf entries mapping 4 KiB pages.
    public var pages4K: Int
    /// Leaf entries mapping 2 MiB pages.
    public var pages2M: Int
    /// Leaf entries mapping 1 GiB pages.
    public var pages1G: Int

    /// Creates a stats record.
    /// - Complexity: O(1)
    public init(frameCount: Int, usedFrames: Int, freeFrames: Int, tablePages: Int, dataFrames: Int,
                mappedPages: Int, pages4K: Int, pages2M: Int, pages1G: Int) {
        self.frameCount = frameCount
        self.usedFrames = usedFrames
        self.freeFrames = freeFrames
        self.tablePages = tablePages
        self.dataFrames = dataFrames
        self.mappedPages = mappedPages
        self.pages4K = pages4K
        self.pages2M = pages2M
        self.pages1G = pages1G
    }
}

extension PageTableStats: CustomStringConvertible {
    /// Several lines, e.g.
    /// ```
    /// frames: 6 used, 262138 free (262144 total)
    /// table pages: 4
    /// data frames: 2
    /// mapped pages: 514 (4 KiB: 2, 2 MiB: 1, 1 GiB: 0)
    /// ```
    /// - Complexity: O(1)
    public var description: String {
        """
        frames: \(usedFrames) used, \(freeFrames) free (\(frameCount) total)
        table pages: \(tablePages)
        data frames: \(dataFrames)
        mapped pages: \(mappedPages) (4 KiB: \(pages4K), 2 MiB: \(pages2M), 1 GiB: \(pages1G))
        """
    }
}
