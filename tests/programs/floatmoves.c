/* floatmoves.c -- float register moves, negations and absolute values (RISC-V fmv, fneg, fabs: fsgnj, fsgnjn and
 * fsgnjx of one register), which the peephole pass makes a copy, an xor and an and:
 *  - a 3x3 blur of singles whose sliding window gcc keeps in registers, moved along with fmv.s each pixel, and a
 *    FIR filter (a single-precision sum carried by a loop);
 *  - negations and absolute values of singles and doubles in loops, of NaNs with payloads (moved, negated or
 *    fabs'ed NaNs keep their bits on both x86 and RISC-V), infinities, zeros of both signs and subnormals;
 *  - copysign between two values (the sign of one, the rest of the other: no simplification may apply).
 * Output: checksums and bit patterns, the same natively and under any RV64 translator. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

#define W 96
static float img[W * W], out[W * W], x[1024 + 32], y[1024], h[32];

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float fof(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static double dof(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static void blur(void) {
    for (int i = 1; i < W - 1; i++)
        for (int j = 1; j < W - 1; j++)
            out[i * W + j] = 0.0625f * (img[(i - 1) * W + j - 1] + img[(i - 1) * W + j + 1]
                + img[(i + 1) * W + j - 1] + img[(i + 1) * W + j + 1])
                + 0.125f * (img[(i - 1) * W + j] + img[i * W + j - 1] + img[i * W + j + 1] + img[(i + 1) * W + j])
                + 0.25f * img[i * W + j];
}

static void fir(void) {
    for (int i = 0; i < 1024; i++) {
        float acc = 0.0f;
        for (int k = 0; k < 32; k++)
            acc += h[k] * x[i + k];
        y[i] = acc;
    }
}

int main(void) {
    uint32_t s = 7;
    for (int i = 0; i < W * W; i++) { s = s * 1664525u + 1013904223u; img[i] = (float)(s >> 12) / 1048576.0f; }
    for (int i = 0; i < 1024 + 32; i++) { s = s * 1664525u + 1013904223u; x[i] = (float)((int)(s >> 20) - 2048) / 512.0f; }
    for (int i = 0; i < 32; i++) h[i] = 1.0f / (float)(i + 3);
    uint64_t sum = 0;
    for (int r = 0; r < 20; r++) {
        blur();
        memcpy(img, out, sizeof img);
        fir();
        for (int i = 0; i < 1024; i++) x[i] = y[i] * 0.5f - x[i + 3] * 0.25f;
        for (int i = 0; i < W * W; i += 37) sum = sum * 31 + fbits(out[i]);
        sum = sum * 31 + fbits(y[r * 41]);
    }
    printf("blur and fir: %016llx\n", (unsigned long long)sum);

    /* negations and absolute values in loops, of every kind of value, NaNs with payloads among them */
    uint32_t fs[] = {0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u, 0xff800000u, 0x7fc00000u,
                     0xffc00001u, 0x7f800123u, 0x7fa00456u, 0x00000001u, 0x807fffffu, 0x7f7fffffu};
    uint64_t ds[] = {0x0ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xfff0000000000000ull,
                     0x7ff8000000000000ull, 0xfff8000000000abcull, 0x7ff0000000000001ull, 0x000fffffffffffffull,
                     0xc00921fb54442d18ull};
    int nf = sizeof fs / sizeof fs[0], nd = sizeof ds / sizeof ds[0];
    uint64_t acc = 0;
    for (int i = 0; i < nf; i++) {
        volatile float v = fof(fs[i]);
        float a = v, n = -a, f = fabsf(a), c = copysignf(f, fof(fs[(i + 3) % nf]));
        printf("s %08x: -x %08x |x| %08x copysign %08x\n", fs[i], fbits(n), fbits(f), fbits(c));
        for (int k = 0; k < 100; k++) { /* moved and negated around a loop */
            float t = n; n = f; f = -t;
            acc += fbits(n) ^ fbits(fabsf(f));
        }
    }
    for (int i = 0; i < nd; i++) {
        volatile double v = dof(ds[i]);
        double a = v, n = -a, f = fabs(a), c = copysign(f, dof(ds[(i + 2) % nd]));
        printf("d %016llx: -x %016llx |x| %016llx copysign %016llx\n", (unsigned long long)ds[i],
               (unsigned long long)dbits(n), (unsigned long long)dbits(f), (unsigned long long)dbits(c));
        for (int k = 0; k < 100; k++) {
            double t = n; n = -f; f = fabs(t);
            acc += dbits(n) ^ dbits(-f);
        }
    }
    printf("moves: %016llx\n", (unsigned long long)acc);
    return 0;
}
