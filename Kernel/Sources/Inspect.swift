import MemorySetCore
import MMUSim

/// `pt ADDR`: the walk of the real Sv39 table, in the simulator's words (levels L3 = root,
/// L2, L1).
func walk(_ addr: UInt64) {
    let m = machine!
    var steps: [WalkStep] = []
    var table = m.table.root
    var physical: UInt64? = nil
    var level = 2
    while level >= 0 {
        let index = Sv39Table.index(addr, level: level)
        let entry = Physical.page(table)[index]
        let present = entry & Sv39Table.valid != 0
        let leaf = present && Sv39Table.isLeaf(entry)
        let pageSize: UInt64 = 1 << (12 &+ 9 &* UInt64(level))
        steps.append(WalkStep(
            level: level &+ 1, index: index, tableAddress: table, rawEntry: entry, present: present, isLeaf: leaf,
            physicalAddress: present ? Sv39Table.physical(entry) : nil, pageSize: leaf ? pageSize : nil,
            flags: leaf ? Sv39Table.flags(entry) : nil, allocated: leaf && level == 0))
        guard present else { break }
        if leaf {
            physical = Sv39Table.physical(entry) | (addr & (pageSize &- 1))
            break
        }
        table = Sv39Table.physical(entry)
        level &-= 1
    }
    print("walk " + hex(addr) + ": " + (physical.map { "pa " + hex($0) } ?? "not mapped"))
    for step in steps { print("  " + step.description) }
}

/// `verify`: the problems found between the areas and the real table (empty when none):
/// every mapped page of the playground lies in an area with the area's flags; every
/// page of a populated area is mapped; the frames in use are the table pages plus the mapped
/// pages.
func verify() -> [String] {
    var m = machine!
    var problems: [String] = []
    var leaves = 0
    var tables = 0
    // Walk the playground's part of the tree (root entries 0 and 1).
    let root = Physical.page(m.table.root)
    for i in 0..<2 where root[i] & Sv39Table.valid != 0 {
        tables &+= 1
        let l2 = Physical.page(Sv39Table.physical(root[i]))
        for j in 0..<512 where l2[j] & Sv39Table.valid != 0 {
            tables &+= 1
            let l1 = Physical.page(Sv39Table.physical(l2[j]))
            for k in 0..<512 where l1[k] & Sv39Table.valid != 0 {
                leaves &+= 1
                let va = UInt64(i) << 30 | UInt64(j) << 21 | UInt64(k) << 12
                let flags = Sv39Table.flags(l1[k])
                if let area = m.set.find(VirtAddr(va)) {
                    if area.flags != flags {
                        problems.append(hex(va) + ": mapped " + letters(flags) + " in area " + describe(area.range, area.flags))
                    }
                } else {
                    problems.append(hex(va) + ": mapped (" + letters(flags) + ") outside every area")
                }
            }
        }
    }
    for area in m.set where area.backend == .alloc(populate: true) {
        var va = area.start.rawValue
        while va < area.end.rawValue {
            if let slot = m.table.entry(va, create: false), slot.pointee & Sv39Table.valid != 0 {} else {
                problems.append(hex(va) + ": not mapped in populated area " + describe(area.range, area.flags))
            }
            va &+= 4096
        }
    }
    if tables != m.table.tablePages || leaves != m.table.mappedPages {
        problems.append("counts: " + String(tables) + " table pages and " + String(leaves) + " pages found, "
            + String(m.table.tablePages) + " and " + String(m.table.mappedPages) + " recorded")
    }
    if m.table.frames.used != tables &+ leaves &+ 1 {
        problems.append("frames: " + String(m.table.frames.used) + " in use, " + String(tables &+ leaves &+ 1)
            + " reachable (root, tables, pages)")
    }
    return problems
}
