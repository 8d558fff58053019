/* loop.c: the benchmark loop `for (i = 0; i < N; i++) a += i;` with N from
 * argv[1] (default 10,000,000). The empty asm with a "+r" constraint makes
 * `a` opaque each iteration so gcc cannot replace the loop by a closed form
 * or vectorise it. Prints a; for N = 10,000,000 that is 49999995000000. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000000L;
    long a = 0;
    for (long i = 0; i < n; i++) {
        a += i;
        __asm__ volatile("" : "+r"(a));
    }
    printf("%ld\n", a);
    return 0;
}
