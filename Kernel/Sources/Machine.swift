import KernelSupport
import MemorySetCore
import MMUSim

/// The state of the machine: the areas and the real page table their backends write.
struct Machine {
    var set = MemorySet<Sv39Backend>()
    var table: Sv39Table
}

/// The one machine (the kernel runs on one hart, with interrupts off).
nonisolated(unsafe) var machine: Machine? = nil

/// The access being made by ``touch(_:_:)``, for the trap handler.
struct Probe {
    var active = false
    var address: UInt64 = 0
    var access = Access.read
    /// The frame a page fault allocated (then the access was retried).
    var allocated: (frame: UInt64, flags: MappingFlags)? = nil
    /// Why the access failed, when the handler gave up on it.
    var failure: TouchOutcome? = nil
}

nonisolated(unsafe) var probe = Probe()

/// Makes one real access to `addr` and reports it in the simulator's words.
func touch(_ addr: UInt64, _ access: Access) -> TouchOutcome {
    probe = Probe(active: true, address: addr, access: access)
    let failed: Int32
    switch access {
    case .read: failed = touch_read(addr)
    case .write: failed = touch_write(addr)
    case .execute: failed = touch_execute(addr)
    }
    let result = probe
    probe = Probe()
    if failed != 0, let failure = result.failure { return failure }
    let va = VirtAddr(addr)
    guard var state = machine, let slot = state.table.entry(addr, create: false) else {
        return .noArea(address: va)
    }
    let entry = slot.pointee
    let physical = Sv39Table.physical(entry) | (addr & 0xfff)
    if let (frame, flags) = result.allocated {
        return .faultResolved(address: va, physical: physical, frame: frame, flags: flags)
    }
    return .hit(address: va, physical: physical, flags: Sv39Table.flags(entry))
}

/// The trap handler (called by start.S with the saved registers). Page faults of a probe are
/// resolved (a lazy `alloc` area gets a frame, and the access is retried) or end the probe;
/// anything else stops the machine with the cause.
@_cdecl("kernel_trap")
func kernelTrap(_ frame: UnsafeMutablePointer<TrapFrame>) {
    let cause = csr_scause()
    let tval = csr_stval()
    let pc = frame.pointee.x.0
    guard probe.active else { halt("unexpected trap: scause " + hex(cause) + ", sepc " + hex(pc) + ", stval " + hex(tval)) }
    let address = probe.address
    let va = VirtAddr(address)
    switch cause {
    case 2 where probe.access == .execute && pc == address & ~1:
        // The jump reached the page: its first instruction (zeros) is illegal. Done.
        frame.pointee.x.0 = resumeAddress(touch_completed)
        return
    case 12, 13, 15:
        break
    default:
        halt("unexpected trap in a probe: scause " + hex(cause) + ", sepc " + hex(pc) + ", stval " + hex(tval))
    }
    let needed = probe.access.requiredFlag
    let outcome: TouchOutcome?
    if var state = machine, let slot = state.table.entry(address, create: false), slot.pointee & Sv39Table.valid != 0 {
        // Mapped, so the page's flags refused the access. (An S-mode fetch from a page with
        // `u` faults too: then nothing is missing from its flags.)
        let flags = Sv39Table.flags(slot.pointee)
        outcome = .protectionFault(address: va, access: probe.access, flags: flags, missing: needed.subtracting(flags))
    } else if let area = machine?.set.find(va) {
        if !area.flags.contains(needed) {
            outcome = .protectionFault(address: va, access: probe.access, flags: area.flags,
                                       missing: needed.subtracting(area.flags))
        } else if let frame = machine!.table.mapPage(address & ~0xfff, flags: area.flags) {
            probe.allocated = (frame, area.flags)
            outcome = nil  // retry the access
        } else {
            outcome = .outOfFrames(address: va)
        }
    } else {
        outcome = .noArea(address: va)
    }
    if let outcome {
        probe.failure = outcome
        frame.pointee.x.0 = resumeAddress(touch_failed)
    }
}

func resumeAddress(_ function: @convention(c) () -> Void) -> UInt64 {
    UInt64(UInt(bitPattern: unsafeBitCast(function, to: UnsafeRawPointer.self)))
}

/// Prints `message` and powers off.
func halt(_ message: String) -> Never {
    print("kernel: " + message)
    sbi_shutdown()
}
