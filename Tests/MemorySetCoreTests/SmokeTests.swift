import Testing
@testable import MemorySetCore

@Test func smoke() throws {
    var set = MemorySet<NullBackend>(_nodeCapacity: 4)
    var pt: Void = ()
    for i in 0..<200 {
        try set.map(MemoryArea(start: VirtAddr(UInt64(i) * 0x2000), end: VirtAddr(UInt64(i) * 0x2000 + 0x1000), flags: .read, backend: NullBackend()), in: &pt)
    }
    #expect(set.count == 200)
    let changes = try set.unmap(start: 0x1000, size: 0x100000, in: &pt)
    #expect(changes.count == 128)
    #expect(set.count == 200 - 128)
    #expect(try set.findFreeArea(hint: 0, size: 0x2000, limit: AddrRange(start: 0, end: 0x8000_0000_0000)) == 0x1000)
}
