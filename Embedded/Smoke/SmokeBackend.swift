import MemorySetCore

/// A page table for the smoke program: the mapped pages, one entry per 4 KiB
/// page, kept in address order. Small and plain (an array), so the program
/// needs nothing the Embedded standard library lacks.
struct SmokeTable {
    struct Entry {
        var page: UInt64
        var flags: MappingFlags
    }

    var entries: [Entry] = []
    /// Backend calls made so far (each successful map, unmap or protect).
    var calls = 0

    /// The position of the first entry at or above `page`.
    func lowerBound(_ page: UInt64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low &+ high) / 2
            if entries[mid].page < page { low = mid &+ 1 } else { high = mid }
        }
        return low
    }
}

/// A backend that writes every page of an area into a ``SmokeTable``, or
/// refuses the calls it is told to (leaving the table unchanged, as the
/// ``MappingBackend`` contract asks).
struct SmokeBackend: MappingBackend, Equatable {
    typealias PageTable = SmokeTable

    /// Refuse `map`.
    var failsMap = false
    /// Refuse `unmap`.
    var failsUnmap = false

    static let plain = SmokeBackend()

    func map(start: VirtAddr, size: UInt64, flags: MappingFlags, in table: inout SmokeTable) -> Bool {
        guard !failsMap else { return false }
        let first = start.rawValue >> 12
        let last = (start.rawValue &+ size) >> 12
        var i = table.lowerBound(first)
        if i < table.entries.count && table.entries[i].page < last { return false }  // already mapped
        var page = first
        while page < last {
            table.entries.insert(SmokeTable.Entry(page: page, flags: flags), at: i)
            i &+= 1
            page &+= 1
        }
        table.calls &+= 1
        return true
    }

    func unmap(start: VirtAddr, size: UInt64, in table: inout SmokeTable) -> Bool {
        guard !failsUnmap else { return false }
        let lower = table.lowerBound(start.rawValue >> 12)
        let upper = table.lowerBound((start.rawValue &+ size) >> 12)
        table.entries.removeSubrange(lower..<upper)
        table.calls &+= 1
        return true
    }

    func protect(start: VirtAddr, size: UInt64, newFlags: MappingFlags, in table: inout SmokeTable) -> Bool {
        let lower = table.lowerBound(start.rawValue >> 12)
        let upper = table.lowerBound((start.rawValue &+ size) >> 12)
        for i in lower..<upper { table.entries[i].flags = newFlags }
        table.calls &+= 1
        return true
    }
}
