/* fib.c -- doubly recursive Fibonacci: calls and returns (jal/jalr ret on
 * RISC-V), stack traffic for the saved registers. `noinline` and the opaque
 * argument keep gcc from turning it into a loop or constant.
 *
 * usage: fib [N]      (default 42)
 *
 * bench-args: 42
 * bench-quick-args: 37
 * bench-interp-args: 22
 */
#include <stdio.h>
#include <stdlib.h>

static __attribute__((noinline)) long fib(long n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 42;
    if (n < 0 || n > 90) {
        fprintf(stderr, "usage: fib [N]  (0 <= N <= 90)\n");
        return 2;
    }
    printf("fib(%ld) = %ld\n", n, fib(n));
    return 0;
}
