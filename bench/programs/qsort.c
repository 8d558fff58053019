/* qsort.c -- libc qsort of ints with a comparator function: an indirect call
 * (jalr through a register on RISC-V) per comparison, plus glibc's merge sort
 * copying. Sorts REPS pseudo-random arrays of LEN ints and checks the order.
 *
 * usage: qsort [REPS [LEN]]      (default 26 arrays of 200,000 ints)
 *
 * bench-args: 26
 * bench-quick-args: 3
 * bench-interp-args: 1 20000
 */
#include <stdio.h>
#include <stdlib.h>

static long comparisons;

static int compare_ints(const void *pa, const void *pb) {
    int a = *(const int *)pa;
    int b = *(const int *)pb;
    comparisons++;
    return (a > b) - (a < b);
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 26;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 200000;
    if (reps < 1 || len < 1 || len > 100000000) {
        fprintf(stderr, "usage: qsort [REPS [LEN]]\n");
        return 2;
    }
    int *v = malloc(sizeof(int) * (size_t)len);
    if (v == NULL) {
        return 1;
    }
    unsigned long seed = 88172645463325252UL;
    unsigned long check = 0;
    for (long r = 0; r < reps; r++) {
        for (long i = 0; i < len; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            v[i] = (int)(seed % 2000001) - 1000000;
        }
        qsort(v, (size_t)len, sizeof(int), compare_ints);
        for (long i = 1; i < len; i++) {
            if (v[i - 1] > v[i]) {
                printf("qsort: not sorted at %ld\n", i);
                return 1;
            }
        }
        check = check * 31 + (unsigned long)(long)v[0] + (unsigned long)(long)v[len / 2] * 7
                + (unsigned long)(long)v[len - 1] * 13;
    }
    /* The comparison count depends on the libc's sort algorithm, so it is not printed. */
    printf("qsort %ld x %ld ints: checksum %lu, min %d, max %d\n", reps, len, check, v[0], v[len - 1]);
    free(v);
    return 0;
}
