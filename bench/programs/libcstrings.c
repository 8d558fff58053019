/* libcstrings.c -- the guest's own libc string and memory routines on
 * buffers of varied sizes (1 byte to 16 KiB, most of them short or medium)
 * and alignments (source and destination at any offset 0..63): memcpy,
 * memmove in both directions with overlap, memset, strlen, strchr (found
 * far in, or not at all), strcmp and memcmp (equal prefixes of varied
 * length). The driver around the calls is kept thin, so that the time goes
 * to glibc's routines: in the static RISC-V guest its scalar RV64GC versions
 * (glibc 2.36 has no vector ones), natively whichever SSE/AVX2/AVX-512
 * versions the CPU selects, so native is far ahead here. Unlike strings.c
 * (short strings, one size class), the sizes here reach the routines' bulk
 * loops and their unaligned heads and tails. Only the sign of
 * strcmp/memcmp is used.
 *
 * usage: libcstrings [REPS]      (default 2600 rounds of 1000 operation groups)
 *
 * bench-args: 1000
 * bench-quick-args: 100
 * bench-interp-args: 2
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AREA (256 * 1024)        /* each buffer: AREA bytes + slack for the largest size at the largest offset */
#define SLACK (20 * 1024)
#define GROUPS 1000

static unsigned rng = 0x1234ABCDu;

static unsigned rnd(unsigned n) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng % n;
}

/* 50% short (1..64 bytes), 35% medium (65..1024), 15% long (1 KiB..16 KiB). */
static size_t pick_size(void) {
    unsigned c = rnd(20);
    if (c < 10) {
        return 1 + rnd(64);
    } else if (c < 17) {
        return 65 + rnd(1024 - 64);
    } else {
        return 1025 + rnd(15 * 1024);
    }
}

static int sign(int v) {
    return (v > 0) - (v < 0);
}

typedef struct {
    size_t n;
    size_t src;
    size_t dst;
    size_t mark;                 /* a position below n */
    unsigned char fill;
} Group;

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 2600;
    if (reps < 1) {
        fprintf(stderr, "usage: libcstrings [REPS]\n");
        return 2;
    }
    unsigned char *a = malloc(AREA + SLACK);
    unsigned char *b = malloc(AREA + SLACK);
    unsigned char *c = malloc(AREA + SLACK);
    Group *groups = malloc(sizeof(Group) * GROUPS);
    if (a == NULL || b == NULL || c == NULL || groups == NULL) {
        return 1;
    }
    /* Source text: lower-case letters only (no '#', no NUL), so strchr(.., '#') finds only what we plant. */
    for (size_t i = 0; i < AREA + SLACK; i++) {
        a[i] = (unsigned char)('a' + rnd(26));
    }
    memset(b, 'b', AREA + SLACK);
    memset(c, 'c', AREA + SLACK);
    /* The sizes, offsets and marks are drawn once, so that the timed loop holds (almost) nothing but calls. */
    for (int g = 0; g < GROUPS; g++) {
        Group *p = &groups[g];
        p->n = pick_size();
        p->src = (rnd(AREA - 64) & ~(size_t)63) + rnd(64);
        p->dst = (rnd(AREA - 64) & ~(size_t)63) + rnd(64);
        p->mark = rnd((unsigned)p->n);
        p->fill = (unsigned char)('A' + rnd(26));
    }
    unsigned long check = 0;
    long errors = 0;
    for (long r = 0; r < reps; r++) {
        for (int g = 0; g < GROUPS; g++) {
            const Group *p = &groups[g];
            size_t n = p->n;
            size_t shift = (size_t)r & 63;
            unsigned char *sb = b + p->dst;
            unsigned char *sc = c + ((p->dst + shift * 7 + 5) % AREA);
            const unsigned char *sa = a + ((p->src + shift) % AREA);
            /* two NUL-terminated copies of the same text of length n */
            memcpy(sb, sa, n);
            sb[n] = '\0';
            memcpy(sc, sa, n);
            sc[n] = '\0';
            size_t len = strlen((const char *)sb);
            if (len != n) {
                errors++;
            }
            /* strcmp/memcmp on equal strings, then with a difference planted at mark */
            int e1 = sign(strcmp((const char *)sb, (const char *)sc));
            int e2 = sign(memcmp(sb, sc, n));
            sc[p->mark] = p->fill;                       /* upper case: compares below the lower-case letter */
            int d1 = sign(strcmp((const char *)sb, (const char *)sc));
            int d2 = sign(memcmp(sc, sb, n));
            /* strchr: '#' planted at mark in every other round, else absent (a scan to the NUL) */
            const char *hit = NULL;
            if ((g + r) & 1) {
                sb[p->mark] = '#';
                hit = strchr((const char *)sb, '#');
            } else {
                hit = strchr((const char *)sb, '#');
            }
            long pos = hit == NULL ? -1 : (long)(hit - (const char *)sb);
            /* memmove forward and backward by a distance below n (overlapping), then memset */
            size_t d = 1 + (p->mark % 61);
            memmove(sb + d, sb, n);
            memmove(sc, sc + d, n);
            memset(sb + n / 3, p->fill, n / 2);
            check = check * 1000003u + len + (unsigned long)pos * 3 + (unsigned long)(e1 + 1) * 5
                    + (unsigned long)(e2 + 1) * 7 + (unsigned long)(d1 + 1) * 11 + (unsigned long)(d2 + 1) * 13
                    + sb[n / 2] + sc[n - 1] * 17u + sb[d] * 19u;
        }
    }
    /* Sample the buffers at the end (cheap, outside the timed loop's calls). */
    unsigned long sample = 0;
    for (size_t i = 0; i < AREA + SLACK; i += 97) {
        sample = sample * 31 + b[i] + c[i] * 7u;
    }
    printf("libcstrings %ld rounds x %d groups: checksum %016lx, buffers %016lx, %ld errors\n", reps, GROUPS, check,
           sample, errors);
    free(a);
    free(b);
    free(c);
    free(groups);
    return errors == 0 ? 0 : 1;
}
