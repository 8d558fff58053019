/* protfault.c: memory protection as the guest sees it. A page is mapped
 * read/write, filled, made read-only with mprotect and summed in a hot loop
 * (so the reads run as translated code); a second page is unmapped again and
 * reading next to it still works. Then a store into the read-only page: that
 * is SIGSEGV, so the program dies with status 139 after stdout was flushed.
 * Expected status: 139. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return 1;
    }
    for (long i = 0; i < 2 * page; i++) {
        p[i] = (unsigned char)(i * 7 + 3);
    }
    if (munmap(p + page, page) != 0 || mprotect(p, page, PROT_READ) != 0) {
        return 2;
    }
    unsigned long sum = 0;
    for (int rep = 0; rep < 200; rep++) {
        for (long i = 0; i < page; i++) {
            sum += p[i] ^ (unsigned)rep;
        }
    }
    printf("sum of the read-only page over 200 passes: %lu\n", sum);
    printf("last byte before the unmapped page: %u\n", p[page - 1]);
    printf("storing into the read-only page...\n");
    fflush(stdout);
    volatile unsigned char *q = p;
    q[page / 2] = 1;
    printf("the store went through: protection is not enforced\n");
    return 0;
}
