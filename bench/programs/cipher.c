/* cipher.c -- a table-driven 128-bit block cipher in the style of AES (a toy
 * of our own: not a real or secure cipher). The state is four 32-bit
 * columns; each of 12 rounds builds every new column from four 1 KiB
 * "T-table" lookups indexed by one byte of each old column (S-box and
 * column mixing over GF(2^8) folded into the table), xors the round key and
 * rotates; the last round uses the 256-byte S-box alone. The S-box is a
 * pseudo-random permutation made at start-up. Encrypts a LEN-byte buffer in
 * CBC chaining, REPS times in place (each pass chains on from the last
 * ciphertext block of the previous one), and prints a checksum of the
 * result. Byte extraction (shift, mask), indexed loads from small tables,
 * xors and rotations, with the data-dependent addresses of table lookups.
 *
 * usage: cipher [REPS [LEN]]      (default 900 passes over 256 KiB)
 *
 * bench-args: 900
 * bench-quick-args: 90
 * bench-interp-args: 1 1179648
 */
#include <stdio.h>
#include <stdlib.h>

typedef unsigned int u32;

#define ROUNDS 12

static unsigned char sbox[256];
static u32 T0[256], T1[256], T2[256], T3[256];
static u32 round_keys[4 * (ROUNDS + 1)];

static u32 rotl(u32 x, int n) {
    return (x << n) | (x >> ((32 - n) & 31));
}

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static unsigned gmul(unsigned a, unsigned b) {
    unsigned p = 0;
    while (b != 0) {
        if (b & 1) {
            p ^= a;
        }
        a <<= 1;
        if (a & 0x100) {
            a ^= 0x11B;
        }
        b >>= 1;
    }
    return p;
}

static u32 rng = 0xC0FFEE11u;

static u32 next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void make_tables(void) {
    for (int i = 0; i < 256; i++) {
        sbox[i] = (unsigned char)i;
    }
    for (int i = 255; i > 0; i--) {          /* Fisher-Yates shuffle */
        int j = (int)(next_random() % (u32)(i + 1));
        unsigned char t = sbox[i];
        sbox[i] = sbox[j];
        sbox[j] = t;
    }
    /* A column (b0, b1, b2, b3), b0 in the low byte, is mixed by the circulant matrix with first row
     * (3, 1, 2, 1) over GF(2^8), invertible since 3 ^ 1 ^ 2 ^ 1 != 0 (AES uses (2, 3, 1, 1)). T1..T3 are
     * T0 rotated, one table per byte position, so a round needs no rotations for the mixing. */
    for (int i = 0; i < 256; i++) {
        unsigned s = sbox[i];
        u32 col = (u32)gmul(s, 3) | (u32)gmul(s, 1) << 8 | (u32)gmul(s, 2) << 16 | (u32)gmul(s, 1) << 24;
        T0[i] = col;
        T1[i] = rotl(col, 8);
        T2[i] = rotl(col, 16);
        T3[i] = rotl(col, 24);
    }
}

static u32 sub_word(u32 w) {
    return (u32)sbox[w & 255] | (u32)sbox[(w >> 8) & 255] << 8 | (u32)sbox[(w >> 16) & 255] << 16
           | (u32)sbox[w >> 24] << 24;
}

static void expand_key(const u32 key[4]) {
    for (int i = 0; i < 4; i++) {
        round_keys[i] = key[i];
    }
    u32 c = 1;
    for (int i = 4; i < 4 * (ROUNDS + 1); i++) {
        u32 w = round_keys[i - 1];
        if (i % 4 == 0) {
            w = sub_word(rotl(w, 8)) ^ c;
            c = c * 0x9E3779B9u + 0x7F4A7C15u;
        } else if (i % 4 == 2) {
            w = rotl(w, 13) ^ round_keys[i - 3];
        }
        round_keys[i] = round_keys[i - 4] ^ w;
    }
}

static void encrypt_block(u32 s[4]) {
    const u32 *rk = round_keys;
    u32 s0 = s[0] ^ rk[0], s1 = s[1] ^ rk[1], s2 = s[2] ^ rk[2], s3 = s[3] ^ rk[3];
    for (int r = 1; r < ROUNDS; r++) {
        rk += 4;
        /* Byte k of new column j comes from column j + k (a "ShiftRows"), then mixed by the T-tables. */
        u32 t0 = T0[s0 & 255] ^ T1[(s1 >> 8) & 255] ^ T2[(s2 >> 16) & 255] ^ T3[s3 >> 24] ^ rk[0];
        u32 t1 = T0[s1 & 255] ^ T1[(s2 >> 8) & 255] ^ T2[(s3 >> 16) & 255] ^ T3[s0 >> 24] ^ rk[1];
        u32 t2 = T0[s2 & 255] ^ T1[(s3 >> 8) & 255] ^ T2[(s0 >> 16) & 255] ^ T3[s1 >> 24] ^ rk[2];
        u32 t3 = T0[s3 & 255] ^ T1[(s0 >> 8) & 255] ^ T2[(s1 >> 16) & 255] ^ T3[s2 >> 24] ^ rk[3];
        /* Our own twist: a word-level rotate-and-xor between columns (invertible, column by column). */
        s0 = t0;
        s1 = t1 ^ rotl(t0, 7);
        s2 = t2 ^ rotl(t1, 19);
        s3 = t3 ^ rotl(t2, 27);
    }
    rk += 4;
    s[0] = ((u32)sbox[s0 & 255] | (u32)sbox[(s1 >> 8) & 255] << 8 | (u32)sbox[(s2 >> 16) & 255] << 16
            | (u32)sbox[s3 >> 24] << 24) ^ rk[0];
    s[1] = ((u32)sbox[s1 & 255] | (u32)sbox[(s2 >> 8) & 255] << 8 | (u32)sbox[(s3 >> 16) & 255] << 16
            | (u32)sbox[s0 >> 24] << 24) ^ rk[1];
    s[2] = ((u32)sbox[s2 & 255] | (u32)sbox[(s3 >> 8) & 255] << 8 | (u32)sbox[(s0 >> 16) & 255] << 16
            | (u32)sbox[s1 >> 24] << 24) ^ rk[2];
    s[3] = ((u32)sbox[s3 & 255] | (u32)sbox[(s0 >> 8) & 255] << 8 | (u32)sbox[(s1 >> 16) & 255] << 16
            | (u32)sbox[s2 >> 24] << 24) ^ rk[3];
}

static u32 load32(const unsigned char *p) {
    return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static void store32(unsigned char *p, u32 v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* CBC: each plaintext block is xored with the previous ciphertext block (iv[] at first) before encryption. */
static void encrypt_cbc(unsigned char *buf, long len, u32 iv[4]) {
    for (long off = 0; off + 16 <= len; off += 16) {
        u32 s[4];
        for (int i = 0; i < 4; i++) {
            s[i] = load32(buf + off + 4 * i) ^ iv[i];
        }
        encrypt_block(s);
        for (int i = 0; i < 4; i++) {
            store32(buf + off + 4 * i, s[i]);
            iv[i] = s[i];
        }
    }
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 900;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 256 * 1024;
    if (reps < 1 || len < 16 || len > 1L << 30) {
        fprintf(stderr, "usage: cipher [REPS [LEN]]\n");
        return 2;
    }
    len &= ~15L;
    unsigned char *buf = malloc((size_t)len);
    if (buf == NULL) {
        return 1;
    }
    make_tables();
    const u32 key[4] = {0x03020100u, 0x07060504u, 0x0B0A0908u, 0x0F0E0D0Cu};
    expand_key(key);
    /* Plaintext: mostly zeros with a counter every 64 bytes (structure a cipher must hide). */
    for (long i = 0; i < len; i++) {
        buf[i] = i % 64 < 8 ? (unsigned char)(i >> (8 * (i % 8))) : 0;
    }
    u32 iv[4] = {0, 0, 0, 0};
    unsigned long check = 0;
    for (long r = 0; r < reps; r++) {
        encrypt_cbc(buf, len, iv);
        check = check * 0x100000001B3UL ^ iv[r & 3];
    }
    unsigned long sum = 0;
    for (long i = 0; i < len; i += 8) {
        unsigned long w = (unsigned long)load32(buf + i) | (unsigned long)load32(buf + i + 4) << 32;
        sum = (sum ^ w) * 0x9E3779B97F4A7C15UL;
    }
    /* One block of zeros under the key: a fixed answer for this design. */
    u32 z[4] = {0, 0, 0, 0};
    encrypt_block(z);
    printf("cipher %ld x %ld bytes: last block %08x %08x %08x %08x, checksum %016lx, chain %016lx\n", reps, len,
           iv[0], iv[1], iv[2], iv[3], sum, check);
    printf("zero block: %08x %08x %08x %08x\n", z[0], z[1], z[2], z[3]);
    free(buf);
    return 0;
}
