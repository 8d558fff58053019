/* fploops32.c: fploops.c in single precision: floats that live in registers
 * across loop iterations (running sums, iterates, many accumulators), loaded
 * with flw, stored with fsw and computed with the .s instructions, in the loop
 * shapes translators treat differently:
 *   - one-block loops: a dot product (its sum carried around the loop), the
 *     row update c[j] += a * b[j] of a matrix multiply, a Horner polynomial and
 *     a recurrence, entered from straight code again and again; loops that only
 *     load and store floats (a reversed copy with negation and fabsf, a value
 *     carried to the next iteration by moves alone) over NaNs with payloads,
 *     signalling NaNs, infinities and subnormals, whose bits must not change;
 *   - loops with branches in their bodies (a piecewise iteration, a Mandelbrot
 *     escape loop), which become regions of several blocks;
 *   - more live floats than a host has spare registers (sixteen accumulators);
 *   - floats read as integers inside the loop (bit patterns hashed through
 *     memcpy and through a union, a value rebuilt from masked bits), sign
 *     injection (fabsf, negation, copysignf), classification (isnan, isinf,
 *     fpclassify), fminf/fmaxf, conversions float <-> int (truncating casts,
 *     lrintf and nearbyintf, integers too wide for a float, which round by the
 *     mode) under every rounding mode, float <-> double mixed in, fmaf() in its
 *     four sign forms, float arguments and results of a call in the body;
 *   - a NaN born inside the loop (inf - inf, the inf from 1/0, which no
 *     rounding mode saturates) that then flows around it through fmaxf and
 *     fminf, and one (inf * 0) that only arithmetic reads until the loop ends,
 *     in a loop that carries it and in one that stores it: on RISC-V every
 *     arithmetic NaN must be the canonical 0x7fc00000, NaN-boxed in its 64-bit
 *     register (checked with inline asm); natively the program prints what
 *     RISC-V requires;
 *   - NaN-boxing inside a loop (RISC-V inline asm, natively a C model of the
 *     ISA): float results computed by the loop read back as 64 bits (the upper
 *     half all ones), and .s instructions reading registers that hold a boxed
 *     or an improperly boxed value (which reads as the canonical NaN);
 *   - a timer signal every 500 us while the loops run, whose handler computes
 *     with floats of its own: the loops' values must survive it.
 * Every result is printed with %a or as bits, so the last bit counts; NaNs
 * that arithmetic made are printed as "nan" (x86 gives other signs and
 * payloads). Built with -ffp-contract=off (build.sh), each C operation is one
 * IEEE operation on both hosts; fmaf is used only in forms whose negations are
 * exact (of an operand, never of the result), so that the same C is the same
 * rounding in every mode. The functions are noipa: the compiler makes no
 * clones for constant arguments whose arithmetic it would fold in
 * round-to-nearest whatever the mode at run time.
 */
#include <fenv.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#define LOOP __attribute__((noipa))

static volatile sig_atomic_t ticks;
static volatile float handler_sum;

static void on_tick(int sig) {
    (void)sig;
    float s = handler_sum, p = 1.0f;
    for (int k = 1; k <= 20; k++) {
        s = s * 0.999f + 1.0f / (float)k; /* the handler's own floats, in the registers the loops use */
        p = fmaf(p, 0.75f, s * 0.125f) + (float)((double)s * 1e-3);
    }
    handler_sum = s + p;
    ticks++;
}

static uint32_t bits_of(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float of_bits(uint32_t u) {
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* h*31 + w would lose sign flips: they only reach the top bit */
static uint32_t mix(uint32_t h, uint32_t w) {
    h = (h ^ w) * 0x9e3779b1u;
    return h ^ (h >> 15);
}

union fu {
    float f;
    uint32_t u;
};

/* Whether f is RISC-V's canonical NaN as the register holds it: 0x7fc00000, NaN-boxed (natively: the rule itself). */
static int canonical_nan(float f) {
#ifdef __riscv
    uint64_t u;
    __asm__ volatile("fmv.x.d %0, %1" : "=r"(u) : "f"(f));
    return u == 0xffffffff7fc00000ULL;
#else
    return isnan(f);
#endif
}

/* The same for a float in memory (fsw stores the low half). */
static int canonical_bits(uint32_t u) {
#ifdef __riscv
    return u == 0x7fc00000u;
#else
    return isnan(of_bits(u));
#endif
}

#define N 40
static float x[1024], y[1024], ma[N][N], mb[N][N], mc[N][N];
static float special[1024], copied[1024], negated[1024], magnitude[1024], shifted[1024];
static const float coef[13] = {0.5f, -1.25f, 0.3f, 2.0f, -0.7f, 0.125f, 1.1f, -0.05f, 0.9f, -3.0f, 0.01f, 0.6f, -0.2f};

LOOP static float dot(const float *a, const float *b, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; i++) {
        s += a[i] * b[i];
    }
    return s;
}

LOOP static void matmul(int n) {
    memset(mc, 0, sizeof mc);
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
            float a = ma[i][k];
            for (int j = 0; j < n; j++) {
                mc[i][j] += a * mb[k][j];
            }
        }
    }
}

LOOP static float horner(const float *c, int deg, float t) {
    float p = c[0];
    for (int i = 1; i <= deg; i++) {
        p = p * t + c[i];
    }
    return p;
}

LOOP static float recurrence(float v, float c, long n) {
    for (long i = 0; i < n; i++) {
        v = v * c + 0.25f;
    }
    return v;
}

/* Loads and stores, sign injection, no arithmetic: every bit of a NaN survives. */
LOOP static void copies(const float *src, float *dst, float *neg, float *mag, int n) {
    for (int i = 0; i < n; i++) {
        float v = src[n - 1 - i];
        dst[i] = v;
        neg[i] = -v;
        mag[i] = fabsf(v);
    }
}

/* A loaded float carried into the next iteration by moves alone. */
LOOP static float shift_by_one(const float *src, float *dst, int n, float first) {
    float prev = first;
    for (int i = 0; i < n; i++) {
        float v = src[i];
        dst[i] = prev;
        prev = v;
    }
    return prev;
}

LOOP static float piecewise(float v, long n, long *high) {
    long h = 0;
    for (long i = 0; i < n; i++) {
        if (v > 1.0f) {
            v = v * 0.5f - 0.25f;
            h++;
        } else {
            v = v * 1.75f + 0.125f;
        }
    }
    *high = h;
    return v;
}

LOOP static long escape_count(int w, int maxit) {
    long total = 0;
    for (int py = 0; py < w; py++) {
        for (int px = 0; px < w; px++) {
            float cr = -2.0f + px * (2.5f / w), ci = -1.25f + py * (2.5f / w);
            float zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < maxit && zr2 + zi2 <= 4.0f) {
                zi = 2.0f * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            total += it;
        }
    }
    return total;
}

LOOP static void sixteen(long n, float out[16]) {
    float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    float a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0;
    float v = 0.5f;
    for (long i = 0; i < n; i++) {
        v = v * 1.0000001f + 1e-6f;
        a0 += v; a1 += v * 2.0f; a2 -= v * 0.5f; a3 += v * v;
        a4 = a4 * 0.999f + v; a5 = a5 * 0.5f + a0 * 1e-6f; a6 += a1 * 1e-9f; a7 -= a3 * 1e-12f;
        a8 += v / 3.0f; a9 = a9 * 0.25f + v; a10 += a8 * 1e-7f; a11 = a11 * 0.75f - v;
        a12 = a12 * 0.9f + a4 * 0.01f; a13 -= v * 0.3f; a14 = a14 * 0.5f - a9 * 0.125f; a15 += (a2 - a11) * 1e-5f;
    }
    float r[16] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15};
    memcpy(out, r, sizeof r);
}

LOOP static uint32_t bitplay(float v, long n, float *last) {
    uint32_t h = 0;
    for (long i = 0; i < n; i++) {
        v = v * 1.5f + 0.1f;
        h = h * 31 + bits_of(v);
        if (fabsf(v) > 1e6f) {
            union fu u = {v};
            u.u = (u.u & 0x807fffffu) | 0x3f800000u; /* back to +-[1, 2) */
            v = u.f;
        }
        if (h & 32) {
            v = -fabsf(v);
        }
        v = copysignf(v, (h & 16) ? -1.0f : 1.0f) + (float)(h & 7) * 0.125f;
        union fu w = {v * 0.75f};
        h ^= w.u >> 3;
    }
    *last = v;
    return h;
}

LOOP static void classify(long n, long counts[5], float *last) {
    static const float scale[6] = {1e20f, 1e20f, 1e-30f, 1e-30f, 1e-5f, 3.0f};
    float v = 1.0f;
    for (long i = 0; i < n; i++) {
        v = v * scale[i % 6];
        if (isinf(v)) {
            counts[0]++;
            v = (i & 1) ? 1e-30f : -1.0f;
        }
        switch (fpclassify(v)) {
        case FP_NORMAL: counts[1]++; break;
        case FP_SUBNORMAL: counts[2]++; break;
        case FP_ZERO: counts[3]++; v = 1.5f; break;
        default: counts[4]++; break;
        }
    }
    *last = v;
}

LOOP static float nan_flow(long n, long at, int *canonical_inside, float *largest, float *both_nan) {
    float w = 0.0f, m = -1.0f, b = 0.0f;
    int canon = 1;
    for (long i = 0; i < n; i++) {
        float v = 1.0f / (float)(at - i); /* +inf when i == at, in every rounding mode */
        float d = v - v;                   /* inf - inf then: a NaN made here */
        w = w + d;
        m = fmaxf(m, w + 1.5f); /* a NaN loses to a number */
        b = fminf(w, w * 0.5f); /* two NaNs: the canonical one */
        if (isnan(w)) {
            canon &= canonical_nan(w);
        }
    }
    *canonical_inside = canon;
    *largest = m;
    *both_nan = b;
    return w;
}

/* A NaN born in a one-block loop whose registers carry it only into more arithmetic: it must leave as the
 * canonical NaN. */
LOOP static float nan_carried(const float *a, const float *b, long n, float *product) {
    float acc = 0.0f, p = 0.0f;
    for (long i = 0; i < n; i++) {
        p = a[i] * b[i];
        acc = acc + p;
    }
    *product = p;
    return acc;
}

/* The same, storing each iteration's incoming sum: the NaN carried around must be canonical in every iteration. */
LOOP static long nan_traced(const float *a, const float *b, long n, float *trace) {
    float acc = 0.0f;
    for (long i = 0; i < n; i++) {
        trace[i] = acc;
        acc = acc + a[i] * b[i];
    }
    long canonical = 0;
    for (long i = 0; i < n; i++) {
        canonical += canonical_bits(bits_of(trace[i]));
    }
    return canonical;
}

/* The row update of a matrix multiply with fmaf, c[j] = a * b[j] + c[j], where RISC-V loads b[j] into the register
 * fmadd.s then writes: over special values, whose NaN results translated code leaves to its cold path, which needs
 * b[j] as loaded. inf * 0 + a quiet NaN raises invalid on RISC-V (not with x86's FMA); a quiet NaN factor raises
 * nothing. Returns nans * 10000 + canonical * 10 + invalid, of the results and the flag after the loop (natively
 * the flag is modelled: x86's FMA and libm's fmaf differ on it). */
LOOP static long row_update(float a, const float *b, float *c, long n) {
#ifdef __riscv
    feclearexcept(FE_ALL_EXCEPT);
#endif
    for (long j = 0; j < n; j++) {
        c[j] = fmaf(a, b[j], c[j]);
    }
#ifdef __riscv
    int invalid = fetestexcept(FE_INVALID) != 0;
#else
    int invalid = 0;
    for (long j = 0; j < n; j++) {
        invalid |= (isinf(a) && b[j] == 0.0f) || (a == 0.0f && isinf(b[j]));
    }
#endif
    long nans = 0, canonical = 0;
    for (long j = 0; j < n; j++) {
        nans += isnan(c[j]) != 0;
        canonical += canonical_bits(bits_of(c[j]));
    }
    return nans * 10000 + canonical * 10 + invalid;
}

/* Whether the double in memory is RISC-V's canonical NaN (natively: the rule itself). */
static int canonical_double_bits(double d) {
#ifdef __riscv
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u == 0x7ff8000000000000ULL;
#else
    return isnan(d);
#endif
}

/* NaNs made by arithmetic and converted to the other format in the same block (inf - inf widened, inf * 0 narrowed):
 * canonical in the new format too (x86 makes a NaN of its own sign, and converts it keeping that). Returns how many
 * of the stored results are NaNs and how many of those canonical, as nans * 10000 + canonical. */
LOOP static long nan_converted(const float *a, const double *b, long n, double *wide, float *narrow) {
    for (long i = 0; i < n; i++) {
        wide[i] = (double)(a[i] - a[i]);
        narrow[i] = (float)(b[i] * 0.0);
    }
    long nans = 0, canonical = 0;
    for (long i = 0; i < n; i++) {
        nans += isnan(wide[i]) + isnan(narrow[i]);
        canonical += canonical_double_bits(wide[i]) + canonical_bits(bits_of(narrow[i]));
    }
    return nans * 10000 + canonical;
}

/* Float to integer, only in range: truncating casts (fcvt.w.s/wu.s/l.s rtz), lrintf and nearbyintf (the dynamic
 * rounding mode); integer to float (fcvt.s.l). */
LOOP static long conversions(long n, float *last) {
    long acc = 0;
    float v = 0.3f;
    for (long i = 0; i < n; i++) {
        v = v * 1.37f + 0.61f;
        if (v > 1000.0f) {
            v = v / 977.0f - 0.5f;
        }
        acc += (int)(v * 100.0f);
        acc += (int)(v * -7.5f);
        acc += (unsigned)(v * 3000.0f);
        acc += (long)(v * 1e7f);
        acc += lrintf(v * 10.0f);
        acc += (long)nearbyintf(v * 2.5f);
        v += (float)(acc & 255) * 1e-3f;
    }
    *last = v;
    return acc;
}

/* Integers wider than a float's significand round by the mode: fcvt.s.l, fcvt.s.lu, fcvt.s.w, fcvt.s.wu, and
 * through double (fcvt.d.l, fcvt.s.d). */
LOOP static uint32_t to_float(long n, float *sum) {
    uint64_t k = 0x9e3779b97f4a7c15ULL;
    uint32_t h = 0;
    float s = 0.0f;
    for (long i = 0; i < n; i++) {
        k = k * 6364136223846793005ULL + 1442695040888963407ULL;
        float a = (float)(int64_t)k, b = (float)k, c = (float)(int32_t)(k >> 32), d = (float)(uint32_t)k;
        float e = (float)((double)(int64_t)(k >> 11) * 1e-9);
        h = mix(h, bits_of(a));
        h = mix(h, bits_of(b));
        h = mix(h, bits_of(c));
        h = mix(h, bits_of(d));
        h = mix(h, bits_of(e));
        s = s * 0.5f + c * 1e-9f;
    }
    *sum = s;
    return h;
}

LOOP static double mixed(long n, float *fout) {
    double d = 0.1;
    float f = 0.2f;
    for (long i = 0; i < n; i++) {
        f = f * 0.5f + (float)d * 0.25f;
        d = d * 0.5 + f * 0.125 + 0.01;
        f = f + (float)(d * 1e-3);
    }
    *fout = f;
    return d;
}

/* The seeds are arguments: constant seeds would let the compiler find fixed points (a = fmaf(a, ...) == a in
 * round-to-nearest) and fold the loop's values whatever the rounding mode. */
LOOP static void fused(long n, float s, float a, float b, float out[4]) {
    float t = 0.5f, u = -0.25f;
    for (long i = 0; i < n; i++) {
        s = fmaf(a, b, s * 0.5f);         /* fmadd.s */
        a = fmaf(a, 1.0000001f, -1e-7f);  /* fmadd.s (a negative constant) */
        t = fmaf(-t, 0.5f, s);            /* fnmsub.s */
        u = fmaf(-u, 0.75f, -a);          /* fnmadd.s */
        float q = s * 0.25f;
        b = fmaf(b, a, -q) * 0.5f + 0.5f; /* fmsub.s */
    }
    float r[4] = {s, a, t, u + b};
    memcpy(out, r, sizeof r);
}

LOOP static float leaf(float p, double q, float r) {
    return (float)(p * q) - 0.5f * r + (float)q;
}

LOOP static float calling(long n, float t) {
    float s = 0.0f, sum = 0.0f;
    for (long i = 0; i < n; i++) {
        s = leaf(s * 0.5f, t, s) * 0.25f + (float)(i & 7) * 0.1f;
        t = t * 0.999f + 0.0013f;
        sum += s;
    }
    return sum + t;
}

/* NaN-boxing in a loop: a float the loop computed, read as 64 bits, has the upper half all ones; .s instructions
 * that read a register holding `r` use its low half if it is boxed, the canonical NaN otherwise (fclass.s,
 * fsgnjn.s, fadd.s, fcvt.d.s); fmv.x.w reads the low half as it is. */
#ifndef __riscv
static unsigned fclass_s(uint32_t x) {
    int neg = x >> 31;
    uint32_t e = (x >> 23) & 0xff, m = x & 0x7fffff;
    if (e == 0xff) {
        return m == 0 ? (neg ? 1u : 128u) : (m & 0x400000) ? 512u : 256u;
    }
    if (e == 0) {
        return m == 0 ? (neg ? 8u : 16u) : (neg ? 4u : 32u);
    }
    return neg ? 2u : 64u;
}
#endif

LOOP static uint32_t boxing(long n, long *boxed) {
    static const uint64_t regs[10] = {0xffffffff3f800000ULL, 0xffffffffbf400000ULL, 0xffffffff7f800001ULL,
                                      0xffffffffffc00000ULL, 0xffffffff00000010ULL, 0x3ff0000000000000ULL,
                                      0xfffffffe3f800000ULL, 0x7ff8000000000000ULL, 0xffffffff80000000ULL,
                                      0xffffffff7f800000ULL};
    uint32_t h = 0;
    long good = 0;
    float y = 0.75f;
    for (long i = 0; i < n; i++) {
        uint64_t r = regs[i % 10] ^ (uint64_t)(i & 0xff) << 4;
        uint64_t sum, neg, wide, low, ybits, cls;
        y = y * 0.5f + 0.375f + (float)(i & 3) * 0.01f;
#ifdef __riscv
        __asm__ volatile("fmv.d.x ft0, %[r]\n\t"
                         "fadd.s ft1, ft0, %[y]\n\t"
                         "fmv.x.d %[sum], ft1\n\t"
                         "fsgnjn.s ft1, ft0, ft0\n\t"
                         "fmv.x.d %[neg], ft1\n\t"
                         "fclass.s %[cls], ft0\n\t"
                         "fcvt.d.s ft1, ft0\n\t"
                         "fmv.x.d %[wide], ft1\n\t"
                         "fmv.x.w %[low], ft0\n\t"
                         "fmv.x.d %[ybits], %[y]"
                         : [sum] "=&r"(sum), [neg] "=&r"(neg), [cls] "=&r"(cls), [wide] "=&r"(wide),
                           [low] "=&r"(low), [ybits] "=&r"(ybits)
                         : [r] "r"(r), [y] "f"(y)
                         : "ft0", "ft1");
#else
        uint32_t v = (r >> 32) == 0xffffffffu ? (uint32_t)r : 0x7fc00000u;
        float f = of_bits(v), s = f + y;
        sum = 0xffffffff00000000ULL | (isnan(s) ? 0x7fc00000u : bits_of(s));
        neg = 0xffffffff00000000ULL | (v ^ 0x80000000u);
        cls = fclass_s(v);
        double d = f;
        memcpy(&wide, &d, sizeof wide);
        wide = isnan(f) ? 0x7ff8000000000000ULL : wide;
        low = (uint64_t)(int64_t)(int32_t)(uint32_t)r;
        ybits = 0xffffffff00000000ULL | bits_of(y);
#endif
        good += (sum >> 32 == 0xffffffffu) + (neg >> 32 == 0xffffffffu) + (ybits >> 32 == 0xffffffffu);
        h = mix(h, (uint32_t)sum);
        h = mix(h, (uint32_t)neg);
        h = mix(h, (uint32_t)cls);
        h = mix(h, (uint32_t)(wide >> 29));
        h = mix(h, (uint32_t)(low >> 16));
        h = mix(h, (uint32_t)ybits);
    }
    *boxed = good;
    return h;
}

static uint32_t hash_floats(const float *a, int n) {
    uint32_t h = 0;
    for (int i = 0; i < n; i++) {
        h = mix(h, bits_of(a[i]));
    }
    return h;
}

static void run_all(const char *mode) {
    printf("[%s]\n", mode);
    float r = 0;
    for (int k = 0; k < 50; k++) {
        r += dot(x + k, y, 1000 - k); /* entered again and again, from straight code */
    }
    printf("dot %a dots %a\n", dot(x, y, 1000), r);
    matmul(N);
    printf("matmul %08x %a %a\n", hash_floats(&mc[0][0], N * N), mc[0][0], mc[N - 1][N - 2]);
    float hs = 0, rr = 0.5f;
    for (int k = 0; k < 400; k++) {
        hs += horner(coef, 12, -1.0f + k * 0.005f);
        rr = recurrence(rr, 0.75f + (k & 15) * 0.01f, 40);
    }
    printf("horner %a recurrences %a %a %a\n", hs, rr, recurrence(0.5f, 0.75f, 20000),
           recurrence(-3.0f, -0.999f, 20001));
    float last = 0;
    for (int k = 0; k < 10; k++) {
        copies(special, copied, negated, magnitude, 1024);
        last = shift_by_one(copied, shifted, 1024, negated[k]);
    }
    printf("copies %08x %08x %08x %08x last %08x\n", hash_floats(copied, 1024), hash_floats(negated, 1024),
           hash_floats(magnitude, 1024), hash_floats(shifted, 1024), bits_of(last));
    long high;
    float p = piecewise(0.3f, 50000, &high);
    printf("piecewise %a %ld\n", p, high);
    printf("escape %ld\n", escape_count(48, 150));
    float t[16];
    sixteen(20000, t);
    for (int k = 0; k < 16; k += 8) {
        printf("sixteen[%d..] %a %a %a %a %a %a %a %a\n", k, t[k], t[k + 1], t[k + 2], t[k + 3], t[k + 4],
               t[k + 5], t[k + 6], t[k + 7]);
    }
    uint32_t h = bitplay(0.7f, 30000, &last);
    printf("bitplay %08x %a\n", h, last);
    long counts[5] = {0};
    classify(30000, counts, &last);
    printf("classify %ld %ld %ld %ld %ld %a\n", counts[0], counts[1], counts[2], counts[3], counts[4], last);
    int canon;
    float largest, both;
    float w = nan_flow(1000, 300, &canon, &largest, &both);
    printf("nan_flow %s canonical inside %d, after %d; fmaxf %a, fminf %s canonical %d\n", isnan(w) ? "nan" : "not nan",
           canon, canonical_nan(w), largest, isnan(both) ? "nan" : "not nan", canonical_nan(both));
    static float inf_at[4096], zero_at[4096], trace[4096];
    for (int i = 0; i < 4096; i++) {
        int nan_here = i == 20 || i == 4095; /* inf * 0 */
        inf_at[i] = nan_here ? INFINITY : i;
        zero_at[i] = nan_here ? 0.0f : 1.0f / (i + 1);
    }
    float product = 0;
    for (int k = 0; k < 100; k++) {
        w = nan_carried(inf_at, zero_at, 4096, &product);
    }
    printf("nan_carried %s canonical %d, last product %s canonical %d\n", isnan(w) ? "nan" : "not nan",
           canonical_nan(w), isnan(product) ? "nan" : "not nan", canonical_nan(product));
    printf("nan_traced %ld canonical\n", nan_traced(inf_at, zero_at, 4096, trace));
    static double inf_wide[4096], wide[4096];
    for (int i = 0; i < 4096; i++) {
        inf_wide[i] = i % 100 == 7 ? INFINITY : i * 0.5;
    }
    long converted = 0;
    for (int r = 0; r < 20; r++) {
        converted = nan_converted(inf_at, inf_wide, 4096, wide, trace);
    }
    printf("nan_converted %ld nans, %ld canonical\n", converted / 10000, converted % 10000);
    static float row_b[4096], row_c[4096];
    long row_nans = 0, row_canonical = 0, row_invalid = 0;
    for (int r = 0; r < 60; r++) {
        int kind = r % 3; /* 0: numbers only, 1: inf * 0 + a quiet NaN at 1000, 2: a quiet NaN in b at 2000 */
        for (int i = 0; i < 4096; i++) {
            row_b[i] = 1.0f / (float)(i + 1);
            row_c[i] = (float)i * 0.25f;
        }
        if (kind == 1) {
            row_b[1000] = 0.0f;
            row_c[1000] = of_bits(0x7fc00001u);
        } else if (kind == 2) {
            row_b[2000] = of_bits(0x7fc12345u);
        }
        long v = row_update(kind == 1 ? INFINITY : 0.5f, row_b, row_c, 4096);
        row_nans += v / 10000;
        row_canonical += v / 10 % 1000;
        row_invalid += v % 10;
    }
    printf("row_update %ld nans, %ld canonical, invalid in %ld passes, c[5] %a\n", row_nans, row_canonical,
           row_invalid, row_c[5]);
    long acc = conversions(30000, &last);
    printf("conversions %ld %a\n", acc, last);
    h = to_float(20000, &last);
    printf("to_float %08x %a\n", h, last);
    float f;
    double d = mixed(30000, &f);
    printf("mixed %a %a\n", d, f);
    float fu[4];
    fused(30000, 1.0f, 1.0000001f, 0.9999999f, fu);
    printf("fused %a %a %a %a\n", fu[0], fu[1], fu[2], fu[3]);
    printf("calling %a\n", calling(30000, 1.0f));
    long good;
    h = boxing(20000, &good);
    printf("boxing %08x, %ld boxed\n", h, good);
}

int main(void) {
    static const uint32_t patterns[12] = {0xffe54321u, 0xffc00000u, 0x7f800001u, 0x7fa12345u, 0x7fc00000u,
                                          0x80000000u, 0x00000001u, 0x807fffffu, 0x7f800000u, 0xff800000u,
                                          0x3f800000u, 0x7f7fffffu};
    for (int i = 0; i < 1024; i++) {
        x[i] = 1.0f / (i + 1);
        y[i] = (i % 7) - 3.25f;
        special[i] = of_bits(patterns[i % 12] ^ (uint32_t)(i & 0x3ff) << 1); /* signalling NaNs stay signalling */
    }
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < N; k++) {
            ma[i][k] = ((i * 7 + k * 3) % 19 - 9) * 0.125f + 1.0f / (i + k + 1);
            mb[i][k] = ((i * 5 + k * 11) % 23 - 11) * 0.0625f - 1.0f / (2 * i + k + 3);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval every = {{0, 500}, {0, 500}};
    setitimer(ITIMER_REAL, &every, NULL);

    static const struct { int mode; const char *name; } modes[] = {
        {FE_TONEAREST, "to nearest"}, {FE_UPWARD, "upward"}, {FE_DOWNWARD, "downward"}, {FE_TOWARDZERO, "toward zero"},
    };
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m].mode);
        run_all(modes[m].name);
    }
    fesetround(FE_TONEAREST);

    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    return 0;
}
