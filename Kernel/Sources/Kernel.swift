import KernelSupport
import MemorySetCore
import MMUSim
import Shell

/// The real table and the simulated frames (the kernel runs on one hart, interrupts off).
nonisolated(unsafe) var mirror: Mirror? = nil

/// Entered from start.S on the boot hart, in S-mode with paging off: builds the Sv39 table
/// (the kernel's own mappings), turns paging on, and runs the Shell on the console, its page
/// table followed by the real one (``Mirror``) and its `touch` made for real (``access(_:_:)``).
@_cdecl("kernel_main")
func kernelMain() -> Never {
    // [frames start, + 8192 frames): the simulator's frames; the rest: the real tables.
    let simulatedBase = layout_frames_start()
    let tablesStart = simulatedBase &+ UInt64(Mirror.simulatedFrames) << 12
    let table = Sv39Table(frames: FramePool(start: tablesStart, end: layout_frames_end()))
    csr_set_satp(table.satp)
    console_use_base(Sv39Table.deviceBase + 0x1000_0000)
    mirror = Mirror(table: table, simulatedBase: simulatedBase)
    let machine = ShellMachine(
        space: Mirror.playground, frames: Mirror.simulatedFrames,
        sync: { mirror!.sync($0) },
        access: { access($0.rawValue, $1) },
        verify: { mirror!.verify($0) },
        paging: "Sv39", walk: { mirror!.table.walk($0.rawValue) })
    let shell = Shell(options: ShellOptions(interactive: true), machine: machine)
    print("memory-set kernel: Sv39 paging on (satp " + hex(table.satp) + "); simulated frames at "
        + hex(simulatedBase) + ", " + String(Mirror.simulatedFrames) + " of 4 KiB")
    print("playground " + hex(Mirror.playground.start) + "-" + hex(Mirror.playground.end)
        + "; type `help` for the commands")
    var console = Console()
    var number = 0
    while true {
        let line = console.readLine(prompt: shell.prompt)
        number += 1
        let out = shell.execute(line: line, at: SourceLocation(file: "<console>", line: number))
        print(out.stdout, terminator: "")
        print(out.stderr, terminator: "")
        if out.shouldExit { break }
    }
    sbi_shutdown()
}
