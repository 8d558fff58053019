/* floatwindows.c: inner loops with more live floats than a host has spare
 * registers, which read values the outer loop sets before each entry and
 * never writes (body positions and masses, filter weights): a translator may
 * keep those in the guest state and read them where used, and must see each
 * entry's new values (the outer loop writes them just before it jumps into the
 * inner one). Singles moved along a sliding window by register moves alone
 * (fmv.s), an accumulator that starts from a value that is not a number, sums
 * that become infinite and NaN in the middle of a loop (printed as what C pins
 * down: isnan, isinf, exact sums of exactly representable values in %a).
 */
#include <math.h>
#include <stdio.h>

#define BODIES 9
#define WIDTH 300

static double px[BODIES], py[BODIES], pz[BODIES], vx[BODIES], vy[BODIES], vz[BODIES], mass[BODIES];
static float row[WIDTH + 8], out[WIDTH];

/* Every pair of bodies: fourteen doubles live in the inner loop, six of them set by the outer one. */
static double interact(int steps) {
    double e = 0;
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < BODIES; i++) {
            double xi = px[i], yi = py[i], zi = pz[i], mi = mass[i];
            double fx = 0, fy = 0, fz = 0;
            for (int j = i + 1; j < BODIES; j++) {
                double dx = xi - px[j], dy = yi - py[j], dz = zi - pz[j];
                double d2 = dx * dx + dy * dy + dz * dz + 0.01;
                double inv = 1.0 / (d2 * sqrt(d2));
                double mj = mass[j];
                fx -= dx * mj * inv;
                fy -= dy * mj * inv;
                fz -= dz * mj * inv;
                vx[j] += dx * mi * inv * 0.001;
                vy[j] += dy * mi * inv * 0.001;
                vz[j] += dz * mi * inv * 0.001;
                e += mi * mj * inv;
            }
            vx[i] += fx * 0.001;
            vy[i] += fy * 0.001;
            vz[i] += fz * 0.001;
        }
        for (int i = 0; i < BODIES; i++) {
            px[i] += vx[i] * 0.001;
            py[i] += vy[i] * 0.001;
            pz[i] += vz[i] * 0.001;
        }
    }
    return e;
}

/* A 7-tap filter over each row, its weights set per row: the window moves by register moves. */
static float filter(int rows, float start) {
    float total = start;
    for (int r = 0; r < rows; r++) {
        float w0 = 0.0625f * (float)(r % 5), w1 = 0.125f, w2 = 0.25f, w3 = 0.5f - 0.0625f * (float)(r % 3);
        float a = row[0], b = row[1], c = row[2], d = row[3], e = row[4], f = row[5];
        for (int k = 0; k < WIDTH; k++) {
            float g = row[k + 6];
            float v = w0 * (a + g) + w1 * (b + f) + w2 * (c + e) + w3 * d;
            out[k] = v;
            total += v;
            a = b; b = c; c = d; d = e; e = f; f = g;
        }
        row[r % WIDTH] = out[(r * 7) % WIDTH] * 0.5f;
    }
    return total;
}

int main(void) {
    for (int i = 0; i < BODIES; i++) {
        px[i] = i * 1.25; py[i] = (i % 3) * 0.5 - 0.5; pz[i] = (i % 4) * 0.25;
        vx[i] = vy[i] = vz[i] = 0; mass[i] = 1.0 + i * 0.125;
    }
    double e = interact(400);
    printf("pairs: energy sum %.10e, x[0] %.12f, z[8] %.12f\n", e, px[0], pz[BODIES - 1]);
    for (int k = 0; k < WIDTH + 8; k++) {
        row[k] = (float)((k * 37) % 64) * 0.015625f;
    }
    printf("filter: %a\n", filter(200, 0.0f));
    float nan = NAN;
    float t = filter(3, nan);
    printf("filter from nan: isnan %d\n", isnan(t) != 0);
    row[150] = INFINITY;
    t = filter(2, 0.0f);
    printf("filter with inf: isinf %d isnan %d, out[147] isinf %d\n", isinf(t) != 0, isnan(t) != 0,
           isinf(out[147]) != 0);
    row[151] = -INFINITY;
    t = filter(2, 0.0f);
    printf("filter with inf - inf: isnan %d, out[146] isnan %d, out[100] %a\n", isnan(t) != 0, isnan(out[146]) != 0,
           out[100]);
    return 0;
}
