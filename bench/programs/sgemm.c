/* sgemm.c -- single-precision matrix multiply-accumulate C += A' * B (N x N
 * floats), REPS times, where A' is A with its rows rotated by the repetition
 * number so no repetition repeats another. i-k-j loop order: the inner loop
 * is c[j] += a * b[j] over a row, the shape that becomes fmadd.s on RISC-V
 * (gcc contracts it) and mulss/addss (or their packed forms) on x86-64.
 *
 * Fused and unfused multiply-adds agree here because nothing is ever rounded:
 * the entries are multiples of 1/16 in [-15/16, 15/16], so every product is a
 * multiple of 1/256 below 1 and every partial sum a multiple of 1/256 below
 * N * REPS in magnitude, which fits a float's 24-bit significand as long as
 * N * REPS <= 65536 (checked). The checksum hashes every entry of C as an
 * integer count of 1/256 (a float -> long conversion each) and prints two
 * entries exactly with %a.
 *
 * Because every operation is exact, none would ever set the inexact flag,
 * which no realistic program manages; qemu's softfloat only takes its fast
 * host-FPU path once the inexact flag is set, and would spend twice as long
 * here otherwise. So one inexact division is done first, as in any program
 * that has computed anything.
 *
 * usage: sgemm [N [REPS]]      (default N = 256, 96 repetitions; N * REPS <= 65536)
 *
 * bench-args: 256 96
 * bench-quick-args: 256 10
 * bench-interp-args: 32 2
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 256;
    long reps = argc > 2 ? strtol(argv[2], NULL, 10) : 96;
    if (n < 1 || n > 65536 || reps < 1 || n * reps > 65536) {
        fprintf(stderr, "usage: sgemm [N [REPS]]   (N * REPS <= 65536)\n");
        return 2;
    }
    float *a = malloc(sizeof(float) * (size_t)(n * n));
    float *b = malloc(sizeof(float) * (size_t)(n * n));
    float *c = malloc(sizeof(float) * (size_t)(n * n));
    if (a == NULL || b == NULL || c == NULL) {
        return 1;
    }
    volatile float third = 1.0f;
    third = third / 3.0f; /* sets the inexact flag (see above) */
    unsigned seed = 12345;
    for (long i = 0; i < n * n; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (float)((int)((seed >> 16) % 31) - 15) * 0.0625f;
        seed = seed * 1103515245u + 12345u;
        b[i] = (float)((int)((seed >> 16) % 31) - 15) * 0.0625f;
        c[i] = 0.0f;
    }
    for (long r = 0; r < reps; r++) {
        for (long i = 0; i < n; i++) {
            const float *arow = a + ((i + r) % n) * n;
            float *crow = c + i * n;
            for (long k = 0; k < n; k++) {
                float aik = arow[k];
                const float *brow = b + k * n;
                for (long j = 0; j < n; j++) {
                    crow[j] += aik * brow[j];
                }
            }
        }
    }
    unsigned long check = 0;
    long sum = 0;
    for (long i = 0; i < n * n; i++) {
        long units = (long)(c[i] * 256.0f);
        sum += units;
        check = check * 1000003u + (unsigned long)units;
    }
    printf("sgemm %ld x %ld, %ld reps: checksum %016lx, sum of C %ld/256, c[0] = %a, c[last] = %a\n", n, n,
           reps, check, sum, (double)c[0], (double)c[n * n - 1]);
    free(a);
    free(b);
    free(c);
    return 0;
}
