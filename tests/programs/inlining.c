/*
 * inlining.c: hot loops that call small functions, which dbt translates as one region with the callee inlined (a
 * direct call, or an indirect one through a function pointer that went to one target in its first runs: a predicted
 * target, checked where the call is made, the call made as usual when the check fails). A callee is inlined only
 * when it is a leaf of a few blocks (no calls, no one-block loop); everything else must still be called. Each part
 * prints a checksum of every call's result, so a wrong argument, a wrong return value, a callee's block run for the
 * wrong call, or a return to the wrong place shows. gcc keeps the callees out of line (noinline, noclone) and makes
 * real calls (jal, or jalr through a pointer) in the loops.
 *   direct     a multiply-and-shift hash and a clamp with branches and three returns, called from a loop with a
 *              branch in its body; a classifier of more blocks than dbt inlines (its calls are made); a call in a
 *              branch arm whose arguments are ready before the branch (gcc makes that block the jal alone)
 *   sort       qsort of ints and of strings through comparator functions (indirect calls from libc's merge loop;
 *              the second sort of the same array goes to another comparator than the one predicted in the first,
 *              and one comparator tail-calls strcmp), bsearch hits and misses (gcc inlines bsearch: direct calls)
 *   switching  a loop calling through a function pointer that stays on one of three functions for 100,000 iterations,
 *              then moves to the next (and back to the first): the predicted target's check fails and the call must
 *              still reach the right function; a pointer that alternates every iteration (never predicted); a pointer
 *              that changes after the first 40 runs, and once more for one call
 *   sites      one leaf called from two call sites in one loop body, and another from two different loops
 *   leafloop   leaves with loops of their own, called, not inlined (their loops are regions of their own): a bit
 *              loop (one block) and a scan with two exits (a loop of two blocks)
 *   nonleaf    a callee that calls another function, and a recursive function, called in loops
 *   fault      a loop calling a leaf that reads through its pointer argument, directly and through a function
 *              pointer, until the pointer reaches a PROT_NONE page (after the loop has run hot on good pointers): the
 *              SIGSEGV's address and the iteration count and partial sum at the fault, exact
 *   timer      SIGALRM every millisecond (a handler counting them) while a loop calls two leaves; only the checksum is
 *              printed, not the number of signals
 *   float      leaves computing with doubles (a polynomial) and floats (a branch), printed with %.17g and %a (built
 *              with -ffp-contract=off, as build.sh does)
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#define LEAF __attribute__((noinline, noclone))

/* ---- direct ---- */

static LEAF uint64_t mix(uint64_t x) {
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ull;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dull;
    x ^= x >> 33;
    return x;
}

static LEAF long clamp(long v, long lo, long hi) {
    if (v < lo) {
        return lo;
    }
    if (v > hi) {
        return hi;
    }
    if (v & 1) {
        return v * 3;
    }
    return v / 2;
}

/* Many branches, many returns: more blocks than a callee dbt inlines. */
static LEAF int classify(uint64_t x) {
    unsigned b = (unsigned)(x & 0xff);
    if (b < 16) {
        return 1;
    }
    if (b < 32) {
        return b & 1 ? 2 : 3;
    }
    if (b < 64) {
        return b & 2 ? 4 : 5;
    }
    if (b < 96) {
        return (x >> 8) & 1 ? 6 : 7;
    }
    if (b < 128) {
        return (x >> 9) & 1 ? 8 : 9;
    }
    if (b < 192) {
        return (x >> 10) & 3 ? 10 : 11;
    }
    if (b == 200) {
        return 12;
    }
    return (x >> 12) & 1 ? 13 : 14;
}

static LEAF uint64_t lcg_mix(uint64_t x) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return x ^ (x >> 29);
}

static LEAF long weigh(uint64_t x, long scale) {
    if (x >> 63) {
        return scale * 5;
    }
    return -(long)(x & 0xfff);
}

static void part_direct(void) {
    uint64_t h = 0;
    long clamped = 0;
    for (long i = 0; i < 200000; i++) {
        uint64_t m = mix(i * 0x9E3779B97F4A7C15ull + h);
        h += m;
        long c = clamp((long)(m >> 40) - (1L << 23), -3000000, 3000000);
        if (m & 0x100) {
            clamped += c;
        } else {
            clamped -= c / 8;
        }
    }
    /* A callee too big to inline: the loop's calls are made. */
    long kinds = 0;
    uint64_t x = 0x0123456789abcdefull;
    for (long i = 0; i < 100000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int k = classify(x);
        if (k > 8) {
            kinds += k * (i & 7);
        } else {
            kinds -= k;
        }
    }
    /* A call in a branch arm whose arguments are ready before the branch: gcc makes that block the call alone. */
    uint64_t y = 7;
    long weights = 0;
    for (long i = 0; i < 100000; i++) {
        y = lcg_mix(y + (uint64_t)i);
        if (y & 0x200) {
            weights += weigh(y, i & 1023);
        } else {
            weights ^= (long)(y & 0xff);
        }
    }
    printf("direct: hash %016llx clamp %ld classify %ld weigh %ld\n", (unsigned long long)h, clamped, kinds, weights);
}

/* ---- sort ---- */

static LEAF int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static LEAF int cmp_int_desc_mod(const void *a, const void *b) {
    int x = *(const int *)a % 1000, y = *(const int *)b % 1000;
    if (x != y) {
        return x < y ? 1 : -1;
    }
    x = *(const int *)a;
    y = *(const int *)b;
    return (x > y) - (x < y);
}

/* bsearch's comparators: the key first. */
static LEAF int cmp_int_key(const void *key, const void *elem) {
    int x = *(const int *)key, y = *(const int *)elem;
    if (x < y) {
        return -1;
    }
    return x != y;
}

static LEAF int cmp_str_key(const void *key, const void *elem) {
    return strcmp((const char *)key, *(const char *const *)elem);
}

static LEAF int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static LEAF int cmp_str_len(const void *a, const void *b) {
    const char *s = *(const char *const *)a, *t = *(const char *const *)b;
    size_t m = strlen(s), n = strlen(t);
    if (m != n) {
        return m < n ? -1 : 1;
    }
    return strcmp(s, t);
}

#define NINTS 20000
#define NSTRS 3000

static void part_sort(void) {
    static int ints[NINTS];
    static char words[NSTRS][12];
    static const char *strs[NSTRS];
    uint64_t x = 12345;
    for (int i = 0; i < NINTS; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        ints[i] = (int)(x >> 33) - (1 << 30);
    }
    qsort(ints, NINTS, sizeof ints[0], cmp_int);
    uint64_t sum = 0;
    int sorted = 1;
    for (int i = 0; i < NINTS; i++) {
        sum = sum * 31 + (uint32_t)ints[i];
        if (i > 0 && ints[i - 1] > ints[i]) {
            sorted = 0;
        }
    }
    int hits = 0;
    long where = 0;
    for (int i = 0; i < 4000; i++) {
        int key = i % 2 ? ints[(i * 7919) % NINTS] : ints[(i * 7919) % NINTS] + 1;
        int *p = bsearch(&key, ints, NINTS, sizeof ints[0], cmp_int_key);
        if (p) {
            hits++;
            where += *p == key ? 1 : 1000000;
        }
    }
    printf("sort: ints %s %016llx, bsearch %d hits %ld\n", sorted ? "sorted" : "NOT SORTED", (unsigned long long)sum,
           hits, where);
    qsort(ints, NINTS, sizeof ints[0], cmp_int_desc_mod);
    sum = 0;
    for (int i = 0; i < NINTS; i++) {
        sum = sum * 37 + (uint32_t)ints[i];
    }
    printf("sort: ints by residue %016llx\n", (unsigned long long)sum);

    for (int i = 0; i < NSTRS; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        int len = 1 + (int)((x >> 60) % 10);
        for (int j = 0; j < len; j++) {
            words[i][j] = (char)('a' + (x >> (4 * j + 8)) % 7);
        }
        words[i][len] = 0;
        strs[i] = words[i];
    }
    qsort(strs, NSTRS, sizeof strs[0], cmp_str);
    sum = 0;
    for (int i = 0; i < NSTRS; i++) {
        for (const char *s = strs[i]; *s; s++) {
            sum = sum * 131 + (unsigned char)*s;
        }
        sum = sum * 3 + 1;
    }
    hits = 0;
    for (int i = 0; i < NSTRS; i += 3) {
        if (bsearch(words[i], strs, NSTRS, sizeof strs[0], cmp_str_key)) {
            hits++;
        }
    }
    hits += bsearch("zzz", strs, NSTRS, sizeof strs[0], cmp_str_key) ? 1000 : 0;
    hits += bsearch("", strs, NSTRS, sizeof strs[0], cmp_str_key) ? 1000 : 0;
    printf("sort: strings %016llx, bsearch %d hits, first %s last %s\n", (unsigned long long)sum, hits, strs[0],
           strs[NSTRS - 1]);
    qsort(strs, NSTRS, sizeof strs[0], cmp_str_len);
    sum = 0;
    for (int i = 0; i < NSTRS; i++) {
        for (const char *s = strs[i]; *s; s++) {
            sum = sum * 131 + (unsigned char)*s;
        }
        sum = sum * 5 + 2;
    }
    printf("sort: strings by length %016llx, first %s last %s\n", (unsigned long long)sum, strs[0], strs[NSTRS - 1]);
}

/* ---- switching ---- */

typedef uint64_t (*step_fn)(uint64_t, uint64_t);

static LEAF uint64_t step_a(uint64_t acc, uint64_t i) { return acc * 3 + i; }
static LEAF uint64_t step_b(uint64_t acc, uint64_t i) { return (acc ^ (i << 7)) - 5; }
static LEAF uint64_t step_c(uint64_t acc, uint64_t i) {
    if (i & 1) {
        return acc + (i >> 1);
    }
    return acc - 11 * i;
}

static const step_fn steps[3] = {step_a, step_b, step_c};
static step_fn volatile current;

static void part_switching(void) {
    /* 700,000 iterations: a, b, c, a, b, c, a, each for 100,000; which function ran is also counted by its result. */
    uint64_t acc = 1, check = 0;
    for (long i = 0; i < 700000; i++) {
        if (i % 100000 == 0) {
            current = steps[(i / 100000) % 3];
        }
        acc = current(acc, (uint64_t)i);
        check = check * 1099511628211ull ^ acc;
    }
    printf("switching: every 100000: %016llx %016llx\n", (unsigned long long)acc, (unsigned long long)check);
    /* Alternating between two functions every iteration. */
    acc = 1;
    check = 0;
    for (long i = 0; i < 200000; i++) {
        current = steps[i & 1];
        acc = current(acc, (uint64_t)i);
        check = check * 1099511628211ull ^ acc;
    }
    printf("switching: alternating: %016llx %016llx\n", (unsigned long long)acc, (unsigned long long)check);
    /* One function for the first 40 runs, then another for good, then a third only once at 150,000. */
    acc = 1;
    check = 0;
    for (long i = 0; i < 300000; i++) {
        current = i < 40 ? step_c : i == 150000 ? step_b : step_a;
        acc = current(acc, (uint64_t)i);
        check = check * 1099511628211ull ^ acc;
    }
    printf("switching: changed early: %016llx %016llx\n", (unsigned long long)acc, (unsigned long long)check);
}

/* ---- sites ---- */

static LEAF uint32_t rot_add(uint32_t x, uint32_t k) {
    x += k;
    x = (x << 7) | (x >> 25);
    return x ^ (k * 0x27d4eb2du);
}

static LEAF uint32_t fold_in(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x01000193u;
    if (h & 0x80000000u) {
        return h ^ (h >> 15);
    }
    return h + 0x9e3779b9u;
}

static void part_sites(void) {
    uint32_t a = 1, b = 2;
    for (uint32_t i = 0; i < 150000; i++) {
        a = rot_add(a, i);
        if (a & 4) {
            b = rot_add(b, a);
        } else {
            b ^= a >> 3;
        }
    }
    printf("sites: two call sites %08x %08x\n", a, b);
    uint32_t c = 3;
    for (uint32_t i = 0; i < 100000; i++) {
        c = fold_in(c, i * 3);
        if ((c & 0x30) == 0x30) {
            c += 17;
        }
    }
    uint32_t d = 4;
    long odd = 0;
    for (uint32_t i = 100000; i > 0; i--) {
        d = fold_in(d ^ c, i);
        if (d & 1) {
            odd++;
        }
    }
    printf("sites: two loops %08x %08x %ld\n", c, d, odd);
}

/* ---- leafloop ---- */

/* A loop of one block: weight of the set bits, low bits counting 1, each next bit one more. */
static LEAF unsigned bit_weight(uint64_t x) {
    unsigned w = 0, k = 1;
    do {
        w += (unsigned)(x & 1) * k;
        k++;
        x >>= 1;
    } while (x);
    return w;
}

/* Length of s up to the first NUL or stop: a loop with two exits. */
static LEAF size_t scan(const char *s, char stop) {
    size_t n = 0;
    for (;;) {
        char c = s[n];
        if (c == stop) {
            return n;
        }
        if (c == 0) {
            return n + 1000;
        }
        n++;
    }
}

static void part_leafloop(void) {
    uint64_t x = 0x0123456789abcdefull;
    long weights = 0;
    for (int i = 0; i < 50000; i++) {
        x = x * 2862933555777941757ull + 3037000493ull;
        if (x & 8) {
            weights += bit_weight(x >> (i & 31));
        } else {
            weights -= bit_weight(x & 0xffff);
        }
    }
    /* Text cut into strings by a NUL every 9 bytes: a scan stops at its character or at the end of the string. */
    static char text[4096];
    for (int i = 0; i < (int)sizeof text; i++) {
        text[i] = i % 9 == 8 ? 0 : "a,b;cd,,ef;g;,hij,k;lm"[(i * 13 + i / 7) % 22];
    }
    long lens = 0;
    for (int i = 0; i < 30000; i++) {
        int from = (i * 97) % 4000;
        char stop = i & 1 ? ',' : ';';
        size_t n = scan(text + from, stop);
        if (n >= 1000) {
            lens += 3 * (long)(n - 1000);
        } else {
            lens += (long)n;
        }
    }
    printf("leafloop: weights %ld scans %ld\n", weights, lens);
}

/* ---- nonleaf ---- */

static LEAF uint64_t inner(uint64_t x) { return (x * 7) ^ (x >> 3); }

static LEAF uint64_t outer(uint64_t x) {
    uint64_t a = inner(x);
    uint64_t b = inner(x + a);
    return a - b;
}

static LEAF long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static void part_nonleaf(void) {
    uint64_t s = 0;
    for (uint64_t i = 0; i < 200000; i++) {
        uint64_t v = outer(i ^ s);
        if (v & 1) {
            s += v;
        } else {
            s ^= v;
        }
    }
    long f = 0;
    for (long i = 0; i < 3000; i++) {
        long n = i % 16;
        f += fib(n) * (i & 1 ? 1 : -2);
        if (f < -100000) {
            f += 123457;
        }
    }
    printf("nonleaf: %016llx fib %ld\n", (unsigned long long)s, f);
}

/* ---- fault ---- */

static sigjmp_buf fault_jump;
static volatile uintptr_t fault_address;
static volatile long fault_count;
static volatile long progress_count, progress_sum;

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    fault_address = (uintptr_t)info->si_addr;
    fault_count = progress_count;
    siglongjmp(fault_jump, 1);
}

static LEAF long load_mix(const long *p, long k) {
    long v = p[0];
    if (v & 1) {
        return v * 3 + k;
    }
    return (v >> 1) - k;
}

static LEAF long load_other(const long *p, long k) { return p[0] + 2 * k; }

static long (*volatile loader)(const long *, long);

static void part_fault(void) {
    long page = sysconf(_SC_PAGESIZE);
    char *area = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        printf("fault: mmap failed\n");
        return;
    }
    long *words = (long *)area;
    for (long i = 0; i < 2 * page / (long)sizeof(long); i++) {
        words[i] = i * 2654435761L + 11;
    }
    mprotect(area + page, page, PROT_NONE);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);

    /* Direct: words[3n + 1] for n = 0, 1, ...; the loop runs from the start many times first (so it is hot). */
    static volatile long limit = 100;
    long warm = 0;
    for (int r = 0; r < 200; r++) {
        for (long n = 0; n < limit; n++) {
            warm += load_mix(words + 3 * n + 1, n);
            if (warm & 0x40) {
                warm ^= 5;
            }
        }
    }
    progress_count = 0;
    progress_sum = 0;
    if (sigsetjmp(fault_jump, 1) == 0) {
        long sum = 0;
        for (long n = 0;; n++) {
            sum += load_mix(words + 3 * n + 1, n);
            if (sum & 0x40) {
                sum ^= 5;
            }
            progress_sum = sum;
            progress_count = n + 1;
        }
    }
    printf("fault: direct: warm %ld, at offset %ld of the page after %ld calls, partial sum %ld\n", warm,
           (long)(fault_address - (uintptr_t)(area + page)), (long)fault_count, (long)progress_sum);

    /* Through a function pointer (predicted), stride 5 words from word 2. */
    loader = load_other;
    warm = 0;
    for (int r = 0; r < 200; r++) {
        for (long n = 0; n < limit; n++) {
            warm += loader(words + 5 * n + 2, n);
            if (warm & 0x80) {
                warm -= 9;
            }
        }
    }
    progress_count = 0;
    progress_sum = 0;
    if (sigsetjmp(fault_jump, 1) == 0) {
        long sum = 0;
        for (long n = 0;; n++) {
            sum += loader(words + 5 * n + 2, n);
            if (sum & 0x80) {
                sum -= 9;
            }
            progress_sum = sum;
            progress_count = n + 1;
        }
    }
    printf("fault: indirect: warm %ld, at offset %ld of the page after %ld calls, partial sum %ld\n", warm,
           (long)(fault_address - (uintptr_t)(area + page)), (long)fault_count, (long)progress_sum);
    signal(SIGSEGV, SIG_DFL);
    munmap(area, 2 * page);
}

/* ---- timer ---- */

static LEAF uint64_t xorshift_star(uint64_t x) {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    return x * 0x2545F4914F6CDD1Dull;
}

static LEAF long bucket(uint64_t x, long scale) {
    unsigned b = (unsigned)(x >> 61);
    if (b < 3) {
        return (long)b * scale;
    }
    if (b < 6) {
        return -(long)(x & 0xffff);
    }
    return scale >> 1;
}

static volatile long alarms;

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
}

/* Out of line (not inlined into main, which gcc places first), so that the loop lies above its callees: the
 * region's edges into the callees go back, where a signal may stop a loop, and must not (the call's write of ra
 * is made where the callee starts). */
static __attribute__((noinline)) void part_timer(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval t = {{0, 1000}, {0, 1000}};
    setitimer(ITIMER_REAL, &t, NULL);
    uint64_t h = 7;
    long c = 0;
    for (long i = 0; i < 6000000; i++) {
        h = xorshift_star(h + (uint64_t)i);
        long b = bucket(h, i & 1023);
        if (h & 0x200) {
            c += b;
        } else {
            c ^= (long)(h & 0xff) + b;
        }
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("timer part done: %016llx %ld\n", (unsigned long long)h, c);
}

/* ---- float ---- */

static LEAF double poly(double x) {
    return ((((0.0083333333 * x - 0.0416666667) * x + 0.1666666667) * x - 0.5) * x + 1.0) * x + 0.25;
}

static LEAF float damp(float v, float k) {
    if (v > 100.0f) {
        return v * 0.5f - k;
    }
    return v * 1.0009765625f + k;
}

static void part_float(void) {
    double s = 0.0;
    for (int i = 0; i < 100000; i++) {
        double x = (i % 2001 - 1000) / 512.0;
        double p = poly(x);
        if (p > 1.0) {
            s += p;
        } else {
            s -= p * 0.5;
        }
    }
    float v = 99.0f, w = 0.0f;
    for (int i = 0; i < 100000; i++) {
        v = damp(v, (float)(i & 15) * 0.125f);
        if (v < 50.0f) {
            w += v;
        } else {
            w -= 0.25f;
        }
    }
    printf("float: %.17g %a\n", s, s);
    printf("float: %.9g %a %.9g %a\n", (double)v, (double)v, (double)w, (double)w);
}

/* ---- library ----
 * libm's floor, ceil and trunc called in a loop: in the static build direct calls, in the dynamic one calls to PLT
 * entries, whose indirect jump went to the dynamic linker's resolver first and to the function since. The leaves'
 * NaN and large-value paths have not run when the loop gets hot: the last elements take them (a side exit from
 * inside an inlined callee). */
static void part_library(void) {
    static double v[4096];
    for (int i = 0; i < 4096; i++) {
        v[i] = (i % 97) * 1.37 - 60.25 + i * 0.001;
    }
    double s = 0;
    for (int r = 0; r < 200; r++) {
        for (int i = 0; i < 4096; i++) {
            s += floor(v[i]) - ceil(v[i] * 0.5) + trunc(v[i] * 0.25);
        }
    }
    volatile double nan = NAN, big = 1e300;
    double odd[4] = {nan, big, -big, -0.0};
    for (int i = 0; i < 4; i++) {
        double f = floor(odd[i]), c = ceil(odd[i]), t = trunc(odd[i]);
        printf("library: %a %a %a\n", f, c, t);
    }
    printf("library: %.17g\n", s);
}

int main(void) {
    part_library();
    part_direct();
    part_sort();
    part_switching();
    part_sites();
    part_leafloop();
    part_nonleaf();
    part_fault();
    part_timer();
    part_float();
    return 0;
}
