/* The program traced in Sessions/strace/hello.strace (issue 15):
 *   cc -O1 -o hello hello.c
 *   strace -f -y -e trace=memory,execve -o hello.strace ./hello
 * The dynamic loader maps libc in segments and write-protects its RELRO; malloc grows the
 * heap with brk, and a large allocation gets its own mmap, grown with realloc (mremap). */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char *small = malloc(100);
    char *big = malloc(1 << 20);
    big = realloc(big, 4 << 20);
    printf("hello %p %p\n", (void *)small, (void *)big);
    free(big);
    free(small);
    return 0;
}
