/* nbody.c -- the classic n-body simulation (Sun, Jupiter, Saturn, Uranus,
 * Neptune; symplectic Euler, dt = 0.01) in doubles: per step 10 pair
 * interactions, each with a sqrt and a division, plus loads/stores of the
 * body array. Prints the system's energy before and after STEPS steps.
 *
 * The bench builds do not link libm, so sqrt is the instruction itself
 * (fsqrt.d on RISC-V, sqrtsd on x86-64) through inline asm; both are the
 * correctly rounded IEEE square root. RISC-V gcc contracts a*b+c into fmadd.d
 * and x86-64 gcc does not, so the last bits differ along the way: the energy
 * is printed with 9 decimals, as the benchmark has always done, which both
 * agree on for all three argument sets below.
 *
 * usage: nbody [STEPS]      (default 12,000,000)
 *
 * bench-args: 12000000
 * bench-quick-args: 1200000
 * bench-interp-args: 2000
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

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES 5

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static struct body bodies[NBODIES] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS}, /* sun */
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS}, /* jupiter */
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS}, /* saturn */
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS}, /* uranus */
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS}, /* neptune */
};

static void advance(struct body *b, double dt) {
    for (int i = 0; i < NBODIES; i++) {
        for (int j = i + 1; j < NBODIES; j++) {
            double dx = b[i].x - b[j].x;
            double dy = b[i].y - b[j].y;
            double dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * root(d2));
            b[i].vx -= dx * b[j].mass * mag;
            b[i].vy -= dy * b[j].mass * mag;
            b[i].vz -= dz * b[j].mass * mag;
            b[j].vx += dx * b[i].mass * mag;
            b[j].vy += dy * b[i].mass * mag;
            b[j].vz += dz * b[i].mass * mag;
        }
    }
    for (int i = 0; i < NBODIES; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

static double energy(const struct body *b) {
    double e = 0.0;
    for (int i = 0; i < NBODIES; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NBODIES; j++) {
            double dx = b[i].x - b[j].x;
            double dy = b[i].y - b[j].y;
            double dz = b[i].z - b[j].z;
            e -= (b[i].mass * b[j].mass) / root(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

/* make the total momentum zero by giving the sun the opposite of the planets' */
static void offset_momentum(struct body *b) {
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < NBODIES; i++) {
        px += b[i].vx * b[i].mass;
        py += b[i].vy * b[i].mass;
        pz += b[i].vz * b[i].mass;
    }
    b[0].vx = -px / SOLAR_MASS;
    b[0].vy = -py / SOLAR_MASS;
    b[0].vz = -pz / SOLAR_MASS;
}

int main(int argc, char **argv) {
    long steps = argc > 1 ? strtol(argv[1], NULL, 10) : 12000000;
    if (steps < 1) {
        fprintf(stderr, "usage: nbody [STEPS]\n");
        return 2;
    }
    offset_momentum(bodies);
    double e0 = energy(bodies);
    for (long s = 0; s < steps; s++) {
        advance(bodies, 0.01);
    }
    double e1 = energy(bodies);
    printf("nbody %ld steps: energy %.9f -> %.9f\n", steps, e0, e1);
    return 0;
}
