/* matmul.c -- integer matrix multiply C = A * B (N x N, 32-bit wrapping
 * arithmetic), the classic i-j-k triple loop: nested loops, a strided load
 * (B's column), a sequential load and a store per inner product. Repeated
 * REPS times with C fed back into A, so no repetition can be skipped.
 *
 * usage: matmul [N [REPS]]      (default N = 200, 160 repetitions)
 *
 * bench-args: 200 160
 * bench-quick-args: 200 16
 * bench-interp-args: 40 1
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
    long reps = argc > 2 ? strtol(argv[2], NULL, 10) : 160;
    if (n < 1 || n > 4096 || reps < 1) {
        fprintf(stderr, "usage: matmul [N [REPS]]\n");
        return 2;
    }
    unsigned *a = malloc(sizeof(unsigned) * (size_t)(n * n));
    unsigned *b = malloc(sizeof(unsigned) * (size_t)(n * n));
    unsigned *c = malloc(sizeof(unsigned) * (size_t)(n * n));
    if (a == NULL || b == NULL || c == NULL) {
        return 1;
    }
    unsigned seed = 12345;
    for (long i = 0; i < n * n; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (seed >> 16) & 0xff;
        seed = seed * 1103515245u + 12345u;
        b[i] = (seed >> 16) & 0xff;
    }
    for (long r = 0; r < reps; r++) {
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < n; j++) {
                unsigned sum = 0;
                for (long k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = sum;
            }
        }
        unsigned *t = a;
        a = c;
        c = t;
    }
    unsigned long check = 0;
    for (long i = 0; i < n * n; i++) {
        check = check * 1000003u + a[i];
    }
    printf("matmul %ld x %ld, %ld reps: checksum %lu, a[0] = %u, a[last] = %u\n",
           n, n, reps, check, a[0], a[n * n - 1]);
    free(a);
    free(b);
    free(c);
    return 0;
}
