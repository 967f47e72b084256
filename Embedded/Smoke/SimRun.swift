import MemorySetCore
import MMUSim

/// MMUSim: the simulator's backends, page table and touch on a small set.
struct SimRun {
    var set = MemorySet<SimBackend>()
    var table = PageTable(frameCount: 64)

    mutating func map(_ start: UInt64, _ end: UInt64, _ flags: MappingFlags, _ backend: SimBackend) {
        let area = MemoryArea(start: VirtAddr(start), end: VirtAddr(end), flags: flags, backend: backend)
        do {
            let changes = try set.map(area, in: &table)
            print("sim map [" + hex(start) + ", " + hex(end) + "): " + String(changes.count) + " change")
        } catch {
            print("sim map [" + hex(start) + ", " + hex(end) + "): error " + describe(error))
        }
    }

    mutating func touch(_ addr: UInt64, _ access: Access) {
        let outcome = table.touch(VirtAddr(addr), access: access, areas: set)
        print("touch " + hex(addr) + " " + access.rawValue + ": " + outcome.description)
    }

    func walk(_ addr: UInt64) {
        print("walk " + hex(addr) + ": " + (table.translate(VirtAddr(addr)).map { hex($0) } ?? "not mapped"))
        for step in table.walk(VirtAddr(addr)) { print("  " + step.description) }
    }

    func verify() {
        let problems = table.verify(set)
        print("verify: " + (problems.isEmpty ? "ok" : String(problems.count) + " problems"))
        for problem in problems { print("  " + problem) }
    }

    mutating func all() {
        map(0x10000, 0x14000, [.read, .write], .alloc(populate: false))
        map(0x20000, 0x22000, [.read], .alloc(populate: true))
        map(0x200000, 0x400000, [.read, .execute], .linear(start: 0x200000, physicalStart: 0x80200000))
        map(0x21000, 0x23000, [.read], .none)
        touch(0x10008, .write)
        touch(0x10010, .read)
        touch(0x20000, .write)
        touch(0x30000, .read)
        touch(0x200000, .execute)
        touch(0x13000, .execute)
        walk(0x10008)
        walk(0x30000)
        verify()
        do {
            _ = try set.unmap(start: 0x11000, size: 0x1000, in: &table)
            _ = try set.protect(start: 0x20000, size: 0x1000, in: &table) { _ in [.read, .write] }
        } catch {
            print("sim edit: error " + describe(error))
        }
        touch(0x20000, .write)
        verify()
        let stats = table.stats
        print("stats: " + String(stats.tablePages) + " table pages, " + String(stats.dataFrames) + " data frames")
    }
}
