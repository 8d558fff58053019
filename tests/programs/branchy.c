/* Short forward branches over a few instructions, the shape RV64GC compilers give to conditional moves (there is no
 * cmov in RV64GC: `beqz a1, 1f; mv a3, a7; 1:`), which dbt runs as predicated code: min, max, abs, clamps,
 * conditional updates in a bit-serial CRC and a saturating filter, over random data, so that each branch goes both
 * ways. And, written in assembly, the cases where running the skipped instructions anyway would be wrong or must be
 * undone: a null check over a load (the load must not run when the pointer is null), a branch over a call, a branch
 * over an instruction that changes the register the branch tested, over several instructions (16-bit and 32-bit
 * mixed), over a write to x0, two branches in a row, and a branch over another branch. Each part prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* 1. Conditional moves as C writes them. */
static NOINLINE long minmax(const long *v, int n, long *lo, long *hi) {
    long a = v[0], b = v[0], sum = 0;
    for (int i = 1; i < n; i++) {
        if (v[i] < a) {
            a = v[i];
        }
        if (v[i] > b) {
            b = v[i];
        }
        long x = v[i] < 0 ? -v[i] : v[i];
        sum += x > 1000 ? 1000 : x;
    }
    *lo = a;
    *hi = b;
    return sum;
}

/* 2. A bit-serial CRC: `if ((crc ^ byte) & 1) crc = (crc >> 1) ^ POLY; else crc >>= 1;`. */
static NOINLINE unsigned crc_bits(const unsigned char *p, int n) {
    unsigned crc = ~0u;
    for (int i = 0; i < n; i++) {
        unsigned byte = p[i];
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

/* 3. A saturating filter on 32-bit values (sign extensions under a condition). */
static NOINLINE int saturate(const int *v, int n) {
    int acc = 0;
    for (int i = 0; i < n; i++) {
        int s = acc + v[i] / 4;
        if (s > 30000) {
            s = 30000;
        }
        if (s < -30000) {
            s = -30000;
        }
        acc = s - (s >> 3);
    }
    return acc;
}

/* 4. A null check over a load: if the load ran when p is 0, the program would fault. */
#if defined(__riscv)
static NOINLINE long load_unless_null(const long *p, long dflt) {
    long r;
    __asm__ volatile("mv %0, %2\n\t"
                     "beqz %1, 1f\n\t"
                     "ld %0, 0(%1)\n"
                     "1:"
                     : "=&r"(r) : "r"(p), "r"(dflt) : "memory");
    return r;
}
#else
static NOINLINE long load_unless_null(const long *p, long dflt) {
    return p == NULL ? dflt : *p;
}
#endif

/* 5. abs: the skipped instruction writes the register the branch tests. */
#if defined(__riscv)
static NOINLINE long asm_abs(long x) {
    __asm__ volatile("bgez %0, 1f\n\t"
                     "neg %0, %0\n"
                     "1:"
                     : "+r"(x));
    return x;
}
#else
static NOINLINE long asm_abs(long x) {
    return x < 0 ? -x : x;
}
#endif

/* 6. Four instructions skipped, 16- and 32-bit mixed, one multiply, one a write to x0. */
#if defined(__riscv)
static NOINLINE long four(long x, long y) {
    long r = x;
    __asm__ volatile("blt %1, %2, 1f\n\t"
                     "addi %0, %0, 7\n\t"
                     "mul %0, %0, %2\n\t"
                     "add x0, %0, %2\n\t"
                     "slli %0, %0, 3\n"
                     "1:\n\t"
                     "xor %0, %0, %1"
                     : "+&r"(r) : "r"(x), "r"(y));
    return r;
}
#else
static NOINLINE long four(long x, long y) {
    long r = x;
    if (!(x < y)) {
        r = ((r + 7) * y) << 3;
    }
    return r ^ x;
}
#endif

/* 7. Five instructions skipped: one more than dbt predicates (the branch stays a branch). */
#if defined(__riscv)
static NOINLINE long five(long x, long y) {
    long r = x;
    __asm__ volatile("bge %1, %2, 1f\n\t"
                     "addi %0, %0, 1\n\t"
                     "addi %0, %0, 2\n\t"
                     "addi %0, %0, 3\n\t"
                     "addi %0, %0, 4\n\t"
                     "addi %0, %0, 5\n"
                     "1:"
                     : "+&r"(r) : "r"(x), "r"(y));
    return r;
}
#else
static NOINLINE long five(long x, long y) {
    return x >= y ? x : x + 15;
}
#endif

/* 8. Two branches in a row, and a branch over a branch. */
#if defined(__riscv)
static NOINLINE long chained(long x, long y) {
    long r = 0;
    __asm__ volatile("bltu %1, %2, 1f\n\t"
                     "addi %0, %0, 1\n"
                     "1:\n\t"
                     "bne %1, %2, 2f\n\t"
                     "addi %0, %0, 2\n"
                     "2:\n\t"
                     "beqz %1, 4f\n\t"
                     "bgtz %2, 3f\n\t"
                     "addi %0, %0, 4\n"
                     "3:\n\t"
                     "addi %0, %0, 8\n"
                     "4:"
                     : "+&r"(r) : "r"(x), "r"(y));
    return r;
}
#else
static NOINLINE long chained(long x, long y) {
    long r = 0;
    if (!((unsigned long) x < (unsigned long) y)) {
        r += 1;
    }
    if (x == y) {
        r += 2;
    }
    if (x != 0) {
        if (!(y > 0)) {
            r += 4;
        }
        r += 8;
    }
    return r;
}
#endif

static NOINLINE long twice(long x) {
    return 2 * x + 1;
}

/* 9. A branch over a call (the call must not run when the branch is taken). */
static long calls;

static NOINLINE long call_unless(long x) {
    if (x & 4) {
        calls++;
        x = twice(x);
    }
    return x;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200000;
    long *v = malloc(sizeof(long) * n);
    int *w = malloc(sizeof(int) * n);
    unsigned char *bytes = malloc(n);
    for (int i = 0; i < n; i++) {
        uint64_t r = next();
        v[i] = (long) (r % 20001) - 10000;
        w[i] = (int) (r >> 20) % 40000 - 20000;
        bytes[i] = (unsigned char) (r >> 40);
    }
    long lo, hi;
    long sum = minmax(v, n, &lo, &hi);
    printf("minmax: %ld %ld %ld\n", lo, hi, sum);
    printf("crc: %08x\n", crc_bits(bytes, n));
    printf("saturate: %d\n", saturate(w, n));
    long checks = 0;
    for (int i = 0; i < n; i++) {
        checks += load_unless_null((i & 3) == 0 ? NULL : &v[i], -1);
        checks += asm_abs(v[i]);
        checks ^= four(v[i], v[(i + 1) % n]);
        checks += five(v[i], v[(i + 7) % n]);
        checks += chained(v[i] & 7, v[(i + 3) % n] & 7);
        checks += chained(v[i] & 1, v[(i + 5) % n] & 1) * 16;
        checks += call_unless(v[i]);
    }
    printf("asm: %ld, %ld calls\n", checks, calls);
    free(v);
    free(w);
    free(bytes);
    return 0;
}
