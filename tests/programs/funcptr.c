/* funcptr.c: indirect calls — an operator dispatch table, a callback-based
 * fold/map, function pointers stored in structs (a tiny vtable), a function
 * returning a function pointer, and a small stack-machine interpreter. */
#include <stdio.h>

typedef long (*binop)(long, long);
static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_max(long a, long b) { return a > b ? a : b; }
static long op_min(long a, long b) { return a < b ? a : b; }
static long op_xor(long a, long b) { return a ^ b; }

static const struct { const char *name; binop fn; } table[] = {
    {"add", op_add}, {"sub", op_sub}, {"mul", op_mul},
    {"max", op_max}, {"min", op_min}, {"xor", op_xor},
};
#define NOPS (sizeof table / sizeof table[0])

static long fold(const long *xs, int n, long init, binop f) {
    for (int i = 0; i < n; i++) init = f(init, xs[i]);
    return init;
}
static void map(long *xs, int n, long (*f)(long)) { for (int i = 0; i < n; i++) xs[i] = f(xs[i]); }
static long sq(long x) { return x * x; }
static long inc(long x) { return x + 1; }

struct shape;
struct shape_ops { long (*area)(const struct shape *); const char *(*name)(void); };
struct shape { const struct shape_ops *ops; long w, h; };
static long rect_area(const struct shape *s) { return s->w * s->h; }
static long tri_area(const struct shape *s) { return s->w * s->h / 2; }
static const char *rect_name(void) { return "rect"; }
static const char *tri_name(void) { return "triangle"; }
static const struct shape_ops rect_ops = {rect_area, rect_name};
static const struct shape_ops tri_ops = {tri_area, tri_name};

static binop pick(const char *name) {
    for (unsigned i = 0; i < NOPS; i++) {
        const char *a = table[i].name, *b = name;
        while (*a && *a == *b) a++, b++;
        if (*a == *b) return table[i].fn;
    }
    return 0;
}

/* stack machine: opcodes index a table of handlers */
enum { PUSH, ADD, MUL, DUP, SWAP, PRINT, HALT };
struct vm { long stack[16]; int sp; int pc; const long *code; int running; };
static void h_push(struct vm *m) { m->stack[m->sp++] = m->code[m->pc++]; }
static void h_add(struct vm *m) { m->sp--; m->stack[m->sp - 1] += m->stack[m->sp]; }
static void h_mul(struct vm *m) { m->sp--; m->stack[m->sp - 1] *= m->stack[m->sp]; }
static void h_dup(struct vm *m) { m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; }
static void h_swap(struct vm *m) { long t = m->stack[m->sp - 1]; m->stack[m->sp - 1] = m->stack[m->sp - 2]; m->stack[m->sp - 2] = t; }
static void h_print(struct vm *m) { printf("  vm print %ld\n", m->stack[m->sp - 1]); }
static void h_halt(struct vm *m) { m->running = 0; }
static void (*const handlers[])(struct vm *) = {h_push, h_add, h_mul, h_dup, h_swap, h_print, h_halt};

int main(void) {
    long xs[] = {3, -7, 12, 5, 0, 9, -2, 8};
    int n = sizeof xs / sizeof xs[0];
    for (unsigned i = 0; i < NOPS; i++)
        printf("fold %-3s = %ld\n", table[i].name, fold(xs, n, i == 2 ? 1 : (i == 4 ? 1000 : 0), table[i].fn));
    map(xs, n, sq);
    map(xs, n, inc);
    printf("map sq+1:");
    for (int i = 0; i < n; i++) printf(" %ld", xs[i]);
    printf("\n");
    struct shape shapes[] = {{&rect_ops, 6, 7}, {&tri_ops, 10, 5}, {&rect_ops, 123, 456}};
    for (int i = 0; i < 3; i++) printf("%s area %ld\n", shapes[i].ops->name(), shapes[i].ops->area(&shapes[i]));
    binop f = pick("mul");
    printf("pick(mul)(6,7) = %ld, pick(foo) = %s\n", f(6, 7), pick("foo") ? "found" : "null");
    static const long prog[] = {PUSH, 3, PUSH, 4, ADD, DUP, MUL, PRINT, PUSH, 10, SWAP, PRINT, ADD, PRINT, HALT};
    struct vm m = {.sp = 0, .pc = 0, .code = prog, .running = 1};
    while (m.running) handlers[m.code[m.pc++]](&m);
    printf("vm result %ld\n", m.stack[m.sp - 1]);
    return m.stack[m.sp - 1] == 59 ? 0 : 1;
}
