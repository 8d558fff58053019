/* callheavy.c -- calls and returns from many call sites: small functions
 * kept out of line (noinline, noclone), recursion over binary trees (insert,
 * count, sum, height, hash, mirror: depth ~25, two or three recursive calls
 * per node), a recursive-descent evaluator of generated arithmetic
 * expressions (expr -> term -> factor -> expr: mutual recursion), whose
 * function calls go through a table of 16 function pointers, the Takeuchi
 * function, and Hofstadter's mutually recursive Female/Male sequences. Most
 * calls are not in tail position, so each returns to its own site: a test
 * of call/return handling (return-address prediction, indirect calls, the
 * stack), not of arithmetic. REPS rounds, each with fresh data.
 *
 * usage: callheavy [REPS]      (default 600 rounds)
 *
 * bench-args: 600
 * bench-quick-args: 60
 * bench-interp-args: 3
 */
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline, noclone))

static unsigned long rng_state = 0xD1B54A32D192ED03UL;

NOINLINE static unsigned long next_random(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DUL;
}

/* ---- binary search trees ---- */

typedef struct Node {
    unsigned long key;
    struct Node *left;
    struct Node *right;
} Node;

#define TREE_NODES 3000

static Node pool[TREE_NODES];
static long pool_used;

NOINLINE static Node *new_node(unsigned long key) {
    Node *n = &pool[pool_used++];
    n->key = key;
    n->left = NULL;
    n->right = NULL;
    return n;
}

NOINLINE static Node *insert(Node *t, unsigned long key) {
    if (t == NULL) {
        return new_node(key);
    }
    if (key < t->key) {
        t->left = insert(t->left, key);
    } else {
        t->right = insert(t->right, key);
    }
    return t;
}

NOINLINE static long count(const Node *t) {
    if (t == NULL) {
        return 0;
    }
    return count(t->left) + 1 + count(t->right);
}

NOINLINE static unsigned long sum_keys(const Node *t) {
    if (t == NULL) {
        return 0;
    }
    unsigned long l = sum_keys(t->left);
    unsigned long r = sum_keys(t->right);
    return l + r + (t->key >> 32);
}

NOINLINE static int max_int(int a, int b) {
    return a > b ? a : b;
}

NOINLINE static int height(const Node *t) {
    if (t == NULL) {
        return 0;
    }
    return 1 + max_int(height(t->left), height(t->right));
}

/* In-order hash: depends on the shape as well as the keys. */
NOINLINE static unsigned long hash_tree(const Node *t, unsigned long h, int depth) {
    if (t == NULL) {
        return h * 31 + (unsigned long)depth;
    }
    h = hash_tree(t->left, h, depth + 1);
    h = (h ^ (t->key >> 40)) * 0x100000001B3UL;
    h = hash_tree(t->right, h, depth + 1);
    return h + 1;
}

NOINLINE static void mirror(Node *t) {
    if (t == NULL) {
        return;
    }
    mirror(t->left);
    mirror(t->right);
    Node *tmp = t->left;
    t->left = t->right;
    t->right = tmp;
}

/* Counts the keys in [lo, hi), pruning subtrees that cannot hold any. */
NOINLINE static long count_range(const Node *t, unsigned long lo, unsigned long hi) {
    if (t == NULL) {
        return 0;
    }
    long n = 0;
    if (lo < t->key) {
        n += count_range(t->left, lo, hi);
    }
    if (t->key >= lo && t->key < hi) {
        n++;
    }
    if (t->key < hi) {
        n += count_range(t->right, lo, hi);
    }
    return n;
}

/* ---- small operations, called through a table ---- */

typedef unsigned long (*Op)(unsigned long, unsigned long);

NOINLINE static unsigned long op_add(unsigned long a, unsigned long b) { return a + b; }
NOINLINE static unsigned long op_sub(unsigned long a, unsigned long b) { return a - b; }
NOINLINE static unsigned long op_mul(unsigned long a, unsigned long b) { return a * b; }
NOINLINE static unsigned long op_xor(unsigned long a, unsigned long b) { return a ^ b; }
NOINLINE static unsigned long op_and(unsigned long a, unsigned long b) { return a & b; }
NOINLINE static unsigned long op_or(unsigned long a, unsigned long b) { return a | b; }
NOINLINE static unsigned long op_rotl(unsigned long a, unsigned long b) {
    unsigned s = (unsigned)(b & 63);
    return s == 0 ? a : (a << s) | (a >> (64 - s));
}
NOINLINE static unsigned long op_min(unsigned long a, unsigned long b) { return a < b ? a : b; }
NOINLINE static unsigned long op_max(unsigned long a, unsigned long b) { return a > b ? a : b; }
NOINLINE static unsigned long op_avg(unsigned long a, unsigned long b) { return (a & b) + ((a ^ b) >> 1); }
NOINLINE static unsigned long op_div(unsigned long a, unsigned long b) { return b == 0 ? a : a / b; }
NOINLINE static unsigned long op_mod(unsigned long a, unsigned long b) { return b == 0 ? a : a % b; }
NOINLINE static unsigned long op_mix(unsigned long a, unsigned long b) { return (a ^ (b >> 7)) * 0x9E3779B97F4A7C15UL; }
NOINLINE static unsigned long op_first(unsigned long a, unsigned long b) { (void)b; return a; }
NOINLINE static unsigned long op_second(unsigned long a, unsigned long b) { (void)a; return b; }
NOINLINE static unsigned long op_popc(unsigned long a, unsigned long b) {
    unsigned long x = a ^ b;
    unsigned long n = 0;
    while (x != 0) {
        x &= x - 1;
        n++;
    }
    return n;
}

static Op const ops[16] = {op_add, op_sub, op_mul, op_xor, op_and, op_or, op_rotl, op_min,
                           op_max, op_avg, op_div, op_mod, op_mix, op_first, op_second, op_popc};

/* ---- expressions: generated as text, evaluated by recursive descent ---- */

typedef struct {
    char *buf;
    long len;
    long cap;
    int full;                     /* set when a character did not fit */
} Text;

NOINLINE static void emit(Text *t, char c) {
    if (t->len < t->cap - 1) {
        t->buf[t->len++] = c;
    } else {
        t->full = 1;
    }
}

NOINLINE static void emit_number(Text *t, unsigned long v) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        emit(t, digits[--n]);
    }
}

/* expression grammar:
 *   expr   = term { ('+' | '-') term }
 *   term   = factor { ('*' | '&' | '^') factor }
 *   factor = number | '(' expr ')' | '~' factor | letter '(' expr ',' expr ')'   -- letter a..p: ops[] */
NOINLINE static void gen_expr(Text *t, int depth);

NOINLINE static void gen_factor(Text *t, int depth) {
    unsigned long r = next_random();
    unsigned k = (unsigned)(r >> 60);
    if (depth <= 0 || k < 5) {
        emit_number(t, (r >> 8) % (k < 2 ? 1000000007UL : 100));
    } else if (k < 9) {
        emit(t, '(');
        gen_expr(t, depth - 1);
        emit(t, ')');
    } else if (k < 10) {
        emit(t, '~');
        gen_factor(t, depth - 1);
    } else {
        emit(t, (char)('a' + (r >> 20) % 16));
        emit(t, '(');
        gen_expr(t, depth - 1);
        emit(t, ',');
        gen_expr(t, depth - 1);
        emit(t, ')');
    }
}

NOINLINE static void gen_term(Text *t, int depth) {
    gen_factor(t, depth);
    while (next_random() % 3 == 0) {
        emit(t, "*&^"[next_random() % 3]);
        gen_factor(t, depth - 1);
    }
}

NOINLINE static void gen_expr(Text *t, int depth) {
    gen_term(t, depth);
    while (next_random() % 3 == 0) {
        emit(t, "+-"[next_random() % 2]);
        gen_term(t, depth - 1);
    }
}

typedef struct {
    const char *p;
    long calls;
} Parser;

NOINLINE static int peek(const Parser *ps) {
    return (unsigned char)*ps->p;
}

NOINLINE static void advance(Parser *ps) {
    if (*ps->p != '\0') {
        ps->p++;
    }
}

NOINLINE static int is_digit(int c) {
    return c >= '0' && c <= '9';
}

NOINLINE static unsigned long parse_expr(Parser *ps);

NOINLINE static unsigned long parse_number(Parser *ps) {
    unsigned long v = 0;
    while (is_digit(peek(ps))) {
        v = v * 10 + (unsigned long)(peek(ps) - '0');
        advance(ps);
    }
    return v;
}

NOINLINE static unsigned long parse_factor(Parser *ps) {
    int c = peek(ps);
    if (c == '(') {
        advance(ps);
        unsigned long v = parse_expr(ps);
        advance(ps);              /* ')' */
        return v;
    }
    if (c == '~') {
        advance(ps);
        unsigned long v = parse_factor(ps);
        return ~v;
    }
    if (c >= 'a' && c <= 'p') {
        advance(ps);
        advance(ps);              /* '(' */
        unsigned long a = parse_expr(ps);
        advance(ps);              /* ',' */
        unsigned long b = parse_expr(ps);
        advance(ps);              /* ')' */
        ps->calls++;
        unsigned long v = ops[c - 'a'](a, b);
        return v + (unsigned long)(c - 'a');   /* not a tail call: the indirect call returns here */
    }
    return parse_number(ps);
}

NOINLINE static unsigned long parse_term(Parser *ps) {
    unsigned long v = parse_factor(ps);
    for (;;) {
        int c = peek(ps);
        if (c == '*') {
            advance(ps);
            v *= parse_factor(ps);
        } else if (c == '&') {
            advance(ps);
            v &= parse_factor(ps);
        } else if (c == '^') {
            advance(ps);
            v ^= parse_factor(ps);
        } else {
            return v;
        }
    }
}

NOINLINE static unsigned long parse_expr(Parser *ps) {
    unsigned long v = parse_term(ps);
    for (;;) {
        int c = peek(ps);
        if (c == '+') {
            advance(ps);
            v += parse_term(ps);
        } else if (c == '-') {
            advance(ps);
            v -= parse_term(ps);
        } else {
            return v;
        }
    }
}

/* ---- classic recursive functions ---- */

NOINLINE static int tak(int x, int y, int z) {
    if (y < x) {
        int a = tak(x - 1, y, z);
        int b = tak(y - 1, z, x);
        int c = tak(z - 1, x, y);
        return tak(a, b, c);
    }
    return z;
}

/* Hofstadter: F(0) = 1, M(0) = 0, F(n) = n - M(F(n - 1)), M(n) = n - F(M(n - 1)). */
NOINLINE static long hof_m(long n);

NOINLINE static long hof_f(long n) {
    if (n == 0) {
        return 1;
    }
    long f = hof_f(n - 1);
    return n - hof_m(f);
}

NOINLINE static long hof_m(long n) {
    if (n == 0) {
        return 0;
    }
    long m = hof_m(n - 1);
    return n - hof_f(m);
}

/* ---- driver ---- */

NOINLINE static unsigned long tree_round(unsigned long check) {
    pool_used = 0;
    Node *root = NULL;
    for (int i = 0; i < TREE_NODES; i++) {
        root = insert(root, next_random());
    }
    check = check * 31 + (unsigned long)count(root);
    check = check * 31 + sum_keys(root);
    check = check * 31 + (unsigned long)height(root);
    check = check * 31 + hash_tree(root, 0, 0);
    mirror(root);
    check = check * 31 + hash_tree(root, 0, 0);
    mirror(root);
    for (int q = 0; q < 64; q++) {
        unsigned long lo = next_random();
        unsigned long hi = lo + (next_random() >> 3);
        check = check * 31 + (unsigned long)count_range(root, lo, hi < lo ? ~0UL : hi);
    }
    return check;
}

NOINLINE static unsigned long expr_round(unsigned long check, char *buf, long cap, long *calls) {
    Text t = {buf, 0, cap, 0};
    for (;;) {
        long start = t.len;
        gen_expr(&t, 7);
        emit(&t, ';');
        if (t.full) {
            t.len = start;        /* drop the expression that did not fit */
            break;
        }
    }
    t.buf[t.len] = '\0';
    Parser ps = {buf, 0};
    while (peek(&ps) != '\0') {
        unsigned long v = parse_expr(&ps);
        advance(&ps);             /* ';' */
        check = (check ^ v) * 0x100000001B3UL;
    }
    *calls += ps.calls;
    return check + (unsigned long)t.len;
}

NOINLINE static unsigned long table_round(unsigned long check) {
    unsigned long acc = check | 1;
    for (int i = 0; i < 4000; i++) {
        unsigned long r = next_random();
        acc = ops[r & 15](acc, r >> 4);
        acc = ops[(r >> 8) & 15](acc, r) + (acc >> 5) + 1;
    }
    return check ^ acc;
}

int main(int argc, char **argv) {
    long reps = argc > 1 ? strtol(argv[1], NULL, 10) : 600;
    if (reps < 1) {
        fprintf(stderr, "usage: callheavy [REPS]\n");
        return 2;
    }
    static char exprbuf[40000];
    unsigned long c_tree = 0, c_expr = 0, c_table = 0;
    long op_calls = 0;
    long tk = 0, hf = 0;
    for (long r = 0; r < reps; r++) {
        c_tree = tree_round(c_tree);
        c_expr = expr_round(c_expr, exprbuf, (long)sizeof exprbuf, &op_calls);
        c_table = table_round(c_table);
        tk += tak(18 + (int)(r % 2), 12, 6 + (int)(r % 3));
        hf += hof_f(36 + r % 7) + hof_m(36 + r % 5);
    }
    printf("callheavy %ld rounds: trees %016lx, expressions %016lx (%ld calls through the table), table %016lx\n",
           reps, c_tree, c_expr, op_calls, c_table);
    printf("tak sum %ld, hofstadter sum %ld, F(30) = %ld, M(30) = %ld\n", tk, hf, hof_f(30), hof_m(30));
    return 0;
}
