/* fpformat.c: floating point through the C library's text conversions.
 * printf/snprintf of doubles and floats in every conversion (%f %e %g %a %A)
 * with precisions, widths and flags; huge, tiny, subnormal, +-0, +-inf and
 * NaNs (NaNs are built from bit patterns, never by arithmetic: the sign of
 * a NaN produced by 0/0 is architecture-specific -- x86 gives -nan, RISC-V
 * the canonical +nan); halfway cases of decimal rounding; strtod/strtof/atof
 * of tricky strings (exact halfway points, the subnormal boundary, overflow,
 * hex floats, inf/nan spellings, partial parses with the end offset and
 * errno); shortest round trips float->string->float over generated values;
 * and the C conversions int/long/unsigned <-> double/float (only for values
 * in range: an out-of-range float->int cast is undefined in C).
 *
 * Values go through volatile reads so the compiler cannot fold the
 * conversions; every printed number is either exact (%a, integer) or a
 * correctly rounded decimal of an exactly known binary value, so native and
 * RISC-V output agree byte for byte. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double vd(double x) {
    volatile double v = x;
    return v;
}
static float vf(float x) {
    volatile float v = x;
    return v;
}
static double dbits(uint64_t b) {
    double d;
    memcpy(&d, &b, sizeof d);
    return vd(d);
}
static uint64_t bitsd(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}
static float fbits(uint32_t b) {
    float f;
    memcpy(&f, &b, sizeof f);
    return vf(f);
}
static uint32_t bitsf(float f) {
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

static uint64_t hash = 1469598103934665603ull;
static void hash_str(const char *s) {
    for (; *s; s++) {
        hash = (hash ^ (unsigned char)*s) * 1099511628211ull;
    }
}

/* ---- printf formats */

static const char *const formats[] = {
    "%f",     "%.0f",   "%.1f",    "%.3f",   "%.20f",  "%e",    "%.0e",   "%.3e",   "%.17e",   "%E",
    "%g",     "%.0g",   "%.1g",    "%.10g",  "%.17g",  "%+.17g", "%G",    "%#g",    "%#.3g",   "%#.0f",
    "%#.0e",  "%-12.3e|", "%12.3e|", "%010.4f", "%+010.2e", "% f",  "% .3g", "%a",     "%.0a",    "%.3a",
    "%.13a",  "%A",     "%+a",     "%#.0a",  "%20.6g|", "%-20.6g|", "%.30g", "%.40e",
};

static void print_formats(const char *name, double x) {
    char buf[2048];
    printf("%s [%016llx]\n", name, (unsigned long long)bitsd(x));
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        int n = snprintf(buf, sizeof buf, formats[i], x);
        printf("  %-9s %3d %s\n", formats[i], n, buf);
    }
}

static void section_formats(void) {
    printf("== printf formats\n");
    struct {
        const char *name;
        double v;
    } vals[] = {
        {"0", 0.0},
        {"-0", -0.0},
        {"1", 1.0},
        {"-1", -1.0},
        {"0.1", 0.1},
        {"2/3", 2.0 / 3.0},
        {"-pi", -3.14159265358979323846},
        {"1e-5", 1e-5},
        {"123456789", 123456789.0},
        {"1e15", 1e15},
        {"1e16", 1e16},
        {"1e21", 1e21},
        {"1e22", 1e22},
        {"1e23", 1e23},
        {"2^-1022 (DBL_MIN)", DBL_MIN},
        {"DBL_MAX", DBL_MAX},
        {"-1e300", -1e300},
        {"1e-310 (subnormal)", 1e-310},
        {"2^-1074 (DBL_TRUE_MIN)", 0x1p-1074},
        {"0x1.fffffffffffffp-1", 0x1.fffffffffffffp-1},
        {"9.5", 9.5},
        {"0.000123456", 0.000123456},
    };
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        print_formats(vals[i].name, vd(vals[i].v));
    }
    print_formats("+inf", dbits(0x7ff0000000000000ull));
    print_formats("-inf", dbits(0xfff0000000000000ull));
    print_formats("+nan (0x7ff8...)", dbits(0x7ff8000000000000ull));
    print_formats("-nan (0xfff8...)", dbits(0xfff8000000000000ull));
    print_formats("nan with payload 0x7ff0...1 (signalling)", dbits(0x7ff0000000000001ull));
    /* Floats are promoted to double by the variadic call (fcvt.d.s on RISC-V). */
    printf("== floats through printf\n");
    float fv[] = {0.1f, -1.5f, 16777217.0f, FLT_MAX, FLT_MIN, 0x1p-149f, 3.4028234e38f, 1e-40f, 1.0f / 3.0f};
    for (size_t i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        float f = vf(fv[i]);
        printf("  [%08x] %.9g %a %e %.3f %g\n", (unsigned)bitsf(f), f, f, f, f, f);
    }
    printf("  float nan %f, float -inf %f\n", fbits(0x7fc00000u), fbits(0xff800000u));
}

/* ---- decimal rounding of halfway cases: exact binary ties round to even,
 * values that only look like ties (0.35 is really 0.34999...) go down or up */
static void section_halfway(void) {
    printf("== halfway rounding\n");
    static const double ties[] = {0.5, 1.5, 2.5, 3.5, -0.5, -2.5, 0.125, 0.375, 1e22 + 0.0, 2.675, 1.005,
                                  0.35, 0.45, 1.25, 1.35, 5e-324, 0.0625, 1024.5, 4503599627370495.5};
    for (size_t i = 0; i < sizeof ties / sizeof ties[0]; i++) {
        double x = vd(ties[i]);
        printf("  %-24.17g %%.0f=%.0f %%.1f=%.1f %%.2f=%.2f %%.3f=%.3f %%.0e=%.0e %%.1e=%.1e %%.2g=%.2g\n", x,
               x, x, x, x, x, x, x);
    }
}

/* ---- strtod / strtof / atof */

static const char *errname(int e) {
    return e == 0 ? "0" : e == ERANGE ? "ERANGE" : e == EINVAL ? "EINVAL" : "other";
}

static void section_strtod(void) {
    printf("== strtod\n");
    static const char *const strs[] = {
        "0x1.fffffffffffffp1023",
        "0x1p-1074",
        "0x1p-1075",
        "0x1.8p-1074",
        "0x1.0000000000001p-1075",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "2.2250738585072014e-308",
        "1e23",
        "8.6e22",
        "4.9e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "-1e-400",
        "9007199254740993",
        "9007199254740995",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203126",
        "0.1",
        "3.141592653589793238462643383279502884197169399375105820974944",
        "123456789012345678901234567890e-30",
        "0.000000000000000000000000000000000000000000001e45",
        "  +12.5e-1xyz",
        "-.5",
        "5.",
        "1e",
        "1e+",
        "0x",
        "0x.8p1",
        "0X1P+3",
        "0x1.0p",
        "abc",
        "",
        "inf",
        "-Infinity",
        "INFINITYx",
        "infin",
        "nan",
        "-NaN",
        "nan(123)",
        "nan(0x7)xy",
        "nan(",
        "1.5E+2",
        "0e999999999",
        "1e-999999999",
        "1e999999999",
        "00000000000000000000000000000001.5",
        "4.940656458412465441765687928682213723651e-324",
        "7.2057594037927933e16",
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        char *end;
        errno = 0;
        double d = strtod(strs[i], &end);
        int e = errno;
        /* a NaN's payload comes from the string, not from arithmetic: print its bits */
        printf("  strtod(\"%s\") = %a [%016llx] %.17g end+%d errno=%s\n", strs[i], d,
               (unsigned long long)bitsd(d), d, (int)(end - strs[i]), errname(e));
    }
    printf("== strtof\n");
    static const char *const fstrs[] = {
        "0x1.fffffep127", "3.4028235e38", "3.40282356e38", "3.4028236e38", "3.5e38",
        "1.17549435e-38", "1.1754942e-38", "1.4e-45", "7.0e-46", "7.1e-46",
        "16777217", "16777219", "0.1", "-0", "1.00000005960464477539062500", "1.000000059604644775390625001",
        "nan", "-inf", "0x1.000001p0", "0x1.0000018p0", "2.5e-39xyz",
    };
    for (size_t i = 0; i < sizeof fstrs / sizeof fstrs[0]; i++) {
        char *end;
        errno = 0;
        float f = strtof(fstrs[i], &end);
        int e = errno;
        printf("  strtof(\"%s\") = %a [%08x] %.9g end+%d errno=%s\n", fstrs[i], f, (unsigned)bitsf(f), f,
               (int)(end - fstrs[i]), errname(e));
    }
    printf("== atof\n");
    static const char *const astrs[] = {"3.25", "-1e-3", "  42abc", "1e400", "0x10", "junk"};
    for (size_t i = 0; i < sizeof astrs / sizeof astrs[0]; i++) {
        double d = atof(astrs[i]);
        printf("  atof(\"%s\") = %a %g\n", astrs[i], d, d);
    }
}

/* ---- round trips over generated values */

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next64(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void section_roundtrip(void) {
    printf("== round trips\n");
    char buf[64];
    int bad17 = 0, bada = 0, badshort = 0;
    long digits_total = 0;
    int digits_hist[18] = {0};
    for (int i = 0; i < 4000; i++) {
        uint64_t b = next64();
        /* half of the values get an exponent in -10..19, where %f-style decimals are common */
        if (i & 1) {
            b = (b & 0x800fffffffffffffull) | ((uint64_t)(1013 + (b >> 52) % 30) << 52);
        }
        if (i % 50 == 0) {
            b &= 0x800fffffffffffffull; /* subnormals (and the occasional zero) */
        }
        double x = dbits(b);
        if (isnan(x) || isinf(x)) {
            continue;
        }
        snprintf(buf, sizeof buf, "%.17g", x);
        if (bitsd(strtod(buf, NULL)) != b) {
            bad17++;
        }
        snprintf(buf, sizeof buf, "%a", x);
        if (bitsd(strtod(buf, NULL)) != b) {
            bada++;
        }
        hash_str(buf);
        int p;
        for (p = 1; p <= 17; p++) {
            snprintf(buf, sizeof buf, "%.*g", p, x);
            if (bitsd(strtod(buf, NULL)) == b) {
                break;
            }
        }
        if (p > 17) {
            badshort++;
            p = 17;
        }
        digits_hist[p]++;
        digits_total += p;
        hash_str(buf);
        if (i < 12) {
            printf("  %016llx shortest %s (%d digits)\n", (unsigned long long)b, buf, p);
        }
    }
    printf("  doubles: %%.17g failures %d, %%a failures %d, shortest failures %d, digits %ld\n", bad17, bada,
           badshort, digits_total);
    printf("  digit histogram:");
    for (int p = 1; p <= 17; p++) {
        printf(" %d", digits_hist[p]);
    }
    printf("\n");

    int badf9 = 0, badfa = 0;
    long fdigits = 0;
    for (int i = 0; i < 4000; i++) {
        uint32_t b = (uint32_t)(next64() >> 32);
        if (i & 1) {
            b = (b & 0x807fffffu) | ((uint32_t)(117 + (b >> 23) % 20) << 23);
        }
        if (i % 50 == 0) {
            b &= 0x807fffffu;
        }
        float x = fbits(b);
        if (isnan(x) || isinf(x)) {
            continue;
        }
        snprintf(buf, sizeof buf, "%.9g", x);
        if (bitsf(strtof(buf, NULL)) != b) {
            badf9++;
        }
        snprintf(buf, sizeof buf, "%a", x);
        if (bitsf(strtof(buf, NULL)) != b) {
            badfa++;
        }
        hash_str(buf);
        int p;
        for (p = 1; p <= 9; p++) {
            snprintf(buf, sizeof buf, "%.*g", p, x);
            if (bitsf(strtof(buf, NULL)) == b) {
                break;
            }
        }
        fdigits += p;
        hash_str(buf);
        if (i < 8) {
            printf("  %08x shortest %s (%d digits)\n", (unsigned)b, buf, p);
        }
    }
    /* short decimals n / 10^k: the shortest representation is the decimal itself */
    static const double pow10[] = {1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7};
    int baddec = 0;
    for (int i = 0; i < 3000; i++) {
        uint64_t r = next64();
        long n = (long)(r % 2000001) - 1000000;
        int k = (int)((r >> 32) % 8);
        double x = vd((double)n) / vd(pow10[k]);
        char want[64];
        /* the decimal n / 10^k, written by integer arithmetic */
        long a = n < 0 ? -n : n;
        long p10 = 1;
        for (int j = 0; j < k; j++) {
            p10 *= 10;
        }
        if (k == 0) {
            snprintf(want, sizeof want, "%ld", n);
        } else {
            snprintf(want, sizeof want, "%s%ld.%0*ld", n < 0 ? "-" : "", a / p10, k, a % p10);
        }
        /* "%.*f" with k decimals must give back exactly that string */
        snprintf(buf, sizeof buf, "%.*f", k, x);
        if (strcmp(buf, want) != 0) {
            baddec++;
            if (baddec < 5) {
                printf("  decimal mismatch: %s vs %s\n", buf, want);
            }
        }
        if (strtod(buf, NULL) != x) {
            baddec++;
        }
        hash_str(buf);
    }
    printf("  short decimals: %d failures\n", baddec);
    printf("  floats: %%.9g failures %d, %%a failures %d, digits %ld\n", badf9, badfa, fdigits);
    printf("  string hash %016llx\n", (unsigned long long)hash);
}

/* ---- C conversions */

static void to_ints(double x) {
    printf("  %-26a", x);
    if (x > -2147483649.0 && x < 2147483648.0) {
        printf(" int %d", (int)x);
    } else {
        printf(" int -");
    }
    if (x > -1.0 && x < 4294967296.0) {
        printf(" unsigned %u", (unsigned)x);
    } else {
        printf(" unsigned -");
    }
    if (x >= -9223372036854775808.0 && x < 9223372036854775808.0) {
        printf(" long %ld", (long)x);
    } else {
        printf(" long -");
    }
    if (x > -1.0 && x < 18446744073709551616.0) {
        printf(" ulong %lu", (unsigned long)x);
    } else {
        printf(" ulong -");
    }
    if (x > -129.0 && x < 128.0) {
        printf(" schar %d", (signed char)x);
    }
    if (x > -1.0 && x < 65536.0) {
        printf(" ushort %u", (unsigned short)x);
    }
    printf("\n");
}

static void to_ints_f(float x) {
    printf("  %-16a", (double)x);
    if (x > -2147483904.0f && x < 2147483648.0f) {
        printf(" int %d", (int)x);
    }
    if (x > -1.0f && x < 4294967296.0f) {
        printf(" unsigned %u", (unsigned)x);
    }
    if (x >= -9223372036854775808.0f && x < 9223372036854775808.0f) {
        printf(" long %ld", (long)x);
    }
    if (x > -1.0f && x < 18446744073709551616.0f) {
        printf(" ulong %lu", (unsigned long)x);
    }
    printf("\n");
}

static float sum_tenths_f(void) {
    float s = 0;
    for (int i = 0; i < 10; i++) {
        s += vf(0.1f);
    }
    return s;
}

static double sum_tenths(void) {
    double s = 0;
    for (int i = 0; i < 10; i++) {
        s += vd(0.1);
    }
    return s;
}

static void section_conversions(void) {
    printf("== double -> integer (truncating casts)\n");
    static const double dv[] = {0.0, -0.0, 0.5, -0.5, 0.999, -0.999, 1.5, -1.5, 2.5, -2.5, 127.9, -128.9,
                                65535.99, 2147483647.0, 2147483647.9, -2147483648.0, -2147483648.9, 2147483648.0,
                                4294967295.0, 4294967295.5, 4294967296.0, 1e18, -1e18, 9223372036854774784.0,
                                -9223372036854775808.0, 9223372036854775808.0, 18446744073709549568.0,
                                18446744073709551616.0, 1e300, -1e300, 0x1p-1074, 123456.789};
    for (size_t i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        to_ints(vd(dv[i]));
    }
    printf("== float -> integer\n");
    static const float fv[] = {0.0f, -0.75f, 1.5f, -2.5f, 16777216.0f, 2147483520.0f, -2147483648.0f,
                               2147483648.0f, 4294967040.0f, 9.2233715e18f, -9.223372e18f, 1.8446743e19f, 3e38f};
    for (size_t i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        to_ints_f(vf(fv[i]));
    }
    printf("== integer -> double / float\n");
    static volatile long lv[] = {0, 1, -1, 3, -7, INT_MAX, INT_MIN, (1L << 53) + 1, (1L << 53) + 3, -(1L << 53) - 1,
                                 (1L << 24) + 1, (1L << 24) + 3, LONG_MAX, LONG_MIN, LONG_MAX - 1023,
                                 LONG_MAX - 1024, 0x7fffffbfffffffffL, 123456789012345678L};
    for (size_t i = 0; i < sizeof lv / sizeof lv[0]; i++) {
        long l = lv[i];
        int iw = (int)(l & 0x7fffffff); /* the low 31 bits, as an int */
        printf("  %ld: (double) %a (float) %a (double)(int)low31 %a (float)(int)low31 %a\n", l, (double)l,
               (double)(float)l, (double)iw, (double)(float)iw);
    }
    static volatile unsigned long uv[] = {0, 1, 4294967295ul, 4294967296ul, 0x8000000000000000ul,
                                          0x8000000000000401ul, 0xfffffffffffffbfful, 0xfffffffffffffc00ul,
                                          ULONG_MAX, 0xffffff7fffffffffUL, 0x9876543210fedcbaul};
    for (size_t i = 0; i < sizeof uv / sizeof uv[0]; i++) {
        unsigned long u = uv[i];
        unsigned w = (unsigned)u;
        printf("  %lu: (double) %a (float) %a (double)(unsigned)low32 %a (float)(unsigned)low32 %a\n", u,
               (double)u, (double)(float)u, (double)w, (double)(float)w);
    }
    printf("== double <-> float\n");
    static const double df[] = {0.1,
                                -0.1,
                                1e39,
                                -1e39,
                                1e-46,
                                DBL_MIN,
                                1.0 + 0x1p-24,
                                1.0 + 0x3p-24,
                                1.0 + 0x1p-24 + 0x1p-50,
                                0x1.fffffefffffffp127,
                                0x1.ffffffp127,
                                0x1p-149,
                                0x1p-150,
                                0x1.8p-150,
                                0x1.fffffcp-127,
                                3.4028235677973366e38,
                                -0.0};
    for (size_t i = 0; i < sizeof df / sizeof df[0]; i++) {
        double d = vd(df[i]);
        float f = (float)d;
        printf("  (float)%a = %a [%08x]\n", d, (double)f, (unsigned)bitsf(f));
    }
    static const float fd[] = {0.1f, 1e-45f, 3.4e38f, -0.0f, 0x1.fffffep-127f};
    for (size_t i = 0; i < sizeof fd / sizeof fd[0]; i++) {
        float f = vf(fd[i]);
        double d = f;
        printf("  (double)%a = %a [%016llx]\n", (double)f, d, (unsigned long long)bitsd(d));
    }
    /* int / double mixed expressions and implicit conversions */
    volatile int vi = 7, vj = -2;
    volatile unsigned vu = 3000000000u;
    double q = vd(2.0);
    printf("  7/-2 as double %a, 7/2.0 %a, 3e9u*2.0 %a, (int)(7*0.1*10) %d, (unsigned char)(200.7) %u\n",
           (double)vi / vj, vi / q, vu * q, (int)(vi * vd(0.1) * 10), (unsigned char)vd(200.7));
    printf("  0.1f summed ten times %a, 0.1 summed ten times %a\n", (double)sum_tenths_f(), sum_tenths());
}

int main(void) {
    section_formats();
    section_halfway();
    section_strtod();
    section_roundtrip();
    section_conversions();
    return 0;
}
