/*
 * Start-up, trap entry and the access probes of the memory-set kernel (RISC-V S-mode,
 * started by OpenSBI at 0x80200000 with a0 = hart id, a1 = device tree).
 */
    .section .text.start
    .globl _start
_start:
    /* One hart runs the kernel; the others (if any) park. */
    bnez a0, park
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    /* Zero .bss. */
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  la t0, trap_entry
    csrw stvec, t0
    /* The FPU on (sstatus.FS = Initial), for the double routines of float.c. */
    li t0, 1 << 13
    csrs sstatus, t0
    call kernel_main
park:
    wfi
    j park

/*
 * Trap entry: saves every register in a frame on the stack (frame[0] = sepc, frame[i] = x_i),
 * calls kernel_trap(frame), and returns to frame[0] (which the handler may change).
 */
    .text
    .align 4
    .globl trap_entry
trap_entry:
    addi sp, sp, -256
    sd x1, 8(sp)
    sd x3, 24(sp)
    sd x4, 32(sp)
    sd x5, 40(sp)
    sd x6, 48(sp)
    sd x7, 56(sp)
    sd x8, 64(sp)
    sd x9, 72(sp)
    sd x10, 80(sp)
    sd x11, 88(sp)
    sd x12, 96(sp)
    sd x13, 104(sp)
    sd x14, 112(sp)
    sd x15, 120(sp)
    sd x16, 128(sp)
    sd x17, 136(sp)
    sd x18, 144(sp)
    sd x19, 152(sp)
    sd x20, 160(sp)
    sd x21, 168(sp)
    sd x22, 176(sp)
    sd x23, 184(sp)
    sd x24, 192(sp)
    sd x25, 200(sp)
    sd x26, 208(sp)
    sd x27, 216(sp)
    sd x28, 224(sp)
    sd x29, 232(sp)
    sd x30, 240(sp)
    sd x31, 248(sp)
    addi t0, sp, 256
    sd t0, 16(sp)
    csrr t0, sepc
    sd t0, 0(sp)
    mv a0, sp
    call kernel_trap
    ld t0, 0(sp)
    csrw sepc, t0
    ld x1, 8(sp)
    ld x3, 24(sp)
    ld x4, 32(sp)
    ld x5, 40(sp)
    ld x6, 48(sp)
    ld x7, 56(sp)
    ld x8, 64(sp)
    ld x9, 72(sp)
    ld x10, 80(sp)
    ld x11, 88(sp)
    ld x12, 96(sp)
    ld x13, 104(sp)
    ld x14, 112(sp)
    ld x15, 120(sp)
    ld x16, 128(sp)
    ld x17, 136(sp)
    ld x18, 144(sp)
    ld x19, 152(sp)
    ld x20, 160(sp)
    ld x21, 168(sp)
    ld x22, 176(sp)
    ld x23, 184(sp)
    ld x24, 192(sp)
    ld x25, 200(sp)
    ld x26, 208(sp)
    ld x27, 216(sp)
    ld x28, 224(sp)
    ld x29, 232(sp)
    ld x30, 240(sp)
    ld x31, 248(sp)
    addi sp, sp, 256
    sret

/*
 * Access probes: one real access to the address in a0; return 0 when it completed, 1 when the
 * trap handler gave up on it (it then resumes at touch_failed, with ra still the caller's).
 * A write loads the byte and stores it back (the page's data stays as it was). An execute
 * jumps to the address: the frames of the playground hold zeros, an illegal instruction, so
 * the first instruction fetched traps and the handler resumes at touch_completed.
 */
    .globl touch_read
touch_read:
    lb t0, 0(a0)
    li a0, 0
    ret

    .globl touch_write
touch_write:
    lb t0, 0(a0)
    sb t0, 0(a0)
    li a0, 0
    ret

    .globl touch_execute
touch_execute:
    jr a0

    .globl touch_completed
touch_completed:
    li a0, 0
    ret

    .globl touch_failed
touch_failed:
    li a0, 1
    ret
