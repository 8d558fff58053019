/*
 * Interpreter loops, which dbt translates as regions through their indirect jumps (a dispatch loop and its
 * handlers in host registers, the jump looked up in a table of the region's own): every VM instruction passes one
 * indirect jump, so a wrong table entry, a handler entered with a register not yet in its home, or a register
 * written back wrongly where the jump leaves the region shows in the results.
 *   switch     a switch over 24 opcodes (gcc makes a jump table: `lw`, `add`, `jr`), running three programs one after
 *              the other, each using opcodes the ones before did not (targets the region has not seen: it leaves
 *              through its jump to them, and is translated again with them)
 *   threaded   the same machine as threaded code (computed goto: each handler ends in a jump through a table of
 *              labels, so every handler has an indirect jump of its own and every back edge is one)
 *   computed   threaded code whose next handler depends on the data (four handlers, each jumping to any of them)
 *   signal     loops that only a SIGALRM handler ends: the threaded machine spinning, and computed gotos whose
 *              only back edges are indirect jumps (the signal must still be taken there)
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum {
    HALT, LI, MOV, ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, ADDI, LD, ST, BNZ, BLT, JMP, DJNZ, MIN, ROT, POPC, DIV, SEL,
    FLAG, NOPS
};

/* An instruction: opcode, three register numbers (of 16), a signed immediate. */
typedef struct { uint8_t op, a, b, c; int32_t imm; } insn;

typedef struct {
    uint64_t r[16];
    uint64_t mem[64];
    uint64_t steps;
} machine;

static volatile sig_atomic_t stop;

static uint64_t rot(uint64_t x, unsigned n) {
    n &= 63;
    return n == 0 ? x : x << n | x >> (64 - n);
}

__attribute__((noinline)) static void run_switch(machine *m, const insn *code) {
    uint64_t *r = m->r;
    uint64_t steps = 0;
    for (long pc = 0;;) {
        insn i = code[pc++];
        steps++;
        switch (i.op) {
        case HALT: m->steps += steps; return;
        case LI: r[i.a] = (uint64_t)(int64_t)i.imm; break;
        case MOV: r[i.a] = r[i.b]; break;
        case ADD: r[i.a] = r[i.b] + r[i.c]; break;
        case SUB: r[i.a] = r[i.b] - r[i.c]; break;
        case MUL: r[i.a] = r[i.b] * r[i.c]; break;
        case AND: r[i.a] = r[i.b] & r[i.c]; break;
        case OR: r[i.a] = r[i.b] | r[i.c]; break;
        case XOR: r[i.a] = r[i.b] ^ r[i.c]; break;
        case SHL: r[i.a] = r[i.b] << (r[i.c] & 63); break;
        case SHR: r[i.a] = r[i.b] >> (r[i.c] & 63); break;
        case ADDI: r[i.a] = r[i.b] + (uint64_t)(int64_t)i.imm; break;
        case LD: r[i.a] = m->mem[(r[i.b] + (uint64_t)i.imm) & 63]; break;
        case ST: m->mem[(r[i.b] + (uint64_t)i.imm) & 63] = r[i.a]; break;
        case BNZ: if (r[i.a] != 0) { pc += i.imm; } break;
        case BLT: if ((int64_t)r[i.a] < (int64_t)r[i.b]) { pc += i.imm; } break;
        case JMP: pc += i.imm; break;
        case DJNZ: if (--r[i.a] != 0) { pc += i.imm; } break;
        case MIN: r[i.a] = (int64_t)r[i.b] < (int64_t)r[i.c] ? r[i.b] : r[i.c]; break;
        case ROT: r[i.a] = rot(r[i.b], (unsigned)r[i.c]); break;
        case POPC: r[i.a] = (uint64_t)__builtin_popcountll(r[i.b]); break;
        case DIV: r[i.a] = r[i.c] == 0 ? ~0ull : r[i.b] / r[i.c]; break;
        case SEL: r[i.a] = r[i.a] != 0 ? r[i.b] : r[i.c]; break;
        case FLAG: r[i.a] = (uint64_t)stop; break;
        default: m->steps += steps; return;
        }
    }
}

/* The same machine, threaded. */
__attribute__((noinline)) static void run_threaded(machine *m, const insn *code) {
    static void *const handlers[NOPS] = {
        &&op_halt, &&op_li, &&op_mov, &&op_add, &&op_sub, &&op_mul, &&op_and, &&op_or, &&op_xor, &&op_shl, &&op_shr,
        &&op_addi, &&op_ld, &&op_st, &&op_bnz, &&op_blt, &&op_jmp, &&op_djnz, &&op_min, &&op_rot, &&op_popc,
        &&op_div, &&op_sel, &&op_flag,
    };
    uint64_t *r = m->r;
    uint64_t steps = 0;
    long pc = 0;
    insn i;
#define NEXT do { i = code[pc++]; steps++; goto *handlers[i.op]; } while (0)
    NEXT;
op_halt: m->steps += steps; return;
op_li: r[i.a] = (uint64_t)(int64_t)i.imm; NEXT;
op_mov: r[i.a] = r[i.b]; NEXT;
op_add: r[i.a] = r[i.b] + r[i.c]; NEXT;
op_sub: r[i.a] = r[i.b] - r[i.c]; NEXT;
op_mul: r[i.a] = r[i.b] * r[i.c]; NEXT;
op_and: r[i.a] = r[i.b] & r[i.c]; NEXT;
op_or: r[i.a] = r[i.b] | r[i.c]; NEXT;
op_xor: r[i.a] = r[i.b] ^ r[i.c]; NEXT;
op_shl: r[i.a] = r[i.b] << (r[i.c] & 63); NEXT;
op_shr: r[i.a] = r[i.b] >> (r[i.c] & 63); NEXT;
op_addi: r[i.a] = r[i.b] + (uint64_t)(int64_t)i.imm; NEXT;
op_ld: r[i.a] = m->mem[(r[i.b] + (uint64_t)i.imm) & 63]; NEXT;
op_st: m->mem[(r[i.b] + (uint64_t)i.imm) & 63] = r[i.a]; NEXT;
op_bnz: if (r[i.a] != 0) { pc += i.imm; } NEXT;
op_blt: if ((int64_t)r[i.a] < (int64_t)r[i.b]) { pc += i.imm; } NEXT;
op_jmp: pc += i.imm; NEXT;
op_djnz: if (--r[i.a] != 0) { pc += i.imm; } NEXT;
op_min: r[i.a] = (int64_t)r[i.b] < (int64_t)r[i.c] ? r[i.b] : r[i.c]; NEXT;
op_rot: r[i.a] = rot(r[i.b], (unsigned)r[i.c]); NEXT;
op_popc: r[i.a] = (uint64_t)__builtin_popcountll(r[i.b]); NEXT;
op_div: r[i.a] = r[i.c] == 0 ? ~0ull : r[i.b] / r[i.c]; NEXT;
op_sel: r[i.a] = r[i.a] != 0 ? r[i.b] : r[i.c]; NEXT;
op_flag: r[i.a] = (uint64_t)stop; NEXT;
#undef NEXT
}

#define I(o, a_, b_, c_, imm_) {(o), (a_), (b_), (c_), (imm_)}

/* A hash loop: r1 = n iterations of r2 = (r2 * 31) ^ r1, r3 += r2, using a few opcodes. */
static const insn hashing[] = {
    I(LI, 1, 0, 0, 20000), I(LI, 2, 0, 0, 7), I(LI, 3, 0, 0, 0), I(LI, 4, 0, 0, 31),
    I(MUL, 2, 2, 4, 0), I(XOR, 2, 2, 1, 0), I(ADD, 3, 3, 2, 0), I(DJNZ, 1, 0, 0, -4),
    I(HALT, 0, 0, 0, 0),
};

/* A sieve in machine memory, then a sum of what is left: loads, stores, compares, shifts. */
static const insn sieve[] = {
    I(LI, 1, 0, 0, 0), I(LI, 2, 0, 0, 64), I(LI, 3, 0, 0, 1),
    I(ST, 3, 1, 0, 0), I(ADDI, 1, 1, 0, 1), I(BLT, 1, 2, 0, -3),        /* mem[0..63] = 1 */
    I(LI, 4, 0, 0, 2),                                                     /* p = 2 */
    I(MUL, 5, 4, 4, 0), I(BLT, 5, 2, 0, 1), I(JMP, 0, 0, 0, 6),            /* while p*p < 64 */
    I(LI, 6, 0, 0, 0), I(ST, 6, 5, 0, 0), I(ADD, 5, 5, 4, 0), I(BLT, 5, 2, 0, -3),
    I(ADDI, 4, 4, 0, 1), I(JMP, 0, 0, 0, -9),
    I(LI, 1, 0, 0, 2), I(LI, 7, 0, 0, 0), I(LI, 8, 0, 0, 3),
    I(LD, 9, 1, 0, 0), I(SHL, 10, 9, 8, 0), I(SHR, 10, 10, 8, 0), I(OR, 10, 10, 1, 0), I(AND, 10, 10, 9, 0),
    I(ADD, 7, 7, 10, 0), I(ADDI, 1, 1, 0, 1), I(BLT, 1, 2, 0, -8),
    I(SUB, 3, 7, 8, 0), I(HALT, 0, 0, 0, 0),
};

/* The remaining opcodes: min, rotate, popcount, division, select, moves, in a counted loop. */
static const insn mixing[] = {
    I(LI, 1, 0, 0, 5000), I(LI, 2, 0, 0, 12345), I(LI, 3, 0, 0, 0), I(LI, 5, 0, 0, 3), I(LI, 11, 0, 0, 0),
    I(ROT, 2, 2, 5, 0), I(ADDI, 2, 2, 0, 977), I(POPC, 4, 2, 0, 0), I(ADD, 3, 3, 4, 0),
    I(DIV, 6, 2, 4, 0), I(MIN, 7, 6, 3, 0), I(XOR, 3, 3, 7, 0), I(MOV, 8, 4, 0, 0), I(AND, 8, 8, 5, 0),
    I(SEL, 8, 3, 2, 0), I(ADD, 11, 11, 8, 0), I(LI, 9, 0, 0, 0), I(DIV, 10, 3, 9, 0), I(ADD, 11, 11, 10, 0),
    I(DJNZ, 1, 0, 0, -15), I(MOV, 3, 11, 0, 0), I(HALT, 0, 0, 0, 0),
};

/* Counts r1 up until the flag (set by SIGALRM) is seen. */
static const insn spin[] = {
    I(LI, 1, 0, 0, 0), I(ADDI, 1, 1, 0, 1), I(FLAG, 2, 0, 0, 0), I(BNZ, 2, 0, 0, 1), I(JMP, 0, 0, 0, -4),
    I(HALT, 0, 0, 0, 0),
};

static void on_alarm(int sig) {
    (void)sig;
    stop = 1;
}

static void report(const char *name, const char *prog, machine *m) {
    printf("%-9s %-8s r3=%016llx steps=%llu mem=%016llx\n", name, prog, (unsigned long long)m->r[3],
           (unsigned long long)m->steps, (unsigned long long)(m->mem[0] ^ m->mem[37] * 3 ^ m->mem[63] * 5));
}

static void programs(const char *name, void (*run)(machine *, const insn *)) {
    static const struct { const char *name; const insn *code; int rounds; } progs[] = {
        {"hashing", hashing, 40}, {"sieve", sieve, 200}, {"mixing", mixing, 20},
    };
    for (unsigned p = 0; p < sizeof progs / sizeof progs[0]; p++) {
        machine m;
        memset(&m, 0, sizeof m);
        uint64_t acc = 0;
        for (int k = 0; k < progs[p].rounds; k++) {
            run(&m, progs[p].code);
            acc = acc * 1000003 ^ m.r[3];
        }
        m.r[3] = acc;
        report(name, progs[p].name, &m);
    }
}

/* Threaded code whose next handler depends on the values it computes. */
__attribute__((noinline)) static uint64_t run_computed(long n) {
    static void *const labels[4] = {&&a, &&b, &&c, &&d};
    uint64_t x = 1, y = 0;
    long k = 0;
    goto *labels[0];
a:  x = x * 3 + 1; y += x & 7; if (--n == 0) { return x ^ y; }
    k = (long)(x >> 3 & 3);
    goto *labels[k];
b:  x ^= x >> 5; y += 3; if (--n == 0) { return x ^ y; }
    k = (long)(x & 3);
    goto *labels[k];
c:  x += y; y ^= x; if (--n == 0) { return x ^ y; }
    k = (long)(y >> 2 & 3);
    goto *labels[k];
d:  x = x * 5 - y; if (--n == 0) { return x ^ y; }
    k = (long)(x >> 7 & 3);
    goto *labels[k];
}

/* Spins through four handlers, each jumping to the next by the value it computes, until SIGALRM's handler sets
 * stop: a loop whose every back edge is an indirect jump. */
__attribute__((noinline)) static uint64_t spin_computed(void) {
    static void *const labels[4] = {&&a, &&b, &&c, &&d};
    uint64_t x = 1, n = 0;
    goto *labels[0];
a:  if (stop) { return n; }
    x = x * 3 + 1; n++; goto *labels[x >> 5 & 3];
b:  if (stop) { return n; }
    x ^= x >> 7; n += 2; goto *labels[x & 3];
c:  if (stop) { return n; }
    x += n; n += 3; goto *labels[x >> 3 & 3];
d:  if (stop) { return n; }
    x = x * 5 + 1; n += 4; goto *labels[x >> 9 & 3];
}

int main(void) {
    programs("switch", run_switch);
    programs("threaded", run_threaded);
    printf("computed  %016llx\n", (unsigned long long)run_computed(3000000));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval t = {{0, 0}, {0, 200000}};
    setitimer(ITIMER_REAL, &t, NULL);
    machine m;
    memset(&m, 0, sizeof m);
    run_threaded(&m, spin);
    printf("signal    threaded stopped by SIGALRM after more than 1000 steps: %s\n", m.r[1] > 1000 ? "yes" : "no");
    stop = 0;
    setitimer(ITIMER_REAL, &t, NULL);
    printf("signal    computed stopped by SIGALRM after more than 1000 steps: %s\n",
           spin_computed() > 1000 ? "yes" : "no");
    return 0;
}
