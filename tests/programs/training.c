/* training.c -- the run that trains dbt's AOT cache (see ./dbt): a little of each kind of code a translator meets,
 * so that the classes and lambdas translating it need are in the cache, not loaded and linked at every first run:
 * integer loops of one block and of several (a branch in the body, a switch through a jump table), calls and
 * returns (recursion, a comparator called through a pointer), the C library's string and memory routines, double and
 * single precision arithmetic with conversions, and printf of integers and floats. Its output is the same natively
 * and under dbt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned step(int op, unsigned acc, unsigned i) { /* (unsigned: wraps, never overflows) */
    switch (op & 7) {
    case 0: return acc + i;
    case 1: return acc ^ (i << 3);
    case 2: return acc - 7 * i;
    case 3: return acc * 3 + 1;
    case 4: return acc >> 1;
    case 5: return acc | i;
    case 6: return acc & ~i;
    default: return acc + 11;
    }
}

int main(void) {
    enum { N = 2000 };
    int *v = malloc(N * sizeof *v);
    char *a = malloc(4 * N), *b = malloc(4 * N);
    if (v == NULL || a == NULL || b == NULL) {
        return 1;
    }
    unsigned x = 12345;
    long sum = 0;
    for (int i = 0; i < N; i++) { /* one block */
        x = x * 1103515245u + 12345u;
        v[i] = (int)(x >> 8) % 1000;
        sum += v[i];
    }
    int odd = 0;
    for (int i = 0; i < N; i++) { /* a branch in the body */
        if (v[i] & 1) {
            odd++;
        } else {
            odd -= v[i] > 500;
        }
    }
    unsigned acc = 1;
    for (int i = 0; i < N; i++) { /* a switch */
        acc = step(v[i], acc, i);
    }
    qsort(v, N, sizeof *v, compare);
    for (int i = 0; i < 4 * N; i++) {
        a[i] = (char)('a' + i % 26);
    }
    a[4 * N - 1] = '\0';
    long strings = 0;
    for (int k = 1; k < 200; k++) {
        memcpy(b, a + k, (size_t)(17 * k));
        b[17 * k] = '\0';
        memmove(b + 1, b, (size_t)k);
        memset(b + k, 'z', 5);
        strings += (long)strlen(b) + (strcmp(a, b) > 0) + (strchr(b, 'z') - b) + (memcmp(a, b, (size_t)k) > 0);
    }
    double d = 0.0, e = 1.0;
    float f = 0.0f;
    long conv = 0;
    for (int i = 1; i <= N; i++) {
        d += 1.0 / i;
        e = e * 0.999 + (double)v[i - 1] / 1024.0;
        f = f * 0.5f + (float)i * 0.25f;
        conv += (long)(d * 100.0) + (int)f + (long)(e + 0.5);
    }
    printf("sum %ld odd %d acc %u min %d max %d strings %ld fib %ld\n", sum, odd, acc, v[0], v[N - 1], strings,
           fib(20));
    printf("doubles %.6f %g %e single %.3f conversions %ld\n", d, e, d * e, (double)f, conv);
    free(v);
    free(a);
    free(b);
    return 0;
}
