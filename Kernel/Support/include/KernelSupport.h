// The C side of the memory-set kernel: console, CSRs, SBI, and the access probes of
// start.S. Everything else is Swift (Kernel/Sources).
#ifndef KERNEL_SUPPORT_H
#define KERNEL_SUPPORT_H

#include <stdint.h>

// Console (16550 UART).
/// Writes one byte (a "\n" is sent as "\r\n").
int putchar(int c);
/// Waits for one byte of input and returns it.
int console_getc(void);
/// Moves the UART to its virtual address once paging is on.
void console_use_base(uint64_t base);

// CSRs.
uint64_t csr_scause(void);
uint64_t csr_stval(void);
uint64_t csr_time(void);
/// Writes satp (mode | ASID | root PPN) and flushes the TLB.
void csr_set_satp(uint64_t satp);
/// Lets S-mode loads and stores reach pages marked U (sstatus.SUM).
void csr_allow_user_memory(void);
/// Flushes every TLB entry.
void sfence_vma_all(void);

// SBI.
/// Powers the machine off (SBI system reset, then the legacy call).
void sbi_shutdown(void) __attribute__((noreturn));

// Memory layout (Kernel/kernel.ld).
/// The end of the kernel image, stack and heap.
uint64_t layout_kernel_end(void);
/// The frames of the playground: [0x8400_0000, end of RAM).
uint64_t layout_frames_start(void);
uint64_t layout_frames_end(void);

// Access probes (start.S): 0 when the access completed, 1 when the handler gave up.
int touch_read(uint64_t addr);
int touch_write(uint64_t addr);
int touch_execute(uint64_t addr);
/// Where the trap handler resumes a probe: completed (0) or failed (1).
void touch_completed(void);
void touch_failed(void);

/// The registers saved by the trap entry: x[0] holds sepc, x[i] register i.
typedef struct {
    uint64_t x[32];
} TrapFrame;

#endif
