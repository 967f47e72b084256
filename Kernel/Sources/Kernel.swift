import KernelSupport
import MemorySetCore

/// Entered from start.S on the boot hart, in S-mode with paging off: builds the Sv39 table
/// (the kernel's own mappings), turns paging on, and runs the command loop on the console.
@_cdecl("kernel_main")
func kernelMain() -> Never {
    let pool = FramePool(start: layout_frames_start(), end: layout_frames_end())
    let frames = pool.total
    let table = Sv39Table(frames: pool)
    csr_set_satp(table.satp)
    console_use_base(Sv39Table.deviceBase + 0x1000_0000)
    csr_allow_user_memory()
    machine = Machine(table: table)
    print("memory-set kernel: Sv39 paging on (satp " + hex(table.satp) + "), " + String(frames) + " frames of 4 KiB")
    print("playground " + hex(Sv39Table.playground.start) + "-" + hex(Sv39Table.playground.end)
        + "; type `help` for the commands")
    var console = Console()
    while true {
        let count = machine!.set.count
        let line = console.readLine(prompt: "memory-set (" + String(count) + " area" + (count == 1 ? "" : "s") + ")> ")
        var stop = false
        for command in splitCommands(line) where !stop {
            stop = run(command)
        }
        if stop { break }
    }
    print("bye")
    sbi_shutdown()
}
