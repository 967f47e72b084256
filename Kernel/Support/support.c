// The C runtime of the memory-set kernel: the memory and allocation functions Embedded Swift
// calls, the 16550 UART console, CSR access and the SBI calls. Freestanding (no libc).
#include <stddef.h>
#include <stdint.h>
#include "KernelSupport.h"

// ---- Memory functions -------------------------------------------------------------------

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--) *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--) *--d = *--s;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) return *x < *y ? -1 : 1;
    }
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

// ---- Heap -------------------------------------------------------------------------------
// Power-of-two size classes from 16 bytes to 16 MiB, each block aligned to its size (up to a
// page), so posix_memalign with any alignment up to 4096 is a class at least that large. A page
// is cut into blocks of one class; a block of a page or more starts on a page. pageClass[p]
// records the class of heap page p, so free() needs no header. Freed blocks go back to their
// class's list (no coalescing: the REPL's allocations are small and repetitive).

extern char __heap_start[], __heap_end[];

enum { MIN_CLASS = 4, MAX_CLASS = 24, PAGE_SHIFT = 12, HEAP_PAGES = (16u << 20) >> PAGE_SHIFT };
static void *freeLists[MAX_CLASS + 1];
static unsigned char pageClass[HEAP_PAGES];
static uintptr_t heapNext;  // bump pointer over untouched pages

static void heap_panic(const char *what) {
    for (const char *p = what; *p; p++) putchar(*p);
    sbi_shutdown();
}

static unsigned classFor(size_t n) {
    unsigned k = MIN_CLASS;
    while (((size_t)1 << k) < n) k++;
    return k;
}

static void *takePages(size_t bytes, unsigned k) {
    if (!heapNext) heapNext = (uintptr_t)__heap_start;
    uintptr_t p = heapNext;
    if (bytes > (uintptr_t)__heap_end - p) heap_panic("kernel: out of heap memory\n");
    heapNext = p + bytes;
    pageClass[(p - (uintptr_t)__heap_start) >> PAGE_SHIFT] = (unsigned char)k;
    return (void *)p;
}

void *malloc(size_t n) {
    unsigned k = classFor(n ? n : 1);
    if (k > MAX_CLASS) return NULL;
    if (freeLists[k]) {
        void *p = freeLists[k];
        freeLists[k] = *(void **)p;
        return p;
    }
    if (k >= PAGE_SHIFT) return takePages((size_t)1 << k, k);
    // Cut a fresh page into blocks of this class.
    char *page = takePages((size_t)1 << PAGE_SHIFT, k);
    size_t size = (size_t)1 << k;
    for (size_t off = (1u << PAGE_SHIFT) - size; off > 0; off -= size) {
        *(void **)(page + off) = freeLists[k];
        freeLists[k] = page + off;
    }
    return page;
}

void free(void *p) {
    if (!p) return;
    uintptr_t page = ((uintptr_t)p - (uintptr_t)__heap_start) >> PAGE_SHIFT;
    unsigned k = pageClass[page];
    *(void **)p = freeLists[k];
    freeLists[k] = p;
}

int posix_memalign(void **out, size_t alignment, size_t n) {
    if (alignment > (1u << PAGE_SHIFT)) return 22;  // EINVAL: not needed by the kernel
    if (n < alignment) n = alignment;
    void *p = malloc(n);
    if (!p) return 12;  // ENOMEM
    *out = p;
    return 0;
}

void *calloc(size_t count, size_t size) {
    size_t n = count * size;
    void *p = malloc(n);
    if (p) memset(p, 0, n);
    return p;
}

void *realloc(void *p, size_t n) {
    if (!p) return malloc(n);
    uintptr_t page = ((uintptr_t)p - (uintptr_t)__heap_start) >> PAGE_SHIFT;
    size_t old = (size_t)1 << pageClass[page];
    if (n <= old) return p;
    void *q = malloc(n);
    if (q) {
        memcpy(q, p, old);
        free(p);
    }
    return q;
}

// Hashing seeds (Swift's Hasher): xorshift over the time counter.
void arc4random_buf(void *buf, size_t n) {
    static uint64_t state;
    if (!state) state = csr_time() | 1;
    unsigned char *b = buf;
    for (size_t i = 0; i < n; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        b[i] = (unsigned char)state;
    }
}

uintptr_t __stack_chk_guard = 0x595e9fbd94fda766ull;
void __stack_chk_fail(void) { heap_panic("kernel: stack smashing detected\n"); }

// ---- Console: 16550 UART ------------------------------------------------------------------

static volatile uint8_t *uart = (volatile uint8_t *)0x10000000;
enum { THR = 0, RBR = 0, LSR = 5, LSR_DATA_READY = 0x01, LSR_THR_EMPTY = 0x20 };

void console_use_base(uint64_t base) { uart = (volatile uint8_t *)base; }

static void uart_put(uint8_t c) {
    while (!(uart[LSR] & LSR_THR_EMPTY)) {}
    uart[THR] = c;
}

int putchar(int c) {
    if (c == '\n') uart_put('\r');
    uart_put((uint8_t)c);
    return c;
}

int console_getc(void) {
    while (!(uart[LSR] & LSR_DATA_READY)) {}
    return uart[RBR];
}

// ---- CSRs ---------------------------------------------------------------------------------

uint64_t csr_scause(void) { uint64_t v; __asm__ volatile("csrr %0, scause" : "=r"(v)); return v; }
uint64_t csr_stval(void) { uint64_t v; __asm__ volatile("csrr %0, stval" : "=r"(v)); return v; }
uint64_t csr_time(void) { uint64_t v; __asm__ volatile("rdtime %0" : "=r"(v)); return v; }

void sfence_vma_all(void) { __asm__ volatile("sfence.vma zero, zero" ::: "memory"); }

void csr_set_satp(uint64_t satp) {
    __asm__ volatile("sfence.vma zero, zero\n csrw satp, %0\n sfence.vma zero, zero" :: "r"(satp) : "memory");
}

void csr_allow_user_memory(void) { __asm__ volatile("csrs sstatus, %0" :: "r"(1ull << 18)); }

// ---- SBI ----------------------------------------------------------------------------------

static long sbi_call(long eid, long fid, long a0, long a1) {
    register long r0 __asm__("a0") = a0;
    register long r1 __asm__("a1") = a1;
    register long r6 __asm__("a6") = fid;
    register long r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r6), "r"(r7) : "memory");
    return r0;
}

void sbi_shutdown(void) {
    sbi_call(0x53525354, 0, 0, 0);  // SRST: system reset, type shutdown
    sbi_call(0x08, 0, 0, 0);        // legacy shutdown
    for (;;) __asm__ volatile("wfi");
}

// ---- Layout (Kernel/kernel.ld) -------------------------------------------------------------

// The frames start at a fixed address, so that frame numbers (and the test's transcript) do not
// move when the kernel's size changes.
extern char __kernel_end[];
uint64_t layout_kernel_end(void) { return (uint64_t)__kernel_end; }
uint64_t layout_frames_start(void) { return 0x84000000ull; }
uint64_t layout_frames_end(void) { return 0x80000000ull + (128ull << 20); }  // -m 128M
