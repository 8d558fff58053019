/* fpconv.c -- conversion-heavy floating point: for every element of a
 * LEN-int pseudo-random array, REPS passes (the array is perturbed between
 * passes): int -> double and int -> float, double -> float -> double,
 * float -> int and double -> long/unsigned long truncations, lrint (round to
 * nearest even through the current rounding mode), round-half-even by the
 * 1.5 * 2^52 trick, floor by truncation and correction, float and double
 * sums; and for every 64th element the decimal round trip snprintf("%.17g")
 * -> strtod (which must give the same double back) and snprintf("%.2f") ->
 * strtod -> lrint(x * 100).
 *
 * The bench builds do not link libm: lrint is the conversion instruction
 * itself through inline asm (fcvt.l.d with the dynamic rounding mode on
 * RISC-V, cvtsd2si on x86-64; both round to nearest even here), floor is
 * written with casts. Every printed value is an integer or the bits of a sum
 * of correctly rounded operations; the kernel is compiled with fp-contract=off
 * (a function attribute) so RISC-V gcc cannot fuse a multiply into an add that
 * x86-64 gcc rounds twice.
 *
 * usage: fpconv [REPS [LEN]]      (default 600 passes over 65,536 ints)
 *
 * bench-args: 600
 * bench-quick-args: 60
 * bench-interp-args: 1 4096
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__riscv)
static inline long round_even(double x) {
    long r;
    __asm__("fcvt.l.d %0, %1, dyn" : "=r"(r) : "f"(x));
    return r;
}
#elif defined(__x86_64__)
static inline long round_even(double x) {
    long r;
    __asm__("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
    return r;
}
#else
#include <math.h>
static inline long round_even(double x) {
    return lrint(x);
}
#endif

static inline double floor_by_cast(double x) {
    double t = (double)(long)x;
    return t > x ? t - 1.0 : t;
}

struct sums {
    unsigned long hash;
    long lrint_total, trick_total, floor_total, trunc_total, cents_total;
    unsigned long utotal;
    long mismatches;
    float fsum;
    double dsum;
};

static inline void mix(struct sums *s, unsigned long v) {
    s->hash = (s->hash ^ v) * 0x100000001b3ul;
}

__attribute__((optimize("fp-contract=off"))) static void pass(const int *v, long len, struct sums *s) {
    char buf[64];
    for (long i = 0; i < len; i++) {
        double d = (double)v[i] * (1.0 / 1024.0); /* exact: a power-of-two scale */
        float f = (float)d;                        /* rounds to 24 bits */
        double back = (double)f;
        float g = (float)v[i];                     /* int -> float rounds too */
        double q = d / 3.0;

        long r = round_even(q);
        long t = (long)(q + 0x1.8p52) - (long)0x1.8p52; /* the same rounding by an add */
        if (r != t) {
            s->mismatches++;
        }
        s->lrint_total += r;
        s->trick_total += t;
        s->floor_total += (long)floor_by_cast(q);
        s->trunc_total += (int)f + (long)g;
        s->utotal += (unsigned long)(d * d) + (unsigned)(f < 0 ? -f : f);
        mix(s, (unsigned long)(long)((back - d) * 1073741824.0)); /* the float rounding error, exactly */
        s->fsum += f;
        s->dsum += back;

        if ((i & 63) == 0) {
            snprintf(buf, sizeof buf, "%.17g", q);
            if (strtod(buf, NULL) != q) {
                s->mismatches++;
            }
            snprintf(buf, sizeof buf, "%.2f", d);
            s->cents_total += round_even(strtod(buf, NULL) * 100.0);
            mix(s, (unsigned long)strlen(buf));
        }
    }
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 600;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 65536;
    if (reps < 1 || len < 1 || len > 100000000) {
        fprintf(stderr, "usage: fpconv [REPS [LEN]]\n");
        return 2;
    }
    int *v = malloc(sizeof(int) * (size_t)len);
    if (v == NULL) {
        return 1;
    }
    uint32_t x = 2463534242u;
    for (long i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v[i] = (int32_t)(x >> 1) - (1 << 30); /* within +-2^30: every intermediate is in range */
    }
    struct sums s;
    memset(&s, 0, sizeof s);
    s.hash = 0xcbf29ce484222325ul;
    for (long r = 0; r < reps; r++) {
        pass(v, len, &s);
        v[r % len] ^= (int)(r * 2654435761u & 0xfffff);
    }
    uint32_t fbits;
    uint64_t dbits;
    memcpy(&fbits, &s.fsum, sizeof fbits);
    memcpy(&dbits, &s.dsum, sizeof dbits);
    printf("fpconv %ld x %ld: hash %016lx lrint %ld trick %ld floor %ld trunc %ld unsigned %lu cents %ld "
           "mismatches %ld fsum %08x dsum %016lx\n",
           reps, len, s.hash, s.lrint_total, s.trick_total, s.floor_total, s.trunc_total, s.utotal, s.cents_total,
           s.mismatches, (unsigned)fbits, (unsigned long)dbits);
    free(v);
    return 0;
}
