/* quietcompares.c: quiet comparisons and sqrt's errno test in hot loops, with the floating-point flags watched.
 *   - isless, isgreater, islessequal, isgreaterequal, islessgreater, isunordered on doubles and floats, over
 *     values with quiet NaNs, infinities, zeros and ordinary numbers: RISC-V gcc writes each as frflags; flt/fle;
 *     fsflags (a signalling compare whose invalid the restore takes back), x86-64 gcc as ucomisd;
 *   - sqrt and sqrtf of the same values: the inline fsqrt after a quiet x < 0 test, and the library call for a
 *     negative operand (which gcc may leave out where the result is not used; errno is not printed);
 *   - each loop runs with the flags cleared, and again with each of FE_INVALID, FE_INEXACT, FE_OVERFLOW and all of
 *     them raised before it: what fetestexcept shows after the loop is printed by name (the macros' values differ
 *     between x86 and RISC-V), with the counts and sums.
 * The comparisons alone must leave the flags as they were, whatever the operands; an ordinary sqrt raises inexact,
 * sqrt of a negative number invalid. No signalling NaN: x86's ucomisd raises invalid for one where RISC-V's restore
 * takes it back.
 */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

#define N 16
#define ROUNDS 300

static volatile double dv[N] = {1.0, -1.0, 0.0, -0.0, 2.5, -3.75, 1e300, -1e-300,
                                0.0, 0.0, 4.0, 9.0, 0.5, 1e-310, 7.0, 0.25};
static volatile float fv[N] = {1.0f, -1.0f, 0.0f, -0.0f, 2.5f, -3.75f, 1e30f, -1e-30f,
                               0.0f, 0.0f, 4.0f, 9.0f, 0.5f, 1e-40f, 7.0f, 0.25f};

static void show_flags(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-28s flags:%s%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "",
           f ? "" : " none");
}

/* Every quiet comparison of each value with each other, ROUNDS times, counted: one function per precision. */
#define COMPARE_ALL(name, type, values)                                                                           \
    static unsigned long name(void) {                                                                             \
        unsigned long counts = 0;                                                                                 \
        for (int r = 0; r < ROUNDS; r++) {                                                                        \
            for (int i = 0; i < N; i++) {                                                                         \
                type a = values[i], b = values[(i + r) % N];                                                      \
                counts += isless(a, b) + 2 * isgreater(a, b) + 4 * islessequal(a, b) + 8 * isgreaterequal(a, b) \
                          + 16 * islessgreater(a, b) + 32 * isunordered(a, b);                                    \
            }                                                                                                     \
        }                                                                                                         \
        return counts;                                                                                            \
    }
COMPARE_ALL(compare_doubles, double, dv)
COMPARE_ALL(compare_floats, float, fv)

/* sqrt of the values at or after 'from' (so that a run can leave the negative ones out). */
static double roots(int from) {
    double sum = 0;
    float fsum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = from; i < N; i++) {
            double s = sqrt(dv[i]);
            float t = sqrtf(fv[i]);
            if (isfinite(s)) {
                sum += s;
            }
            if (isfinite(t)) {
                fsum += t;
            }
        }
    }
    return sum + fsum;
}

static void with_flags(const char *name, int raised) {
    printf("%s raised before:\n", name);
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(raised);
    printf("  compare doubles: %lu\n", compare_doubles());
    show_flags("after double compares");
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(raised);
    printf("  compare floats: %lu\n", compare_floats());
    show_flags("after float compares");
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(raised);
    printf("  roots of non-negatives: %.9g\n", roots(8));
    show_flags("after roots of non-negatives");
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(raised);
    printf("  roots of all: %.9g\n", roots(0));
    show_flags("after roots of all");
}

int main(void) {
    dv[8] = NAN;
    dv[9] = INFINITY;
    fv[8] = NAN;
    fv[9] = INFINITY;
    fv[7] = -INFINITY;
    with_flags("nothing", 0);
    with_flags("invalid", FE_INVALID);
    with_flags("inexact", FE_INEXACT);
    with_flags("overflow", FE_OVERFLOW);
    with_flags("all", FE_ALL_EXCEPT);
    return 0;
}
