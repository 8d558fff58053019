/* spectral.c -- spectral norm of the infinite matrix A(i,j) =
 * 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to N x N: ten rounds of
 * v = At(A(u)), u = At(A(v)) by power iteration, then sqrt(u.v / v.v). Each
 * matrix-vector product evaluates every entry afresh: an integer multiply,
 * an int -> double conversion and a division per multiply-add, over doubles.
 *
 * The bench builds do not link libm, so the final sqrt is the instruction
 * itself (fsqrt.d / sqrtsd) through inline asm. RISC-V gcc contracts the
 * a*u+sum into fmadd.d and x86-64 gcc does not: the norm is printed with 9
 * decimals, on which both agree for all three argument sets below.
 *
 * usage: spectral [N]      (default 4000)
 *
 * bench-args: 4000
 * bench-quick-args: 1260
 * bench-interp-args: 60
 */
#include <stdio.h>
#include <stdlib.h>

#if defined(__riscv)
static inline double root(double x) {
    double r;
    __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(x));
    return r;
}
#elif defined(__x86_64__)
static inline double root(double x) {
    double r;
    __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
    return r;
}
#else
#include <math.h>
static inline double root(double x) {
    return sqrt(x);
}
#endif

static inline double eval_a(long i, long j) {
    return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(long n, const double *v, double *av) {
    for (long i = 0; i < n; i++) {
        double sum = 0.0;
        for (long j = 0; j < n; j++) {
            sum += eval_a(i, j) * v[j];
        }
        av[i] = sum;
    }
}

static void mul_atv(long n, const double *v, double *atv) {
    for (long i = 0; i < n; i++) {
        double sum = 0.0;
        for (long j = 0; j < n; j++) {
            sum += eval_a(j, i) * v[j];
        }
        atv[i] = sum;
    }
}

static void mul_atav(long n, const double *v, double *atav, double *tmp) {
    mul_av(n, v, tmp);
    mul_atv(n, tmp, atav);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 4000;
    if (n < 1 || n > 100000) {
        fprintf(stderr, "usage: spectral [N]\n");
        return 2;
    }
    double *u = malloc(sizeof(double) * (size_t)n);
    double *v = malloc(sizeof(double) * (size_t)n);
    double *tmp = malloc(sizeof(double) * (size_t)n);
    if (u == NULL || v == NULL || tmp == NULL) {
        return 1;
    }
    for (long i = 0; i < n; i++) {
        u[i] = 1.0;
    }
    for (int r = 0; r < 10; r++) {
        mul_atav(n, u, v, tmp);
        mul_atav(n, v, u, tmp);
    }
    double vbv = 0.0, vv = 0.0;
    for (long i = 0; i < n; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    printf("spectral %ld: norm %.9f\n", n, root(vbv / vv));
    free(u);
    free(v);
    free(tmp);
    return 0;
}
