/* mandel.c -- the Mandelbrot set on a W x W grid over [-2, 0.5] x [-1.25, 1.25]
 * in doubles, up to MAXIT iterations per point: a compare-heavy inner loop
 * (zr^2 + zi^2 > 4 and the iteration limit, an early-out that is taken at a
 * different iteration for nearly every point), three multiplies and three
 * adds per iteration, and an int -> double conversion per row and column.
 * Prints the number of points inside, the total iteration count and a
 * checksum of the per-point escape counts: integers only.
 *
 * Escape counts near the boundary are sensitive to the last bit of every
 * step, and RISC-V gcc would contract zr*zr - zi*zi + cr and 2*zr*zi + ci into
 * fmadd/fmsub while x86-64 gcc does not: the kernel is compiled with
 * fp-contract=off (a function attribute, as the bench builds take no extra
 * flags), so each step is the same correctly rounded IEEE operations on both.
 *
 * usage: mandel [W [MAXIT]]      (default 2000 x 2000 points, 300 iterations)
 *
 * bench-args: 2000 300
 * bench-quick-args: 640 300
 * bench-interp-args: 48 100
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((optimize("fp-contract=off"))) static int escape(double cr, double ci, int maxit) {
    double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
    int it = 0;
    while (it < maxit && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        it++;
    }
    return it;
}

int main(int argc, char **argv) {
    long w = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
    long maxit = argc > 2 ? strtol(argv[2], NULL, 10) : 300;
    if (w < 2 || w > 100000 || maxit < 1 || maxit > 1000000) {
        fprintf(stderr, "usage: mandel [W [MAXIT]]\n");
        return 2;
    }
    long inside = 0;
    unsigned long total = 0, check = 0;
    for (long y = 0; y < w; y++) {
        /* (y * 2.5) is exact and a quotient cannot be contracted: the same c everywhere */
        double ci = -1.25 + ((double)y * 2.5) / (double)(w - 1);
        for (long x = 0; x < w; x++) {
            double cr = -2.0 + ((double)x * 2.5) / (double)(w - 1);
            int it = escape(cr, ci, (int)maxit);
            if (it == maxit) {
                inside++;
            }
            total += (unsigned long)it;
            check = check * 31 + (unsigned long)it;
        }
    }
    printf("mandel %ld x %ld, %ld iterations: %ld inside, %lu iterations, checksum %016lx\n", w, w, maxit, inside,
           total, check);
    return 0;
}
