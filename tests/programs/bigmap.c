/* Address space beyond 4 GiB, as databases, language runtimes and allocators use it: a 64 GiB MAP_NORESERVE
 * reservation touched sparsely, a mapping at a fixed address above 4 GiB, mremap growth, a fork that sees the sparse
 * pages, and munmap/mmap again. Prints no addresses. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define GiB (1UL << 30)

int main(void) {
    size_t big = 64 * GiB;
    unsigned char *p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) { perror("mmap 64 GiB"); return 1; }
    printf("64 GiB reserved: %s\n", (uintptr_t)p + big > 4 * GiB ? "reaches above 4 GiB" : "below 4 GiB");
    unsigned long sum = 0;
    for (size_t g = 0; g < 64; g++) {
        p[g * GiB + g] = (unsigned char)(g + 1);
    }
    for (size_t g = 0; g < 64; g++) {
        sum += p[g * GiB + g] + p[g * GiB + 4096];
    }
    printf("sparse sum %lu\n", sum);

    unsigned char *fixed = (unsigned char *)0x800000000UL; /* 32 GiB */
    unsigned char *q = mmap(fixed, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                            -1, 0);
    if (q != fixed) { perror("mmap fixed at 32 GiB"); return 1; }
    memset(q, 7, 1 << 20);
    q = mremap(q, 1 << 20, 4 << 20, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) { perror("mremap"); return 1; }
    printf("fixed at 32 GiB, grown: %d %d\n", q[(1 << 20) - 1], q[(4 << 20) - 1]);

    pid_t child = fork();
    if (child == 0) {
        _exit(p[63 * GiB + 63] + q[5]);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child saw %d\n", WEXITSTATUS(status));

    if (munmap(p, big) != 0) { perror("munmap"); return 1; }
    p = mmap(NULL, 8 * GiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) { perror("mmap 8 GiB"); return 1; }
    printf("again: %d\n", p[5 * GiB]);
    return 0;
}
