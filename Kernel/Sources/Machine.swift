import KernelSupport
import MemorySetCore
import MMUSim

/// The access being made by ``access(_:_:)``, for the trap handler.
struct Probe {
    var active = false
    var address: UInt64 = 0
    var access = Access.read
}

nonisolated(unsafe) var probe = Probe()

/// Makes one real access to `addr` from S-mode: a byte load (`read`), a load and a store of
/// the same byte (`write`), or a jump (`execute`; the zeroed page's first instruction is
/// illegal, and that trap means the fetch succeeded). `true` when it completed, `false` when
/// it page-faulted. Addresses outside the playground are not accessed (the kernel's own
/// memory is not the session's): `false`.
func access(_ addr: UInt64, _ kind: Access) -> Bool {
    guard Mirror.playground.contains(VirtAddr(addr)) else { return false }
    probe = Probe(active: true, address: addr, access: kind)
    let failed: Int32
    switch kind {
    case .read: failed = touch_read(addr)
    case .write: failed = touch_write(addr)
    case .execute: failed = touch_execute(addr)
    }
    probe = Probe()
    return failed == 0
}

/// The trap handler (called by start.S with the saved registers). A page fault ends the probe
/// being made (the Shell asks the simulator what it was, and retries after a resolved one);
/// anything else stops the machine with the cause.
@_cdecl("kernel_trap")
func kernelTrap(_ frame: UnsafeMutablePointer<TrapFrame>) {
    let cause = csr_scause()
    let tval = csr_stval()
    let pc = frame.pointee.x.0
    guard probe.active else { halt("unexpected trap: scause " + hex(cause) + ", sepc " + hex(pc) + ", stval " + hex(tval)) }
    switch cause {
    case 2 where probe.access == .execute && pc == probe.address & ~1:
        // The jump reached the page: its first instruction (zeros) is illegal. Done.
        frame.pointee.x.0 = resumeAddress(touch_completed)
    case 12, 13, 15:
        frame.pointee.x.0 = resumeAddress(touch_failed)
    default:
        halt("unexpected trap in a probe: scause " + hex(cause) + ", sepc " + hex(pc) + ", stval " + hex(tval))
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
