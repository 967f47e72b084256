import Testing
@testable import Shell

@Test func mapUnmapSplitsAnArea() {
    let shell = makeShell()
    let out = run(shell, "map 0x1000 0x4000 rw; unmap 0x2000 0x3000")
    #expect(out.failures == 0)
    #expect(out.commands == 2)
    #expect(areas(shell) == ["[0x1000, 0x2000) rw--", "[0x3000, 0x4000) rw--"])
    #expect(out.stdout.contains("split"))
}
