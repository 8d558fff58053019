/* fploops.c: double-precision values that live in registers across loop
 * iterations, the way numeric code keeps them (running sums, iterates,
 * several accumulators), in the loop shapes translators treat differently:
 *   - a one-block loop (a dot product, a Horner-style recurrence), entered
 *     from straight code and run many times;
 *   - loops with branches in their bodies (a piecewise iteration, an escape
 *     loop like Mandelbrot's), which become regions of several blocks;
 *   - more live doubles than a host has spare registers (twelve accumulators);
 *   - doubles read as integers inside the loop (bit patterns hashed, a value
 *     rebuilt from masked bits), sign injection (fabs, negation, copysign),
 *     classification (isnan, isinf, fpclassify), conversions to and from
 *     integers with truncation and with the dynamic rounding mode under every
 *     rounding mode (NaNs and values out of range too, which RISC-V
 *     saturates), single precision mixed in, fma(), a call to a small
 *     function with double arguments;
 *   - a NaN born inside the loop (inf - inf) that then flows around it, and one
 *     (inf * 0) that only arithmetic reads until the loop ends: on RISC-V every
 *     arithmetic NaN must be the canonical one (0x7ff8...), checked with inline
 *     asm; natively the program prints what RISC-V requires;
 *   - a timer signal every 500 us while the loops run, whose handler computes
 *     with doubles of its own: the loops' values must survive it.
 * Every result is printed with %a or as bits, so the last bit counts. Built
 * with -ffp-contract=off (build.sh), each C operation is one IEEE operation on
 * both hosts.
 */
#include <fenv.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;
static volatile double handler_sum;

static void on_tick(int sig) {
    (void)sig;
    double s = handler_sum;
    for (int k = 1; k <= 20; k++) {
        s = s * 0.999 + 1.0 / k; /* uses every kind of float register the compiler likes */
    }
    handler_sum = s;
    ticks++;
}

static uint64_t bits_of(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double of_bits(uint64_t u) {
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Whether d is RISC-V's canonical NaN, as the register holds it (natively: the rule itself). */
static int canonical_nan(double d) {
#ifdef __riscv
    uint64_t u;
    __asm__ volatile("fmv.x.d %0, %1" : "=r"(u) : "f"(d));
    return u == 0x7ff8000000000000ULL;
#else
    return isnan(d);
#endif
}

static double x[1000], y[1000];

__attribute__((noinline)) static double dot(const double *a, const double *b, int n) {
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        s += a[i] * b[i];
    }
    return s;
}

__attribute__((noinline)) static double recurrence(double v, double c, long n) {
    for (long i = 0; i < n; i++) {
        v = v * c + 0.25;
    }
    return v;
}

__attribute__((noinline)) static double piecewise(double v, long n, long *high) {
    long h = 0;
    for (long i = 0; i < n; i++) {
        if (v > 1.0) {
            v = v * 0.5 - 0.25;
            h++;
        } else {
            v = v * 1.75 + 0.125;
        }
    }
    *high = h;
    return v;
}

__attribute__((noinline)) static long escape_count(int w, int maxit) {
    long total = 0;
    for (int py = 0; py < w; py++) {
        for (int px = 0; px < w; px++) {
            double cr = -2.0 + px * (2.5 / w), ci = -1.25 + py * (2.5 / w);
            double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < maxit && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
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

__attribute__((noinline)) static void twelve(long n, double out[12]) {
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0;
    double v = 0.5;
    for (long i = 0; i < n; i++) {
        v = v * 1.0000001 + 1e-9;
        a0 += v; a1 += v * 2.0; a2 -= v * 0.5; a3 += v * v;
        a4 = a4 * 0.999 + v; a5 = a5 * 0.5 + a0 * 1e-9; a6 += a1 * 1e-12; a7 -= a3 * 1e-15;
        a8 += v / 3.0; a9 = a9 * 0.25 + v; a10 += a8 * 1e-10; a11 = a11 * 0.75 - v;
    }
    double r[12] = {a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11};
    memcpy(out, r, sizeof r);
}

__attribute__((noinline)) static uint64_t bitplay(double v, long n, double *last) {
    uint64_t h = 0;
    for (long i = 0; i < n; i++) {
        v = v * 1.5 + 0.1;
        h = h * 31 + bits_of(v);
        if (v > 1e6) {
            v = of_bits(bits_of(v) & 0x800fffffffffffffULL | 0x3ff0000000000000ULL); /* back to [1, 2) */
        }
        v = -fabs(v);
        v = copysign(v, 1.0) + (double)(h & 7) * 0.125;
    }
    *last = v;
    return h;
}

__attribute__((noinline)) static void classify(long n, long counts[5], double *last) {
    static const double scale[6] = {1e200, 1e200, 1e-300, 1e-300, 1e-15, 3.0};
    double v = 1.0;
    for (long i = 0; i < n; i++) {
        v = v * scale[i % 6];
        if (isinf(v)) {
            counts[0]++;
            v = (i & 1) ? 1e-300 : -1.0;
        }
        switch (fpclassify(v)) {
        case FP_NORMAL: counts[1]++; break;
        case FP_SUBNORMAL: counts[2]++; break;
        case FP_ZERO: counts[3]++; v = 1.5; break;
        default: counts[4]++; break;
        }
    }
    *last = v;
}

__attribute__((noinline)) static double nan_flow(long n, int *canonical_inside) {
    double v = 2.0, w = 0.0;
    int canon = 1;
    for (long i = 0; i < n; i++) {
        v = v * 1e100;
        double d = v - v; /* inf - inf once v overflowed: a NaN made here */
        w = w + d;
        if (isnan(w)) {
            canon &= canonical_nan(w);
        }
    }
    *canonical_inside = canon;
    return w;
}

/* A NaN born in a one-block loop whose registers carry it only into more arithmetic (no compare, no move out):
 * dbt checks such values for NaNs only where they leave the loop, and must leave the canonical NaN there. */
__attribute__((noinline)) static double nan_carried(const double *a, const double *b, long n, double *product) {
    double acc = 0.0, p = 0.0;
    for (long i = 0; i < n; i++) {
        p = a[i] * b[i];
        acc = acc + p;
    }
    *product = p;
    return acc;
}

/* The same, but the loop stores each iteration's incoming sum: that read is not arithmetic, so the sum carried
 * around the loop must be the canonical NaN in every iteration. Returns how many stored NaNs are canonical. */
__attribute__((noinline)) static long nan_traced(const double *a, const double *b, long n, double *trace) {
    double acc = 0.0;
    for (long i = 0; i < n; i++) {
        trace[i] = acc;
        acc = acc + a[i] * b[i];
    }
    long canonical = 0;
    for (long i = 0; i < n; i++) {
        canonical += canonical_nan(trace[i]);
    }
    return canonical;
}

/* A NaN born in a loop with a branch in its body (a region of several blocks: inf - inf in one arm), then carried
 * around it by arithmetic and comparisons only: dbt moves such a value between the region's blocks as the host
 * computed it and makes it canonical only where it leaves the region. Counts the iterations that took each arm. */
__attribute__((noinline)) static double nan_region(const double *a, long n, double *t_out, long *arms) {
    double s = 0.0, t = 1.0;
    for (long i = 0; i < n; i++) {
        if (a[i] > s) {
            s = s + a[i] * 0.5;
            arms[0]++;
        } else {
            s = s - a[i];
            arms[1]++;
        }
        t = t * 1.0001 + s;
    }
    *t_out = t;
    return s;
}

/* A loop of several blocks entered with a NaN that has a payload (its bits loaded, not computed) and left before
 * it writes the NaN's register keeps its bits (RISC-V makes only arithmetic results canonical); after a write the
 * register holds the canonical NaN. Negative elements skip the write, one above 100 ends the loop. */
__attribute__((noinline)) static double payload_entry(const double *a, long n, double s, long *skipped) {
    for (long i = 0; i < n; i++) {
        if (a[i] > 100.0) {
            break;
        }
        if (a[i] >= 0.0) {
            s = s * 0.5 + a[i];
        } else {
            ++*skipped;
        }
    }
    return s;
}

__attribute__((noinline)) static long conversions(long n, double *last) {
    long acc = 0;
    double v = 0.3;
    for (long i = 0; i < n; i++) {
        v = v * 1.37 + 0.61;
        if (v > 1000.0) {
            v = v / 977.0 - 0.5;
        }
        acc += (long)(v * 100.0);      /* fcvt.l.d, truncating */
        acc += lrint(v * 10.0);        /* fcvt.l.d, the dynamic rounding mode */
        v += (double)(acc & 255) * 1e-3; /* fcvt.d.l */
    }
    *last = v;
    return acc;
}

__attribute__((noinline)) static double mixed(long n, float *fout) {
    double d = 0.1;
    float f = 0.2f;
    for (long i = 0; i < n; i++) {
        f = f * 0.5f + (float)d * 0.25f;
        d = d * 0.5 + f * 0.125 + 0.01;
    }
    *fout = f;
    return d;
}

__attribute__((noinline)) static double fused(long n) {
    double s = 1.0, a = 1.0000001, b = 0.9999999;
    for (long i = 0; i < n; i++) {
        s = fma(a, b, s * 0.5);
        a = fma(a, 1.0000001, -1e-12);
    }
    return s + a;
}

/* noipa, and t not starting at 1.0 (a fixed point of its recurrence in round-to-nearest): else gcc folds t to a
 * constant and gives leaf a specialised one-argument copy, and the call no longer passes the loop's doubles. */
__attribute__((noipa)) static double leaf(double p, double q) {
    return p * q - 0.5 * p + q;
}

__attribute__((noipa)) static double calling(long n) {
    double s = 0.0, t = 0.75;
    for (long i = 0; i < n; i++) {
        s = leaf(s * 0.5, t) * 0.25;
        t = t * 0.999 + 0.001;
    }
    return s + t;
}

/* Conversions to integers of values out of range and of NaNs, in a loop: RISC-V saturates (a NaN gives the
 * largest value) where x86 gives its "integer indefinite", so the translated loop must leave those to its slow
 * path. fcvt.{w,wu,l,lu}.d with rtz and with the dynamic rounding mode, and fcvt.w.s, by inline asm on RISC-V;
 * natively, a model of RISC-V's rules (rounding first, then saturating). */
#ifdef __riscv
#define CVT(insn, rm, v) ({ long r_; __asm__ volatile(insn " %0, %1, " rm : "=r"(r_) : "f"(v)); r_; })
static long cvt_w(double v, int rtz) { return rtz ? CVT("fcvt.w.d", "rtz", v) : CVT("fcvt.w.d", "dyn", v); }
static long cvt_wu(double v, int rtz) { return rtz ? CVT("fcvt.wu.d", "rtz", v) : CVT("fcvt.wu.d", "dyn", v); }
static long cvt_l(double v, int rtz) { return rtz ? CVT("fcvt.l.d", "rtz", v) : CVT("fcvt.l.d", "dyn", v); }
static long cvt_lu(double v, int rtz) { return rtz ? CVT("fcvt.lu.d", "rtz", v) : CVT("fcvt.lu.d", "dyn", v); }
static long cvt_ws(float v) { return CVT("fcvt.w.s", "rtz", v); }
#else
static double rounded(double v, int rtz) { return rtz ? trunc(v) : nearbyint(v); }
static long cvt_w(double v, int rtz) {
    double r = rounded(v, rtz);
    return isnan(v) || r >= 2147483648.0 ? 2147483647L : r < -2147483648.0 ? -2147483648L : (long)r;
}
static long cvt_wu(double v, int rtz) {
    double r = rounded(v, rtz);
    return isnan(v) || r >= 4294967296.0 ? -1L : r < 0 ? 0 : (long)(int32_t)(uint32_t)r;
}
static long cvt_l(double v, int rtz) {
    double r = rounded(v, rtz);
    return isnan(v) || r >= 9223372036854775808.0 ? INT64_MAX : r < -9223372036854775808.0 ? INT64_MIN : (long)r;
}
static long cvt_lu(double v, int rtz) {
    double r = rounded(v, rtz);
    return isnan(v) || r >= 18446744073709551616.0 ? -1L : r < 0 ? 0 : (long)(uint64_t)r;
}
static long cvt_ws(float v) {
    float r = truncf(v);
    return isnan(v) || r >= 2147483648.0f ? 2147483647L : r < -2147483648.0f ? -2147483648L : (long)r;
}
#endif

static uint64_t saturating(long n) {
    static const uint64_t special[] = {0x7ff8000000000000ULL, 0xfff8000000000000ULL, 0x7ff0000000000001ULL,
                                       0x7ff4000000000123ULL, 0x7ff0000000000000ULL, 0xfff0000000000000ULL};
    static const double plain[] = {-1.5, -0.5, 0.5, 2.5, 4294967295.5, 4294967296.0, -2147483648.5,
                                   9.3e18, -9.3e18, 1.9e19, 2147483647.5, 123456.75};
    uint64_t h = 0;
    for (long i = 0; i < n; i++) {
        double v = i % 5 == 4 ? of_bits(special[(i / 5) % 6]) : plain[i % 12] * (1 + (i % 3) * 0.25);
        for (int rtz = 0; rtz < 2; rtz++) {
            h = h * 31 + (uint64_t)cvt_w(v, rtz);
            h = h * 31 + (uint64_t)cvt_wu(v, rtz);
            h = h * 31 + (uint64_t)cvt_l(v, rtz);
            h = h * 31 + (uint64_t)cvt_lu(v, rtz);
        }
        h = h * 31 + (uint64_t)cvt_ws((float)v);
    }
    return h;
}

/* Exception flags in a hot loop: cleared, raised by a division that is inexact or exact, tested; saved and
 * restored around floor, which raises none and leaves them as they were (libm saves and restores them itself:
 * frflags, fsflags); a clear of inexact after an inexact operation must take effect at once. */
static long flags_loop(int n) {
    long count = 0;
    volatile double three = 3.0;
    for (int i = 0; i < n; i++) {
        feclearexcept(FE_ALL_EXCEPT);
        double q = (double)(i % 5 + 1) / ((i & 1) ? three : 2.0); /* by 3: inexact unless a multiple of 3 */
        if (fetestexcept(FE_INEXACT)) {
            count += 1;
        }
        fexcept_t saved;
        fegetexceptflag(&saved, FE_ALL_EXCEPT);
        feclearexcept(FE_INEXACT);
        if (fetestexcept(FE_INEXACT)) {
            count += 10;
        }
        count += (long)floor(q * 7.0);
        if (fetestexcept(FE_INEXACT)) {
            count += 1000;
        }
        fesetexceptflag(&saved, FE_ALL_EXCEPT);
        if (fetestexcept(FE_INEXACT)) {
            count += 100000;
        }
    }
    return count;
}

/* fploops32.c's row update in doubles, c[j] = fma(a, b[j], c[j]) with b[j] loaded into the register fmadd.d then
 * writes, over special values: inf * 0 + a quiet NaN raises invalid on RISC-V (not with x86's FMA), a quiet NaN
 * factor raises nothing, and the NaN results in memory are canonical. Returns nans * 10000 + canonical * 10 +
 * invalid (natively the flag and the canonical NaN are modelled). */
__attribute__((noinline)) static long row_update(double a, const double *b, double *c, long n) {
#ifdef __riscv
    feclearexcept(FE_ALL_EXCEPT);
#endif
    for (long j = 0; j < n; j++) {
        c[j] = fma(a, b[j], c[j]);
    }
#ifdef __riscv
    int invalid = fetestexcept(FE_INVALID) != 0;
#else
    int invalid = 0;
    for (long j = 0; j < n; j++) {
        invalid |= (isinf(a) && b[j] == 0.0) || (a == 0.0 && isinf(b[j]));
    }
#endif
    long nans = 0, canonical = 0;
    for (long j = 0; j < n; j++) {
        nans += isnan(c[j]) != 0;
#ifdef __riscv
        canonical += bits_of(c[j]) == 0x7ff8000000000000ULL;
#else
        canonical += isnan(c[j]) != 0;
#endif
    }
    return nans * 10000 + canonical * 10 + invalid;
}

static void run_all(const char *mode) {
    printf("[%s]\n", mode);
    printf("dot %a\n", dot(x, y, 1000));
    double r = 0;
    for (int k = 0; k < 50; k++) {
        r += dot(x + k, y, 1000 - k); /* entered again and again, from straight code */
    }
    printf("dots %a\n", r);
    printf("recurrence %a %a\n", recurrence(0.5, 0.75, 50000), recurrence(-3.0, -0.999, 50001));
    long high;
    double p = piecewise(0.3, 100000, &high);
    printf("piecewise %a %ld\n", p, high);
    printf("escape %ld\n", escape_count(60, 200));
    double t[12];
    twelve(50000, t);
    for (int k = 0; k < 12; k++) {
        printf("twelve[%d] %a\n", k, t[k]);
    }
    double last;
    uint64_t h = bitplay(0.7, 50000, &last);
    printf("bitplay %016llx %a\n", (unsigned long long)h, last);
    long counts[5] = {0};
    classify(50000, counts, &last);
    printf("classify %ld %ld %ld %ld %ld %a\n", counts[0], counts[1], counts[2], counts[3], counts[4], last);
    int canon;
    double w = nan_flow(1000, &canon);
    printf("nan_flow %s canonical inside %d, after %d\n", isnan(w) ? "nan" : "not nan", canon, canonical_nan(w));
    static double inf_at[4096], zero_at[4096];
    for (int i = 0; i < 4096; i++) {
        int nan_here = i == 20 || i == 4095; /* inf * 0 */
        inf_at[i] = nan_here ? INFINITY : i;
        zero_at[i] = nan_here ? 0.0 : 1.0 / (i + 1);
    }
    double product = 0;
    for (int r = 0; r < 200; r++) {
        w = nan_carried(inf_at, zero_at, 4096, &product);
    }
    printf("nan_carried %s canonical %d, last product %s canonical %d\n", isnan(w) ? "nan" : "not nan",
           canonical_nan(w), isnan(product) ? "nan" : "not nan", canonical_nan(product));
    static double trace[4096];
    printf("nan_traced %ld canonical\n", nan_traced(inf_at, zero_at, 4096, trace));
    for (int i = 0; i < 4096; i++) { /* s: inf after 100, inf - inf (x86: -nan) at 3000 */
        inf_at[i] = i == 100 || i == 3000 ? INFINITY : (i % 5) - 1.5;
    }
    long arms[2] = {0, 0};
    double tail = 0;
    for (int r = 0; r < 100; r++) {
        w = nan_region(inf_at, 4096, &tail, arms);
    }
    printf("nan_region %s canonical %d, %s canonical %d, arms %ld %ld\n", isnan(w) ? "nan" : "not nan",
           canonical_nan(w), isnan(tail) ? "nan" : "not nan", canonical_nan(tail), arms[0], arms[1]);
    static double warm_at[64], skip_at[64];
    for (int i = 0; i < 64; i++) {
        warm_at[i] = i == 63 ? 1000.0 : i % 4 == 3 ? -1.0 : i * 0.5;
        skip_at[i] = i == 40 ? 1000.0 : -1.0;
    }
    double sum = 0;
    long skipped = 0;
    for (int r = 0; r < 2000; r++) { /* a region by now */
        sum += payload_entry(warm_at, 64, r * 0.25, &skipped);
    }
    double payload = of_bits(0x7ff8000000000123ULL);
    double kept = payload_entry(skip_at, 64, payload, &skipped);     /* never written */
    double written = payload_entry(warm_at, 64, payload, &skipped);  /* arithmetic first */
    printf("payload_entry %a %ld kept %016llx, written %s canonical %d\n", sum, skipped,
           (unsigned long long)bits_of(kept), isnan(written) ? "nan" : "not nan", canonical_nan(written));
    static double row_b[4096], row_c[4096];
    long row_nans = 0, row_canonical = 0, row_invalid = 0;
    for (int r = 0; r < 60; r++) {
        int kind = r % 3; /* 0: numbers only, 1: inf * 0 + a quiet NaN at 1000, 2: a quiet NaN in b at 2000 */
        for (int i = 0; i < 4096; i++) {
            row_b[i] = 1.0 / (i + 1);
            row_c[i] = i * 0.25;
        }
        if (kind == 1) {
            row_b[1000] = 0.0;
            row_c[1000] = of_bits(0x7ff8000000000001ULL);
        } else if (kind == 2) {
            row_b[2000] = of_bits(0x7ff8000000012345ULL);
        }
        long v = row_update(kind == 1 ? INFINITY : 0.5, row_b, row_c, 4096);
        row_nans += v / 10000;
        row_canonical += v / 10 % 1000;
        row_invalid += v % 10;
    }
    printf("row_update %ld nans, %ld canonical, invalid in %ld passes, c[5] %a\n", row_nans, row_canonical,
           row_invalid, row_c[5]);
    long acc = conversions(50000, &last);
    printf("conversions %ld %a\n", acc, last);
    printf("saturating %016llx\n", (unsigned long long)saturating(30000));
    float f;
    double d = mixed(50000, &f);
    printf("mixed %a %a\n", d, (double)f);
    printf("fused %a\n", fused(50000));
    printf("calling %a\n", calling(50000));
    printf("flags %ld\n", flags_loop(50000));
}

int main(void) {
    for (int i = 0; i < 1000; i++) {
        x[i] = 1.0 / (i + 1);
        y[i] = (i % 7) - 3.25;
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
