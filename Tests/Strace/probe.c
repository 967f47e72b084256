/*
 * The traced program of the replay semantics test (Tests/Strace/semantics.py, issue 15).
 *
 * Makes the memory system calls whose replay is checked, then copies /proc/self/maps to the
 * file named by its argument with open/read/write only (no memory call after that point, so
 * the replayed log ends in the state the dump shows) and exits.
 *
 *   A  8 pages rw-, mprotect of pages 3-4 to r--      -> three areas   [rw-][r--][rw-]
 *   B  8 pages r--, munmap of pages 2-3               -> two areas     [r--]    [r--]
 *   C  8 pages r--, MAP_FIXED r-x over pages 3-5      -> three areas   [r--][r-x][r--]
 *   D  2 pages rw-, mremap grown to 16 (may move), shrunk in place to 4, moved with
 *      MREMAP_FIXED onto E, a reserved PROT_NONE range (its middle replaced)
 *   F  one page of the probe's own file, r-- (labelled with its path by strace -y)
 *   the heap grown by 64 KiB with brk, then shrunk by 16 KiB
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096L

static void *map(void *at, long pages, int prot, int flags) {
    void *p = mmap(at, pages * PAGE, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) _exit(2);
    return p;
}

int main(int argc, char **argv) {
    if (argc != 2) return 64;

    char *a = map(NULL, 8, PROT_READ | PROT_WRITE, 0);
    if (mprotect(a + 3 * PAGE, 2 * PAGE, PROT_READ) != 0) return 3;

    char *b = map(NULL, 8, PROT_READ, 0);
    if (munmap(b + 2 * PAGE, 2 * PAGE) != 0) return 4;

    char *c = map(NULL, 8, PROT_READ, 0);
    map(c + 3 * PAGE, 3, PROT_READ | PROT_EXEC, MAP_FIXED);

    char *d = map(NULL, 2, PROT_READ | PROT_WRITE, 0);
    d = mremap(d, 2 * PAGE, 16 * PAGE, MREMAP_MAYMOVE);
    if (d == MAP_FAILED) return 5;
    if (mremap(d, 16 * PAGE, 4 * PAGE, 0) != d) return 6;
    char *e = map(NULL, 12, PROT_NONE, 0);
    if (mremap(d, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, e + 4 * PAGE) == MAP_FAILED) return 7;

    int self = open(argv[0], O_RDONLY);
    if (self < 0 || mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, self, 0) == MAP_FAILED) return 8;
    close(self);

    char *top = sbrk(0);
    if (brk(top + 64 * 1024) != 0 || brk(top + 48 * 1024) != 0) return 9;

    /* The marker: from here on, no memory call. */
    char buffer[1 << 16];
    int in = open("/proc/self/maps", O_RDONLY);
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0) return 10;
    for (long n; (n = read(in, buffer, sizeof buffer)) > 0;) {
        if (write(out, buffer, n) != n) return 11;
    }
    _exit(0);
}
