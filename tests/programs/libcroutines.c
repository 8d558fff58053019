/* libcroutines.c: the C library's string and memory functions that dbt runs as host routines (strlen, strcmp,
 * strncmp, memcmp and bcmp, strchr and index, memchr, memcpy, memmove, memset), called as programs call them, at every
 * alignment and over many lengths. One block of lines per part:
 *   strlen ... memset  each function over the lengths 0 to 300 and 511 ... 4097, 65549, at every alignment 0-31 of
 *              each pointer against a 64-byte boundary (all 32 x 32 pairs up to 48 bytes, 64 pairs up to 300, 8
 *              above), on bytes from a xorshift generator (fixed seed) rich in 0x01/0x7f/0x80/0x81/0xfe/0xff; the
 *              comparisons with a difference at every position (across the alignment pairs up to 48 bytes, and
 *              each position of a few longer strings: one string shorter, or longer, or a byte changed; both
 *              argument orders), garbage that differs after the terminator or past n; strncmp's n at 0, before, at
 *              and after the first difference or terminator, past the garbage, huge (SIZE_MAX, and where the
 *              string's address + n wraps to 0), and every n from 0 to 300 about a difference, a terminator or
 *              none at 17 positions; strchr's character found (the first of two), missing, placed after the
 *              terminator, given as c + 256 or as a negative int, and '\0' (also as 256); memchr's likewise on
 *              bytes with zeros among them (found at every position up to 40 bytes and of a few longer ranges,
 *              the first of two, missing, only just after n, with n cut to the position and one past it, c as
 *              0, c + 256, c - 256, an int whose low byte is c, n huge); memmove both directions, overlapping by
 *              1 to n - 1 bytes, and apart. Each result is checked against where the test put the difference or
 *              the character (memchr's pointer as its offset from the range), each destination against a shadow
 *              copy written by byte loops of the program's own, with 16 bytes either side; results and
 *              destinations are hashed (64-bit FNV-1a), and one comparison result per length (0 to 19) is
 *              printed: the difference of the first differing bytes;
 *   edge       two mappings of two pages whose second page is PROT_NONE: strings whose terminator is the last byte
 *              before it, or 1 to 20 bytes before it, for strlen, strchr (found and not), strcmp and strncmp
 *              (either argument and both there; strncmp's n at the shorter length, one more, past both, SIZE_MAX),
 *              strncmp whose n ends exactly at the page over equal bytes without a terminator (or the last one or
 *              the one before it different, or the last a terminator), memchr ranges that end exactly there (the
 *              character missing, at the last byte, the first, the middle; n past the page, up to SIZE_MAX, with
 *              the character before it), and memcmp/bcmp/memcpy/memmove/memset ranges that end exactly there: none
 *              may fault (results checked against byte loops);
 *   fault      strlen, strchr, strcmp and strncmp (n past the page: either string, or both at different
 *              distances) running into the PROT_NONE page without a terminator, memchr (of 0x80 or 0) with n past
 *              it and the character missing; the same calls ended by a difference, a terminator, the character or
 *              n before it (no fault); memcpy and memmove whose source crosses into it (apart from the destination,
 *              and memmove overlapping forward), memcpy, memset and memmove (overlapping backward) whose
 *              destination crosses into it, by 1 byte up to a page: SIGSEGV (SEGV_ACCERR) in that page, caught by
 *              a handler that siglongjmps back, and whether the destination's bytes before the page hold what they
 *              should;
 *   words      a program's use of them: 3000 generated words (some with UTF-8 bytes) sorted by qsort with strcmp,
 *              duplicates counted, joined with memcpy, split again with strchr, looked up in a hash table keyed by
 *              strlen/memcmp, inserted into a sorted array with memmove, buffers cleared with memset.
 * Where C leaves the outcome open, RISC-V glibc's generic C code (which the guest runs, and which dbt must match)
 * pins it down, and x86-64 glibc's differs; as fpmath.c does with the ISA, the program checks the guest's exact
 * behaviour on RISC-V and only what C guarantees natively, and prints the same line when the check passes:
 *   - strcmp/strncmp/memcmp give the exact byte difference on RISC-V (natively their sign is checked, and the
 *     expected value printed);
 *   - a forward access that faults does so at the first byte of the PROT_NONE page (natively: in that page);
 *   - after a fault, a memset or memcpy whose destination crosses into the page has written every byte before it,
 *     a backward memmove none, and a copy whose source crosses into it exactly as many as glibc's generic memcpy
 *     has stored when its load of the page's first word faults (generic_copy_written); natively each byte holds
 *     its old or its new value.
 * The fault offsets and the byte counts go to stderr. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef __riscv
#define GUEST_GLIBC 1 /* glibc's generic C code: exact differences, forward accesses */
#else
#define GUEST_GLIBC 0
#endif

/* The program's own byte loops (the reference): gcc must not turn them into calls of the functions under test. */
#define REF __attribute__((noinline, optimize("no-tree-loop-distribute-patterns")))

#define BIG (65536 + 13)
#define BUFSZ (BIG + 4096)

static unsigned char A[BUFSZ] __attribute__((aligned(64)));
static unsigned char B[BUFSZ] __attribute__((aligned(64)));
static unsigned char D[3 * BUFSZ] __attribute__((aligned(64))); /* destinations */
static unsigned char S[3 * BUFSZ] __attribute__((aligned(64))); /* D's shadow, written by the reference */
static unsigned char T[BUFSZ] __attribute__((aligned(64)));     /* scratch */
static unsigned char NZ[BUFSZ];                                 /* pool of nonzero bytes */
static unsigned char ZB[BUFSZ];                                 /* pool of bytes, zeros among them */

/* bcmp and index through pointers: gcc would call memcmp and strchr for them. */
static int (*volatile bcmp_p)(const void *, const void *, size_t) = bcmp;
static char *(*volatile index_p)(const char *, int) = index;

static inline int opaque(int x) {
    __asm__ volatile("" : "+r"(x));
    return x;
}

static inline size_t opaque_size(size_t x) { /* gcc warns of a constant bound beyond any object */
    __asm__ volatile("" : "+r"(x));
    return x;
}

/* ---- generator, hash, reference loops ---- */

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const unsigned char special[8] = {0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x00, 0x20};

static unsigned rbyte(void) {
    uint64_t r = next();
    return (r & 3) == 0 ? special[(r >> 2) & 7] : (unsigned)(r >> 24) & 0xff;
}

/* a byte other than c (nonzero if asked), from a rotation of awkward values */
static unsigned other(unsigned c, unsigned k, int nonzero) {
    static const unsigned char alt[10] = {0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x00, 0x41, 0xc3, 0x3c};
    unsigned x = alt[k % 10];
    if (nonzero && x == 0) {
        x = 0x42;
    }
    if (x == c) {
        x = c ^ 0x80;
    }
    if (nonzero && x == 0) {
        x = 0x7f;
    }
    return x;
}

static void fnv(uint64_t *h, unsigned char b) {
    *h = (*h ^ b) * 0x100000001b3ULL;
}

static void fnv64(uint64_t *h, uint64_t v) {
    for (int i = 0; i < 8; i++) {
        fnv(h, (unsigned char)(v >> (8 * i)));
    }
}

REF static void bytecopy(unsigned char *d, const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        d[i] = s[i];
    }
}

REF static void bytefill(unsigned char *d, unsigned char c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        d[i] = c;
    }
}

REF static void bytemove(unsigned char *d, const unsigned char *s, size_t n) {
    bytecopy(T, s, n);
    bytecopy(d, T, n);
}

REF static int ref_strcmp(const unsigned char *a, const unsigned char *b) {
    for (size_t i = 0;; i++) {
        if (a[i] != b[i] || a[i] == 0) {
            return a[i] - b[i];
        }
    }
}

REF static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return a[i] - b[i];
        }
    }
    return 0;
}

REF static long ref_strchr(const unsigned char *s, int c) {
    for (size_t i = 0;; i++) {
        if (s[i] == (unsigned char)c) {
            return (long)i;
        }
        if (s[i] == 0) {
            return -1;
        }
    }
}

REF static int ref_strncmp(const unsigned char *a, const unsigned char *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || a[i] == 0) {
            return a[i] - b[i];
        }
    }
    return 0;
}

REF static long ref_memchr(const unsigned char *s, int c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == (unsigned char)c) {
            return (long)i;
        }
    }
    return -1;
}

static int sign(long x) {
    return (x > 0) - (x < 0);
}

/* ---- groups of calls: counts, hashes, the first results, the first wrong one ---- */

struct group {
    const char *name;
    long calls, bad;
    uint64_t results, memory;
    int shown, hashed_memory;
    long show[20];
    char first_bad[200];
};

static void group_init(struct group *g, const char *name) {
    memset(g, 0, sizeof *g);
    g->name = name;
    g->results = g->memory = 0xcbf29ce484222325ULL;
}

static void result(struct group *g, long v) {
    g->calls++;
    fnv64(&g->results, (uint64_t)v);
}

static void show(struct group *g, long v) {
    if (g->shown < 20) {
        g->show[g->shown++] = v;
    }
}

__attribute__((format(printf, 2, 3))) static void bad(struct group *g, const char *fmt, ...) {
    if (g->bad++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(g->first_bad, sizeof g->first_bad, fmt, ap);
        va_end(ap);
    }
}

static void group_print(const struct group *g) {
    printf("%-8s calls %6ld wrong %ld results %016llx", g->name, g->calls, g->bad, (unsigned long long)g->results);
    if (g->hashed_memory) {
        printf(" memory %016llx", (unsigned long long)g->memory);
    }
    printf("\n");
    if (g->shown > 0) {
        printf("%-8s first:", g->name);
        for (int i = 0; i < g->shown; i++) {
            printf(" %ld", g->show[i]);
        }
        printf("\n");
    }
    if (g->bad > 0) {
        printf("%-8s first wrong: %s\n", g->name, g->first_bad);
    }
}

/* A comparison's result: exact on RISC-V, its sign natively; the value hashed and shown is the reference's (on
 * RISC-V the same), or the wrong one. */
static long compared(struct group *g, long got, long want, int shown, const char *fmt, ...) {
    int ok = GUEST_GLIBC ? got == want : sign(got) == sign(want);
    if (!ok) {
        char what[160];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        bad(g, "%s: got %ld, want %ld", what, got, want);
    }
    long v = ok ? want : got;
    result(g, v);
    if (shown) {
        show(g, v);
    }
    return v;
}

/* D against its shadow S over [lo, lo + n): wrong bytes counted (and S copied over D again), D hashed. */
static void check_window(struct group *g, size_t lo, size_t n, const char *fmt, ...) {
    size_t i;
    for (i = 0; i < n && D[lo + i] == S[lo + i]; i++) {
    }
    if (i < n) {
        char what[160];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        bad(g, "%s: byte %ld of the window is %#x, want %#x", what, (long)i - 16, D[lo + i], S[lo + i]);
        bytecopy(D + lo, S + lo, n);
    }
    for (i = 0; i < n; i++) {
        fnv(&g->memory, D[lo + i]);
    }
    g->hashed_memory = 1;
}

/* ---- lengths and alignments ---- */

static const size_t big_lengths[] = {511, 512, 513, 1000, 2047, 2048, 2049, 4095, 4096, 4097, BIG};
#define NLENGTHS (301 + (int)(sizeof big_lengths / sizeof big_lengths[0]))

static size_t length_at(int i) {
    return i <= 300 ? (size_t)i : big_lengths[i - 301];
}

static int pair_count(size_t n) {
    return n <= 48 ? 1024 : n <= 300 ? 64 : 8;
}

/* the i-th pair of alignments (0-31) for length n: all pairs, or each first alignment with itself and another */
static void pair_at(size_t n, int i, int *x, int *y) {
    static const unsigned char few[8][2] = {{0, 0}, {1, 0}, {0, 1}, {31, 17}, {8, 8}, {15, 16}, {3, 29}, {16, 0}};
    if (n <= 48) {
        *x = i >> 5;
        *y = i & 31;
    } else if (n <= 300) {
        *x = i >> 1;
        *y = (i & 1) ? (int)(((unsigned)(i >> 1) * 7 + (unsigned)n * 3) & 31) : i >> 1;
    } else {
        *x = few[i][0];
        *y = few[i][1];
    }
}

static void fill_pools(void) {
    for (size_t i = 0; i < BUFSZ; i++) {
        unsigned b = rbyte();
        ZB[i] = (unsigned char)b;
        NZ[i] = (unsigned char)(b != 0 ? b : 0x5a);
    }
}

/* ---- strlen ---- */

static void test_strlen(void) {
    struct group g;
    group_init(&g, "strlen");
    bytecopy(A, NZ, BUFSZ);
    long k = 0;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        for (int a = 0; a < 32; a++, k++) {
            unsigned char *s = A + 64 * (k % 8) + a;
            unsigned char saved = s[n];
            s[n] = 0;
            size_t got = strlen((const char *)s);
            s[n] = saved;
            if (got != n) {
                bad(&g, "strlen n %zu align %d: got %zu", n, a, got);
            }
            result(&g, (long)got);
        }
    }
    group_print(&g);
}

/* ---- strcmp and strncmp ---- */

/* a and b hold the same n nonzero bytes and a terminator, then 40 bytes of garbage that differ */
static void two_strings(unsigned char *a, unsigned char *b, size_t n, size_t from) {
    bytecopy(a, NZ + from, n);
    bytecopy(b, NZ + from, n);
    a[n] = b[n] = 0;
    bytecopy(a + n + 1, NZ + from + n + 1, 40);
    bytecopy(b + n + 1, NZ + from + n + 301, 40);
}

/* strncmp of a and b, whose first difference or terminator is at p (a[p] - b[p] is want), with n before, at and
 * after p: 0, p - 1, one below p, p, p + 1, p + 2, past the terminators (n is a's length) and their garbage, huge
 * (SIZE_MAX, SIZE_MAX - p, and where a + n wraps to 0); both argument orders */
static void strncmp_around(struct group *gn, const unsigned char *a, const unsigned char *b, size_t n, size_t p,
                           int want, int sa, int sb) {
    const char *x = (const char *)a, *y = (const char *)b;
    size_t ms[11] = {0, p - 1, p > 0 ? (p * 13 + n) % p : 0, p, p + 1, p + 2, n + 2, n + 42, SIZE_MAX, SIZE_MAX - p,
                     (size_t)0 - (uintptr_t)a};
    for (int i = p > 0 ? 0 : 2; i < 11; i++) {
        size_t m = ms[i];
        compared(gn, strncmp(x, y, m), m > p ? want : 0, 0, "strncmp(a,b,%zu) n %zu sa %d sb %d diff at %zu", m, n,
                 sa, sb, p);
        compared(gn, strncmp(y, x, m), m > p ? -want : 0, 0, "strncmp(b,a,%zu) n %zu sa %d sb %d diff at %zu", m, n,
                 sa, sb, p);
    }
}

/* changes one byte of a or b at p (variant 0: b's byte, 1: b ends at p, 2: a's byte), calls strcmp both ways and
 * strncmp, and puts the bytes back */
static void strcmp_variant(struct group *g, struct group *gn, unsigned char *a, unsigned char *b, size_t n, size_t p,
                           int v, int sa, int sb, int shown) {
    unsigned char *t = v == 2 ? a : b;
    unsigned char saved0 = t[p], saved1 = t[p + 1];
    if (v == 1) {
        t[p] = 0;
    } else {
        t[p] = (unsigned char)other(t[p], (unsigned)(p + n), 1);
        if (p == n) {
            t[p + 1] = 0;
        }
    }
    const char *x = (const char *)a, *y = (const char *)b;
    int want = a[p] - b[p]; /* equal and nonzero before p */
    compared(g, strcmp(x, y), want, shown, "strcmp(a,b) n %zu sa %d sb %d diff at %zu variant %d", n, sa, sb, p, v);
    compared(g, strcmp(y, x), -want, 0, "strcmp(b,a) n %zu sa %d sb %d diff at %zu variant %d", n, sa, sb, p, v);
    size_t m = (p + (size_t)v) % (n + 2);
    compared(gn, strncmp(x, y, m), m > p ? want : 0, shown, "strncmp(a,b,%zu) n %zu sa %d sb %d diff at %zu", m, n,
             sa, sb, p);
    strncmp_around(gn, a, b, n, p, want, sa, sb);
    t[p] = saved0;
    t[p + 1] = saved1;
}

static void test_strcmp(void) {
    struct group g, gn;
    group_init(&g, "strcmp");
    group_init(&gn, "strncmp");
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int np = pair_count(n);
        for (int i = 0; i < np; i++) {
            int sa, sb;
            pair_at(n, i, &sa, &sb);
            unsigned char *a = A + 64 + sa, *b = B + 64 + sb;
            two_strings(a, b, n, (n * 131 + (size_t)i * 17) % 1024);
            compared(&g, strcmp((const char *)a, (const char *)b), 0, 0, "strcmp equal n %zu sa %d sb %d", n, sa,
                     sb);
            strncmp_around(&gn, a, b, n, n, 0, sa, sb); /* equal: the terminators at n, garbage after them */
            size_t p = np == 1024 ? (size_t)(i / 3) % (n + 1) : ((size_t)i * 37 + n) % (n + 1);
            strcmp_variant(&g, &gn, a, b, n, p, i % 3, sa, sb, i == 5); /* shown: one per length */
        }
    }
    /* a difference at every position of longer strings */
    static const size_t every[] = {63, 64, 255};
    static const unsigned char pairs[3][2] = {{0, 0}, {1, 3}, {31, 14}};
    for (int e = 0; e < 3; e++) {
        size_t n = every[e];
        for (int q = 0; q < 3; q++) {
            unsigned char *a = A + 64 + pairs[q][0], *b = B + 64 + pairs[q][1];
            two_strings(a, b, n, (size_t)(e * 3 + q) * 29);
            for (size_t p = 0; p <= n; p++) {
                for (int v = 0; v < 3; v++) {
                    strcmp_variant(&g, &gn, a, b, n, p, v, pairs[q][0], pairs[q][1], 0);
                }
            }
        }
    }
    /* strncmp with every n from 0 to 300 about a difference (b's byte, a's byte), b's terminator at a few positions
     * of strings of 255 bytes, or none (the terminators at 255, garbage that differs after them) */
    static const size_t at[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 63, 64, 100, 128, 200, 254, 255, 255};
    for (int q = 0; q < 3; q++) {
        size_t n = 255;
        int sa = pairs[q][0], sb = (pairs[q][1] + 5) & 31;
        unsigned char *a = A + 64 + sa, *b = B + 64 + sb;
        two_strings(a, b, n, (size_t)q * 97 + 5);
        int ne = (int)(sizeof at / sizeof at[0]);
        for (int e = 0; e < ne; e++) {
            for (int v = 0; v < 3; v++) {
                size_t p = at[e];
                unsigned char *t = v == 1 ? a : b;
                unsigned char saved = t[p];
                if (e == ne - 1) {
                    v = 3; /* equal */
                } else if (v == 2) {
                    t[p] = 0;
                } else {
                    t[p] = (unsigned char)other(t[p], (unsigned)(p + (size_t)q), 1);
                }
                int want = a[p] - b[p];
                for (size_t m = 0; m <= 300; m++) {
                    compared(&gn, strncmp((const char *)a, (const char *)b, m), m > p ? want : 0, 0,
                             "strncmp(a,b,%zu) sa %d sb %d diff at %zu variant %d", m, sa, sb, p, v);
                    compared(&gn, strncmp((const char *)b, (const char *)a, m), m > p ? -want : 0, 0,
                             "strncmp(b,a,%zu) sa %d sb %d diff at %zu variant %d", m, sa, sb, p, v);
                }
                t[p] = saved;
            }
        }
    }
    group_print(&g);
    group_print(&gn);
}

/* ---- memcmp and bcmp ---- */

/* memcmp both ways and bcmp, of a and b whose memcmp is want */
static void memcmp_call(struct group *g, struct group *gb, const unsigned char *a, const unsigned char *b, size_t n,
                        int want, int shown, const char *what, long p) {
    compared(g, memcmp(a, b, n), want, shown, "memcmp(a,b,%zu) %s diff at %ld", n, what, p);
    compared(g, memcmp(b, a, n), -want, 0, "memcmp(b,a,%zu) %s diff at %ld", n, what, p);
    int got = bcmp_p(a, b, n) != 0;
    if (got != (want != 0)) {
        bad(gb, "bcmp(a,b,%zu) %s diff at %ld: got %d", n, what, p, got);
    }
    result(gb, got);
}

static void test_memcmp(void) {
    struct group g, gb;
    group_init(&g, "memcmp");
    group_init(&gb, "bcmp");
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int np = pair_count(n);
        for (int i = 0; i < np; i++) {
            int sa, sb;
            pair_at(n, i, &sa, &sb);
            unsigned char *a = A + 64 + sa, *b = B + 64 + sb;
            size_t from = (n * 71 + (size_t)i * 13) % 1024;
            bytecopy(a, ZB + from, n);
            bytecopy(b, ZB + from, n);
            bytecopy(a + n, ZB + from + n + 500, 16); /* past n: differs */
            bytecopy(b + n, ZB + from + n + 600, 16);
            char what[32];
            snprintf(what, sizeof what, "sa %d sb %d", sa, sb);
            memcmp_call(&g, &gb, a, b, n, 0, 0, what, -1);
            size_t p = np == 1024 ? (size_t)(i / 2) % (n + 1) : ((size_t)i * 37 + n) % (n + 1);
            unsigned char *t = (i & 1) ? a : b;
            unsigned char saved = t[p];
            t[p] = (unsigned char)other(t[p], (unsigned)(i + n), 0);
            memcmp_call(&g, &gb, a, b, n, p < n ? a[p] - b[p] : 0, i == 5, what, (long)p); /* shown: one per length */
            t[p] = saved;
        }
    }
    static const size_t every[] = {31, 64, 255};
    static const unsigned char pairs[3][2] = {{0, 0}, {1, 3}, {31, 2}};
    for (int e = 0; e < 3; e++) {
        size_t n = every[e];
        for (int q = 0; q < 3; q++) {
            unsigned char *a = A + 64 + pairs[q][0], *b = B + 64 + pairs[q][1];
            bytecopy(a, ZB + 100 * (size_t)e, n + 16);
            bytecopy(b, ZB + 100 * (size_t)e, n);
            char what[32];
            snprintf(what, sizeof what, "sa %d sb %d", pairs[q][0], pairs[q][1]);
            for (size_t p = 0; p < n; p++) {
                for (int v = 0; v < 2; v++) {
                    unsigned char *t = v ? a : b;
                    unsigned char saved = t[p];
                    t[p] = (unsigned char)other(t[p], (unsigned)(p + (size_t)v), 0);
                    memcmp_call(&g, &gb, a, b, n, a[p] - b[p], 0, what, (long)p);
                    t[p] = saved;
                }
            }
        }
    }
    group_print(&g);
    group_print(&gb);
}

/* ---- strchr and index ---- */

/* strchr and index of c in s, where it is at want (-1: not there) */
static void strchr_calls(struct group *g, unsigned char *s, int c, long want, size_t n, int a, long p) {
    const char *x = (const char *)s;
    char *r1 = strchr(x, c);
    char *r2 = index_p(x, c);
    long got1 = r1 ? r1 - x : -1, got2 = r2 ? r2 - x : -1;
    if (got1 != want || got2 != want) {
        bad(g, "strchr/index n %zu align %d c %d at %ld: got %ld/%ld, want %ld", n, a, c, p, got1, got2, want);
    }
    result(g, got1);
    result(g, got2);
}

static void test_strchr(void) {
    struct group g;
    group_init(&g, "strchr");
    bytecopy(A, NZ, BUFSZ);
    long k = 0;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int aligns = n <= 300 ? 32 : 8;
        for (int ai = 0; ai < aligns; ai++, k++) {
            int a = aligns == 32 ? ai : ai * 4 + 3;
            unsigned char *s = A + 64 * (1 + k % 8) + a;
            unsigned t = (k % 3 == 0) ? special[k % 6] : 1 + (unsigned)(next() % 255);
            unsigned u = other(t, (unsigned)k, 1);
            for (size_t i = 0; i < n; i++) { /* no t in the string */
                if (s[i] == t) {
                    s[i] = (unsigned char)u;
                }
            }
            unsigned char saved_end[3] = {s[n], s[n + 1], s[n + 2]};
            s[n] = 0;
            s[n + 1] = (unsigned char)t; /* after the terminator: not found */
            s[n + 2] = 0;
            strchr_calls(&g, s, opaque(0), (long)n, n, a, -1);
            strchr_calls(&g, s, opaque(256), (long)n, n, a, -1); /* '\0' too */
            size_t positions[6] = {0, 1, n / 2, n ? n - 1 : 0, n, (size_t)(next() % (n + 1))};
            int np = 6;
            if (n <= 40) {
                np = (int)n + 1; /* every position */
            }
            for (int j = 0; j < np; j++) {
                size_t p = n <= 40 ? (size_t)j : positions[j];
                if (p > n) {
                    continue;
                }
                unsigned char saved = s[p], saved2 = 0;
                size_t q = p + 1 + (p * 5 + n) % 7;
                if (p < n) {
                    s[p] = (unsigned char)t;
                    if (q < n) {
                        saved2 = s[q];
                        s[q] = (unsigned char)t; /* a second one, after */
                    }
                }
                long want = p < n ? (long)p : -1;
                strchr_calls(&g, s, (int)t, want, n, a, (long)p);
                if (j == 0 || j == np - 1 || (j & 7) == 5) {
                    strchr_calls(&g, s, (int)t + 256, want, n, a, (long)p);
                    strchr_calls(&g, s, (int)(signed char)t, want, n, a, (long)p);
                }
                if (p < n) {
                    s[p] = saved;
                    if (q < n) {
                        s[q] = saved2;
                    }
                }
            }
            s[n] = saved_end[0];
            s[n + 1] = saved_end[1];
            s[n + 2] = saved_end[2];
        }
    }
    group_print(&g);
}

/* ---- memchr ---- */

/* memchr of c in s[0, n), where the first one is at want (-1: none): the offset it returns, from s */
static void memchr_call(struct group *g, const unsigned char *s, int c, size_t n, long want, int a, long p) {
    const void *r = memchr(s, c, n);
    long got = r ? (long)((uintptr_t)r - (uintptr_t)s) : -1;
    if (got != want) {
        bad(g, "memchr n %zu align %d c %d at %ld: got %ld, want %ld", n, a, c, p, got, want);
    }
    result(g, got);
}

/* memchr of t in s[0, n) with t at p (p == n: none before n) and nowhere else before n: with n, with n cut to p
 * (none), to p + 1, and, if asked, c + 256, c - 256 and another int whose low byte is t, and n huge (running past
 * the buffer, or to the top of the address space) */
static void memchr_calls(struct group *g, const unsigned char *s, unsigned t, size_t n, size_t p, int a, int more) {
    long want = p < n ? (long)p : -1;
    memchr_call(g, s, (int)t, n, want, a, (long)p);
    if (p < n) {
        memchr_call(g, s, (int)t, p, -1, a, (long)p);
        memchr_call(g, s, (int)t, p + 1, (long)p, a, (long)p);
    }
    if (more) {
        memchr_call(g, s, (int)t + 256, n, want, a, (long)p);
        memchr_call(g, s, (int)t - 256, n, want, a, (long)p);
        memchr_call(g, s, (int)(t + 0x7fffff00u), n, want, a, (long)p);
        if (p < n) {
            memchr_call(g, s, (int)t, SIZE_MAX, (long)p, a, (long)p);
            memchr_call(g, s, (int)t, (size_t)0 - (uintptr_t)s, (long)p, a, (long)p);
            memchr_call(g, s, (int)t, (size_t)1 << 63, (long)p, a, (long)p);
        }
    }
}

static void test_memchr(void) {
    struct group g;
    group_init(&g, "memchr");
    uint64_t rng_saved = rng; /* its draws leave the generator as it was: the later parts' bytes stay the same */
    bytecopy(A, ZB, BUFSZ);
    long k = 0;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int aligns = n <= 300 ? 32 : 8;
        for (int ai = 0; ai < aligns; ai++, k++) {
            int a = aligns == 32 ? ai : ai * 4 + 3;
            unsigned char *s = A + 64 * (1 + k % 8) + a;
            /* the character: 0 (the bytes hold zeros otherwise), an awkward one, any */
            unsigned t = k % 4 == 0 ? 0 : k % 4 == 1 ? special[(k / 4) % 6] : (unsigned)(next() % 256);
            unsigned u = other(t, (unsigned)k, 0);
            for (size_t i = 0; i < n; i++) { /* no t before n */
                if (s[i] == t) {
                    s[i] = (unsigned char)u;
                }
            }
            unsigned char saved_end[3] = {s[n], s[n + 1], s[n + 2]};
            s[n] = (unsigned char)t; /* only after n */
            s[n + 1] = (unsigned char)u;
            s[n + 2] = (unsigned char)t;
            memchr_calls(&g, s, t, n, n, a, 1);
            memchr_call(&g, s, (int)t, n + 1, (long)n, a, (long)n);
            if (t != 0) { /* the bytes' own zeros */
                memchr_call(&g, s, opaque(0), n, ref_memchr(s, 0, n), a, -1);
            }
            size_t positions[6] = {0, 1, n / 2, n ? n - 1 : 0, n, (size_t)(next() % (n + 1))};
            int np = 6;
            if (n <= 40) {
                np = (int)n + 1; /* every position */
            }
            for (int j = 0; j < np; j++) {
                size_t p = n <= 40 ? (size_t)j : positions[j];
                if (p >= n) {
                    continue;
                }
                unsigned char saved = s[p], saved2 = 0;
                size_t q = p + 1 + (p * 5 + n) % 7;
                s[p] = (unsigned char)t;
                if (q < n) {
                    saved2 = s[q];
                    s[q] = (unsigned char)t; /* a second one, after */
                }
                memchr_calls(&g, s, t, n, p, a, j == 0 || j == np - 2 || (j & 7) == 5);
                s[p] = saved;
                if (q < n) {
                    s[q] = saved2;
                }
            }
            s[n] = saved_end[0];
            s[n + 1] = saved_end[1];
            s[n + 2] = saved_end[2];
        }
    }
    /* the character at every position of longer ranges, at a few alignments */
    static const size_t every[] = {63, 64, 255, 300};
    static const unsigned char aligns[4] = {0, 1, 7, 31};
    for (int e = 0; e < 4; e++) {
        size_t n = every[e];
        for (int q = 0; q < 4; q++, k++) {
            unsigned char *s = A + 64 + aligns[q];
            unsigned t = q == 0 ? 0 : special[(e + q) % 6];
            for (size_t i = 0; i < n; i++) {
                if (s[i] == t) {
                    s[i] = (unsigned char)other(t, (unsigned)i, 0);
                }
            }
            unsigned char saved_end = s[n];
            s[n] = (unsigned char)t;
            for (size_t p = 0; p <= n; p++) {
                unsigned char saved = s[p];
                s[p] = (unsigned char)t;
                memchr_calls(&g, s, t, n, p, aligns[q], 0);
                s[p] = saved;
            }
            s[n] = saved_end;
        }
    }
    rng = rng_saved;
    group_print(&g);
}

/* ---- memcpy, memmove, memset ---- */

static void test_memcpy(void) {
    struct group g;
    group_init(&g, "memcpy");
    bytecopy(A, ZB, BUFSZ);
    long k = 0;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int np = pair_count(n);
        for (int i = 0; i < np; i++, k++) {
            int sa, da;
            pair_at(n, i, &sa, &da);
            unsigned char *src = A + 64 * (size_t)(k % 61) + sa;
            size_t d = 64 + 64 * (size_t)(k * 7 % 59) + (size_t)da;
            void *r = memcpy(D + d, src, n);
            bytecopy(S + d, src, n);
            if (r != D + d) {
                bad(&g, "memcpy n %zu sa %d da %d: returned dst%+ld", n, sa, da, (long)((unsigned char *)r - D - d));
            }
            check_window(&g, d - 16, n + 32, "memcpy n %zu sa %d da %d", n, sa, da);
            result(&g, (long)n);
        }
    }
    group_print(&g);
}

static void test_memmove(void) {
    struct group g;
    group_init(&g, "memmove");
    long k = 0;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int np = pair_count(n);
        long shifts[13] = {0, 1, -1, 8, -8, (long)n / 2, -(long)n / 2, (long)n - 1, 1 - (long)n, (long)n + 24,
                           -(long)n - 24, 64, -64};
        for (int i = 0; i < np; i++, k++) {
            int sa, da;
            pair_at(n, i, &sa, &da);
            size_t d = BUFSZ + 64 * (size_t)(k % 16) + (size_t)da;
            long delta = sa - da + shifts[(i + li) % 13];
            size_t s = (size_t)((long)d + delta);
            void *r = memmove(D + d, D + s, n);
            bytemove(S + d, S + s, n);
            if (r != D + d) {
                bad(&g, "memmove n %zu sa %d da %d delta %ld: returned dst%+ld", n, sa, da, delta,
                    (long)((unsigned char *)r - D - d));
            }
            size_t lo = d < s ? d : s;
            check_window(&g, lo - 16, n + (size_t)(delta < 0 ? -delta : delta) + 32,
                         "memmove n %zu src align %d dst align %d src-dst %ld", n, (int)(s % 64), da, delta);
            result(&g, delta);
        }
    }
    group_print(&g);
}

static void test_memset(void) {
    struct group g;
    group_init(&g, "memset");
    static const int values[10] = {0, 0xff, 0x80, 0x7f, 0x1ab, -1, -128, 0x41, 1, 0x55aa};
    long k = 0;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length_at(li);
        int aligns = n <= 300 ? 32 : 8;
        for (int ai = 0; ai < aligns; ai++) {
            int a = aligns == 32 ? ai : ai * 4 + 1;
            for (int j = 0; j < 2; j++, k++) {
                int c = values[k % 10];
                size_t d = 64 + 64 * (size_t)(k % 50) + (size_t)a;
                void *r = memset(D + d, c, n);
                bytefill(S + d, (unsigned char)c, n);
                if (r != D + d) {
                    bad(&g, "memset n %zu align %d: returned dst%+ld", n, a, (long)((unsigned char *)r - D - d));
                }
                check_window(&g, d - 16, n + 32, "memset n %zu align %d c %#x", n, a, c);
                result(&g, c);
            }
        }
    }
    group_print(&g);
}

/* ---- next to a PROT_NONE page ---- */

static long page;
static unsigned char *P, *Q; /* each: a read/write page, then a PROT_NONE one */
static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *context) {
    (void)sig;
    (void)context;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, 1);
}

static unsigned char *two_pages(void) {
    unsigned char *m = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED || mprotect(m + page, (size_t)page, PROT_NONE) != 0) {
        perror("mmap/mprotect");
        exit(1);
    }
    return m;
}

/* the PROT_NONE page the last fault hit (0: P's, 1: Q's, -1: neither), and where in it */
static int fault_page(long *offset) {
    uintptr_t f = fault_addr, p = (uintptr_t)P + (uintptr_t)page, q = (uintptr_t)Q + (uintptr_t)page;
    *offset = -1;
    if (f >= p && f < p + (uintptr_t)page) {
        *offset = (long)(f - p);
        return 0;
    }
    if (f >= q && f < q + (uintptr_t)page) {
        *offset = (long)(f - q);
        return 1;
    }
    return -1;
}

static const char *page_name(int which) {
    return which == 0 ? "first mapping's PROT_NONE page" : which == 1 ? "second mapping's PROT_NONE page" : "WRONG PLACE";
}

/* strncmp of x and y (and y and x) with n at the end of the shorter string, one past it (its terminator compared), past
 * both, and SIZE_MAX: none may fault */
static void edge_strncmp(struct group *gn, const unsigned char *x, const unsigned char *y, long n, int j, int v) {
    size_t ms[4] = {(size_t)n, (size_t)n + 1, (size_t)n + 100, SIZE_MAX};
    for (int i = 0; i < 4; i++) {
        size_t m = ms[i];
        compared(gn, strncmp((const char *)x, (const char *)y, m), ref_strncmp(x, y, m), 0,
                 "strncmp(x,y,%zu) edge, len %ld, %d before, variant %d", m, n, j, v);
        compared(gn, strncmp((const char *)y, (const char *)x, m), ref_strncmp(y, x, m), 0,
                 "strncmp(y,x,%zu) edge, len %ld, %d before, variant %d", m, n, j, v);
    }
}

static void edge_strings(struct group *gl, struct group *gc, struct group *gs, struct group *gn) {
    unsigned char *pe = P + page, *qe = Q + page;
    bytecopy(P, NZ + 7, (size_t)page);
    bytecopy(Q, NZ + 7, (size_t)page);
    for (int j = 0; j <= 20; j++) {
        unsigned char *z = pe - 1 - j; /* the terminator */
        unsigned char saved = *z;
        *z = 0;
        /* strlen of every length up to 300 and of the whole page */
        for (long k = j + 1; k <= j + 301; k++) {
            long kk = k == j + 301 ? page : k;
            size_t got = strlen((const char *)pe - kk);
            if (got != (size_t)(kk - 1 - j)) {
                bad(gl, "strlen of %ld bytes ending %d before the page: got %zu", kk - 1 - j, j, got);
            }
            result(gl, (long)got);
        }
        /* strchr: not found, found at the last byte, the first, the terminator */
        unsigned t = special[j % 6];
        for (long k = j + 1; k <= j + 80; k++) {
            unsigned char *s = pe - k;
            size_t n = (size_t)(k - 1 - j);
            for (size_t i = 0; i < n; i++) {
                if (s[i] == t) {
                    s[i] = (unsigned char)other(t, (unsigned)i, 1);
                }
            }
            strchr_calls(gc, s, (int)t, ref_strchr(s, (int)t), n, (int)k, -1);
            strchr_calls(gc, s, opaque(0), (long)n, n, (int)k, -1);
            if (n > 0) {
                unsigned char sv = s[n - 1];
                s[n - 1] = (unsigned char)t;
                strchr_calls(gc, s, (int)t, ref_strchr(s, (int)t), n, (int)k, (long)n - 1);
                s[n - 1] = sv;
                sv = s[0];
                s[0] = (unsigned char)t;
                strchr_calls(gc, s, (int)t, ref_strchr(s, (int)t), n, (int)k, 0);
                s[0] = sv;
            }
        }
        /* strcmp: the string ending here against one elsewhere (either order), and against one ending at the
         * second mapping's edge */
        for (long len = 0; len <= 70; len++) {
            long n = len == 70 ? page - 1 - j : len;
            unsigned char *a = z - n;
            int j2 = len == 70 ? j / 2 : (j * 7 + (int)len) % 21;
            unsigned char *c = qe - 1 - j2 - n; /* at the second edge */
            unsigned char *b = B + 64 + (n % 32);
            bytecopy(b, a, (size_t)n + 1);
            b[n + 1] = 0x55;
            b[n + 2] = 0;
            unsigned char qsaved = qe[-1 - j2];
            bytecopy(c, a, (size_t)n + 1);
            for (int v = 0; v < 5; v++) { /* first or last byte differs, b longer, b shorter, equal */
                size_t p = v == 0 ? 0 : v == 2 ? (size_t)n : (size_t)(n > 0 ? n - 1 : 0);
                unsigned char s0 = b[p];
                if (v <= 1 && n > 0) {
                    b[p] = (unsigned char)other(b[p], (unsigned)(len + v), 1);
                } else if (v == 2) {
                    b[p] = 0x55;
                } else if (v == 3 && n > 0) {
                    b[p] = 0;
                }
                compared(gs, strcmp((const char *)a, (const char *)b), ref_strcmp(a, b), 0,
                         "strcmp edge a, len %ld, %d before, variant %d", n, j, v);
                compared(gs, strcmp((const char *)b, (const char *)a), ref_strcmp(b, a), 0,
                         "strcmp edge b, len %ld, %d before, variant %d", n, j, v);
                compared(gs, strcmp((const char *)c, (const char *)b), ref_strcmp(c, b), 0,
                         "strcmp second edge a, len %ld, %d before, variant %d", n, j2, v);
                compared(gs, strcmp((const char *)b, (const char *)c), ref_strcmp(b, c), 0,
                         "strcmp second edge b, len %ld, %d before, variant %d", n, j2, v);
                edge_strncmp(gn, a, b, n, j, v);
                edge_strncmp(gn, c, b, n, j2, v);
                b[p] = s0;
            }
            compared(gs, strcmp((const char *)a, (const char *)c), 0, 0, "strcmp both edges, len %ld, %d/%d before",
                     n, j, j2);
            edge_strncmp(gn, a, c, n, j, 5);
            if (n > 0) {
                unsigned char sv = c[n - 1];
                c[n - 1] = (unsigned char)other(sv, (unsigned)j, 1);
                compared(gs, strcmp((const char *)a, (const char *)c), ref_strcmp(a, c), 0,
                         "strcmp both edges, last differs, len %ld, %d/%d before", n, j, j2);
                compared(gs, strcmp((const char *)c, (const char *)a), ref_strcmp(c, a), 0,
                         "strcmp both edges, last differs, len %ld, %d/%d before", n, j, j2);
                edge_strncmp(gn, a, c, n, j, 6);
                c[n - 1] = sv;
            }
            bytecopy(c, NZ + 7 + (c - Q), (size_t)n + 1); /* the second page as it was */
            qe[-1 - j2] = qsaved;
        }
        *z = saved;
    }
    /* strncmp whose n ends exactly at the page, the bytes up to it equal and no terminator among them: against the
     * same bytes at the second edge and elsewhere (there followed by more), the last byte or the one before
     * different, or the last a terminator */
    bytecopy(P, NZ + 7, (size_t)page);
    bytecopy(Q, NZ + 7, (size_t)page);
    for (long len = 0; len <= 301; len++) {
        long k = len == 301 ? page : len;
        unsigned char *a = pe - k, *c = qe - k, *b = B + 64 + (len % 32);
        bytecopy(b, a, (size_t)k);
        b[k] = 0x33;
        b[k + 1] = 0;
        for (int v = 0; v < 5; v++) {
            /* v 0: all equal; 1, 2: c's last or next to last byte differs; 3: b's; 4: a's last byte ends it */
            long p = v == 2 ? k - 2 : k - 1;
            if (v > 0 && p < 0) {
                continue;
            }
            unsigned char *t = v == 3 ? b : v == 4 ? a : c;
            unsigned char sv = v > 0 ? t[p] : 0;
            if (v == 4) {
                t[p] = 0;
            } else if (v > 0) {
                t[p] = (unsigned char)other(sv, (unsigned)(len + v), 1);
            }
            size_t ms[3] = {(size_t)k, (size_t)(k > 0 ? k - 1 : 0), (size_t)(k / 2)};
            for (int i = 0; i < 3; i++) {
                size_t m = ms[i];
                const char *x = (const char *)a, *y = (const char *)b, *w = (const char *)c;
                compared(gn, strncmp(x, w, m), ref_strncmp(a, c, m), 0, "strncmp both to the end, n %zu, variant %d",
                         m, v);
                compared(gn, strncmp(w, x, m), ref_strncmp(c, a, m), 0,
                         "strncmp both to the end (c,a), n %zu, variant %d", m, v);
                compared(gn, strncmp(x, y, m), ref_strncmp(a, b, m), 0, "strncmp to the end, n %zu, variant %d", m,
                         v);
                compared(gn, strncmp(y, x, m), ref_strncmp(b, a, m), 0, "strncmp to the end (b,a), n %zu, variant %d",
                         m, v);
                compared(gn, strncmp(y, w, m), ref_strncmp(b, c, m), 0,
                         "strncmp to the second end (b,c), n %zu, variant %d", m, v);
            }
            if (v > 0) {
                t[p] = sv;
            }
        }
    }
}

static void edge_memory(struct group *gm, struct group *gb, struct group *gc, struct group *gv, struct group *gs) {
    unsigned char *pe = P + page, *qe = Q + page;
    bytecopy(P, ZB + 3, (size_t)page);
    bytecopy(Q, ZB + 3, (size_t)page);
    for (long len = 0; len <= 301; len++) {
        size_t n = len == 301 ? (size_t)page : (size_t)len;
        unsigned char *a = pe - n, *c = qe - n, *b = B + 64 + (len % 32);
        char what[40];
        /* memcmp/bcmp: both at the edges, one at an edge */
        bytecopy(c, a, n);
        bytecopy(b, a, n);
        snprintf(what, sizeof what, "at the edges");
        memcmp_call(gm, gb, a, c, n, ref_memcmp(a, c, n), 0, what, -1);
        memcmp_call(gm, gb, a, b, n, ref_memcmp(a, b, n), 0, what, -1);
        memcmp_call(gm, gb, b, c, n, ref_memcmp(b, c, n), 0, what, -1);
        size_t ps[3] = {n - 1, 0, n / 2};
        for (int v = 0; v < 3 && n > 0; v++) {
            size_t p = ps[v];
            unsigned char sv = c[p];
            c[p] = (unsigned char)other(sv, (unsigned)(len + v), 0);
            memcmp_call(gm, gb, a, c, n, ref_memcmp(a, c, n), 0, what, (long)p);
            memcmp_call(gm, gb, b, c, n, ref_memcmp(b, c, n), 0, what, (long)p);
            c[p] = sv;
            sv = b[p];
            b[p] = (unsigned char)other(sv, (unsigned)(len + v + 1), 0);
            memcmp_call(gm, gb, a, b, n, ref_memcmp(a, b, n), 0, what, (long)p);
            b[p] = sv;
        }
        /* memcpy from the second edge to the first, from the edge, to the edge: P's page is shadowed in D */
        unsigned char *src = ZB + 1000 + (size_t)len;
        bytecopy(D, P, (size_t)page);
        bytecopy(S, P, (size_t)page);
        bytefill(c, (unsigned char)len, n);
        memcpy(a, c, n);
        bytecopy(S + page - n, c, n);
        bytecopy(D, P, (size_t)page);
        check_window(gc, 0, (size_t)page, "memcpy edge to edge n %zu", n);
        memcpy(a, src, n);
        bytecopy(S + page - n, src, n);
        bytecopy(D, P, (size_t)page);
        check_window(gc, 0, (size_t)page, "memcpy to the edge n %zu", n);
        memcpy(T + 64 + len % 32, c, n);
        if (ref_memcmp(T + 64 + len % 32, c, n) != 0) {
            bad(gc, "memcpy from the edge n %zu", n);
        }
        result(gc, (long)n);
        /* memmove within P's page: the source at the edge (forward), the destination at the edge (backward) */
        static const long shifts[5] = {1, 7, 8, 33, 100};
        long delta = shifts[len % 5];
        if (n + (size_t)delta <= (size_t)page) {
            memmove(a - delta, a, n);
            bytemove(S + page - n - delta, S + page - n, n);
            bytecopy(D, P, (size_t)page);
            check_window(gv, 0, (size_t)page, "memmove from the edge n %zu by %ld", n, delta);
            memmove(a, a - delta, n);
            bytemove(S + page - n, S + page - n - delta, n);
            bytecopy(D, P, (size_t)page);
            check_window(gv, 0, (size_t)page, "memmove to the edge n %zu by %ld", n, delta);
            result(gv, delta);
        }
        /* memset up to the edge */
        int cv = (int)(len * 37) - 128;
        memset(a, cv, n);
        bytefill(S + page - n, (unsigned char)cv, n);
        bytecopy(D, P, (size_t)page);
        check_window(gs, 0, (size_t)page, "memset to the edge n %zu", n);
        result(gs, cv);
    }
}

/* memchr over ranges that end exactly at the page (every length up to 300, and the whole page): the character
 * missing, at the last byte, the first, in the middle (the last one too); n running past the page with the character
 * before it: none may fault */
static void edge_memchr(struct group *g) {
    unsigned char *pe = P + page;
    bytecopy(P, ZB + 5, (size_t)page);
    for (long len = 0; len <= 301; len++) {
        size_t n = len == 301 ? (size_t)page : (size_t)len;
        unsigned char *s = pe - n;
        unsigned t = len % 4 == 0 ? 0 : special[len % 6];
        for (size_t i = 0; i < n; i++) {
            if (s[i] == t) {
                s[i] = (unsigned char)other(t, (unsigned)i, 0);
            }
        }
        memchr_call(g, s, (int)t, n, -1, (int)len, -1);
        memchr_call(g, s, (int)t + 256, n, -1, (int)len, -1);
        memchr_call(g, s, (int)t - 256, n, -1, (int)len, -1);
        if (n == 0) {
            continue;
        }
        unsigned char last = s[n - 1];
        size_t ps[3] = {n - 1, 0, n / 2};
        for (int v = 0; v < 3; v++) {
            size_t p = ps[v];
            unsigned char sv = s[p];
            s[p] = (unsigned char)t;
            s[n - 1] = (unsigned char)t; /* and the last */
            memchr_call(g, s, (int)t, n, (long)p, (int)len, (long)p);
            memchr_call(g, s, (int)t - 256, n, (long)p, (int)len, (long)p);
            if (p > 0) {
                memchr_call(g, s, (int)t, p, -1, (int)len, (long)p);
            }
            static const size_t past[4] = {1, 8, 4096, 65536};
            for (int i = 0; i < 4; i++) {
                memchr_call(g, s, (int)t, n + past[i], (long)p, (int)len, (long)p);
            }
            memchr_call(g, s, (int)t, opaque_size(SIZE_MAX), (long)p, (int)len, (long)p);
            memchr_call(g, s + p, (int)t, n - p, 0, (int)len, (long)p);
            s[p] = sv;
            s[n - 1] = last;
        }
    }
}

static void test_edge(void) {
    struct group gl, gc, gs, gn, gq, gm, gb, gp, gv, gf;
    group_init(&gl, "strlen");
    group_init(&gc, "strchr");
    group_init(&gs, "strcmp");
    group_init(&gn, "strncmp");
    group_init(&gq, "memchr");
    group_init(&gm, "memcmp");
    group_init(&gb, "bcmp");
    group_init(&gp, "memcpy");
    group_init(&gv, "memmove");
    group_init(&gf, "memset");
    printf("-- edge: ending at a PROT_NONE page\n");
    if (sigsetjmp(jb, 1) == 0) {
        edge_strings(&gl, &gc, &gs, &gn);
    } else {
        long off;
        int which = fault_page(&off);
        printf("UNEXPECTED SIGSEGV in the string functions: %s +%ld\n", page_name(which), off);
    }
    if (sigsetjmp(jb, 1) == 0) {
        edge_memory(&gm, &gb, &gp, &gv, &gf);
        edge_memchr(&gq);
    } else {
        long off;
        int which = fault_page(&off);
        printf("UNEXPECTED SIGSEGV in the memory functions: %s +%ld\n", page_name(which), off);
    }
    group_print(&gl);
    group_print(&gc);
    group_print(&gq);
    group_print(&gs);
    group_print(&gn);
    group_print(&gm);
    group_print(&gb);
    group_print(&gp);
    group_print(&gv);
    group_print(&gf);
}

/* ---- running into the PROT_NONE page ---- */

/* forward: the guest's code reaches the page sequentially, so its first byte faults (on RISC-V, exact) */
static void fault_line(const char *what, int faulted, int forward, long value) {
    if (!faulted) {
        printf("%-44s no fault, %ld\n", what, value);
        return;
    }
    long off;
    int which = fault_page(&off);
    fprintf(stderr, "%s: SIGSEGV at +%ld of the %s\n", what, off, page_name(which));
    int at_start = GUEST_GLIBC ? off == 0 : 1;
    printf("%-44s SIGSEGV %s in the %s%s\n", what, fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "(other code)",
           page_name(which), forward && which >= 0 ? (at_start ? ", its first byte" : ", NOT ITS FIRST BYTE") : "");
}

enum { F_STRLEN, F_STRCHR, F_STRCMP, F_STRNCMP, F_MEMCHR, F_MEMCPY, F_MEMSET, F_MEMMOVE };

/* calls one function, returning its result (strchr's and memchr's offset or -1; memcpy/memset/memmove: whether they returned
 * their first argument), or sets *faulted if it faulted: the sigsetjmp in a frame of its own, whose variables do not
 * change after it */
__attribute__((noinline)) static long attempt(int fn, void *x, const void *y, size_t n, int c, int *faulted) {
    *faulted = 0;
    if (sigsetjmp(jb, 1) != 0) {
        *faulted = 1;
        return 0;
    }
    switch (fn) {
    case F_STRLEN:
        return (long)strlen(x);
    case F_STRCHR: {
        char *r = strchr(x, c);
        return r ? r - (char *)x : -1;
    }
    case F_STRCMP:
        return strcmp(x, y);
    case F_STRNCMP:
        return strncmp(x, y, n);
    case F_MEMCHR: {
        void *r = memchr(x, c, n);
        return r ? (char *)r - (char *)x : -1;
    }
    case F_MEMCPY:
        return memcpy(x, y, n) == x;
    case F_MEMSET:
        return memset(x, c, n) == x;
    default:
        return memmove(x, y, n) == x;
    }
}

#define TRY(what, forward, fn, x, y, n, c)                                     \
    do {                                                                       \
        int faulted_;                                                          \
        long value_ = attempt(fn, (void *)(x), (const void *)(y), n, c, &faulted_); \
        fault_line(what, faulted_, forward, value_);                           \
    } while (0)

/* strcmp that must not fault (it stops before the page): its result as compared() shows it */
#define TRY_STRCMP(what, x, y)                                                 \
    do {                                                                       \
        int faulted_;                                                          \
        long want_ = ref_strcmp(x, y);                                         \
        long value_ = attempt(F_STRCMP, (void *)(x), (const void *)(y), 0, 0, &faulted_); \
        int ok_ = GUEST_GLIBC ? value_ == want_ : sign(value_) == sign(want_); \
        fault_line(what, faulted_, 1, ok_ ? want_ : value_);                   \
    } while (0)

/* strncmp that must not fault: its result as compared() shows it */
#define TRY_STRNCMP(what, x, y, n)                                             \
    do {                                                                       \
        int faulted_;                                                          \
        long want_ = ref_strncmp(x, y, n);                                     \
        long value_ = attempt(F_STRNCMP, (void *)(x), (const void *)(y), n, 0, &faulted_); \
        int ok_ = GUEST_GLIBC ? value_ == want_ : sign(value_) == sign(want_); \
        fault_line(what, faulted_, 1, ok_ ? want_ : value_);                   \
    } while (0)

/* How many bytes of dst glibc's generic memcpy (string/memcpy.c with sysdeps/generic/wordcopy.c; memmove's forward
 * copy is the same code) has written when its source runs into a PROT_NONE page after k readable bytes. It copies
 * bytes until dst is aligned to 8, then words, then the tail in bytes. Both word loops load one source word ahead
 * of the store that needs it (the C source orders them so, through pointers that may alias): with the source
 * aligned, the store of word j follows the load of word j + 1; misaligned, each store merges two aligned source
 * words and follows the load of aligned word j + 2. So when the load of the aligned word at the page faults, one or
 * two words before it were loaded but not stored. */
static size_t generic_copy_written(uintptr_t dst, uintptr_t src, size_t n, size_t k) {
    if (n < 16) { /* OP_T_THRES: bytes only */
        return k;
    }
    size_t head = (size_t)(-dst & 7);
    if (k <= head) {
        return k;
    }
    uintptr_t s = src + head, base = s & ~(uintptr_t)7;
    size_t words = (n - head) / 8;
    size_t fault_word = (size_t)((src + k - base) / 8); /* the page's first word, from base */
    if (s % 8 == 0) {
        return fault_word >= words ? k : head + 8 * (fault_word - 1);
    }
    return fault_word > words ? k : head + 8 * (fault_word >= 2 ? fault_word - 2 : 0);
}

/* After a faulting copy into dst[0..n), of which the first k bytes lie before the PROT_NONE page, and whose source
 * is old (what dst held) and new (what it is to hold): on RISC-V exactly the first `written` bytes hold their new
 * value and the rest their old one (what the guest's own code leaves); natively each byte holds its old or its new
 * value. The 16 bytes before dst, and the `after` bytes after the k (whose source lies in the PROT_NONE page), stay as
 * they were. */
static void after_fault(const char *what, const unsigned char *dst, const unsigned char *old, const unsigned char *new,
                        size_t k, size_t after, size_t written) {
    int ok = 1;
    for (size_t i = 0; i < k; i++) {
        ok &= GUEST_GLIBC ? dst[i] == (i < written ? new[i] : old[i]) : dst[i] == old[i] || dst[i] == new[i];
    }
    for (size_t i = 1; i <= 16; i++) {
        ok &= dst[-(long)i] == old[-(long)i];
    }
    for (size_t i = k; i < k + after; i++) {
        ok &= dst[i] == old[i];
    }
    long first = -1; /* the first byte before the page that is not as on RISC-V */
    for (size_t i = 0; i < k && first < 0; i++) {
        first = dst[i] == (i < written ? new[i] : old[i]) ? -1 : (long)i;
    }
    fprintf(stderr, "%s: RISC-V writes %zu of the %zu bytes before the page; first other byte: %ld\n", what, written, k,
            first);
    printf("%-44s %s\n", "  the destination before the page", ok ? "as expected" : "WRONG");
}

static void test_faults(void) {
    unsigned char *pe = P + page, *qe = Q + page;
    char what[80];
    printf("-- fault: running into a PROT_NONE page\n");
    bytecopy(P, NZ + 11, (size_t)page);
    bytecopy(Q, NZ + 11, (size_t)page);
    static const long ks[] = {1, 7, 8, 9, 16, 31, 33, 64, 100, 4096};
    for (int i = 0; i < 10; i++) {
        long k = ks[i];
        snprintf(what, sizeof what, "strlen, %ld bytes before", k);
        TRY(what, 1, F_STRLEN, pe - k, NULL, 0, 0);
    }
    /* strchr: the character missing (fault), found before the page (no fault) */
    for (int i = 0; i < 10; i++) {
        long k = ks[i];
        unsigned char *s = pe - k;
        for (long j = 0; j < k; j++) {
            if (s[j] == 0x80) {
                s[j] = 0x81;
            }
        }
        snprintf(what, sizeof what, "strchr missing, %ld bytes before", k);
        TRY(what, 1, F_STRCHR, s, NULL, 0, 0x80);
        s[k - 1] = 0x80;
        snprintf(what, sizeof what, "strchr found last, %ld bytes before", k);
        TRY(what, 1, F_STRCHR, s, NULL, 0, 0x80);
        s[k - 1] = 0x81;
    }
    /* strcmp: equal bytes until one runs off; a difference or the other's terminator first: no fault */
    for (int i = 0; i < 10; i++) {
        long k = ks[i];
        unsigned char *a = pe - k, *c = qe - k;
        unsigned char *b = B + 64 + (k % 32);
        bytecopy(b, a, (size_t)k);
        bytecopy(c, a, (size_t)k);
        b[k] = 0x41;
        b[k + 1] = 0;
        snprintf(what, sizeof what, "strcmp, first runs off %ld after", k);
        TRY(what, 1, F_STRCMP, a, b, 0, 0);
        snprintf(what, sizeof what, "strcmp, second runs off %ld after", k);
        TRY(what, 1, F_STRCMP, b, c, 0, 0);
        if (k > 1) {
            /* the same bytes, one string a byte shorter before its page */
            bytecopy(c, a + 1, (size_t)k - 1);
            snprintf(what, sizeof what, "strcmp, both run off, first at %ld", k - 1);
            TRY(what, 1, F_STRCMP, a + 1, c, 0, 0);
            bytecopy(c + 1, a, (size_t)k - 1);
            snprintf(what, sizeof what, "strcmp, both run off, second at %ld", k - 1);
            TRY(what, 1, F_STRCMP, a, c + 1, 0, 0);
        }
        unsigned char sv = b[k - 1];
        b[k - 1] = (unsigned char)other(sv, (unsigned)k, 1);
        snprintf(what, sizeof what, "strcmp, differs at the last byte, %ld", k);
        TRY_STRCMP(what, a, b);
        snprintf(what, sizeof what, "strcmp, differs at the last byte, %ld (b,a)", k);
        TRY_STRCMP(what, b, a);
        b[k - 1] = 0;
        snprintf(what, sizeof what, "strcmp, other ends at the last byte, %ld", k);
        TRY_STRCMP(what, a, b);
        snprintf(what, sizeof what, "strcmp, other ends at the last byte, %ld (b,a)", k);
        TRY_STRCMP(what, b, a);
        b[k - 1] = sv;
    }
    /* strncmp: equal bytes up to the page and n past it (fault); n ending at the page, a difference or the other's
     * terminator at its last byte (no fault) */
    static const long past[5] = {1, 8, 100, 4096, -1}; /* -1: n is SIZE_MAX */
    for (int i = 0; i < 10; i++) {
        long k = ks[i], o = past[i % 5];
        size_t m = o < 0 ? SIZE_MAX : (size_t)(k + o);
        char n_is[24];
        snprintf(n_is, sizeof n_is, o < 0 ? "SIZE_MAX" : "+%ld", o);
        unsigned char *a = pe - k, *c = qe - k;
        unsigned char *b = B + 64 + (k % 32);
        bytecopy(b, a, (size_t)k);
        bytecopy(c, a, (size_t)k);
        b[k] = 0x41;
        b[k + 1] = 0;
        snprintf(what, sizeof what, "strncmp, first runs off %ld after, n %s", k, n_is);
        TRY(what, 1, F_STRNCMP, a, b, m, 0);
        snprintf(what, sizeof what, "strncmp, second runs off %ld after, n %s", k, n_is);
        TRY(what, 1, F_STRNCMP, b, c, m, 0);
        snprintf(what, sizeof what, "strncmp, n ends at the page, %ld", k);
        TRY_STRNCMP(what, a, b, (size_t)k);
        snprintf(what, sizeof what, "strncmp, both, n ends at the pages, %ld", k);
        TRY_STRNCMP(what, c, a, (size_t)k);
        if (k > 1) {
            bytecopy(c, a + 1, (size_t)k - 1);
            snprintf(what, sizeof what, "strncmp, both run off, first at %ld, n %s", k - 1, n_is);
            TRY(what, 1, F_STRNCMP, a + 1, c, m, 0);
            bytecopy(c + 1, a, (size_t)k - 1);
            snprintf(what, sizeof what, "strncmp, both run off, second at %ld, n %s", k - 1, n_is);
            TRY(what, 1, F_STRNCMP, a, c + 1, m, 0);
        }
        unsigned char sv = b[k - 1];
        b[k - 1] = (unsigned char)other(sv, (unsigned)k + 3, 1);
        snprintf(what, sizeof what, "strncmp, differs at the last byte, %ld", k);
        TRY_STRNCMP(what, a, b, m);
        snprintf(what, sizeof what, "strncmp, differs at the last byte, %ld (b,a)", k);
        TRY_STRNCMP(what, b, a, m);
        b[k - 1] = 0;
        snprintf(what, sizeof what, "strncmp, other ends at the last byte, %ld", k);
        TRY_STRNCMP(what, a, b, m);
        b[k - 1] = sv;
    }
    /* memchr: the character (0x80, or 0) missing up to the page and n past it (fault); n ending at the page, or the
     * character at its last byte (no fault) */
    for (int i = 0; i < 10; i++) {
        long k = ks[i], o = past[(i + 2) % 5];
        size_t m = o < 0 ? SIZE_MAX : (size_t)(k + o);
        char n_is[24];
        snprintf(n_is, sizeof n_is, o < 0 ? "SIZE_MAX" : "+%ld", o);
        unsigned char *s = pe - k;
        for (long j = 0; j < k; j++) {
            if (s[j] == 0x80 || s[j] == 0) {
                s[j] = 0x81;
            }
        }
        snprintf(what, sizeof what, "memchr missing, %ld bytes before, n %s", k, n_is);
        TRY(what, 1, F_MEMCHR, s, NULL, m, 0x80);
        snprintf(what, sizeof what, "memchr 0 missing, %ld bytes before, n %s", k, n_is);
        TRY(what, 1, F_MEMCHR, s, NULL, m, opaque(0));
        snprintf(what, sizeof what, "memchr missing, n ends at the page, %ld", k);
        TRY(what, 1, F_MEMCHR, s, NULL, (size_t)k, 0x80);
        s[k - 1] = 0x80;
        snprintf(what, sizeof what, "memchr found last, %ld bytes before, n %s", k, n_is);
        TRY(what, 1, F_MEMCHR, s, NULL, m, 0x80 - 256);
        s[k - 1] = 0x81;
    }
    /* memcpy and memset crossing into the page by 1 byte up to a page */
    static const long over[] = {1, 8, 100, 4096};
    static const long ks2[] = {1, 7, 8, 9, 16, 31, 33, 64, 100, 4000};
    for (int i = 0; i < 10; i++) {
        long k = ks2[i], o = over[i % 4];
        size_t n = (size_t)(k + o);
        unsigned char *dst = D + 64 + (k % 32);
        bytecopy(D, ZB, 2 * (size_t)page + 200);
        bytecopy(S, D, 2 * (size_t)page + 200);
        unsigned char *src = qe - k;
        snprintf(what, sizeof what, "memcpy, source crosses %ld+%ld", k, o);
        TRY(what, 1, F_MEMCPY, dst, src, n, 0);
        after_fault(what, dst, S + (dst - D), src, (size_t)k, (size_t)o,
                    generic_copy_written((uintptr_t)dst, (uintptr_t)src, n, (size_t)k));
        bytecopy(D, ZB + 500, 2 * (size_t)page + 200);
        bytecopy(S, D, 2 * (size_t)page + 200);
        snprintf(what, sizeof what, "memmove apart, source crosses %ld+%ld", k, o);
        TRY(what, 1, F_MEMMOVE, dst, src, n, 0);
        after_fault(what, dst, S + (dst - D), src, (size_t)k, (size_t)o,
                    generic_copy_written((uintptr_t)dst, (uintptr_t)src, n, (size_t)k));
        for (long j = 0; j < k; j++) {
            pe[-k + j] = (unsigned char)(j * 13 + 5);
        }
        bytecopy(T, pe - k - 16, (size_t)k + 16);
        unsigned char *from = ZB + 333 + k % 32;
        snprintf(what, sizeof what, "memcpy, destination crosses %ld+%ld", k, o);
        TRY(what, 1, F_MEMCPY, pe - k, from, n, 0);
        after_fault(what, pe - k, T + 16, from, (size_t)k, 0, (size_t)k);
        bytecopy(T, pe - k - 16, (size_t)k + 16);
        unsigned char fill[4096];
        bytefill(fill, 0xa5, (size_t)k);
        snprintf(what, sizeof what, "memset, crosses %ld+%ld", k, o);
        TRY(what, 1, F_MEMSET, pe - k, NULL, n, 0x1a5);
        after_fault(what, pe - k, T + 16, fill, (size_t)k, 0, (size_t)k);
        /* memmove: forward with the source crossing, backward (overlapping) with the destination crossing */
        long delta = 1 + (k * 7) % (k < 40 ? k : 40); /* at most k: the ranges overlap */
        if (k + delta + 16 <= page) {
            bytecopy(pe - k - delta - 16, ZB + 2000 + k % 64, (size_t)(k + delta) + 16);
            bytecopy(T, pe - k - delta - 16, (size_t)(k + delta) + 16);
            snprintf(what, sizeof what, "memmove forward, source crosses %ld+%ld", k, o);
            TRY(what, 1, F_MEMMOVE, pe - k - delta, pe - k, n, 0);
            after_fault(what, pe - k - delta, T + 16, T + 16 + delta, (size_t)k, (size_t)delta,
                        generic_copy_written((uintptr_t)(pe - k - delta), (uintptr_t)(pe - k), n, (size_t)k));
            bytecopy(pe - k - delta - 16, T, (size_t)(k + delta) + 16);
            snprintf(what, sizeof what, "memmove backward, destination crosses %ld+%ld", k, o);
            TRY(what, 0, F_MEMMOVE, pe - k, pe - k - delta, n, 0);
            after_fault(what, pe - k, T + 16 + delta, T + 16, (size_t)k, 0, 0); /* from the end: nothing */
        }
    }
}

/* ---- a program's use: words ---- */

static int by_strcmp(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void test_words(void) {
    static char pool[3000 * 32];
    static char *words[3000];
    static const char *syll[16] = {"ka", "lo", "mi", "ne", "ru", "st", "\xc3\xa9", "\xc3\xbc",
                                   "th", "a",  "o",  "qu", "x",  "ie", "\xe2\x82\xac", "z"};
    size_t used = 0, total = 0;
    for (int i = 0; i < 3000; i++) {
        char *w = pool + used;
        size_t len = 0;
        int parts = 1 + (int)(next() % 6);
        for (int j = 0; j < parts; j++) {
            const char *s = syll[next() % (i < 1500 ? 6 : 16)];
            size_t l = strlen(s);
            memcpy(w + len, s, l);
            len += l;
        }
        w[len] = 0;
        words[i] = w;
        used += len + 1;
        total += strlen(w);
    }
    qsort(words, 3000, sizeof words[0], by_strcmp);
    int distinct = 1, sorted = 1;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < 3000; i++) {
        for (const char *p = words[i]; *p; p++) {
            fnv(&h, (unsigned char)*p);
        }
        fnv(&h, 0);
        if (i > 0) {
            int c = strcmp(words[i - 1], words[i]);
            sorted &= c <= 0;
            distinct += c != 0;
        }
    }
    printf("words: %zu bytes, %d distinct, sorted %s, hash %016llx\n", total, distinct, sorted ? "yes" : "NO",
           (unsigned long long)h);
    /* joined with commas by memcpy, split again by strchr */
    static char joined[3000 * 32];
    char *end = joined;
    for (int i = 0; i < 3000; i++) {
        size_t l = strlen(words[i]);
        end = (char *)memcpy(end, words[i], l) + l;
        *end++ = ',';
    }
    end[-1] = 0;
    int tokens = 0, same = 0;
    for (char *p = joined;;) {
        char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        same += strlen(words[tokens]) == l && memcmp(words[tokens], p, l) == 0;
        tokens++;
        if (!comma) {
            break;
        }
        p = comma + 1;
    }
    printf("split: %zu bytes, %d tokens, %d the same\n", strlen(joined), tokens, same);
    /* a hash table keyed by strings: memset to clear, strlen/memcmp to compare keys */
    static const char *table[4096];
    static int count[4096];
    memset(table, 0, sizeof table);
    memset(count, 0, sizeof count);
    int slots = 0, probes = 0;
    for (int r = 0; r < 2; r++) {
        for (int i = 0; i < 3000; i++) {
            const char *w = words[(i * 7 + r) % 3000];
            size_t l = strlen(w);
            uint64_t kh = 0xcbf29ce484222325ULL;
            for (size_t j = 0; j < l; j++) {
                fnv(&kh, (unsigned char)w[j]);
            }
            size_t s = kh & 4095;
            while (table[s] && !(strlen(table[s]) == l && memcmp(table[s], w, l) == 0)) {
                s = (s + 1) & 4095;
                probes++;
            }
            if (!table[s]) {
                table[s] = w;
                slots++;
            }
            count[s]++;
        }
    }
    int most = 0;
    for (int s = 0; s < 4096; s++) {
        most = count[s] > most ? count[s] : most;
    }
    printf("table: %d keys, %d probes, most %d\n", slots, probes, most);
    /* insertion into a sorted array of pointers with memmove, found again with strcmp */
    static const char *arr[3000];
    int n = 0;
    for (int i = 0; i < 3000; i++) {
        const char *w = words[(i * 1237) % 3000];
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (strcmp(arr[mid], w) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        memmove(arr + lo + 1, arr + lo, (size_t)(n - lo) * sizeof arr[0]);
        arr[lo] = w;
        n++;
    }
    int agree = 0;
    for (int i = 0; i < 3000; i++) {
        agree += strcmp(arr[i], words[i]) == 0;
    }
    printf("insertion sort by memmove: %d of 3000 agree with qsort\n", agree);
}

int main(void) {
    page = sysconf(_SC_PAGESIZE);
    P = two_pages();
    Q = two_pages();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    fill_pools();
    bytecopy(D, ZB, BUFSZ);
    bytecopy(D + BUFSZ, ZB, BUFSZ);
    bytecopy(D + 2 * BUFSZ, NZ, BUFSZ);
    bytecopy(S, D, sizeof D);

    test_strlen();
    test_strcmp();
    test_memcmp();
    test_strchr();
    test_memchr();
    test_memcpy();
    test_memmove();
    test_memset();
    fflush(stdout);
    test_edge();
    fflush(stdout);
    test_faults();
    test_words();
    return 0;
}
