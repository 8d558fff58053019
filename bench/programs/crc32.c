/* crc32.c -- bit operations over a buffer: a bitwise (table-free) CRC-32
 * (shifts, ands, xors, a mask from the low bit) and a 64-bit multiply-rotate
 * hash, both over a LEN-byte pseudo-random buffer, REPS times (the buffer is
 * perturbed between repetitions so none can be skipped).
 *
 * usage: crc32 [REPS [LEN]]      (default 220 passes over 256 KiB)
 *
 * bench-args: 220
 * bench-quick-args: 22
 * bench-interp-args: 1 16384
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned crc32_bitwise(const unsigned char *p, long len, unsigned crc) {
    crc = ~crc;
    for (long i = 0; i < len; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static unsigned long rotl64(unsigned long x, int r) {
    return (x << r) | (x >> (64 - r));
}

static unsigned long hash64(const unsigned char *p, long len, unsigned long h) {
    for (long i = 0; i + 8 <= len; i += 8) {
        unsigned long w = 0;
        for (int b = 0; b < 8; b++) {
            w |= (unsigned long)p[i + b] << (8 * b);
        }
        w *= 0x87c37b91114253d5UL;
        w = rotl64(w, 31);
        w *= 0x4cf5ad432745937fUL;
        h ^= w;
        h = rotl64(h, 27) * 5 + 0x52dce729;
    }
    h ^= (unsigned long)len;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdUL;
    h ^= h >> 33;
    return h;
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 220;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 256 * 1024;
    if (reps < 1 || len < 8) {
        fprintf(stderr, "usage: crc32 [REPS [LEN]]\n");
        return 2;
    }
    unsigned char *buf = malloc((size_t)len);
    if (buf == NULL) {
        return 1;
    }
    unsigned x = 2463534242u;
    for (long i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)(x >> 24);
    }
    unsigned crc = 0;
    unsigned long h = 0;
    for (long r = 0; r < reps; r++) {
        buf[r % len] ^= (unsigned char)r;
        crc = crc32_bitwise(buf, len, crc);
        h = hash64(buf, len, h);
    }
    /* A known answer, so a broken shift or mask is caught even if every runner agrees. */
    unsigned check = crc32_bitwise((const unsigned char *)"123456789", 9, 0);
    printf("crc32 %ld x %ld bytes: crc %08x, hash %016lx, crc32(\"123456789\") = %08x\n", reps, len, crc, h, check);
    free(buf);
    return 0;
}
