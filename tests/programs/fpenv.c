/* fpenv.c: <fenv.h> -- rounding modes, exception flags and environments.
 *   - fesetround in each of FE_TONEAREST, FE_UPWARD, FE_DOWNWARD and
 *     FE_TOWARDZERO, then arithmetic (double and float), sqrt, fma, int <->
 *     float conversions, double -> float, lrint/llrint/rint/nearbyint,
 *     truncating casts, strtod and printf (glibc rounds decimal conversions
 *     in the current mode); results are kept as bits and printed with %a
 *     after returning to FE_TONEAREST;
 *   - feclearexcept/fetestexcept around operations that raise exactly one
 *     known set of FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW, FE_UNDERFLOW,
 *     FE_INEXACT (printed by NAME: the macro values differ between x86 and
 *     RISC-V); feraiseexcept, fegetexceptflag/fesetexceptflag;
 *   - fegetenv/fesetenv, FE_DFL_ENV, feholdexcept/feupdateenv round trips;
 *   - on RISC-V the fcsr itself and the static rounding-mode field of the
 *     instructions through inline asm (fcvt.{w,wu,l,lu}.{d,s} in rne, rtz,
 *     rdn, rup and rmm, with the saturating results for NaN, infinities and
 *     out-of-range values and the NV/NX flags; fadd/fsub/fmul/fdiv/fsqrt/
 *     fmadd/fcvt in rtz, rdn and rup; frcsr/fscsr/frrm/fsrm/frflags/fsflags),
 *     and natively a C model of the ISA (as muldiv.c does for division).
 *
 * GCC does not honour #pragma STDC FENV_ACCESS, and without -frounding-math
 * it would fold or move arithmetic across fesetround: every operand is read
 * from a volatile and every result is written to one, so each operation
 * happens at run time between the fesetround calls around it. Nothing is
 * printed while a mode other than FE_TONEAREST is in effect (printf rounds
 * in the current mode) except where that is the point.
 *
 * Not tested because C or the libraries leave them open: whether floor/
 * ceil/trunc raise FE_INEXACT (x86's non-SSE4.1 code does, RISC-V's does
 * not), whether lround raises FE_INEXACT (RISC-V's fcvt.l.d rmm does,
 * x86's integer code does not), spurious FE_INEXACT from exact pow/cbrt
 * results, tininess before or after rounding, and the sign and payload of
 * NaNs produced by arithmetic (printed as "nan"). */
#include <fenv.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bitsd(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}
static double dbits(uint64_t b) {
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}
static __attribute__((unused)) uint32_t bitsf(float f) {
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}
static float fbits(uint32_t b) {
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

static const int modes[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
static const char *const mode_names[4] = {"TONEAREST", "UPWARD", "DOWNWARD", "TOWARDZERO"};

static const char *round_name(int r) {
    for (int i = 0; i < 4; i++) {
        if (r == modes[i]) {
            return mode_names[i];
        }
    }
    return "unknown";
}

/* the five standard flags by name, in a fixed order (four buffers in turn, so a printf can take several) */
static const char *flag_names(int f) {
    static char bufs[4][80];
    static int next;
    char *buf = bufs[next++ % 4];
    buf[0] = 0;
    if (f & FE_INVALID) {
        strcat(buf, " INVALID");
    }
    if (f & FE_DIVBYZERO) {
        strcat(buf, " DIVBYZERO");
    }
    if (f & FE_OVERFLOW) {
        strcat(buf, " OVERFLOW");
    }
    if (f & FE_UNDERFLOW) {
        strcat(buf, " UNDERFLOW");
    }
    if (f & FE_INEXACT) {
        strcat(buf, " INEXACT");
    }
    if (buf[0] == 0) {
        strcpy(buf, " none");
    }
    return buf;
}

#define STD_EXCEPT (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

/* ---- operands and results, all volatile */
static volatile double one = 1.0, two = 2.0, three = 3.0, tenth = 0.1, fifth = 0.2, half = 0.5, zero = 0.0;
static volatile double dmax = DBL_MAX, dmin = DBL_MIN, dtrue_min = 0x1p-1074, tie53 = 0x1p-53, big = 1e308;
static volatile double p25 = 2.5, p37 = 3.7, third = 1.0 / 3;
/* negative operands are volatiles of their own, so each operation below is exactly the one named */
static volatile double mone = -1.0, mhalf = -0.5, mbig = -1e308, mtrue_min = -0x1p-1074, mtenth = -0.1,
                       mp25 = -2.5, mp37 = -3.7, mm09 = -0.9;
static volatile float mfone = -1.0f;
/* x86-64 gcc expands rint/rintf inline as (|x| + 2^52) - 2^52 with the sign copied back, which is wrong
 * in the directed modes (rint(-0.5) upward gives -1): call the library through a pointer */
static double (*volatile rint_fn)(double) = rint;
static float (*volatile rintf_fn)(float) = rintf;
static volatile float fone = 1.0f, fthree = 3.0f, ftwo = 2.0f, fmaxv = FLT_MAX, fminv = FLT_MIN, f25 = 2.5f,
                      f15 = 1.5f;
static volatile long lmax = LONG_MAX, l53 = (1L << 53) + 1, ml53 = -(1L << 53) - 1, i24 = (1 << 24) + 1;
static volatile unsigned long ulmax = ULONG_MAX;
static volatile double dres;
static volatile float fres;
static volatile long lres;

#define NOPS 48
static int nops;
static uint64_t table[4][NOPS];
static const char *op_names[NOPS];
static char strs[4][6][32];

static void run_ops(int m) {
    int k = 0;
#define D(name, expr)                      \
    do {                                   \
        dres = (expr);                     \
        table[m][k] = bitsd(dres);         \
        op_names[k++] = name;              \
    } while (0)
#define F(name, expr)                      \
    do {                                   \
        fres = (expr);                     \
        table[m][k] = bitsd((double)fres); \
        op_names[k++] = name;              \
    } while (0)
#define L(name, expr)                      \
    do {                                   \
        lres = (expr);                     \
        table[m][k] = (uint64_t)lres;      \
        op_names[k++] = "#" name;          \
    } while (0)
    D("1/3", one / three);
    D("-1/3", mone / three);
    D("2/3", two / three);
    D("0.1+0.2", tenth + fifth);
    D("0.1*3", tenth * three);
    D("1+2^-53", one + tie53);
    D("-1-2^-53", mone - tie53);
    D("1-2^-54", one - tie53 / 2);
    D("1e308*10", big * 10);
    D("-1e308*10", mbig * 10);
    D("DBL_MAX+DBL_MAX", dmax + dmax);
    D("TRUE_MIN/2", dtrue_min / 2);
    D("-TRUE_MIN/2", mtrue_min / 2);
    D("DBL_MIN/3", dmin / three);
    D("1-1", one - one);
    D("-0.5+0.5", mhalf + half);
    D("sqrt(2)", sqrt(two));
    D("sqrt(3)", sqrt(three));
    D("fma(0.1,0.1,0.1)", fma(tenth, tenth, tenth));
    D("fma(1/3,-3,1)", fma(one / 3, three * mone, one));
    F("1f/3f", fone / fthree);
    F("-1f/3f", mfone / fthree);
    F("sqrtf(2)", sqrtf(ftwo));
    F("FLT_MAX*2", fmaxv * ftwo);
    F("FLT_MIN/3", fminv / fthree);
    F("(float)0.1", (float)tenth);
    F("(float)-0.1", (float)mtenth);
    F("(float)(1+2^-24)", (float)(one + 0x1p-24));
    D("(double)LONG_MAX", (double)lmax);
    D("(double)(2^53+1)", (double)l53);
    D("(double)-(2^53+1)", (double)ml53);
    F("(float)(2^24+1)", (float)i24);
    F("(float)ULONG_MAX", (float)ulmax);
    D("rint(2.5)", rint_fn(p25));
    D("rint(-0.5)", rint_fn(mhalf));
    D("nearbyint(-2.5)", nearbyint(mp25));
    F("rintf(1.5f)", rintf_fn(f15));
    L("lrint(2.5)", lrint(p25));
    L("lrint(-3.7)", lrint(mp37));
    L("llrint(-2.5)", llrint(mp25));
    L("(long)3.7", (long)p37);
    L("(long)-3.7", (long)mp37);
    L("(int)-0.9", (int)mm09);
    nops = k;
#undef D
#undef F
#undef L
    /* glibc's strtod and printf round in the current mode too */
    snprintf(strs[m][0], sizeof strs[m][0], "%a", strtod("0.1", NULL));
    snprintf(strs[m][1], sizeof strs[m][1], "%a", strtod("-1e-400", NULL));
    snprintf(strs[m][2], sizeof strs[m][2], "%.0f", p25);
    snprintf(strs[m][3], sizeof strs[m][3], "%.3f", two / 3);
    snprintf(strs[m][4], sizeof strs[m][4], "%.2e", mone * two / 3);
    snprintf(strs[m][5], sizeof strs[m][5], "%.1a", tenth);
}

static void section_rounding(void) {
    printf("== rounding modes\n");
    int got[4];
    for (int m = 0; m < 4; m++) {
        if (fesetround(modes[m]) != 0) {
            printf("  fesetround(%s) failed\n", mode_names[m]);
        }
        got[m] = fegetround();
        run_ops(m);
        fesetround(FE_TONEAREST);
    }
    printf("  fegetround after fesetround: %s %s %s %s\n", round_name(got[0]), round_name(got[1]),
           round_name(got[2]), round_name(got[3]));
    for (int k = 0; k < nops; k++) {
        printf("  %-20s", op_names[k][0] == '#' ? op_names[k] + 1 : op_names[k]);
        for (int m = 0; m < 4; m++) {
            if (op_names[k][0] == '#') {
                printf(" %24ld", (long)table[m][k]);
            } else {
                double d = dbits(table[m][k]);
                if (isnan(d)) {
                    printf(" %24s", "nan");
                } else {
                    printf(" %24a", d);
                }
            }
        }
        printf("\n");
    }
    static const char *const sn[6] = {"strtod(0.1)", "strtod(-1e-400)", "%.0f 2.5", "%.3f 2/3", "%.2e -2/3",
                                      "%.1a 0.1"};
    for (int i = 0; i < 6; i++) {
        printf("  %-20s %24s %24s %24s %24s\n", sn[i], strs[0][i], strs[1][i], strs[2][i], strs[3][i]);
    }
    /* an invalid mode is refused and leaves the mode alone */
    fesetround(FE_UPWARD);
    int r = fesetround(-1);
    int after = fegetround();
    fesetround(FE_TONEAREST);
    printf("  fesetround(-1) %s, mode still %s\n", r != 0 ? "refused" : "accepted", round_name(after));
}

/* ---- exception flags */

static void show(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
    printf("  %-34s%s\n", what, flag_names(f));
}

#define EXC(name, stmt)                 \
    do {                                \
        feclearexcept(FE_ALL_EXCEPT);   \
        stmt;                           \
        show(name);                     \
    } while (0)

static volatile double qnan, snan_d, inf;
static volatile float snan_f;

static void section_flags(void) {
    printf("== exception flags\n");
    qnan = dbits(0x7ff8000000000000ull);
    snan_d = dbits(0x7ff0000000000001ull);
    snan_f = fbits(0x7f800001u);
    inf = dbits(0x7ff0000000000000ull);
    volatile int ires;
    EXC("nothing", (void)0);
    EXC("2*3", dres = two * three);
    EXC("1/3", dres = one / three);
    EXC("1+1e-20", dres = one + 1e-20 * one);
    EXC("1/0", dres = one / zero);
    EXC("-1/0", dres = -one / zero);
    EXC("0/0", dres = zero / zero);
    EXC("inf-inf", dres = inf - inf);
    EXC("0*inf", dres = zero * inf);
    EXC("inf/inf", dres = inf / inf);
    EXC("sqrt(-1)", dres = sqrt(-one));
    EXC("sqrt(4)", dres = sqrt(two * two));
    EXC("sqrt(2)", dres = sqrt(two));
    EXC("DBL_MAX*2", dres = dmax * two);
    EXC("-DBL_MAX-DBL_MAX", dres = -dmax - dmax);
    EXC("DBL_MIN/3", dres = dmin / three);
    EXC("DBL_MIN/2 (exact subnormal)", dres = dmin / two);
    EXC("TRUE_MIN/2", dres = dtrue_min / two);
    EXC("DBL_MIN*DBL_MIN", dres = dmin * dmin);
    EXC("qNaN+1", dres = qnan + one);
    EXC("sNaN+1", dres = snan_d + one);
    EXC("sNaNf*1", fres = snan_f * fone);
    EXC("(double)sNaNf", dres = (double)snan_f);
    EXC("qNaN==1", ires = qnan == one);
    EXC("qNaN!=1", ires = qnan != one);
    EXC("qNaN<1", ires = qnan < one);
    EXC("qNaN>=1", ires = qnan >= one);
    EXC("isless(qNaN,1)", ires = isless(qnan, one));
    EXC("isgreaterequal(qNaN,1)", ires = isgreaterequal(qnan, one));
    EXC("isunordered(qNaN,1)", ires = isunordered(qnan, one));
    EXC("sNaN==1", ires = snan_d == one);
    EXC("1f/0f", fres = fone / (float)zero);
    EXC("1f/3f", fres = fone / fthree);
    EXC("FLT_MAX*2f", fres = fmaxv * ftwo);
    EXC("FLT_MIN/3f", fres = fminv / fthree);
    EXC("(float)0.1", fres = (float)tenth);
    EXC("(float)0.5", fres = (float)half);
    EXC("(float)1e39", fres = (float)(big * 1e-269));
    EXC("(float)1e-40", fres = (float)(tenth * 1e-39));
    EXC("(float)DBL_MIN", fres = (float)dmin);
    EXC("(double)LONG_MAX", dres = (double)lmax);
    EXC("(double)(2^53+1)", dres = (double)l53);
    EXC("(double)3", dres = (double)(lmax / lmax * 3));
    EXC("(float)(2^24+1)", fres = (float)i24);
    EXC("(int)2.5", ires = (int)p25);
    EXC("(int)3.0", ires = (int)(three * one));
    EXC("(long)-3.7", lres = (long)-p37);
    EXC("(unsigned)2.5f", ires = (int)(unsigned)f25);
    EXC("lrint(2.5)", lres = lrint(p25));
    EXC("lrint(2.0)", lres = lrint(two));
    EXC("rint(2.5)", dres = rint(p25));
    EXC("nearbyint(2.5)", dres = nearbyint(p25));
    EXC("fma(DBL_MAX,2,-DBL_MAX)", dres = fma(dmax, two, -dmax));
    EXC("fma(1/3,3,-1) (exact)", dres = fma(third, three, -one));
    EXC("fma(DBL_MAX,DBL_MAX,0)", dres = fma(dmax, dmax, zero));
    EXC("fma(inf,0,1)", dres = fma(inf, zero, one));
    EXC("fmaf(1/3f,3,-1)", fres = fmaf(fone / fthree, fthree, -fone));
    EXC("fmod(5.5,2)", dres = fmod(5.5 * one, two));
    EXC("fmod(1,0)", dres = fmod(one, zero));
    EXC("exp(1000)", dres = exp(1000 * one));
    EXC("exp(-1000)", dres = exp(-1000 * one));
    EXC("exp(0)", dres = exp(zero));
    EXC("log(0)", dres = log(zero));
    EXC("log(-1)", dres = log(-one));
    EXC("log(1)", dres = log(one));
    EXC("pow(0,-1)", dres = pow(zero, -one));
    EXC("strtod(\"0.1\")", dres = strtod("0.1", NULL));
    EXC("strtod(\"1e-400\")", dres = strtod("1e-400", NULL));
    EXC("strtod(\"1e400\")", dres = strtod("1e400", NULL));
    EXC("strtod(\"0.5\")", dres = strtod("0.5", NULL));
    (void)ires;

    printf("== feraiseexcept / fetestexcept / fegetexceptflag\n");
    static const int each[5] = {FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW, FE_UNDERFLOW, FE_INEXACT};
    for (int i = 0; i < 5; i++) {
        feclearexcept(FE_ALL_EXCEPT);
        int r = feraiseexcept(each[i]);
        int f = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
        printf("  feraiseexcept(%s) -> %d, raised", flag_names(each[i]) + 1, r);
        /* x86 raises overflow and underflow with inexact, as IEEE 754 permits: show the named one */
        printf("%s, only-that-one %d\n", flag_names(f & each[i]), (f & each[i]) == each[i]);
    }
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_INVALID | FE_DIVBYZERO | FE_INEXACT);
    printf("  raised INVALID|DIVBYZERO|INEXACT: test(ALL)%s test(DIVBYZERO|OVERFLOW)%s\n",
           flag_names(fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT),
           flag_names(fetestexcept(FE_DIVBYZERO | FE_OVERFLOW)));
    feclearexcept(FE_DIVBYZERO);
    printf("  after feclearexcept(DIVBYZERO):%s\n", flag_names(fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT));
    fexcept_t saved;
    fegetexceptflag(&saved, FE_INVALID | FE_OVERFLOW);
    feclearexcept(FE_ALL_EXCEPT);
    dres = dmax * two; /* OVERFLOW INEXACT */
    printf("  after clear and overflow:%s\n", flag_names(fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT));
    fesetexceptflag(&saved, FE_INVALID | FE_OVERFLOW);
    printf("  after fesetexceptflag(saved INVALID, no OVERFLOW):%s\n",
           flag_names(fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT));
    feclearexcept(FE_ALL_EXCEPT);
}

/* ---- environments */

static void section_env(void) {
    printf("== fegetenv / fesetenv / feholdexcept / feupdateenv\n");
    fenv_t env, held;
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    feraiseexcept(FE_OVERFLOW);
    int r1 = fegetenv(&env);
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    dres = one / three;
    uint64_t nearest_third = bitsd(dres);
    int r2 = fesetenv(&env);
    int mode = fegetround();
    int flags = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
    dres = one / three;
    uint64_t restored_third = bitsd(dres);
    fesetround(FE_TONEAREST);
    printf("  fegetenv %d fesetenv %d: mode %s flags%s; 1/3 nearest %a, after fesetenv %a\n", r1, r2,
           round_name(mode), flag_names(flags & FE_OVERFLOW), dbits(nearest_third), dbits(restored_third));

    fesetround(FE_TOWARDZERO);
    feraiseexcept(FE_INVALID);
    int r3 = fesetenv(FE_DFL_ENV);
    mode = fegetround();
    flags = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
    printf("  fesetenv(FE_DFL_ENV) %d: mode %s flags%s\n", r3, round_name(mode), flag_names(flags));

    /* feholdexcept: save, clear the flags; feupdateenv: restore and re-raise the new ones */
    fesetround(FE_DOWNWARD);
    feclearexcept(FE_ALL_EXCEPT);
    dres = one / zero; /* DIVBYZERO */
    int r4 = feholdexcept(&held);
    int held_flags = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
    int held_mode = fegetround();
    fesetround(FE_UPWARD);
    dres = one / three; /* INEXACT, rounded up */
    uint64_t up_third = bitsd(dres);
    int inner_flags = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
    int r5 = feupdateenv(&held);
    mode = fegetround();
    flags = fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT;
    dres = one / three;
    uint64_t down_third = bitsd(dres);
    fesetround(FE_TONEAREST);
    printf("  feholdexcept %d: flags%s", r4, flag_names(held_flags));
    printf(" mode %s; inside:%s", round_name(held_mode), flag_names(inner_flags));
    printf("; feupdateenv %d: mode %s flags%s; 1/3 inside %a after %a\n", r5, round_name(mode), flag_names(flags),
           dbits(up_third), dbits(down_third));

    /* feholdexcept then fesetenv discards what was raised in between */
    feclearexcept(FE_ALL_EXCEPT);
    feholdexcept(&held);
    dres = zero / zero;
    int r6 = fesetenv(&held);
    printf("  feholdexcept, 0/0, fesetenv %d: flags%s\n", r6, flag_names(fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT));
    feclearexcept(FE_ALL_EXCEPT);
}

/* ---- RISC-V: fcsr and static rounding modes, or a C model of the ISA */

enum { RNE, RTZ, RDN, RUP, RMM };
static const char *const rm_names[5] = {"rne", "rtz", "rdn", "rup", "rmm"};
#define NV 16u
#define DZ 8u
#define OF 4u
#define UF 2u
#define NX 1u

#if defined(__riscv) && __riscv_xlen == 64 && defined(__riscv_d)
#define CVT_ONE(insn, rm)                                                                                  \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\t" insn " %0, ft0, " rm "\n\tfrflags %1"             \
                     : "=r"(r), "=r"(f)                                                                    \
                     : "r"(a)                                                                              \
                     : "ft0")
#define CVT_FN(name, insn)                                                                                 \
    static uint64_t name(uint64_t a, int rm, unsigned *flags) {                                            \
        uint64_t r = 0, f = 0;                                                                             \
        switch (rm) {                                                                                      \
        case RNE: CVT_ONE(insn, "rne"); break;                                                              \
        case RTZ: CVT_ONE(insn, "rtz"); break;                                                              \
        case RDN: CVT_ONE(insn, "rdn"); break;                                                              \
        case RUP: CVT_ONE(insn, "rup"); break;                                                              \
        default: CVT_ONE(insn, "rmm"); break;                                                               \
        }                                                                                                  \
        *flags = (unsigned)f;                                                                              \
        return r;                                                                                          \
    }
CVT_FN(cvt_w_d, "fcvt.w.d") CVT_FN(cvt_wu_d, "fcvt.wu.d") CVT_FN(cvt_l_d, "fcvt.l.d") CVT_FN(cvt_lu_d, "fcvt.lu.d")
CVT_FN(cvt_w_s, "fcvt.w.s") CVT_FN(cvt_wu_s, "fcvt.wu.s") CVT_FN(cvt_l_s, "fcvt.l.s") CVT_FN(cvt_lu_s, "fcvt.lu.s")

/* binary operations with a static rounding mode: raw bits in, raw bits out */
#define OP2_ONE(insn, rm)                                                                                  \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\t" insn " ft2, ft0, ft1, " rm        \
                     "\n\tfmv.x.d %0, ft2\n\tfrflags %1"                                                   \
                     : "=r"(r), "=r"(f)                                                                    \
                     : "r"(a), "r"(b)                                                                      \
                     : "ft0", "ft1", "ft2")
#define OP2_FN(name, insn)                                                                                 \
    static uint64_t name(uint64_t a, uint64_t b, int rm, unsigned *flags) {                                \
        uint64_t r = 0, f = 0;                                                                             \
        switch (rm) {                                                                                      \
        case RNE: OP2_ONE(insn, "rne"); break;                                                              \
        case RTZ: OP2_ONE(insn, "rtz"); break;                                                              \
        case RDN: OP2_ONE(insn, "rdn"); break;                                                              \
        default: OP2_ONE(insn, "rup"); break;                                                               \
        }                                                                                                  \
        *flags = (unsigned)f;                                                                              \
        return r;                                                                                          \
    }
OP2_FN(op_fadd_d, "fadd.d") OP2_FN(op_fsub_d, "fsub.d") OP2_FN(op_fmul_d, "fmul.d") OP2_FN(op_fdiv_d, "fdiv.d")
OP2_FN(op_fadd_s, "fadd.s") OP2_FN(op_fdiv_s, "fdiv.s")

#define OP1_ONE(insn, rm)                                                                                  \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\t" insn " ft2, ft0, " rm "\n\tfmv.x.d %0, ft2\n\tfrflags %1" \
                     : "=r"(r), "=r"(f)                                                                    \
                     : "r"(a)                                                                              \
                     : "ft0", "ft2")
#define OP1_FN(name, insn)                                                                                 \
    static uint64_t name(uint64_t a, int rm, unsigned *flags) {                                            \
        uint64_t r = 0, f = 0;                                                                             \
        switch (rm) {                                                                                      \
        case RNE: OP1_ONE(insn, "rne"); break;                                                              \
        case RTZ: OP1_ONE(insn, "rtz"); break;                                                              \
        case RDN: OP1_ONE(insn, "rdn"); break;                                                              \
        default: OP1_ONE(insn, "rup"); break;                                                               \
        }                                                                                                  \
        *flags = (unsigned)f;                                                                              \
        return r;                                                                                          \
    }
OP1_FN(op_fsqrt_d, "fsqrt.d") OP1_FN(op_fcvt_s_d, "fcvt.s.d")
/* integer sources: the argument is an x register */
#define I2F_ONE(insn, rm)                                                                                  \
    __asm__ volatile("fsflags zero\n\t" insn " ft2, %2, " rm "\n\tfmv.x.d %0, ft2\n\tfrflags %1"             \
                     : "=r"(r), "=r"(f)                                                                    \
                     : "r"(a)                                                                              \
                     : "ft2")
#define I2F_FN(name, insn)                                                                                 \
    static uint64_t name(uint64_t a, int rm, unsigned *flags) {                                            \
        uint64_t r = 0, f = 0;                                                                             \
        switch (rm) {                                                                                      \
        case RNE: I2F_ONE(insn, "rne"); break;                                                              \
        case RTZ: I2F_ONE(insn, "rtz"); break;                                                              \
        case RDN: I2F_ONE(insn, "rdn"); break;                                                              \
        default: I2F_ONE(insn, "rup"); break;                                                               \
        }                                                                                                  \
        *flags = (unsigned)f;                                                                              \
        return r;                                                                                          \
    }
I2F_FN(op_fcvt_d_l, "fcvt.d.l") I2F_FN(op_fcvt_d_lu, "fcvt.d.lu") I2F_FN(op_fcvt_s_l, "fcvt.s.l")
I2F_FN(op_fcvt_s_w, "fcvt.s.w") I2F_FN(op_fcvt_s_wu, "fcvt.s.wu")

#define FMA_ONE(rm)                                                                                        \
    __asm__ volatile("fsflags zero\n\tfmv.d.x ft0, %2\n\tfmv.d.x ft1, %3\n\tfmv.d.x ft2, %4\n\t"              \
                     "fmadd.d ft3, ft0, ft1, ft2, " rm "\n\tfmv.x.d %0, ft3\n\tfrflags %1"                  \
                     : "=r"(r), "=r"(f)                                                                    \
                     : "r"(a), "r"(b), "r"(c)                                                              \
                     : "ft0", "ft1", "ft2", "ft3")
static uint64_t op_fmadd_d(uint64_t a, uint64_t b, uint64_t c, int rm, unsigned *flags) {
    uint64_t r = 0, f = 0;
    switch (rm) {
    case RNE: FMA_ONE("rne"); break;
    case RTZ: FMA_ONE("rtz"); break;
    case RDN: FMA_ONE("rdn"); break;
    default: FMA_ONE("rup"); break;
    }
    *flags = (unsigned)f;
    return r;
}

/* the CSRs: write a value, read back fcsr, frm and fflags; always leaves fcsr = 0 */
static void csr_roundtrip(unsigned fcsr_in, unsigned frm_in, unsigned fflags_in, unsigned out[6]) {
    uint64_t a, b, c, d, e, g;
    __asm__ volatile("fscsr %6\n\tfrcsr %0\n\tfrrm %1\n\tfrflags %2\n\t"
                     "fsrm %7\n\tfsflags %8\n\tfrcsr %3\n\t"
                     "csrs fflags, %9\n\tcsrc frm, %10\n\tfrcsr %4\n\t"
                     "fsrmi 3\n\tfsflagsi 0x11\n\tfrcsr %5\n\tfscsr zero"
                     : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "=&r"(e), "=&r"(g)
                     : "r"((uint64_t)fcsr_in), "r"((uint64_t)frm_in), "r"((uint64_t)fflags_in), "r"((uint64_t)0x4),
                       "r"((uint64_t)0x1));
    out[0] = (unsigned)a;
    out[1] = (unsigned)b;
    out[2] = (unsigned)c;
    out[3] = (unsigned)d;
    out[4] = (unsigned)e;
    out[5] = (unsigned)g;
}

/* the dynamic rounding mode of an instruction is frm, which fesetround writes */
static int read_frm(void) {
    uint64_t r;
    __asm__ volatile("frrm %0" : "=r"(r));
    return (int)r;
}
#else
static int rv_flags(int f) {
    return ((f & FE_INVALID) ? NV : 0) | ((f & FE_DIVBYZERO) ? DZ : 0) | ((f & FE_OVERFLOW) ? OF : 0) |
           ((f & FE_UNDERFLOW) ? UF : 0) | ((f & FE_INEXACT) ? NX : 0);
}
static double round_rm(double x, int rm) {
    switch (rm) {
    case RNE:
        return nearbyint(x); /* the program runs in FE_TONEAREST here */
    case RTZ:
        return trunc(x);
    case RDN:
        return floor(x);
    case RUP:
        return ceil(x);
    default:
        return round(x);
    }
}
/* fcvt to an integer: saturate (NaN counts as +inf), NV when out of range, NX when inexact */
static uint64_t cvt_model(double x, int rm, unsigned *flags, double lo, double hi_excl, int64_t min, uint64_t max,
                          int word) {
    uint64_t r;
    if (isnan(x)) {
        *flags = NV;
        r = max;
    } else {
        double v = round_rm(x, rm);
        if (v < lo) {
            *flags = NV;
            r = (uint64_t)min;
        } else if (v >= hi_excl) {
            *flags = NV;
            r = max;
        } else {
            *flags = v != x ? NX : 0;
            r = min < 0 ? (uint64_t)(int64_t)v : (uint64_t)v;
        }
    }
    /* 32-bit results are sign-extended to 64 bits, the unsigned ones too */
    return word ? (uint64_t)(int64_t)(int32_t)(uint32_t)r : r;
}
static uint64_t cvt_w_d(uint64_t a, int rm, unsigned *f) {
    return cvt_model(dbits(a), rm, f, -2147483648.0, 2147483648.0, INT32_MIN, INT32_MAX, 1);
}
static uint64_t cvt_wu_d(uint64_t a, int rm, unsigned *f) {
    return cvt_model(dbits(a), rm, f, 0.0, 4294967296.0, 0, UINT32_MAX, 1);
}
static uint64_t cvt_l_d(uint64_t a, int rm, unsigned *f) {
    return cvt_model(dbits(a), rm, f, -9223372036854775808.0, 9223372036854775808.0, INT64_MIN, INT64_MAX, 0);
}
static uint64_t cvt_lu_d(uint64_t a, int rm, unsigned *f) {
    return cvt_model(dbits(a), rm, f, 0.0, 18446744073709551616.0, 0, UINT64_MAX, 0);
}
static double unbox_s(uint64_t a) {
    return (a >> 32) == 0xffffffffu ? (double)fbits((uint32_t)a) : (double)NAN;
}
static uint64_t cvt_w_s(uint64_t a, int rm, unsigned *f) {
    return cvt_model(unbox_s(a), rm, f, -2147483648.0, 2147483648.0, INT32_MIN, INT32_MAX, 1);
}
static uint64_t cvt_wu_s(uint64_t a, int rm, unsigned *f) {
    return cvt_model(unbox_s(a), rm, f, 0.0, 4294967296.0, 0, UINT32_MAX, 1);
}
static uint64_t cvt_l_s(uint64_t a, int rm, unsigned *f) {
    return cvt_model(unbox_s(a), rm, f, -9223372036854775808.0, 9223372036854775808.0, INT64_MIN, INT64_MAX, 0);
}
static uint64_t cvt_lu_s(uint64_t a, int rm, unsigned *f) {
    return cvt_model(unbox_s(a), rm, f, 0.0, 18446744073709551616.0, 0, UINT64_MAX, 0);
}

/* arithmetic with a static mode: the same operation under fesetround, NaNs made canonical */
static const int rm_fe[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
static volatile double va, vb, vc, vr;
static volatile float vfa, vfb, vfr;
static volatile int64_t vl;
static volatile uint64_t vul;
static volatile int32_t vw;
static volatile uint32_t vuw;
#define BOXED(f) (0xffffffff00000000ull | (isnan(f) ? 0x7fc00000u : bitsf(f)))
#define CANON(d) (isnan(d) ? 0x7ff8000000000000ull : bitsd(d))
#define MODEL(setup, expr, result)                              \
    do {                                                        \
        setup;                                                  \
        feclearexcept(FE_ALL_EXCEPT);                           \
        fesetround(rm_fe[rm]);                                  \
        expr;                                                   \
        fesetround(FE_TONEAREST);                               \
        *flags = (unsigned)rv_flags(fetestexcept(FE_ALL_EXCEPT)); \
        feclearexcept(FE_ALL_EXCEPT);                           \
        return result;                                          \
    } while (0)
static uint64_t op_fadd_d(uint64_t a, uint64_t b, int rm, unsigned *flags) {
    MODEL((va = dbits(a), vb = dbits(b)), vr = va + vb, CANON(vr));
}
static uint64_t op_fsub_d(uint64_t a, uint64_t b, int rm, unsigned *flags) {
    MODEL((va = dbits(a), vb = dbits(b)), vr = va - vb, CANON(vr));
}
static uint64_t op_fmul_d(uint64_t a, uint64_t b, int rm, unsigned *flags) {
    MODEL((va = dbits(a), vb = dbits(b)), vr = va * vb, CANON(vr));
}
static uint64_t op_fdiv_d(uint64_t a, uint64_t b, int rm, unsigned *flags) {
    MODEL((va = dbits(a), vb = dbits(b)), vr = va / vb, CANON(vr));
}
static uint64_t op_fadd_s(uint64_t a, uint64_t b, int rm, unsigned *flags) {
    MODEL((vfa = (float)unbox_s(a), vfb = (float)unbox_s(b)), vfr = vfa + vfb, BOXED(vfr));
}
static uint64_t op_fdiv_s(uint64_t a, uint64_t b, int rm, unsigned *flags) {
    MODEL((vfa = (float)unbox_s(a), vfb = (float)unbox_s(b)), vfr = vfa / vfb, BOXED(vfr));
}
static uint64_t op_fsqrt_d(uint64_t a, int rm, unsigned *flags) {
    MODEL(va = dbits(a), vr = sqrt(va), CANON(vr));
}
static uint64_t op_fcvt_s_d(uint64_t a, int rm, unsigned *flags) {
    MODEL(va = dbits(a), vfr = (float)va, BOXED(vfr));
}
static uint64_t op_fcvt_d_l(uint64_t a, int rm, unsigned *flags) {
    MODEL(vl = (int64_t)a, vr = (double)vl, bitsd(vr));
}
static uint64_t op_fcvt_d_lu(uint64_t a, int rm, unsigned *flags) {
    MODEL(vul = a, vr = (double)vul, bitsd(vr));
}
static uint64_t op_fcvt_s_l(uint64_t a, int rm, unsigned *flags) {
    MODEL(vl = (int64_t)a, vfr = (float)vl, BOXED(vfr));
}
static uint64_t op_fcvt_s_w(uint64_t a, int rm, unsigned *flags) {
    MODEL(vw = (int32_t)(uint32_t)a, vfr = (float)vw, BOXED(vfr));
}
static uint64_t op_fcvt_s_wu(uint64_t a, int rm, unsigned *flags) {
    MODEL(vuw = (uint32_t)a, vfr = (float)vuw, BOXED(vfr));
}
static uint64_t op_fmadd_d(uint64_t a, uint64_t b, uint64_t c, int rm, unsigned *flags) {
    MODEL((va = dbits(a), vb = dbits(b), vc = dbits(c)), vr = fma(va, vb, vc), CANON(vr));
}
/* the fcsr is 8 bits: frm (7:5) and fflags (4:0); writes to bits above are ignored */
static void csr_roundtrip(unsigned fcsr_in, unsigned frm_in, unsigned fflags_in, unsigned out[6]) {
    unsigned fcsr = fcsr_in & 0xff;
    out[0] = fcsr;
    out[1] = fcsr >> 5;
    out[2] = fcsr & 0x1f;
    fcsr = ((frm_in & 7) << 5) | (fflags_in & 0x1f);
    out[3] = fcsr;
    fcsr = (fcsr | 0x4) & ~(0x1u << 5);
    out[4] = fcsr;
    out[5] = (3u << 5) | 0x11;
}
static int read_frm(void) {
    switch (fegetround()) {
    case FE_TOWARDZERO:
        return 1;
    case FE_DOWNWARD:
        return 2;
    case FE_UPWARD:
        return 3;
    default:
        return 0;
    }
}
#endif

typedef uint64_t (*cvt_fn)(uint64_t, int, unsigned *);

static void flags_str(unsigned f, char *buf) {
    sprintf(buf, "%s%s%s%s%s", f & NV ? "V" : "-", f & DZ ? "Z" : "-", f & OF ? "O" : "-", f & UF ? "U" : "-",
            f & NX ? "X" : "-");
}

static void section_riscv(void) {
    printf("== RISC-V fcvt to integers: result/flags (NV DZ OF UF NX) per static rounding mode\n");
    static const uint64_t dv[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x3fe0000000000000ull /* 0.5 */,
        0xbfe0000000000000ull /* -0.5 */, 0x3ff8000000000000ull /* 1.5 */, 0x4004000000000000ull /* 2.5 */,
        0xc004000000000000ull /* -2.5 */, 0xbfd3333333333333ull /* -0.3 */, 0xbff0000000000000ull /* -1 */,
        0x41dfffffffe00000ull /* 2^31-0.5 */, 0x41dfffffffc00000ull /* 2^31-1 */, 0x41e0000000000000ull /* 2^31 */,
        0xc1e0000000000000ull /* -2^31 */, 0xc1e0000000100000ull /* -2^31-0.5 */,
        0x41efffffffe00000ull /* 2^32-1 */, 0x41efffffffffffffull /* 2^32-2^-21 */, 0x41f0000000000000ull /* 2^32 */,
        0x43dfffffffffffffull /* largest < 2^63 */, 0x43e0000000000000ull /* 2^63 */, 0xc3e0000000000000ull /* -2^63 */,
        0xc3e0000000000001ull, 0x43efffffffffffffull /* largest < 2^64 */, 0x43f0000000000000ull /* 2^64 */,
        0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull,
        0x7ff0000000000001ull, 0x0000000000000001ull, 0x4415af1d78b58c40ull /* 1e20 */};
    static const struct {
        const char *name;
        cvt_fn fn;
    } dcv[4] = {{"fcvt.w.d", cvt_w_d}, {"fcvt.wu.d", cvt_wu_d}, {"fcvt.l.d", cvt_l_d}, {"fcvt.lu.d", cvt_lu_d}};
    char fb[8];
    for (size_t i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        double x = dbits(dv[i]);
        if (isnan(x)) {
            printf("  %016llx (nan)\n", (unsigned long long)dv[i]);
        } else {
            printf("  %016llx (%a)\n", (unsigned long long)dv[i], x);
        }
        for (int k = 0; k < 4; k++) {
            printf("    %-9s", dcv[k].name);
            for (int rm = 0; rm < 5; rm++) {
                unsigned f;
                uint64_t r = dcv[k].fn(dv[i], rm, &f);
                flags_str(f, fb);
                printf(" %s %llx %s", rm_names[rm], (unsigned long long)r, fb);
            }
            printf("\n");
        }
    }
    static const uint32_t sv[] = {0x3f000000u /* 0.5 */, 0xbfc00000u /* -1.5 */, 0x40200000u /* 2.5 */,
                                  0x4effffffu /* 2^31-128 */, 0x4f000000u /* 2^31 */, 0xcf000000u /* -2^31 */,
                                  0x4f800000u /* 2^32 */, 0x5effffffu, 0x5f000000u /* 2^63 */, 0xdf000000u /* -2^63 */,
                                  0x5f800000u /* 2^64 */, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xbe99999au};
    static const struct {
        const char *name;
        cvt_fn fn;
    } scv[4] = {{"fcvt.w.s", cvt_w_s}, {"fcvt.wu.s", cvt_wu_s}, {"fcvt.l.s", cvt_l_s}, {"fcvt.lu.s", cvt_lu_s}};
    for (size_t i = 0; i <= sizeof sv / sizeof sv[0]; i++) {
        /* the last one is an improperly NaN-boxed single: it reads as the canonical NaN */
        uint64_t boxed = i < sizeof sv / sizeof sv[0] ? 0xffffffff00000000ull | sv[i] : 0x000000003f800000ull;
        printf("  %016llx\n", (unsigned long long)boxed);
        for (int k = 0; k < 4; k++) {
            printf("    %-9s", scv[k].name);
            for (int rm = 0; rm < 5; rm++) {
                unsigned f;
                uint64_t r = scv[k].fn(boxed, rm, &f);
                flags_str(f, fb);
                printf(" %s %llx %s", rm_names[rm], (unsigned long long)r, fb);
            }
            printf("\n");
        }
    }

    printf("== RISC-V arithmetic with static rounding modes (rne rtz rdn rup): result flags\n");
    static const uint64_t pairs[][2] = {
        {0x3ff0000000000000ull, 0x4008000000000000ull},   /* 1, 3 */
        {0xbff0000000000000ull, 0x4008000000000000ull},   /* -1, 3 */
        {0x3ff0000000000000ull, 0x3ca0000000000000ull},   /* 1, 2^-53 */
        {0x7fefffffffffffffull, 0x7fefffffffffffffull},   /* DBL_MAX, DBL_MAX */
        {0x0010000000000000ull, 0x4008000000000000ull},   /* DBL_MIN, 3 */
        {0x3ff0000000000000ull, 0x0000000000000000ull},   /* 1, 0 */
        {0x0000000000000000ull, 0x0000000000000000ull},   /* 0, 0 */
        {0x3ff0000000000000ull, 0xbff0000000000000ull},   /* 1, -1 */
        {0x7ff0000000000001ull, 0x3ff0000000000000ull},   /* sNaN, 1 */
        {0x7ff8000000000000ull, 0x3ff0000000000000ull},   /* qNaN, 1 */
        {0x7ff0000000000000ull, 0xfff0000000000000ull},   /* inf, -inf */
        {0x4000000000000000ull, 0x4010000000000000ull},   /* 2, 4 */
    };
    typedef uint64_t (*op2_fn)(uint64_t, uint64_t, int, unsigned *);
    static const struct {
        const char *name;
        op2_fn fn;
    } ops[4] = {{"fadd.d", op_fadd_d}, {"fsub.d", op_fsub_d}, {"fmul.d", op_fmul_d}, {"fdiv.d", op_fdiv_d}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        printf("  %016llx %016llx\n", (unsigned long long)pairs[i][0], (unsigned long long)pairs[i][1]);
        for (int k = 0; k < 4; k++) {
            printf("    %-7s", ops[k].name);
            for (int rm = 0; rm < 4; rm++) {
                unsigned f;
                uint64_t r = ops[k].fn(pairs[i][0], pairs[i][1], rm, &f);
                flags_str(f, fb);
                printf(" %016llx %s", (unsigned long long)r, fb);
            }
            printf("\n");
        }
        uint64_t c = pairs[(i + 1) % (sizeof pairs / sizeof pairs[0])][0];
        printf("    fmadd.d +%016llx", (unsigned long long)c);
        for (int rm = 0; rm < 4; rm++) {
            unsigned f;
            uint64_t r = op_fmadd_d(pairs[i][0], pairs[i][1], c, rm, &f);
            flags_str(f, fb);
            printf(" %016llx %s", (unsigned long long)r, fb);
        }
        printf("\n    fsqrt.d");
        for (int rm = 0; rm < 4; rm++) {
            unsigned f;
            uint64_t r = op_fsqrt_d(pairs[i][1], rm, &f);
            flags_str(f, fb);
            printf(" %016llx %s", (unsigned long long)r, fb);
        }
        printf("\n    fcvt.s.d");
        for (int rm = 0; rm < 4; rm++) {
            unsigned f;
            uint64_t r = op_fcvt_s_d(pairs[i][0] + 0x10000000, rm, &f); /* low bits set: inexact */
            flags_str(f, fb);
            printf(" %016llx %s", (unsigned long long)r, fb);
        }
        printf("\n");
    }
    static const uint64_t spairs[][2] = {
        {0xffffffff3f800000ull, 0xffffffff40400000ull}, /* 1, 3 */
        {0xffffffff7f7fffffull, 0xffffffff7f7fffffull}, /* FLT_MAX, FLT_MAX */
        {0xffffffff00800000ull, 0xffffffff40400000ull}, /* FLT_MIN, 3 */
        {0xffffffffbf800000ull, 0xffffffff00000000ull}, /* -1, 0 */
        {0xffffffff7f800001ull, 0xffffffff3f800000ull}, /* sNaN, 1 */
        {0x000000003f800000ull, 0xffffffff3f800000ull}, /* unboxed, 1 */
    };
    for (size_t i = 0; i < sizeof spairs / sizeof spairs[0]; i++) {
        printf("  %016llx %016llx fadd.s", (unsigned long long)spairs[i][0], (unsigned long long)spairs[i][1]);
        for (int rm = 0; rm < 4; rm++) {
            unsigned f;
            uint64_t r = op_fadd_s(spairs[i][0], spairs[i][1], rm, &f);
            flags_str(f, fb);
            printf(" %016llx %s", (unsigned long long)r, fb);
        }
        printf(" fdiv.s");
        for (int rm = 0; rm < 4; rm++) {
            unsigned f;
            uint64_t r = op_fdiv_s(spairs[i][0], spairs[i][1], rm, &f);
            flags_str(f, fb);
            printf(" %016llx %s", (unsigned long long)r, fb);
        }
        printf("\n");
    }
    printf("== RISC-V integer -> float with static rounding modes\n");
    static const uint64_t iv[] = {0, 1, (uint64_t)-1, (1ull << 53) + 1, (1ull << 53) + 3, 0x7fffffffffffffffull,
                                  0x8000000000000001ull, 0xfffffffffffffbffull, (1ull << 24) + 1, 0x7fffffbfull,
                                  0x80000001ull, 0xffffffffull, 0x123456789abcdefull};
    typedef uint64_t (*op1_fn)(uint64_t, int, unsigned *);
    static const struct {
        const char *name;
        op1_fn fn;
    } iops[5] = {{"fcvt.d.l", op_fcvt_d_l}, {"fcvt.d.lu", op_fcvt_d_lu}, {"fcvt.s.l", op_fcvt_s_l},
                 {"fcvt.s.w", op_fcvt_s_w}, {"fcvt.s.wu", op_fcvt_s_wu}};
    for (size_t i = 0; i < sizeof iv / sizeof iv[0]; i++) {
        printf("  %016llx\n", (unsigned long long)iv[i]);
        for (int k = 0; k < 5; k++) {
            printf("    %-9s", iops[k].name);
            for (int rm = 0; rm < 4; rm++) {
                unsigned f;
                uint64_t r = iops[k].fn(iv[i], rm, &f);
                flags_str(f, fb);
                printf(" %016llx %s", (unsigned long long)r, fb);
            }
            printf("\n");
        }
    }

    printf("== fcsr / frm / fflags\n");
    static const unsigned csr_in[][3] = {{0x00, 0, 0}, {0xff, 7, 0x1f}, {0x1ff, 4, 0xff}, {0x9b, 1, 0x05},
                                         {0x61, 3, 0x10}};
    for (size_t i = 0; i < sizeof csr_in / sizeof csr_in[0]; i++) {
        unsigned out[6];
        csr_roundtrip(csr_in[i][0], csr_in[i][1], csr_in[i][2], out);
        printf("  fscsr %#x: fcsr %#x frm %u fflags %#x; fsrm %u fsflags %#x: fcsr %#x; csrs fflags 4, csrc frm 1: "
               "%#x; fsrmi 3 fsflagsi 0x11: %#x\n",
               csr_in[i][0], out[0], out[1], out[2], csr_in[i][1], csr_in[i][2], out[3], out[4], out[5]);
    }
    printf("  frm after fesetround:");
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        int frm = read_frm();
        fesetround(FE_TONEAREST);
        printf(" %s=%d", mode_names[m], frm);
    }
    printf("\n");
}

int main(void) {
    section_rounding();
    section_flags();
    section_env();
    section_riscv();
    feclearexcept(FE_ALL_EXCEPT); /* the RISC-V instructions leave their last flags in fflags */
    printf("final mode %s, flags%s\n", round_name(fegetround()), flag_names(fetestexcept(FE_ALL_EXCEPT) & STD_EXCEPT));
    return 0;
}
