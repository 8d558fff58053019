/* fpmath.c: floating-point arithmetic and libm, double and single precision.
 *   - + - * / sqrt and fma/fmaf in all four sign forms (fmadd, fmsub,
 *     fnmadd, fnmsub on RISC-V), including cases where the fused result
 *     differs from a*b+c, infinities, zeros and NaN-producing operations;
 *   - fmin/fmax (with NaN and +-0), copysign/fabs/negation of NaNs (sign
 *     injection keeps the payload), floor/ceil/round/trunc/rint/nearbyint,
 *     lrint/llrint/lround/llround, fmod/remainder/remquo, frexp/ldexp/modf,
 *     scalbn/ilogb/logb/nextafter/fdim;
 *   - hypot, exp/log/log2/log10/pow/sin/cos/tan/atan2/sinh/cosh/tanh/cbrt/
 *     expm1/log1p/asin/acos/atan/exp2 and float versions;
 *   - isnan/isinf/isfinite/isnormal/fpclassify/signbit/issignaling (also the
 *     library functions __fpclassify/__fpclassifyf, which use fclass on RISC-V);
 *   - every comparison operator and isless..isunordered on ordered and
 *     unordered pairs;
 *   - numeric kernels printed with %a: Kahan and naive summation, Newton
 *     iterations, Horner, an fma dot product, 6x6 Gaussian elimination with
 *     partial pivoting in double and in float;
 *   - RISC-V F/D semantics that C leaves open, through inline asm on RISC-V
 *     and a C model of the ISA natively (like muldiv.c does for division):
 *     canonical NaNs, fmin/fmax of +-0 and NaNs, fclass, feq/flt/fle,
 *     NaN-boxing of single-precision values in the 64-bit f registers.
 *
 * What is architecture-dependent in C is printed so that it is not:
 *   - a NaN produced by arithmetic has an unspecified sign and payload (x86:
 *     -nan from 0/0 and payload propagation; RISC-V: the canonical +nan), so
 *     arithmetic NaNs are printed as "nan"; NaNs built from bits and only
 *     moved or sign-injected are printed with their bits;
 *   - the sign of fmin/fmax(-0, +0) is unspecified (x86 glibc returns the
 *     second operand, RISC-V fmin.d orders -0 below +0): printed as "0";
 *   - libm functions that are not correctly rounded (everything but sqrt,
 *     fma, the rounding functions, fmod/remainder and the exact bit
 *     manipulations) may differ in the last bit between x86's FMA/AVX2
 *     multiarch variants and RISC-V's generic code: printed with %.15g
 *     (double) and %.6g (float);
 *   - a*b+c is contracted into fmadd by RISC-V gcc by default and not by
 *     x86-64 gcc: build.sh passes -ffp-contract=off to both compilers.
 * Operands come through volatile reads so nothing is folded at compile time. */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double vd(double x) {
    volatile double v = x;
    return v;
}
static float vf(float x) {
    volatile float v = x;
    return v;
}
static uint64_t bitsd(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}
static double dbits(uint64_t b) {
    double d;
    memcpy(&d, &b, sizeof d);
    return vd(d);
}
static uint32_t bitsf(float f) {
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}
static float fbits(uint32_t b) {
    float f;
    memcpy(&f, &b, sizeof f);
    return vf(f);
}

/* exact results: %a, or "nan" (whose sign and payload are not portable) */
static void pa(double x) {
    if (isnan(x)) {
        printf(" nan");
    } else {
        printf(" %a", x);
    }
}
static void pfa(float x) {
    if (isnan(x)) {
        printf(" nan");
    } else {
        printf(" %a", (double)x);
    }
}
/* libm results that are not correctly rounded */
static void pg(double x) {
    if (isnan(x)) {
        printf(" nan");
    } else {
        printf(" %.15g", x);
    }
}
static void pgf(float x) {
    if (isnan(x)) {
        printf(" nan");
    } else {
        printf(" %.6g", (double)x);
    }
}
/* results whose zero sign is unspecified */
static void pz(double x) {
    if (isnan(x)) {
        printf(" nan");
    } else if (x == 0) {
        printf(" 0");
    } else {
        printf(" %a", x);
    }
}

#define NAN_Q 0x7ff8000000000000ull
#define INF_P 0x7ff0000000000000ull

static const double args[] = {0.0, -0.0, 1.0, -1.0, 0.1, -2.5, 3.0, 1e300, -1e-300, 0x1p-1074, 0x1.fffffffffffffp1023,
                              0.5, 1e-310, 7.0, 1.0 / 3.0, 6.02214076e23};
#define NARGS (int)(sizeof args / sizeof args[0])

static double arg(int i) {
    return vd(args[i]);
}

static void section_arith(void) {
    printf("== double + - * / sqrt\n");
    for (int i = 0; i < NARGS; i += 1) {
        for (int j = 0; j < NARGS; j += 3) {
            double a = arg(i), b = arg(j);
            printf("  %a %a:", a, b);
            pa(a + b);
            pa(a - b);
            pa(a * b);
            pa(a / b);
            printf("\n");
        }
        double a = arg(i);
        printf("  sqrt(%a) =", a);
        pa(sqrt(a));
        printf(" -a =");
        pa(-a);
        printf("\n");
    }
    double inf = dbits(INF_P), nan = dbits(NAN_Q);
    printf("  inf-inf");
    pa(inf - inf);
    printf(" 0*inf");
    pa(vd(0.0) * inf);
    printf(" 1/0");
    pa(vd(1.0) / vd(0.0));
    printf(" 1/-0");
    pa(vd(1.0) / vd(-0.0));
    printf(" 0/0");
    pa(vd(0.0) / vd(0.0));
    printf(" inf/inf");
    pa(inf / inf);
    printf(" sqrt(-0)");
    pa(sqrt(vd(-0.0)));
    printf(" sqrt(-1)");
    pa(sqrt(vd(-1.0)));
    printf(" sqrt(inf)");
    pa(sqrt(inf));
    printf(" nan+1");
    pa(nan + 1);
    printf(" DBL_MAX*2");
    pa(vd(DBL_MAX) * 2);
    printf(" DBL_MIN/3");
    pa(vd(DBL_MIN) / 3);
    printf(" DBL_TRUE_MIN/2");
    pa(vd(0x1p-1074) / 2);
    printf(" DBL_TRUE_MIN*0.75");
    pa(vd(0x1p-1074) * 0.75);
    printf("\n");

    printf("== float + - * / sqrt\n");
    static const float fargs[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, -2.5f, 3.0f, 1e38f, -1e-38f, 0x1p-149f,
                                  FLT_MAX, 16777217.0f, 1.0f / 3.0f};
    int nf = (int)(sizeof fargs / sizeof fargs[0]);
    for (int i = 0; i < nf; i++) {
        for (int j = 0; j < nf; j += 2) {
            float a = vf(fargs[i]), b = vf(fargs[j]);
            printf("  %a %a:", (double)a, (double)b);
            pfa(a + b);
            pfa(a - b);
            pfa(a * b);
            pfa(a / b);
            printf("\n");
        }
        printf("  sqrtf(%a) =", (double)fargs[i]);
        pfa(sqrtf(vf(fargs[i])));
        printf("\n");
    }
    /* mixed float/double expressions */
    float f = vf(0.1f);
    double d = vd(0.1);
    printf("  0.1f+0.1 %a, (float)(0.1f*0.1) %a, 0.1f*0.1f %a, (double)(0.1f*0.1f) %a\n", f + d,
           (double)(float)(f * d), (double)(f * f), (double)f * (double)f);
}

static void section_fma(void) {
    printf("== fma\n");
    static const double t[][3] = {
        {1.0 + 0x1p-30, 1.0 - 0x1p-30, -1.0},
        {0.1, 10.0, -1.0},
        {1.0 / 3.0, 3.0, -1.0},
        {0x1.fffffffffffffp1023, 2.0, -0x1.fffffffffffffp1023},
        {1e308, 10.0, -1e308},
        {0x1p-1022, 0x1p-52, 0.0},
        {2.0, 3.0, 4.0},
        {-0.0, 1.0, 0.0},
        {0.0, -1.0, -0.0},
        {1e-300, 1e-300, 0x1p-1074},
        {3.0, 7.0, -21.0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        double a = vd(t[i][0]), b = vd(t[i][1]), c = vd(t[i][2]);
        printf("  %a %a %a: a*b+c", a, b, c);
        pa(a * b + c);
        printf(" fma");
        pa(fma(a, b, c));
        printf(" fmsub");
        pa(fma(a, b, -c));
        printf(" fnmsub");
        pa(fma(-a, b, c));
        printf(" fnmadd");
        pa(fma(-a, b, -c));
        printf("\n");
    }
    double inf = dbits(INF_P);
    printf("  fma(inf,0,1)");
    pa(fma(inf, vd(0.0), vd(1.0)));
    printf(" fma(inf,1,-inf)");
    pa(fma(inf, vd(1.0), -inf));
    printf(" fma(1,1,nan)");
    pa(fma(vd(1.0), vd(1.0), dbits(NAN_Q)));
    printf("\n");
    static const float tf[][3] = {
        {1.0f + 0x1p-14f, 1.0f - 0x1p-14f, -1.0f},
        {0.1f, 10.0f, -1.0f},
        {1.0f / 3.0f, 3.0f, -1.0f},
        {FLT_MAX, 2.0f, -FLT_MAX},
        {0x1p-126f, 0x1p-23f, 0.0f},
        {-0.0f, 1.0f, 0.0f},
    };
    for (size_t i = 0; i < sizeof tf / sizeof tf[0]; i++) {
        float a = vf(tf[i][0]), b = vf(tf[i][1]), c = vf(tf[i][2]);
        printf("  %a %a %a: a*b+c", (double)a, (double)b, (double)c);
        pfa(a * b + c);
        printf(" fmaf");
        pfa(fmaf(a, b, c));
        printf(" fmsub");
        pfa(fmaf(a, b, -c));
        printf(" fnmsub");
        pfa(fmaf(-a, b, c));
        printf(" fnmadd");
        pfa(fmaf(-a, b, -c));
        printf("\n");
    }
}

static void section_minmax_sign(void) {
    printf("== fmin/fmax\n");
    double nan = dbits(NAN_Q), inf = dbits(INF_P);
    double mm[] = {0.0, -0.0, 1.0, -1.0, nan, inf, -inf, 0x1p-1074};
    static const char *const mname[] = {"+0", "-0", "1", "-1", "nan", "inf", "-inf", "tiny"};
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
            double a = vd(mm[i]), b = vd(mm[j]);
            printf("  fmin(%s, %s) =", mname[i], mname[j]);
            pz(fmin(a, b));
            printf("  fmax =");
            pz(fmax(a, b));
            printf("  fminf =");
            pz(fminf((float)a, (float)b));
            printf("  fmaxf =");
            pz(fmaxf((float)a, (float)b));
            printf("\n");
        }
    }
    printf("== copysign / fabs / negation (bit exact, NaNs included)\n");
    static const uint64_t sb[] = {0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
                                  0xbff8000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull,
                                  0x7ff0000000000001ull, 0x7ff800000000abcdull, 0xfff0000000000000ull,
                                  0x0000000000000001ull};
    for (int i = 0; i < 10; i++) {
        double x = dbits(sb[i]);
        printf("  %016llx: fabs %016llx neg %016llx copysign(x,-1) %016llx copysign(1,x) %016llx "
               "copysign(x,+0) %016llx\n",
               (unsigned long long)sb[i], (unsigned long long)bitsd(fabs(x)), (unsigned long long)bitsd(-x),
               (unsigned long long)bitsd(copysign(x, vd(-1.0))), (unsigned long long)bitsd(copysign(vd(1.0), x)),
               (unsigned long long)bitsd(copysign(x, vd(0.0))));
    }
    static const uint32_t sbf[] = {0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u,
                                   0x7fc00000u, 0xffc00000u, 0x7f800001u, 0x7fc0abcdu};
    for (int i = 0; i < 8; i++) {
        float x = fbits(sbf[i]);
        printf("  %08x: fabsf %08x neg %08x copysignf(x,-1) %08x copysignf(2,x) %08x\n", (unsigned)sbf[i],
               (unsigned)bitsf(fabsf(x)), (unsigned)bitsf(-x), (unsigned)bitsf(copysignf(x, vf(-1.0f))),
               (unsigned)bitsf(copysignf(vf(2.0f), x)));
    }
}

static void section_rounding(void) {
    printf("== floor ceil round trunc rint nearbyint lrint llrint lround llround\n");
    static const double r[] = {0.0, -0.0, 0.4, -0.4, 0.5, -0.5, 0.6, 1.5, -1.5, 2.5, -2.5, 3.49999999999999956,
                               -7.5, 1e15 + 0.5, 4503599627370495.5, 4503599627370497.0, 9007199254740993.0,
                               -9007199254740991.0, 1e300, 0x1p-1074, -0x1p-1074, 123456.789};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        double x = vd(r[i]);
        printf("  %a:", x);
        pa(floor(x));
        pa(ceil(x));
        pa(round(x));
        pa(trunc(x));
        pa(rint(x));
        pa(nearbyint(x));
        if (fabs(x) < 0x1p62) {
            printf(" %ld %lld %ld %lld", lrint(x), llrint(x), lround(x), llround(x));
        }
        printf("\n");
    }
    static const float rf[] = {0.0f, -0.4f, 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 8388607.5f, 8388609.0f, 1e20f,
                               -0x1p-149f, 33.7f};
    for (size_t i = 0; i < sizeof rf / sizeof rf[0]; i++) {
        float x = vf(rf[i]);
        printf("  %a:", (double)x);
        pfa(floorf(x));
        pfa(ceilf(x));
        pfa(roundf(x));
        pfa(truncf(x));
        pfa(rintf(x));
        pfa(nearbyintf(x));
        if (fabsf(x) < 0x1p62f) {
            printf(" %ld %ld", lrintf(x), lroundf(x));
        }
        printf("\n");
    }
}

static void section_decompose(void) {
    printf("== fmod remainder remquo fdim\n");
    static const double p[][2] = {{5.5, 2.0},   {-5.5, 2.0},   {5.5, -2.0}, {7.0, 2.0},     {6.0, 4.0},
                                  {1e300, 3.0}, {0.1, 0.03},   {-0.0, 1.0}, {3.0, 0x1p-1074}, {1.0, 1e-300},
                                  {8.0, 3.0},   {9.0, 3.0},    {-1.0, 0.75}};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
        double a = vd(p[i][0]), b = vd(p[i][1]);
        int q;
        double rq = remquo(a, b, &q);
        printf("  %a %a:", a, b);
        pa(fmod(a, b));
        pa(remainder(a, b));
        pa(rq);
        printf(" q%%8=%d", q % 8);
        pa(fdim(a, b));
        printf(" fmodf");
        pfa(fmodf((float)a, (float)b));
        printf("\n");
    }
    printf("  fmod(1,0)");
    pa(fmod(vd(1.0), vd(0.0)));
    printf(" fmod(inf,1)");
    pa(fmod(dbits(INF_P), vd(1.0)));
    printf(" fmod(1,inf)");
    pa(fmod(vd(1.0), dbits(INF_P)));
    printf(" remainder(1,0)");
    pa(remainder(vd(1.0), vd(0.0)));
    printf("\n");
    printf("== frexp ldexp modf scalbn ilogb logb nextafter\n");
    static const double f[] = {0.0, -0.0, 1.0, 0.75, -3.5, 1e-310, 0x1p-1074, 1e300, 0x1.fffffffffffffp1023, 1234.5678};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        double x = vd(f[i]);
        int e;
        double m = frexp(x, &e);
        double ip;
        double fr = modf(x, &ip);
        printf("  %a: frexp %a %d, modf %a %a, ldexp(x,-1074)", x, m, e, fr, ip);
        pa(ldexp(x, -1074));
        printf(" ldexp(x,1023)");
        pa(ldexp(x, 1023));
        printf(" scalbn(x,-3)");
        pa(scalbn(x, -3));
        if (x != 0) {
            printf(" ilogb %d logb", ilogb(x));
            pa(logb(x));
        }
        printf(" next up");
        pa(nextafter(x, 1e308 * 10));
        printf(" down");
        pa(nextafter(x, -1e308 * 10));
        printf("\n");
    }
    float ipf;
    int ef;
    float mf = frexpf(vf(-48.25f), &ef);
    float frf = modff(vf(-48.25f), &ipf);
    printf("  frexpf(-48.25) %a %d modff %a %a ldexpf %a nextafterf(1,2) %a\n", (double)mf, ef, (double)frf,
           (double)ipf, (double)ldexpf(vf(3.0f), -130), (double)nextafterf(vf(1.0f), vf(2.0f)));
}

typedef double (*fn1)(double);
typedef float (*fn1f)(float);

static void section_libm(void) {
    printf("== libm (printed with %%.15g: not all correctly rounded)\n");
    static const struct {
        const char *name;
        fn1 f;
    } fns[] = {{"exp", exp},   {"log", log},     {"log2", log2},   {"log10", log10}, {"sin", sin},
               {"cos", cos},   {"tan", tan},     {"sinh", sinh},   {"cosh", cosh},   {"tanh", tanh},
               {"cbrt", cbrt}, {"expm1", expm1}, {"log1p", log1p}, {"asin", asin},   {"acos", acos},
               {"atan", atan}, {"exp2", exp2},   {"sqrt", sqrt},   {"erf", erf}};
    static const double x[] = {0.0, -0.0, 0.5, -0.5, 1.0, 2.0, -3.0, 10.0, 1e-10, -1e-10, 100.0, 710.0, -800.0,
                               1e22, 3.14159265358979312};
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
        printf("  %s:", fns[k].name);
        for (size_t i = 0; i < sizeof x / sizeof x[0]; i++) {
            pg(fns[k].f(vd(x[i])));
        }
        printf("\n");
    }
    printf("  special: log(0)");
    pg(log(vd(0.0)));
    printf(" log(-1)");
    pg(log(vd(-1.0)));
    printf(" exp(inf)");
    pg(exp(dbits(INF_P)));
    printf(" exp(-inf)");
    pg(exp(-dbits(INF_P)));
    printf(" atan(inf)");
    pg(atan(dbits(INF_P)));
    printf(" tanh(-inf)");
    pg(tanh(-dbits(INF_P)));
    printf("\n");
    printf("  pow:");
    static const double pw[][2] = {{2, 10},      {2, 0.5},   {-2, 3},     {-2, 0.5},  {0, -1},       {-0.0, -1},
                                   {-0.0, -2},   {1, 1e300}, {-1, 1e300}, {10, -3},   {2, 1024},     {2, -1075},
                                   {0.5, -1074}, {1.0001, 1e5}, {7, 1.0 / 3}, {1e-300, 0.5}, {-8, 1.0 / 3}, {3, 0}};
    for (size_t i = 0; i < sizeof pw / sizeof pw[0]; i++) {
        pg(pow(vd(pw[i][0]), vd(pw[i][1])));
    }
    printf(" pow(1,nan)");
    pg(pow(vd(1.0), dbits(NAN_Q)));
    printf(" pow(nan,0)");
    pg(pow(dbits(NAN_Q), vd(0.0)));
    printf("\n  atan2:");
    static const double a2[][2] = {{1, 1}, {1, -1}, {-1, -1}, {0.0, -0.0}, {-0.0, -0.0}, {0.0, 0.0}, {-0.0, 1},
                                   {1, 0}, {3, 4}, {1e-300, 1e300}};
    for (size_t i = 0; i < sizeof a2 / sizeof a2[0]; i++) {
        pg(atan2(vd(a2[i][0]), vd(a2[i][1])));
    }
    printf("\n  hypot:");
    static const double hy[][2] = {{3, 4}, {1e300, 1e300}, {1e-320, 1e-320}, {-5, 12}, {1, 1e-20}, {0.1, 0.2}};
    for (size_t i = 0; i < sizeof hy / sizeof hy[0]; i++) {
        pg(hypot(vd(hy[i][0]), vd(hy[i][1])));
    }
    printf(" hypot(inf,nan)");
    pg(hypot(dbits(INF_P), dbits(NAN_Q)));
    printf("\n");

    printf("== libm float (printed with %%.6g)\n");
    static const struct {
        const char *name;
        fn1f f;
    } ffns[] = {{"expf", expf}, {"logf", logf}, {"sinf", sinf},   {"cosf", cosf},
                {"tanf", tanf}, {"cbrtf", cbrtf}, {"atanf", atanf}, {"log2f", log2f}};
    static const float xf[] = {0.0f, 0.5f, 1.0f, 2.0f, -3.0f, 10.0f, 1e-6f, 100.0f, 1e10f};
    for (size_t k = 0; k < sizeof ffns / sizeof ffns[0]; k++) {
        printf("  %s:", ffns[k].name);
        for (size_t i = 0; i < sizeof xf / sizeof xf[0]; i++) {
            pgf(ffns[k].f(vf(xf[i])));
        }
        printf("\n");
    }
    printf("  powf:");
    pgf(powf(vf(2.0f), vf(0.5f)));
    pgf(powf(vf(10.0f), vf(-3.0f)));
    pgf(powf(vf(-2.0f), vf(3.0f)));
    printf(" atan2f:");
    pgf(atan2f(vf(1.0f), vf(-2.0f)));
    printf(" hypotf:");
    pgf(hypotf(vf(3.0f), vf(4.0f)));
    printf("\n");
}

static const char *class_name(int c) {
    switch (c) {
    case FP_NAN:
        return "FP_NAN";
    case FP_INFINITE:
        return "FP_INFINITE";
    case FP_ZERO:
        return "FP_ZERO";
    case FP_SUBNORMAL:
        return "FP_SUBNORMAL";
    case FP_NORMAL:
        return "FP_NORMAL";
    }
    return "?";
}

static void section_classify(void) {
    printf("== classification\n");
    static const uint64_t cb[] = {0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
                                  0x8010000000000000ull, 0x000fffffffffffffull, 0x8000000000000001ull,
                                  0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
                                  0xfff8000000000001ull, 0x7ff0000000000001ull, 0x7fefffffffffffffull};
    for (size_t i = 0; i < sizeof cb / sizeof cb[0]; i++) {
        double x = dbits(cb[i]);
        printf("  %016llx: isnan %d isinf %d isfinite %d isnormal %d signbit %d issignaling %d %s __fpclassify %s\n",
               (unsigned long long)cb[i], isnan(x) != 0, isinf(x) != 0, isfinite(x) != 0, isnormal(x) != 0,
               signbit(x) != 0, issignaling(x) != 0, class_name(fpclassify(x)), class_name(__fpclassify(x)));
    }
    static const uint32_t cbf[] = {0x00000000u, 0x80000000u, 0x3f800000u, 0x007fffffu, 0x80000001u,
                                   0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u, 0xff7fffffu};
    for (size_t i = 0; i < sizeof cbf / sizeof cbf[0]; i++) {
        float x = fbits(cbf[i]);
        printf("  %08x: isnan %d isinf %d isfinite %d isnormal %d signbit %d issignaling %d %s __fpclassifyf %s\n",
               (unsigned)cbf[i], isnan(x) != 0, isinf(x) != 0, isfinite(x) != 0, isnormal(x) != 0,
               signbit(x) != 0, issignaling(x) != 0, class_name(fpclassify(x)), class_name(__fpclassifyf(x)));
    }
    /* a signalling NaN is quieted by arithmetic and by float<->double conversion */
    double snan = dbits(0x7ff0000000000001ull);
    float snanf = fbits(0x7f800001u);
    printf("  sNaN+0: isnan %d issignaling %d; (double)sNaNf: isnan %d issignaling %d; (float)sNaN: isnan %d "
           "issignaling %d\n",
           isnan(snan + 0) != 0, issignaling(snan + 0) != 0, isnan((double)snanf) != 0,
           issignaling((double)snanf) != 0, isnan((float)snan) != 0, issignaling((float)snan) != 0);
}

static void section_compare(void) {
    printf("== comparisons (< <= > >= == != isless islessequal isgreater isgreaterequal islessgreater "
           "isunordered)\n");
    double nan = dbits(NAN_Q), inf = dbits(INF_P);
    double c[] = {1.0, 2.0, -0.0, 0.0, nan, inf, -inf, 0x1p-1074};
    static const char *const cname[] = {"1", "2", "-0", "+0", "nan", "inf", "-inf", "tiny"};
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
            double a = vd(c[i]), b = vd(c[j]);
            float fa = (float)a, fb = (float)b;
            printf("  %-4s %-4s d %d%d%d%d%d%d %d%d%d%d%d%d f %d%d%d%d%d%d %d%d%d%d%d%d\n", cname[i], cname[j],
                   a < b, a <= b, a > b, a >= b, a == b, a != b, isless(a, b) != 0, islessequal(a, b) != 0,
                   isgreater(a, b) != 0, isgreaterequal(a, b) != 0, islessgreater(a, b) != 0,
                   isunordered(a, b) != 0, fa < fb, fa <= fb, fa > fb, fa >= fb, fa == fb, fa != fb,
                   isless(fa, fb) != 0, islessequal(fa, fb) != 0, isgreater(fa, fb) != 0,
                   isgreaterequal(fa, fb) != 0, islessgreater(fa, fb) != 0, isunordered(fa, fb) != 0);
        }
    }
    /* comparisons feeding branches and selects */
    int count = 0;
    double acc = 0;
    for (int i = -50; i <= 50; i++) {
        double x = vd(i * 0.37);
        if (x > 3.0 || x < -7.25) {
            count++;
        }
        acc += x >= 0 ? x : -2 * x;
        acc = acc > 100 ? acc - 100 : acc;
    }
    printf("  branch count %d, select accumulation %a\n", count, acc);
}

/* a deterministic pseudo-random double in [-1, 1) from integer arithmetic */
static double sin_free_seq(int i) {
    uint32_t h = (uint32_t)i * 2654435761u;
    h ^= h >> 15;
    h *= 2246822519u;
    h ^= h >> 13;
    return (double)(int32_t)h / 2147483648.0;
}

/* ---- numeric kernels: only + - * / sqrt fma, each correctly rounded, so the same bits on every IEEE machine */

static void section_kernels(void) {
    printf("== kernels\n");
    double naive = 0, kahan = 0, comp = 0;
    for (int k = 1; k <= 100000; k++) {
        double term = vd(1.0) / k;
        naive += term;
        double y = term - comp;
        double t = kahan + y;
        comp = (t - kahan) - y;
        kahan = t;
    }
    printf("  harmonic(1e5): naive %a kahan %a\n", naive, kahan);
    float fnaive = 0, fkahan = 0, fcomp = 0;
    for (int k = 1; k <= 100000; k++) {
        float term = vf(1.0f) / (float)k;
        fnaive += term;
        float y = term - fcomp;
        float t = fkahan + y;
        fcomp = (t - fkahan) - y;
        fkahan = t;
    }
    printf("  harmonic float: naive %a kahan %a\n", (double)fnaive, (double)fkahan);

    /* Newton: sqrt(2), cbrt(10), 1/7 by x(2-7x) */
    double s = vd(1.0), cr = vd(2.0), inv = vd(0.1);
    for (int i = 0; i < 8; i++) {
        s = 0.5 * (s + 2.0 / s);
        cr = (2.0 * cr + 10.0 / (cr * cr)) / 3.0;
        inv = inv * (2.0 - 7.0 * inv);
    }
    printf("  newton sqrt2 %a (sqrt %a) cbrt10 %a 1/7 %a\n", s, sqrt(vd(2.0)), cr, inv);
    float sf = vf(1.0f);
    for (int i = 0; i < 6; i++) {
        sf = 0.5f * (sf + 3.0f / sf);
    }
    printf("  newton sqrt3f %a (sqrtf %a)\n", (double)sf, (double)sqrtf(vf(3.0f)));

    /* Horner evaluation of a degree-8 polynomial, plain and with fma */
    static const double coef[] = {1.0, -0.5, 0.25, -1.0 / 3, 0.2, -1.0 / 7, 0.125, -1.0 / 9, 0.1};
    double hx = vd(0.7), h = 0, hf = 0;
    for (int i = 8; i >= 0; i--) {
        h = h * hx + coef[i];
        hf = fma(hf, hx, coef[i]);
    }
    printf("  horner %a horner-fma %a\n", h, hf);

    /* dot product with fma vs plain */
    double dot = 0, dotf = 0;
    float dots = 0;
    for (int i = 0; i < 1000; i++) {
        double a = vd(sin_free_seq(i)), b = vd(sin_free_seq(i + 17));
        dot += a * b;
        dotf = fma(a, b, dotf);
        dots = fmaf((float)a, (float)b, dots);
    }
    printf("  dot %a dot-fma %a dot-fmaf %a\n", dot, dotf, (double)dots);
}


static double gauss6(double m[6][7], double x[6]) {
    for (int col = 0; col < 6; col++) {
        int piv = col;
        for (int r = col + 1; r < 6; r++) {
            if (fabs(m[r][col]) > fabs(m[piv][col])) {
                piv = r;
            }
        }
        if (piv != col) {
            for (int k = 0; k < 7; k++) {
                double t = m[col][k];
                m[col][k] = m[piv][k];
                m[piv][k] = t;
            }
        }
        for (int r = col + 1; r < 6; r++) {
            double f = m[r][col] / m[col][col];
            for (int k = col; k < 7; k++) {
                m[r][k] -= f * m[col][k];
            }
        }
    }
    double det = 1;
    for (int r = 5; r >= 0; r--) {
        double acc = m[r][6];
        for (int k = r + 1; k < 6; k++) {
            acc -= m[r][k] * x[k];
        }
        x[r] = acc / m[r][r];
        det *= m[r][r];
    }
    return det;
}

static float gauss6f(float m[6][7], float x[6]) {
    for (int col = 0; col < 6; col++) {
        int piv = col;
        for (int r = col + 1; r < 6; r++) {
            if (fabsf(m[r][col]) > fabsf(m[piv][col])) {
                piv = r;
            }
        }
        for (int k = 0; k < 7; k++) {
            float t = m[col][k];
            m[col][k] = m[piv][k];
            m[piv][k] = t;
        }
        for (int r = col + 1; r < 6; r++) {
            float f = m[r][col] / m[col][col];
            for (int k = col; k < 7; k++) {
                m[r][k] -= f * m[col][k];
            }
        }
    }
    float det = 1;
    for (int r = 5; r >= 0; r--) {
        float acc = m[r][6];
        for (int k = r + 1; k < 6; k++) {
            acc -= m[r][k] * x[k];
        }
        x[r] = acc / m[r][r];
        det *= m[r][r];
    }
    return det;
}

static void section_gauss(void) {
    printf("== gaussian elimination 6x6\n");
    double m[6][7], x[6];
    float mf[6][7], xf[6];
    for (int r = 0; r < 6; r++) {
        double rowsum = 0;
        for (int c = 0; c < 6; c++) {
            /* Hilbert matrix plus a random perturbation */
            m[r][c] = vd(1.0) / (r + c + 1) + 0.01 * sin_free_seq(r * 6 + c);
            rowsum += m[r][c] * (c + 1);
        }
        m[r][6] = rowsum; /* the solution is 1, 2, ..., 6 up to rounding */
        for (int c = 0; c < 7; c++) {
            mf[r][c] = (float)m[r][c];
        }
    }
    double det = gauss6(m, x);
    float detf = gauss6f(mf, xf);
    printf("  det %a x", det);
    for (int i = 0; i < 6; i++) {
        printf(" %a", x[i]);
    }
    printf("\n  float det %a x", (double)detf);
    for (int i = 0; i < 6; i++) {
        printf(" %a", (double)xf[i]);
    }
    printf("\n");
}


/* ---- RISC-V F/D semantics: the instructions themselves, or a C model of the ISA */

#define CANON_D 0x7ff8000000000000ull
#define CANON_S 0x7fc00000u
#define BOX 0xffffffff00000000ull

#if defined(__riscv) && __riscv_xlen == 64 && defined(__riscv_d)
#define RV_BIN(name, insn)                                                                            \
    static uint64_t name(uint64_t a, uint64_t b) {                                                    \
        uint64_t r;                                                                                   \
        __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " ft2, ft0, ft1\n\tfmv.x.d %0, ft2" \
                         : "=r"(r)                                                                    \
                         : "r"(a), "r"(b)                                                             \
                         : "ft0", "ft1", "ft2");                                                      \
        return r;                                                                                     \
    }
#define RV_CMP(name, insn)                                                                            \
    static uint64_t name(uint64_t a, uint64_t b) {                                                    \
        uint64_t r;                                                                                   \
        __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " %0, ft0, ft1"                 \
                         : "=r"(r)                                                                    \
                         : "r"(a), "r"(b)                                                             \
                         : "ft0", "ft1");                                                             \
        return r;                                                                                     \
    }
#define RV_UN(name, insn)                                                                        \
    static uint64_t name(uint64_t a) {                                                                \
        uint64_t r;                                                                                   \
        __asm__ volatile("fmv.d.x ft0, %1\n\t" insn : "=r"(r) : "r"(a) : "ft0", "ft1");               \
        return r;                                                                                     \
    }
RV_BIN(rv_fadd_d, "fadd.d") RV_BIN(rv_fmul_d, "fmul.d") RV_BIN(rv_fdiv_d, "fdiv.d")
RV_BIN(rv_fmin_d, "fmin.d") RV_BIN(rv_fmax_d, "fmax.d")
RV_BIN(rv_fadd_s, "fadd.s") RV_BIN(rv_fmin_s, "fmin.s") RV_BIN(rv_fmax_s, "fmax.s")
RV_BIN(rv_fsgnj_s, "fsgnj.s") RV_BIN(rv_fsgnjn_s, "fsgnjn.s") RV_BIN(rv_fsgnjx_s, "fsgnjx.s")
RV_BIN(rv_fsgnjx_d, "fsgnjx.d")
RV_CMP(rv_feq_d, "feq.d") RV_CMP(rv_flt_d, "flt.d") RV_CMP(rv_fle_d, "fle.d")
RV_CMP(rv_feq_s, "feq.s") RV_CMP(rv_flt_s, "flt.s") RV_CMP(rv_fle_s, "fle.s")
RV_UN(rv_fclass_d, "fclass.d %0, ft0") RV_UN(rv_fclass_s, "fclass.s %0, ft0")
RV_UN(rv_fsqrt_d, "fsqrt.d ft1, ft0\n\tfmv.x.d %0, ft1")
RV_UN(rv_fcvt_d_s, "fcvt.d.s ft1, ft0\n\tfmv.x.d %0, ft1")
RV_UN(rv_fcvt_s_d, "fcvt.s.d ft1, ft0\n\tfmv.x.d %0, ft1")
RV_UN(rv_fmv_x_w, "fmv.x.w %0, ft0")
/* flw then fsd: the loaded single is NaN-boxed in the 64-bit register */
static uint64_t rv_flw_fsd(uint32_t w) {
    uint64_t out = 0;
    __asm__ volatile("flw ft0, 0(%1)\n\tfsd ft0, 0(%0)" : : "r"(&out), "r"(&w) : "ft0", "memory");
    return out;
}
/* fmv.w.x boxes too; fsw stores only the low 32 bits */
static uint64_t rv_fmv_w_x(uint64_t x) {
    uint64_t r;
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(r) : "r"(x) : "ft0");
    return r;
}
#else
static int nan_d(uint64_t a) {
    return (a & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}
static int snan_d(uint64_t a) {
    return nan_d(a) && !(a & 0x0008000000000000ull);
}
static uint32_t unbox(uint64_t a) {
    return (a >> 32) == 0xffffffffu ? (uint32_t)a : CANON_S;
}
static int nan_s(uint32_t a) {
    return (a & 0x7fffffffu) > 0x7f800000u;
}
static uint64_t canon_d(double r) {
    return isnan(r) ? CANON_D : bitsd(r);
}
static uint64_t box(float r) {
    return BOX | (isnan(r) ? CANON_S : bitsf(r));
}
static float uf(uint64_t a) {
    return fbits(unbox(a));
}
static uint64_t rv_fadd_d(uint64_t a, uint64_t b) {
    return canon_d(dbits(a) + dbits(b));
}
static uint64_t rv_fmul_d(uint64_t a, uint64_t b) {
    return canon_d(dbits(a) * dbits(b));
}
static uint64_t rv_fdiv_d(uint64_t a, uint64_t b) {
    return canon_d(dbits(a) / dbits(b));
}
static uint64_t rv_fsqrt_d(uint64_t a) {
    return canon_d(sqrt(dbits(a)));
}
/* minimumNumber / maximumNumber: a NaN loses to a number, -0 < +0 */
static uint64_t rv_fminmax_d(uint64_t a, uint64_t b, int max) {
    if (nan_d(a) && nan_d(b)) {
        return CANON_D;
    }
    if (nan_d(a)) {
        return b;
    }
    if (nan_d(b)) {
        return a;
    }
    double x = dbits(a), y = dbits(b);
    if (x == y) { /* equal: only +-0 differ in bits */
        return max ? (a & b) : (a | b);
    }
    return (max ? x > y : x < y) ? a : b;
}
static uint64_t rv_fmin_d(uint64_t a, uint64_t b) {
    return rv_fminmax_d(a, b, 0);
}
static uint64_t rv_fmax_d(uint64_t a, uint64_t b) {
    return rv_fminmax_d(a, b, 1);
}
static uint64_t rv_fminmax_s(uint64_t a64, uint64_t b64, int max) {
    uint32_t a = unbox(a64), b = unbox(b64);
    if (nan_s(a) && nan_s(b)) {
        return BOX | CANON_S;
    }
    if (nan_s(a)) {
        return BOX | b;
    }
    if (nan_s(b)) {
        return BOX | a;
    }
    float x = fbits(a), y = fbits(b);
    if (x == y) {
        return BOX | (max ? (a & b) : (a | b));
    }
    return BOX | ((max ? x > y : x < y) ? a : b);
}
static uint64_t rv_fmin_s(uint64_t a, uint64_t b) {
    return rv_fminmax_s(a, b, 0);
}
static uint64_t rv_fmax_s(uint64_t a, uint64_t b) {
    return rv_fminmax_s(a, b, 1);
}
static uint64_t rv_fadd_s(uint64_t a, uint64_t b) {
    return box(uf(a) + uf(b));
}
static uint64_t rv_fsgnj_s(uint64_t a, uint64_t b) {
    return BOX | (unbox(a) & 0x7fffffffu) | (unbox(b) & 0x80000000u);
}
static uint64_t rv_fsgnjn_s(uint64_t a, uint64_t b) {
    return BOX | (unbox(a) & 0x7fffffffu) | (~unbox(b) & 0x80000000u);
}
static uint64_t rv_fsgnjx_s(uint64_t a, uint64_t b) {
    return BOX | (unbox(a) ^ (unbox(b) & 0x80000000u));
}
static uint64_t rv_fsgnjx_d(uint64_t a, uint64_t b) {
    return a ^ (b & 0x8000000000000000ull);
}
static uint64_t rv_feq_d(uint64_t a, uint64_t b) {
    return dbits(a) == dbits(b);
}
static uint64_t rv_flt_d(uint64_t a, uint64_t b) {
    return dbits(a) < dbits(b);
}
static uint64_t rv_fle_d(uint64_t a, uint64_t b) {
    return dbits(a) <= dbits(b);
}
static uint64_t rv_feq_s(uint64_t a, uint64_t b) {
    return uf(a) == uf(b);
}
static uint64_t rv_flt_s(uint64_t a, uint64_t b) {
    return uf(a) < uf(b);
}
static uint64_t rv_fle_s(uint64_t a, uint64_t b) {
    return uf(a) <= uf(b);
}
static uint64_t fclass_bits(int neg, int cls, int snan) {
    switch (cls) {
    case FP_INFINITE:
        return neg ? 1u << 0 : 1u << 7;
    case FP_NORMAL:
        return neg ? 1u << 1 : 1u << 6;
    case FP_SUBNORMAL:
        return neg ? 1u << 2 : 1u << 5;
    case FP_ZERO:
        return neg ? 1u << 3 : 1u << 4;
    default:
        return snan ? 1u << 8 : 1u << 9;
    }
}
static uint64_t rv_fclass_d(uint64_t a) {
    return fclass_bits((int)(a >> 63), fpclassify(dbits(a)), snan_d(a));
}
static uint64_t rv_fclass_s(uint64_t a64) {
    uint32_t a = unbox(a64);
    return fclass_bits((int)(a >> 31), fpclassify(fbits(a)), nan_s(a) && !(a & 0x00400000u));
}
static uint64_t rv_fcvt_d_s(uint64_t a) {
    return canon_d((double)uf(a));
}
static uint64_t rv_fcvt_s_d(uint64_t a) {
    return box((float)dbits(a));
}
static uint64_t rv_fmv_x_w(uint64_t a) {
    return (uint64_t)(int64_t)(int32_t)(uint32_t)a;
}
static uint64_t rv_flw_fsd(uint32_t w) {
    return BOX | w;
}
static uint64_t rv_fmv_w_x(uint64_t x) {
    return BOX | (uint32_t)x;
}
#endif

static void section_riscv(void) {
    printf("== RISC-V F/D semantics (canonical NaNs, fmin/fmax, fclass, compares, NaN-boxing)\n");
    static const uint64_t d[] = {0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
                                 0xc000000000000000ull, 0x0000000000000001ull, 0x800fffffffffffffull,
                                 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
                                 0xfff800000000dead, 0x7ff0000000000001ull, 0x7fefffffffffffffull};
    int nd = (int)(sizeof d / sizeof d[0]);
    for (int i = 0; i < nd; i++) {
        printf("  %016llx: fclass.d %03llx fsqrt.d %016llx fcvt.s.d %016llx\n", (unsigned long long)d[i],
               (unsigned long long)rv_fclass_d(d[i]), (unsigned long long)rv_fsqrt_d(d[i]),
               (unsigned long long)rv_fcvt_s_d(d[i]));
        for (int j = 0; j < nd; j += (i % 3) + 1) {
            printf("    %016llx: fadd %016llx fmul %016llx fdiv %016llx fmin %016llx fmax %016llx fsgnjx "
                   "%016llx eq/lt/le %llu%llu%llu\n",
                   (unsigned long long)d[j], (unsigned long long)rv_fadd_d(d[i], d[j]),
                   (unsigned long long)rv_fmul_d(d[i], d[j]), (unsigned long long)rv_fdiv_d(d[i], d[j]),
                   (unsigned long long)rv_fmin_d(d[i], d[j]), (unsigned long long)rv_fmax_d(d[i], d[j]),
                   (unsigned long long)rv_fsgnjx_d(d[i], d[j]), (unsigned long long)rv_feq_d(d[i], d[j]),
                   (unsigned long long)rv_flt_d(d[i], d[j]), (unsigned long long)rv_fle_d(d[i], d[j]));
        }
    }
    /* single precision: properly boxed values, and unboxed patterns (read as the canonical NaN) */
    static const uint64_t s[] = {BOX | 0x00000000u, BOX | 0x80000000u, BOX | 0x3f800000u, BOX | 0xc0000000u,
                                 BOX | 0x00000001u, BOX | 0x807fffffu, BOX | 0x7f800000u, BOX | 0xff800000u,
                                 BOX | 0x7fc00000u, BOX | 0xffc0dead, BOX | 0x7f800001u, 0x000000003f800000ull,
                                 0x7fffffff3f800000ull, 0xfffffffe40000000ull, 0x3ff0000000000000ull};
    int ns = (int)(sizeof s / sizeof s[0]);
    for (int i = 0; i < ns; i++) {
        printf("  %016llx: fclass.s %03llx fcvt.d.s %016llx fmv.x.w %016llx\n", (unsigned long long)s[i],
               (unsigned long long)rv_fclass_s(s[i]), (unsigned long long)rv_fcvt_d_s(s[i]),
               (unsigned long long)rv_fmv_x_w(s[i]));
        for (int j = 0; j < ns; j += (i % 4) + 1) {
            printf("    %016llx: fadd.s %016llx fmin.s %016llx fmax.s %016llx fsgnj.s %016llx fsgnjn.s %016llx "
                   "fsgnjx.s %016llx eq/lt/le %llu%llu%llu\n",
                   (unsigned long long)s[j], (unsigned long long)rv_fadd_s(s[i], s[j]),
                   (unsigned long long)rv_fmin_s(s[i], s[j]), (unsigned long long)rv_fmax_s(s[i], s[j]),
                   (unsigned long long)rv_fsgnj_s(s[i], s[j]), (unsigned long long)rv_fsgnjn_s(s[i], s[j]),
                   (unsigned long long)rv_fsgnjx_s(s[i], s[j]), (unsigned long long)rv_feq_s(s[i], s[j]),
                   (unsigned long long)rv_flt_s(s[i], s[j]), (unsigned long long)rv_fle_s(s[i], s[j]));
        }
    }
    static const uint32_t w[] = {0x3f800000u, 0x80000000u, 0x7fc00001u, 0xff800000u};
    for (int i = 0; i < 4; i++) {
        printf("  flw+fsd %08x -> %016llx, fmv.w.x %016llx -> %016llx\n", (unsigned)w[i],
               (unsigned long long)rv_flw_fsd(w[i]), (unsigned long long)(0x1234567800000000ull | w[i]),
               (unsigned long long)rv_fmv_w_x(0x1234567800000000ull | w[i]));
    }
}

int main(void) {
    section_arith();
    section_fma();
    section_minmax_sign();
    section_rounding();
    section_decompose();
    section_libm();
    section_classify();
    section_compare();
    section_kernels();
    section_gauss();
    section_riscv();
    return 0;
}
