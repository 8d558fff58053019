/* calls.c: call-heavy code — many call sites returning to many places, deep
 * and wide recursion. Doubly recursive fib, Ackermann, Hofstadter's mutually
 * recursive Female/Male sequences, a deep non-tail recursion, a generated
 * expression tree walked and evaluated recursively, a recursive-descent
 * parser over a generated expression string, 16 small functions called from
 * many call sites, and calls through function-pointer tables. Every result is
 * folded into unsigned checksums (wrapping arithmetic only), so the output is
 * the same natively and on RISC-V. */
#include <stdio.h>

#define NOINLINE __attribute__((noinline))

static unsigned long mix(unsigned long h, unsigned long v) {
    h ^= v + 0x9e3779b97f4a7c15UL + (h << 6) + (h >> 2);
    return h;
}

static unsigned long rng_state = 0x2545f4914f6cdd1dUL;
static unsigned long rng(void) {
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return rng_state >> 33;
}

/* --- doubly recursive fib, and a tribonacci-shaped triple recursion --- */
NOINLINE static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
NOINLINE static unsigned long trib(unsigned n) {
    return n < 3 ? (n == 2) : trib(n - 1) + trib(n - 2) + trib(n - 3);
}

/* --- Ackermann --- */
NOINLINE static unsigned long ack(unsigned long m, unsigned long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

/* --- Hofstadter Female and Male sequences: mutual recursion --- */
NOINLINE static long hof_m(long n);
NOINLINE static long hof_f(long n) { return n == 0 ? 1 : n - hof_m(hof_f(n - 1)); }
NOINLINE static long hof_m(long n) { return n == 0 ? 0 : n - hof_f(hof_m(n - 1)); }

/* --- deep, non-tail recursion that gcc cannot turn into a loop --- */
NOINLINE static unsigned long deep(unsigned n, unsigned long seed) {
    if (n == 0) return seed;
    unsigned long r = deep(n - 1, seed * 3 + n);
    return (r * 31) ^ (r >> 7) ^ n;
}

/* --- a generated expression tree --- */
enum { LEAF, ADD, SUB, MUL, XOR, NEG };
struct node { int op; unsigned long value; struct node *l, *r; };
#define MAX_NODES 40000
static struct node pool[MAX_NODES];
static int used;

NOINLINE static struct node *build(int depth) {
    struct node *n = &pool[used++];
    unsigned long k = rng();
    if (depth == 0 || used + 2 >= MAX_NODES || k % 7 == 0) {
        n->op = LEAF;
        n->value = k & 0xffff;
        n->l = n->r = 0;
        return n;
    }
    n->op = (int)(k % 5) + 1;
    n->l = build(depth - 1);
    n->r = n->op == NEG ? 0 : build(depth - 1);
    return n;
}

NOINLINE static unsigned long eval(const struct node *n) {
    switch (n->op) {
    case LEAF: return n->value;
    case ADD: return eval(n->l) + eval(n->r);
    case SUB: return eval(n->l) - eval(n->r);
    case MUL: return eval(n->l) * (eval(n->r) | 1);
    case XOR: return eval(n->l) ^ eval(n->r);
    default: return -eval(n->l);
    }
}

NOINLINE static int height(const struct node *n) {
    if (!n) return 0;
    int a = height(n->l), b = height(n->r);
    return 1 + (a > b ? a : b);
}

NOINLINE static unsigned long count_leaves(const struct node *n) {
    if (!n) return 0;
    if (n->op == LEAF) return 1;
    return count_leaves(n->l) + count_leaves(n->r);
}

/* --- a recursive-descent parser over a generated expression string --- */
static char text[200000];
static int text_len;

NOINLINE static void gen_expr(int depth);
NOINLINE static void gen_factor(int depth) {
    unsigned long k = rng();
    if (depth <= 0 || k % 3 == 0) {
        text_len += sprintf(text + text_len, "%lu", k % 1000);
    } else {
        text[text_len++] = '(';
        gen_expr(depth - 1);
        text[text_len++] = ')';
    }
}
NOINLINE static void gen_term(int depth) {
    gen_factor(depth);
    while (rng() % 3 == 0 && text_len < (int)sizeof text - 2000) {
        text[text_len++] = rng() % 2 ? '*' : '%';
        gen_factor(depth);
    }
}
NOINLINE static void gen_expr(int depth) {
    gen_term(depth);
    while (rng() % 2 == 0 && text_len < (int)sizeof text - 2000) {
        text[text_len++] = rng() % 2 ? '+' : '-';
        gen_term(depth);
    }
}

static const char *cursor;
NOINLINE static unsigned long parse_expr(void);
NOINLINE static unsigned long parse_factor(void) {
    if (*cursor == '(') {
        cursor++;
        unsigned long v = parse_expr();
        cursor++; /* ')' */
        return v;
    }
    unsigned long v = 0;
    while (*cursor >= '0' && *cursor <= '9') v = v * 10 + (unsigned long)(*cursor++ - '0');
    return v;
}
NOINLINE static unsigned long parse_term(void) {
    unsigned long v = parse_factor();
    while (*cursor == '*' || *cursor == '%') {
        char op = *cursor++;
        unsigned long w = parse_factor();
        v = op == '*' ? v * w : v % (w | 1);
    }
    return v;
}
NOINLINE static unsigned long parse_expr(void) {
    unsigned long v = parse_term();
    while (*cursor == '+' || *cursor == '-') {
        char op = *cursor++;
        unsigned long w = parse_term();
        v = op == '+' ? v + w : v - w;
    }
    return v;
}

/* --- many small functions, called from many call sites --- */
#define SMALL(i) \
    NOINLINE static unsigned long s##i(unsigned long x) { return (x ^ (x >> (i % 7 + 1))) * (2 * i + 1) + i; }
SMALL(0) SMALL(1) SMALL(2) SMALL(3) SMALL(4) SMALL(5) SMALL(6) SMALL(7)
SMALL(8) SMALL(9) SMALL(10) SMALL(11) SMALL(12) SMALL(13) SMALL(14) SMALL(15)

NOINLINE static unsigned long sites_a(unsigned long x) {
    x = s0(x); x = s3(x); x = s7(x); x = s1(x); x = s12(x); x = s0(x); x = s5(x); x = s9(x);
    return x;
}
NOINLINE static unsigned long sites_b(unsigned long x) {
    x = s2(x); x = s15(x); x = s4(x); x = s0(x); x = s11(x); x = s6(x); x = s2(x); x = s13(x);
    return x;
}
NOINLINE static unsigned long sites_c(unsigned long x) {
    x = s8(x); x = s10(x); x = s14(x); x = s3(x); x = sites_a(x); x = s1(x); x = s9(x);
    return sites_b(x);
}
NOINLINE static unsigned long sites_d(unsigned long x, int k) {
    switch (k & 3) {
    case 0: return s5(sites_a(x)) + s6(x);
    case 1: return s7(sites_b(x)) ^ s8(x);
    case 2: return sites_c(s4(x));
    default: return s11(x) + s12(s13(s14(s15(x))));
    }
}

/* --- function pointers --- */
typedef unsigned long (*unary)(unsigned long);
static unary const table[16] = {s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15};

NOINLINE static unsigned long apply_chain(unsigned long x, unsigned long pattern, int n) {
    for (int i = 0; i < n; i++) {
        x = table[pattern & 15](x);
        pattern = (pattern >> 4) | (pattern << 60);
    }
    return x;
}

/* a recursive walk whose every step goes through a pointer */
NOINLINE static unsigned long walk(unsigned long x, int depth, unary f, unary g) {
    if (depth == 0) return f(x);
    unsigned long a = walk(g(x), depth - 1, g, f);
    unsigned long b = walk(f(x ^ a), depth - 1, table[a & 15], g);
    return a + b;
}

int main(void) {
    unsigned long h = 0;

    for (unsigned n = 0; n <= 24; n += 6) printf("fib(%u) = %lu\n", n, fib(n));
    unsigned long f = fib(31);
    h = mix(h, f);
    printf("fib(31) = %lu\n", f);
    printf("trib(22) = %lu\n", trib(22));
    h = mix(h, trib(22));

    for (unsigned long m = 0; m <= 3; m++) {
        printf("ack(%lu, 0..4) =", m);
        for (unsigned long n = 0; n <= 4; n++) printf(" %lu", ack(m, n));
        printf("\n");
    }
    unsigned long a = ack(3, 9);
    printf("ack(2,200) = %lu, ack(3,9) = %lu\n", ack(2, 200), a);
    h = mix(h, a);

    unsigned long hf = 0;
    for (long n = 0; n < 40; n++) hf = mix(hf, (unsigned long)hof_f(n) * 1000 + (unsigned long)hof_m(n));
    printf("hofstadter F(0..9) =");
    for (long n = 0; n < 10; n++) printf(" %ld", hof_f(n));
    printf("\nhofstadter M(0..9) =");
    for (long n = 0; n < 10; n++) printf(" %ld", hof_m(n));
    printf("\nhofstadter F(60) = %ld, M(60) = %ld, hash = %016lx\n", hof_f(60), hof_m(60), hf);
    h = mix(h, hf);

    unsigned long hd = 0;
    for (unsigned i = 0; i < 40; i++) hd = mix(hd, deep(20000 + i * 37, i));
    printf("deep hash = %016lx\n", hd);
    h = mix(h, hd);

    unsigned long ht = 0;
    for (int t = 0; t < 6; t++) {
        used = 0;
        struct node *root = build(16);
        unsigned long v = eval(root);
        ht = mix(ht, v);
        printf("tree %d: %d nodes, height %d, %lu leaves, value %016lx\n",
               t, used, height(root), count_leaves(root), v);
        for (int r = 0; r < 10; r++) ht = mix(ht, eval(root) + (unsigned long)r);
    }
    h = mix(h, ht);

    unsigned long hp = 0;
    for (int t = 0; t < 4; t++) {
        text_len = 0;
        gen_expr(12);
        text[text_len] = 0;
        for (int r = 0; r < 2; r++) {
            cursor = text;
            unsigned long v = parse_expr();
            hp = mix(hp, v + (unsigned long)(cursor - text));
        }
        printf("parse %d: %d chars, hash %016lx\n", t, text_len, hp);
    }
    h = mix(h, hp);

    unsigned long hs = 1;
    for (int i = 0; i < 100000; i++) hs = mix(hs, sites_d(hs + (unsigned long)i, i));
    printf("call sites hash = %016lx\n", hs);
    h = mix(h, hs);

    unsigned long hc = 7;
    for (int i = 0; i < 20000; i++) hc = apply_chain(hc, mix(hc, (unsigned long)i), 16 + i % 17);
    printf("pointer chain hash = %016lx\n", hc);
    h = mix(h, hc);

    unsigned long hw = 0;
    for (int i = 0; i < 8; i++) hw = mix(hw, walk((unsigned long)i, 14, table[i], table[15 - i]));
    printf("pointer walk hash = %016lx\n", hw);
    h = mix(h, hw);

    printf("checksum = %016lx\n", h);
    return 0;
}
