/* sieve.c -- sieve of Eratosthenes over a byte array (memory: strided stores,
 * sequential loads). Sieves the numbers below LIMIT, REPS times, and prints
 * the number of primes and a checksum of them.
 *
 * usage: sieve [REPS [LIMIT]]      (default 80 repetitions, LIMIT 4,000,000)
 *
 * bench-args: 80
 * bench-quick-args: 8
 * bench-interp-args: 1 200000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long sieve(unsigned char *composite, long limit, long *count) {
    memset(composite, 0, (size_t)limit);
    composite[0] = composite[1] = 1;
    for (long p = 2; p * p < limit; p++) {
        if (!composite[p]) {
            for (long m = p * p; m < limit; m += p) {
                composite[m] = 1;
            }
        }
    }
    unsigned long sum = 0;
    long n = 0;
    for (long k = 2; k < limit; k++) {
        if (!composite[k]) {
            n++;
            sum = sum * 31 + (unsigned long)k;
        }
    }
    *count = n;
    return sum;
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 80;
    long limit = argc > 2 ? strtol(argv[2], NULL, 10) : 4000000;
    if (reps < 1 || limit < 2) {
        fprintf(stderr, "usage: sieve [REPS [LIMIT]]\n");
        return 2;
    }
    unsigned char *composite = malloc((size_t)limit);
    if (composite == NULL) {
        return 1;
    }
    unsigned long check = 0;
    long count = 0;
    for (long r = 0; r < reps; r++) {
        check ^= sieve(composite, limit - r, &count) + (unsigned long)r;
    }
    printf("sieve %ld x %ld: %ld primes below %ld, checksum %lu\n", reps, limit, count, limit - reps + 1, check);
    free(composite);
    return 0;
}
