/* sha256.c -- SHA-256 (FIPS 180-4), written out plainly: per 64-byte block a
 * 64-entry message schedule and 64 rounds over eight 32-bit working
 * variables, each round two sums of rotations, a choice and a majority
 * function (32-bit rotations, adds, ands and xors with many values live at
 * once: register pressure, and RV64's `*w` instructions for 32-bit
 * arithmetic). Hashes a LEN-byte generated message REPS times, xoring each
 * digest into the start of the message before the next pass, and checks the
 * known digests of "abc" and of the empty string.
 *
 * usage: sha256 [REPS [LEN]]      (default 3800 passes over 64 KiB)
 *
 * bench-args: 3800
 * bench-quick-args: 380
 * bench-interp-args: 19
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned int u32;

/* The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const u32 K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
static const u32 H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static u32 rotr(u32 x, int n) {
    return (x >> n) | (x << (32 - n));
}

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
        u32 S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        u32 ch = (e & f) ^ (~e & g);
        u32 t1 = k + S1 + ch + K[t] + w[t];
        u32 S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        u32 maj = (a & b) ^ (a & c) ^ (b & c);
        u32 t2 = S0 + maj;
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

static void sha256(const unsigned char *msg, unsigned long len, unsigned char out[32]) {
    u32 h[8];
    memcpy(h, H0, sizeof h);
    unsigned long full = len / 64;
    for (unsigned long i = 0; i < full; i++) {
        compress(h, msg + 64 * i);
    }
    /* The tail: the remaining bytes, 0x80, zeros, and the length in bits (big-endian), in one or two blocks. */
    unsigned char tail[128];
    unsigned long rest = len % 64;
    memset(tail, 0, sizeof tail);
    memcpy(tail, msg + 64 * full, rest);
    tail[rest] = 0x80;
    unsigned long blocks = rest + 1 + 8 <= 64 ? 1 : 2;
    unsigned long bits = len * 8;
    for (int i = 0; i < 8; i++) {
        tail[64 * blocks - 1 - (unsigned long)i] = (unsigned char)(bits >> (8 * i));
    }
    for (unsigned long i = 0; i < blocks; i++) {
        compress(h, tail + 64 * i);
    }
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(h[i] >> 8);
        out[4 * i + 3] = (unsigned char)h[i];
    }
}

static void hex(const unsigned char d[32], char out[65]) {
    for (int i = 0; i < 32; i++) {
        out[2 * i] = "0123456789abcdef"[d[i] >> 4];
        out[2 * i + 1] = "0123456789abcdef"[d[i] & 15];
    }
    out[64] = '\0';
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 3800;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 65536;
    if (reps < 1 || len < 32 || len > 1L << 30) {
        fprintf(stderr, "usage: sha256 [REPS [LEN]]\n");
        return 2;
    }
    unsigned char *msg = malloc((size_t)len);
    if (msg == NULL) {
        return 1;
    }
    /* A message with some structure: xorshift bytes, with runs of text every so often. */
    unsigned x = 0x12345678u;
    for (long i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        msg[i] = (i / 512) % 3 == 0 ? (unsigned char)('a' + (x >> 8) % 26) : (unsigned char)(x >> 24);
    }
    unsigned char d[32];
    char text[65];
    for (long r = 0; r < reps; r++) {
        sha256(msg, (unsigned long)(len - r % 32), d);
        for (int i = 0; i < 32; i++) {
            msg[i] ^= d[i];
        }
    }
    hex(d, text);
    printf("sha256 %ld x %ld bytes: %s\n", reps, len, text);
    /* Known answers, so a wrong rotation is caught even if every runner agrees. */
    unsigned char k1[32], k2[32];
    char t1[65], t2[65];
    sha256((const unsigned char *)"abc", 3, k1);
    sha256((const unsigned char *)"", 0, k2);
    hex(k1, t1);
    hex(k2, t2);
    int ok = strcmp(t1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0
             && strcmp(t2, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0;
    printf("check: sha256(\"abc\") = %.16s..., sha256(\"\") = %.16s...: %s\n", t1, t2, ok ? "ok" : "WRONG");
    free(msg);
    return 0;
}
