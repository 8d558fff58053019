/* pressure.c: loops whose bodies hold more live values than x86-64 has
 * registers, as gcc schedules them for RISC-V's 31 (loads and index
 * computations hoisted well before their uses), so that a translator must
 * store guest registers where they are written, keep some values in spill
 * slots and read others back from the guest state:
 *   - a table-driven block cipher round (a toy of our own, AES-like: sixteen
 *     lookups in four 1 KiB tables per round, rotations, xors), CBC over a
 *     buffer, many passes;
 *   - SHA-256's compression function over a buffer (eight state words and the
 *     message schedule live across its 64 rounds);
 *   - a long straight-line body (one block of well over 64 instructions) that
 *     mixes 24 words with each other;
 *   - a loop that writes twenty-odd registers, reads none of them back, and
 *     leaves early on a data-dependent condition (so the values it wrote are
 *     what the next code reads).
 * Each prints a checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint32_t u32;
typedef uint64_t u64;

static u32 rotl(u32 x, int n) {
    return (x << n) | (x >> ((32 - n) & 31));
}

static u32 rotr(u32 x, int n) {
    return (x >> n) | (x << ((32 - n) & 31));
}

static u32 rng = 0x2545F491u;

static u32 next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static u32 T0[256], T1[256], T2[256], T3[256];
static u32 keys[4 * 13];

static void cipher_tables(void) {
    for (int i = 0; i < 256; i++) {
        u32 c = next_random();
        T0[i] = c;
        T1[i] = rotl(c, 8);
        T2[i] = rotl(c, 16);
        T3[i] = rotl(c, 24);
    }
    for (int i = 0; i < 4 * 13; i++) {
        keys[i] = next_random();
    }
}

static void encrypt(u32 s[4]) {
    const u32 *rk = keys;
    u32 s0 = s[0] ^ rk[0], s1 = s[1] ^ rk[1], s2 = s[2] ^ rk[2], s3 = s[3] ^ rk[3];
    for (int r = 1; r < 12; r++) {
        rk += 4;
        u32 t0 = T0[s0 & 255] ^ T1[(s1 >> 8) & 255] ^ T2[(s2 >> 16) & 255] ^ T3[s3 >> 24] ^ rk[0];
        u32 t1 = T0[s1 & 255] ^ T1[(s2 >> 8) & 255] ^ T2[(s3 >> 16) & 255] ^ T3[s0 >> 24] ^ rk[1];
        u32 t2 = T0[s2 & 255] ^ T1[(s3 >> 8) & 255] ^ T2[(s0 >> 16) & 255] ^ T3[s1 >> 24] ^ rk[2];
        u32 t3 = T0[s3 & 255] ^ T1[(s0 >> 8) & 255] ^ T2[(s1 >> 16) & 255] ^ T3[s2 >> 24] ^ rk[3];
        s0 = t0;
        s1 = t1 ^ rotl(t0, 7);
        s2 = t2 ^ rotl(t1, 19);
        s3 = t3 ^ rotl(t2, 27);
    }
    s[0] = s0 ^ rk[4];
    s[1] = s1 ^ rk[5];
    s[2] = s2 ^ rk[6];
    s[3] = s3 ^ rk[7];
}

static u64 cipher(u32 *buf, int words, int passes) {
    u32 chain[4] = {1, 2, 3, 4};
    for (int p = 0; p < passes; p++) {
        for (int i = 0; i + 4 <= words; i += 4) {
            for (int j = 0; j < 4; j++) {
                chain[j] ^= buf[i + j];
            }
            encrypt(chain);
            memcpy(buf + i, chain, sizeof chain);
        }
    }
    u64 sum = 0;
    for (int i = 0; i < words; i++) {
        sum = sum * 31 + buf[i];
    }
    return sum;
}

static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static void compress(u32 h[8], const unsigned char *block) {
    u32 w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = (u32)block[4 * t] << 24 | (u32)block[4 * t + 1] << 16 | (u32)block[4 * t + 2] << 8
               | (u32)block[4 * t + 3];
    }
    for (int t = 16; t < 64; t++) {
        u32 s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        u32 s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int t = 0; t < 64; t++) {
        u32 t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        u32 t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
}

/* 24 words mixed with each other in one long body: every word is live all through it. */
static u64 mix(u64 seed, int rounds) {
    u32 v[24];
    for (int i = 0; i < 24; i++) {
        v[i] = (u32)(seed >> (i % 32)) * (2u * i + 1) + i;
    }
    u32 a0 = v[0], a1 = v[1], a2 = v[2], a3 = v[3], a4 = v[4], a5 = v[5], a6 = v[6], a7 = v[7];
    u32 b0 = v[8], b1 = v[9], b2 = v[10], b3 = v[11], b4 = v[12], b5 = v[13], b6 = v[14], b7 = v[15];
    u32 c0 = v[16], c1 = v[17], c2 = v[18], c3 = v[19], c4 = v[20], c5 = v[21], c6 = v[22], c7 = v[23];
    for (int r = 0; r < rounds; r++) {
        a0 += b7 ^ rotl(c3, 5);
        a1 += b6 ^ rotl(c2, 7);
        a2 += b5 ^ rotl(c1, 11);
        a3 += b4 ^ rotl(c0, 13);
        a4 += b3 ^ rotl(c7, 17);
        a5 += b2 ^ rotl(c6, 19);
        a6 += b1 ^ rotl(c5, 23);
        a7 += b0 ^ rotl(c4, 29);
        b0 ^= a0 + c7;
        b1 ^= a1 + c6;
        b2 ^= a2 + c5;
        b3 ^= a3 + c4;
        b4 ^= a4 + c3;
        b5 ^= a5 + c2;
        b6 ^= a6 + c1;
        b7 ^= a7 + c0;
        c0 = rotl(c0 + a7 * 3, 3) ^ b1;
        c1 = rotl(c1 + a6 * 5, 6) ^ b2;
        c2 = rotl(c2 + a5 * 7, 9) ^ b3;
        c3 = rotl(c3 + a4 * 9, 12) ^ b4;
        c4 = rotl(c4 + a3 * 11, 15) ^ b5;
        c5 = rotl(c5 + a2 * 13, 18) ^ b6;
        c6 = rotl(c6 + a1 * 15, 21) ^ b7;
        c7 = rotl(c7 + a0 * 17, 24) ^ b0;
    }
    return (u64)(a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7) << 32
           | (b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7);
}

/*
 * Twenty-odd values computed from each element, none carried to the next iteration; the loop leaves when one of
 * them has a property, and the caller reads what they were.
 */
struct found {
    u64 at, x[20];
};

static struct found search(const u64 *data, int n, u64 mask) {
    struct found out = {0};
    for (int i = 0; i < n; i++) {
        u64 d = data[i];
        u64 x0 = d * 3, x1 = d ^ 0x5555, x2 = d >> 3, x3 = d + 77, x4 = d * d, x5 = d | 0x100, x6 = d & 0xff00,
            x7 = d - 12345, x8 = (d << 7) ^ d, x9 = d * 0x9E3779B97F4A7C15ull, x10 = d >> 17, x11 = ~d,
            x12 = d * 5 + 1, x13 = d ^ (d >> 9), x14 = d + (d << 2), x15 = d * 7, x16 = d & 0x0f0f0f0f,
            x17 = d | (d >> 32), x18 = d - (d >> 1), x19 = (d >> 40) * 3;
        if (((x9 ^ x4 ^ x13) & mask) == 0) {
            out.at = i;
            u64 x[20] = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19};
            memcpy(out.x, x, sizeof x);
            return out;
        }
    }
    out.at = n;
    return out;
}

int main(void) {
    cipher_tables();
    static u32 buf[4096];
    for (int i = 0; i < 4096; i++) {
        buf[i] = next_random();
    }
    printf("cipher %016llx\n", (unsigned long long)cipher(buf, 4096, 6));

    static unsigned char message[64 * 64];
    for (int i = 0; i < (int)sizeof message; i++) {
        message[i] = (unsigned char)next_random();
    }
    u32 h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int pass = 0; pass < 20; pass++) {
        for (int b = 0; b < 64; b++) {
            compress(h, message + 64 * b);
        }
    }
    printf("sha256 %08x %08x %08x %08x %08x %08x %08x %08x\n", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);

    u64 m = 0;
    for (int s = 0; s < 40; s++) {
        m = m * 1000003 ^ mix(m + (u64)s * 0x1234567, 2000 + s);
    }
    printf("mix %016llx\n", (unsigned long long)m);

    static u64 data[20000];
    for (int i = 0; i < 20000; i++) {
        data[i] = (u64)next_random() << 32 | next_random();
    }
    u64 sum = 0;
    for (u64 mask = 1; mask < (1u << 14); mask = mask * 2 + 1) {
        struct found f = search(data, 20000, mask);
        sum = sum * 131 + f.at;
        for (int j = 0; j < 20; j++) {
            sum = sum * 31 + f.x[j];
        }
    }
    printf("search %016llx\n", (unsigned long long)sum);
    return 0;
}
