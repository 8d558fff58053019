/* loop.c -- the seed's benchmark loop, exactly:
 *
 *     for (i = 0; i < N; i++) a += i;
 *
 * with register locals. The empty asm with a "+r" constraint makes `a` opaque
 * on every iteration, so gcc can neither replace the loop by its closed form
 * nor vectorise/unroll-and-reassociate it: native code is the 4-instruction
 * loop of the seed (add, add $1, cmp, jl); on RISC-V it is add, addi, bne.
 * `a` is unsigned so that any N (even the seed's 200000 * 200000) is defined
 * behaviour; the printed value is the same as with a signed long for every
 * N whose sum fits (and matches the seed's 6790004810489280512 for 4e10).
 *
 * usage: loop [N]      (default 2,000,000,000)
 *
 * bench-args: 2000000000
 * bench-quick-args: 200000000
 * bench-interp-args: 2000000
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const register long test_limit = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000000L;
    register long i;
    register unsigned long a = 0;
    for (i = 0; i < test_limit; i++) {
        a += i;
        __asm__ volatile("" : "+r"(a));
    }
    printf("loop %ld: a = %lu\n", test_limit, a);
    return 0;
}
