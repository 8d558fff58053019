/* Branches whose two ways meet again after a few instructions in shapes other than a skip in line, which dbt runs as
 * predicated code (both ways computed, the result selected) in one block: an arm moved out of line that ends in a copy
 * of the loop's test (gcc's layout for the MSB-first bit-serial CRC), if/else with a jump over the else, a CRC-16 whose
 * two ways end in the loop's test and in its negation, and, written in assembly, arms that write the register the
 * branch tested, an arm whose copied tail is a branch out of the loop,
 * tails that differ (a load, a pc read: left as branches), and an if/else whose condition comes from a load. Over
 * random data, so that each branch goes both ways; each part prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* 7. CRC-16/CCITT, MSB first: gcc ends the two ways in the loop's test and in its negation followed by a jump back. */
static NOINLINE unsigned crc16_ccitt(const unsigned char *p, int n) {
    uint16_t crc = 0xffff;
    for (int i = 0; i < n; i++) {
        crc ^= (uint16_t)(p[i] << 8);
        for (int b = 0; b < 8; b++) {
            crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

/* 1. MSB-first CRC: gcc puts the taken arm out of line, ending in a copy of the loop's test. */
static NOINLINE unsigned crc_msb(const unsigned char *p, int n) {
    unsigned crc = ~0u;
    for (int i = 0; i < n; i++) {
        unsigned byte = (unsigned)p[i] << 24;
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

/* 2. if/else on computed (not loaded) values, both arms updating two variables. */
static NOINLINE uint64_t collatz_mix(uint64_t seed, int steps) {
    uint64_t x = seed | 1, odd = 0, even = 0;
    for (int i = 0; i < steps; i++) {
        if (x & 1) {
            x = 3 * x + 1;
            odd += i;
        } else {
            x >>= 1;
            even ^= x;
        }
        x ^= (uint64_t)i << 40;
    }
    return x ^ odd * 31 ^ even;
}

#if defined(__riscv)
/* 3. The out-of-line arm writes the register its branch tested and the one the loop's copied test reads. */
static NOINLINE long arm_writes_tested(long x, long count) {
    long acc = 0, k = 0x5bd1e995;
    __asm__ volatile("1:\n\t"
                     "xor %1, %1, %3\n\t"
                     "slli %3, %3, 1\n\t"
                     "addi %3, %3, 3\n\t"
                     "addi %2, %2, -1\n\t"
                     "bltz %1, 3f\n"
                     "2:\n\t"
                     "bnez %2, 1b\n\t"
                     "j 4f\n"
                     "3:\n\t"
                     "neg %1, %1\n\t"
                     "addi %0, %0, 1\n\t"
                     "bnez %2, 1b\n\t"
                     "j 4f\n"
                     "4:"
                     : "+&r"(acc), "+&r"(x), "+&r"(count), "+&r"(k));
    return acc * 1000003 + x;
}

/* 4. The copied tail is a branch out of the loop (to a second exit) followed by the loop's own branch back. */
static NOINLINE long two_exits(long x, long limit) {
    long n = 0;
    __asm__ volatile("1:\n\t"
                     "addi %0, %0, 1\n\t"
                     "mul %1, %1, %1\n\t"
                     "srli %1, %1, 7\n\t"
                     "andi t0, %1, 4\n\t"
                     "bnez t0, 3f\n"
                     "2:\n\t"
                     "bge %0, %2, 5f\n\t"
                     "andi t0, %1, 1\n\t"
                     "beqz t0, 1b\n\t"
                     "j 5f\n"
                     "3:\n\t"
                     "xori %1, %1, 0x55\n\t"
                     "bge %0, %2, 5f\n\t"
                     "j 2b+4\n"
                     "5:"
                     : "+&r"(n), "+&r"(x) : "r"(limit) : "t0");
    return n * 65536 + (x & 0xffff);
}

/* 5. Tails that only look alike: a load (which must fault at its own pc if at all) and auipc (a different value on
 * each way: 4 or 32 bytes past label 2), after an arm too long to predicate. */
static NOINLINE long tails_differ(const long *p, long c) {
    long r = 0, pcs;
    __asm__ volatile(".option push\n\t"
                     ".option norvc\n\t"
                     "bltz %3, 3f\n"
                     "2:\n\t"
                     "ld %0, 0(%2)\n\t"
                     "auipc %1, 0\n\t"
                     "j 4f\n"
                     "3:\n\t"
                     "addi %0, %0, 5\n\t"
                     "addi %0, %0, 6\n\t"
                     "addi %0, %0, 7\n\t"
                     "addi %0, %0, 8\n\t"
                     "ld %0, 0(%2)\n\t"
                     "auipc %1, 0\n"
                     "4:\n\t"
                     "lla t0, 2b\n\t"
                     "sub %1, %1, t0\n\t"
                     ".option pop"
                     : "+&r"(r), "=&r"(pcs) : "r"(p), "r"(c) : "t0", "memory");
    return r * 3 + pcs;
}

/* 6. if/else on a loaded value: the choice of an interpreter's next pc (kept a branch), over a table. */
static NOINLINE long walk_table(const long *table, long n, long steps) {
    long i = 0, sum = 0;
    for (long s = 0; s < steps; s++) {
        long t;
        __asm__ volatile("slli t0, %1, 3\n\t"
                         "add t0, t0, %2\n\t"
                         "ld t1, 0(t0)\n\t"
                         "bgeu t1, %3, 3f\n\t"
                         "addi %0, %1, 1\n\t"
                         "j 4f\n"
                         "3:\n\t"
                         "addi %0, %1, 7\n"
                         "4:"
                         : "=&r"(t) : "r"(i), "r"(table), "r"((unsigned long)1 << 62) : "t0", "t1");
        i = t % n;
        sum += i;
    }
    return sum;
}
#else
static NOINLINE long arm_writes_tested(long x, long count) {
    long acc = 0, k = 0x5bd1e995;
    do {
        x ^= k;
        k = (long)((unsigned long)k << 1) + 3;
        count--;
        if (x < 0) {
            x = -(unsigned long)x;
            acc++;
        }
    } while (count != 0);
    return acc * 1000003 + x;
}

static NOINLINE long two_exits(long x, long limit) {
    long n = 0;
    for (;;) {
        n++;
        x = (long)(((unsigned long)x * (unsigned long)x) >> 7);
        if (x & 4) {
            x ^= 0x55;
        }
        if (n >= limit || (x & 1)) {
            break;
        }
    }
    return n * 65536 + (x & 0xffff);
}

static NOINLINE long tails_differ(const long *p, long c) {
    return (long)((unsigned long)*p * 3 + (c < 0 ? 32 : 4));
}

static NOINLINE long walk_table(const long *table, long n, long steps) {
    long i = 0, sum = 0;
    for (long s = 0; s < steps; s++) {
        long t = (unsigned long)table[i] >= (unsigned long)1 << 62 ? i + 7 : i + 1;
        i = t % n;
        sum += i;
    }
    return sum;
}
#endif

int main(void) {
    enum { N = 4096 };
    static unsigned char bytes[N];
    static long table[256];
    for (int i = 0; i < N; i++) {
        bytes[i] = (unsigned char)next();
    }
    for (int i = 0; i < 256; i++) {
        table[i] = (long)next();
    }
    printf("1. crc msb-first: %08x\n", crc_msb(bytes, N));
    uint64_t c = 0;
    for (int k = 0; k < 64; k++) {
        c = c * 7 + collatz_mix(next(), 1000);
    }
    printf("2. collatz if/else: %016llx\n", (unsigned long long)c);
    unsigned long a = 0;
    for (int k = 0; k < 200; k++) {
        a = a * 3 + (unsigned long)arm_writes_tested((long)next(), 1 + k % 50);
    }
    printf("3. arm writes the tested register: %lu\n", a);
    unsigned long e = 0;
    for (int k = 0; k < 500; k++) {
        e = e * 5 + (unsigned long)two_exits((long)(next() & 0xffffff) | 3, 1 + k % 40);
    }
    printf("4. two exits: %lu\n", e);
    unsigned long t = 0;
    for (int k = 0; k < 100; k++) {
        t = t * 3 + (unsigned long)tails_differ(&table[k], (long)next());
    }
    printf("5. tails that differ: %lu\n", t);
    printf("6. table walk: %ld\n", walk_table(table, 256, 200000));
    printf("7. crc-16 ccitt: %04x\n", crc16_ccitt(bytes, N));
    return 0;
}
