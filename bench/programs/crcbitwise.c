/* crcbitwise.c -- CRC-32 one message bit per loop iteration, with a branch on
 * that bit: `if ((crc ^ byte) & 1) crc = (crc >> 1) ^ POLY; else crc >>= 1;`.
 * Unlike crc32.c (a branch-free mask per bit), the loop body holds a
 * data-dependent conditional branch that is taken about half the time at
 * random, so the bench sees short blocks joined by unpredictable branches
 * (RISC-V gcc -O2 keeps the branches, having no conditional move in RV64GC;
 * x86-64 gcc turns them into cmov, so native pays no mispredictions).
 * Two CRCs are run over a LEN-byte pseudo-random buffer, REPS times: the
 * reflected CRC-32 (IEEE, polynomial 0xEDB88320) and the MSB-first CRC-32
 * (polynomial 0x04C11DB7, as in CRC-32/BZIP2), the buffer being perturbed
 * between repetitions.
 *
 * usage: crcbitwise [REPS [LEN]]      (default 250 passes over 256 KiB)
 *
 * bench-args: 250
 * bench-quick-args: 25
 * bench-interp-args: 1 327680
 */
#include <stdio.h>
#include <stdlib.h>

/* Reflected (LSB-first) CRC-32: each step consumes the low bit of the byte. */
static unsigned crc_reflected(const unsigned char *p, long len, unsigned crc) {
    crc = ~crc;
    for (long i = 0; i < len; i++) {
        unsigned byte = p[i];
        for (int b = 0; b < 8; b++) {
            if ((crc ^ byte) & 1u) {
                crc = (crc >> 1) ^ 0xEDB88320u;
            } else {
                crc >>= 1;
            }
            byte >>= 1;
        }
    }
    return ~crc;
}

/* Normal (MSB-first) CRC-32: each step consumes the high bit of the byte. */
static unsigned crc_msb_first(const unsigned char *p, long len, unsigned crc) {
    crc = ~crc;
    for (long i = 0; i < len; i++) {
        unsigned byte = (unsigned)p[i] << 24;
        for (int b = 0; b < 8; b++) {
            if ((crc ^ byte) & 0x80000000u) {
                crc = (crc << 1) ^ 0x04C11DB7u;
            } else {
                crc <<= 1;
            }
            byte <<= 1;
        }
    }
    return ~crc;
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 250;
    long len = argc > 2 ? strtol(argv[2], NULL, 10) : 256 * 1024;
    if (reps < 1 || len < 1 || len > 1L << 30) {
        fprintf(stderr, "usage: crcbitwise [REPS [LEN]]\n");
        return 2;
    }
    unsigned char *buf = malloc((size_t)len);
    if (buf == NULL) {
        return 1;
    }
    unsigned long x = 0x9E3779B97F4A7C15UL;
    for (long i = 0; i < len; i++) {
        x ^= x << 7;
        x ^= x >> 9;
        buf[i] = (unsigned char)(x >> 32);
    }
    unsigned a = 0;
    unsigned b = 0;
    unsigned long mix = 0;
    for (long r = 0; r < reps; r++) {
        buf[(r * 7919) % len] ^= (unsigned char)(r + 1);
        a = crc_reflected(buf, len, a);
        b = crc_msb_first(buf, len, b);
        mix = mix * 31 + (a ^ ((unsigned long)b << 16));
    }
    /* Known answers ("check" values), so a wrong shift or branch is caught even if every runner agrees. */
    const unsigned char *nine = (const unsigned char *)"123456789";
    unsigned ka = crc_reflected(nine, 9, 0);
    unsigned kb = crc_msb_first(nine, 9, 0);
    printf("crcbitwise %ld x %ld bytes: crc32 %08x, crc32/bzip2 %08x, mix %016lx\n", reps, len, a, b, mix);
    printf("check: crc32 %08x (%s), crc32/bzip2 %08x (%s)\n", ka, ka == 0xCBF43926u ? "ok" : "WRONG", kb,
           kb == 0xFC891918u ? "ok" : "WRONG");
    free(buf);
    return 0;
}
