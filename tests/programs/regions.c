/*
 * Loops of several blocks, the kind dbt translates as one region (a loop whose body branches): each part prints
 * a result that depends on every iteration, so a wrong value carried in a host register from one block to the
 * next, a wrong edge, or a register written back wrongly when the loop is left shows.
 *   crc        bitwise CRC-32 (a branch on each bit), both bit orders
 *   collatz    a data-dependent branch in a loop nested in a loop
 *   live       twelve accumulators updated under conditions (more live guest registers than host registers)
 *   search     a loop with two early exits, and one that calls a function in its body
 *   fault      a loop that reads into a PROT_NONE page: SIGSEGV from inside the region, then the loop's
 *              counters as they were at the faulting access; three loads off one wild base: the fault is the
 *              first load's; a loop reading through a wild pointer it never changes, from its 1000th iteration on:
 *              the fault comes there; three table lookups off a wild table: the fault is the first one's; a
 *              one-block loop of lookups, translated on a real table, then given a wild one: the first lookup's
 *   busy       SIGALRM interrupting a loop with a branch in its body that never makes a system call
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

static uint32_t crc_lsb(const unsigned char *p, long n, uint32_t crc) {
    crc = ~crc;
    for (long i = 0; i < n; i++) {
        uint32_t byte = p[i];
        for (int b = 0; b < 8; b++) {
            if ((crc ^ byte) & 1u) {
                crc = (crc >> 1) ^ 0xEDB88320u;
            } else {
                crc >>= 1;
            }
            byte >>= 1;
        }
    }
    return ~crc;
}

static uint32_t crc_msb(const unsigned char *p, long n, uint32_t crc) {
    crc = ~crc;
    for (long i = 0; i < n; i++) {
        uint32_t byte = (uint32_t)p[i] << 24;
        for (int b = 0; b < 8; b++) {
            if ((crc ^ byte) & 0x80000000u) {
                crc = (crc << 1) ^ 0x04C11DB7u;
            } else {
                crc <<= 1;
            }
            byte <<= 1;
        }
    }
    return ~crc;
}

static void part_crc(void) {
    static unsigned char buf[4096];
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < (int)sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (unsigned char)x;
    }
    printf("crc: check %08x %08x, data %08x %08x\n", crc_lsb((const unsigned char *)"123456789", 9, 0),
           crc_msb((const unsigned char *)"123456789", 9, 0), crc_lsb(buf, sizeof buf, 0),
           crc_msb(buf, sizeof buf, 0x12345678u));
}

static void part_collatz(void) {
    long longest = 0, at = 0, total = 0;
    for (long n = 1; n < 30000; n++) {
        long steps = 0;
        for (unsigned long v = n; v != 1; steps++) {
            if (v & 1) {
                v = 3 * v + 1;
            } else {
                v >>= 1;
            }
        }
        total += steps;
        if (steps > longest) {
            longest = steps;
            at = n;
        }
    }
    printf("collatz: longest %ld steps at %ld, total %ld\n", longest, at, total);
}

static void part_live(void) {
    uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12;
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int n = 0; n < 100000; n++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        if (x >> 63) {
            a += x; c ^= a; e += c >> 3; g -= e; i ^= g << 1; k += i;
        } else {
            b ^= x; d += b; f ^= d >> 5; h += f; j -= h; l ^= j << 2;
        }
        if ((x >> 40) % 3 == 0) {
            uint64_t t = a; a = l; l = k; k = j; j = i; i = h; h = g; g = f; f = e; e = d; d = c; c = b; b = t;
        }
    }
    printf("live: %016llx %016llx %016llx\n", (unsigned long long)(a ^ b ^ c ^ d), (unsigned long long)(e ^ f ^ g ^ h),
           (unsigned long long)(i ^ j ^ k ^ l));
}

static int __attribute__((noinline)) weight(int c) {
    return c >= 'a' && c <= 'z' ? c - 'a' + 1 : c >= '0' && c <= '9' ? 30 : 0;
}

static void part_search(void) {
    static char text[20000];
    for (int n = 0; n < (int)sizeof text - 1; n++) {
        text[n] = "abcdefghij klmnopqrst0123456789"[(n * 7 + n / 13) % 31];
    }
    text[sizeof text - 1] = 0;
    /* The first "5d" after each position that is a multiple of 1000, or the end. */
    long found = 0;
    for (int from = 0; from < (int)sizeof text; from += 1000) {
        int n = from;
        for (;;) {
            if (text[n] == 0) {
                break;
            }
            if (text[n] == '5' && text[n + 1] == 'd') {
                found += n;
                break;
            }
            n++;
        }
    }
    long sum = 0;
    for (int n = 0; text[n]; n++) {
        int w = weight(text[n]);
        if (w > 20) {
            sum += w * n;
        } else {
            sum -= w;
        }
    }
    printf("search: found %ld, weights %ld\n", found, sum);
}

static sigjmp_buf fault_jump;
static volatile uintptr_t fault_address;

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    fault_address = (uintptr_t)info->si_addr;
    siglongjmp(fault_jump, 1);
}

/* Sums table[(n * 5) & 63] for n from 3 to end: a loop of one block (table stays in one register), which the block
 * before it (the test of end) enters. */
static __attribute__((noinline)) long sum_table(volatile long *table, unsigned long end) {
    long acc = 0;
    for (unsigned long n = 3; n < end; n++) {
        acc += table[(n * 5) & 63];
    }
    return acc;
}

static void part_fault(void) {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *area = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        printf("fault: mmap failed\n");
        return;
    }
    for (long n = 0; n < page; n++) {
        area[n] = (unsigned char)(n * 31 + 7);
    }
    mprotect(area + page, page, PROT_NONE);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    static volatile long odd, even, last;
    if (sigsetjmp(fault_jump, 1) == 0) {
        long o = 0, e = 0;
        for (long n = 0;; n++) {
            unsigned char v = area[n];
            if (v & 1) {
                o += v;
            } else {
                e += v;
            }
            odd = o;
            even = e;
            last = n;
        }
    }
    printf("fault: at offset %ld, after %ld bytes: odd %ld even %ld\n", (long)(fault_address - (uintptr_t)area),
           (long)last + 1, (long)odd, (long)even);
    /* Three loads off one base far outside any mapping (and above dbt's guest window), the first at the highest
     * displacement: the fault is at the first load, whatever one check covering all three may find. */
    static volatile long sum;
    volatile long *wild = (volatile long *)(uintptr_t)0x500000000000ull;
    if (sigsetjmp(fault_jump, 1) == 0) {
        sum = wild[2] + wild[0] + wild[1];
    }
    printf("fault: wild read at offset %ld\n", (long)(fault_address - (uintptr_t)wild));
    /* A loop of several blocks reading through a pointer it never changes (a region checks such a base once, where
     * it is entered), wild, but read only from the loop's 1000th iteration on: the fault comes there, not before. */
    static volatile long steps;
    static volatile long *volatile far_pointer = (volatile long *)(uintptr_t)0x500000000040ull;
    volatile long *far = far_pointer;
    if (sigsetjmp(fault_jump, 1) == 0) {
        long acc = 0;
        for (long n = 0; n < 100000; n++) {
            if (n >= 1000) {
                acc += far[1] + far[3];
            } else {
                acc += n & 3;
            }
            steps = n;
        }
        sum = acc;
    }
    printf("fault: wild base of a loop, after %ld steps, at offset %ld\n", (long)steps,
           (long)(fault_address - (uintptr_t)far));
    /* Table lookups (a table base plus a masked, scaled index) off a base far outside any mapping: one check of the
     * base may cover them all, but the fault is the first lookup's, at its own index. */
    static volatile long *volatile wild_table_pointer = (volatile long *)(uintptr_t)0x500000001000ull;
    static volatile unsigned long key = 0x12345;
    volatile long *table = wild_table_pointer;
    if (sigsetjmp(fault_jump, 1) == 0) {
        unsigned long x = key;
        long first = table[(x >> 8) & 255];
        long second = table[x & 255];
        long third = table[(x >> 4) & 255];
        sum = first + second + third;
    }
    printf("fault: wild table at offset %ld\n", (long)(fault_address - (uintptr_t)table));
    /* A loop of one block summing a table off a base it never changes (checked once, where the loop is entered):
     * run on a real table until it is translated, then on a wild one, where the fault is the first lookup's (in the
     * block before the loop, which holds its first iteration). */
    static long real_table[64];
    static volatile long lookups;
    for (int r = 0; r < 64; r++) {
        real_table[r] = r * 3;
    }
    static volatile unsigned long table_end = 1000;
    for (int r = 0; r < 200; r++) {
        lookups += sum_table(real_table, table_end);
    }
    printf("fault: table sums %ld\n", (long)lookups);
    static volatile long *volatile wild_sum_pointer = (volatile long *)(uintptr_t)0x500000002000ull;
    if (sigsetjmp(fault_jump, 1) == 0) {
        lookups = sum_table(wild_sum_pointer, table_end);
    }
    printf("fault: wild table in a loop at offset %ld\n", (long)(fault_address - (uintptr_t)wild_sum_pointer));
    signal(SIGSEGV, SIG_DFL);
    munmap(area, 2 * page);
}

static volatile sig_atomic_t stop_flag;

static void on_alarm(int sig) {
    (void)sig;
    stop_flag = 1;
}

static void part_busy(void) {
    signal(SIGALRM, on_alarm);
    struct itimerval t = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &t, NULL);
    unsigned long x = 27, spins = 0;
    while (!stop_flag) {
        if (x & 1) {
            x = 3 * x + 1;
        } else {
            x >>= 1;
        }
        if (x == 1) {
            x = 27 + (spins & 1023);
        }
        spins++;
    }
    printf("busy: loop with a branch interrupted by SIGALRM %s\n", spins > 0 ? "yes" : "no");
}

int main(void) {
    part_crc();
    part_collatz();
    part_live();
    part_search();
    part_fault();
    part_busy();
    return 0;
}
