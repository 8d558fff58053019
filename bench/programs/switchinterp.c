/* switchinterp.c -- an interpreter for a small register machine, dispatched
 * by a `switch` over 42 opcodes (a jump table: one indirect jump per
 * instruction). Unlike bytecode.c's stack machine with operands in the
 * following cells, each instruction here is one 32-bit word whose fields
 * (opcode, three register numbers, a signed 12-bit immediate) are decoded
 * with shifts and masks; there are 16 64-bit registers, a word-addressed
 * memory, compare-and-branch instructions, and calls and returns. The guest
 * program, assembled at start-up, runs ITERS rounds of six subroutines:
 * a prime sieve in machine memory, a multiply-xor-rotate hash loop,
 * recursive Fibonacci (a stack in machine memory), an LCG fill and an
 * insertion sort, a sum of gcds (remainder loops), and a mix of the
 * remaining opcodes (signed shifts and compares, min/max, select, popcount,
 * division).
 *
 * usage: switchinterp [ITERS]      (default 7500 rounds)
 *
 * bench-args: 7500
 * bench-quick-args: 750
 * bench-interp-args: 38
 */
#include <stdio.h>
#include <stdlib.h>

typedef unsigned long u64;
typedef unsigned int u32;

enum {
    HALT, LI, LIH, MOV, ADD, SUB, MUL, DIVU, REMU, AND, OR, XOR, SHL, SHR, SAR, ROTL, SLT, SLTU, MIN, MAXU,
    ADDI, ANDI, ORI, XORI, SHLI, SHRI, LD, ST, BEQ, BNE, BLT, BGE, BLTU, BGEU, DJNZ, JMP, CALL, RET, SEL, POPC,
    NEG, NOP, OPCOUNT
};

#define MEM_WORDS 65536            /* machine memory, in 64-bit words; addresses wrap */
#define CODE_MAX 4096
#define CALL_DEPTH 256

/* ---- the machine ---- */

typedef struct {
    u64 r[16];
    u64 mem[MEM_WORDS];
    u64 steps;
} Machine;

/* Runs code from pc 0 until HALT; returns 0, or -1 on a call stack overflow or underflow. */
static int run(const u32 *code, Machine *m) {
    u64 *r = m->r;
    u64 *mem = m->mem;
    long stack[CALL_DEPTH];
    int sp = 0;
    long pc = 0;
    u64 steps = 0;
    for (;;) {
        u32 w = code[pc++];
        unsigned rd = (w >> 8) & 15;
        unsigned rs1 = (w >> 12) & 15;
        unsigned rs2 = (w >> 16) & 15;
        long imm = (long)((w >> 20) ^ 0x800) - 0x800;
        steps++;
        switch (w & 0xff) {
        case HALT: m->steps += steps; return 0;
        case LI: r[rd] = (u64)imm; break;
        case LIH: r[rd] = (r[rd] << 12) | ((u64)imm & 0xfff); break;
        case MOV: r[rd] = r[rs1]; break;
        case ADD: r[rd] = r[rs1] + r[rs2]; break;
        case SUB: r[rd] = r[rs1] - r[rs2]; break;
        case MUL: r[rd] = r[rs1] * r[rs2]; break;
        case DIVU: r[rd] = r[rs2] == 0 ? ~0UL : r[rs1] / r[rs2]; break;
        case REMU: r[rd] = r[rs2] == 0 ? r[rs1] : r[rs1] % r[rs2]; break;
        case AND: r[rd] = r[rs1] & r[rs2]; break;
        case OR: r[rd] = r[rs1] | r[rs2]; break;
        case XOR: r[rd] = r[rs1] ^ r[rs2]; break;
        case SHL: r[rd] = r[rs1] << (r[rs2] & 63); break;
        case SHR: r[rd] = r[rs1] >> (r[rs2] & 63); break;
        case SAR: {
            u64 x = r[rs1];
            unsigned s = (unsigned)(r[rs2] & 63);
            u64 fill = (x >> 63) ? ~(~0UL >> s) : 0;   /* the sign copied into the vacated bits */
            r[rd] = (x >> s) | fill;
            break;
        }
        case ROTL: {
            unsigned s = (unsigned)(r[rs2] & 63);
            r[rd] = s == 0 ? r[rs1] : (r[rs1] << s) | (r[rs1] >> (64 - s));
            break;
        }
        case SLT: r[rd] = (r[rs1] ^ (1UL << 63)) < (r[rs2] ^ (1UL << 63)); break;
        case SLTU: r[rd] = r[rs1] < r[rs2]; break;
        case MIN: r[rd] = (r[rs1] ^ (1UL << 63)) < (r[rs2] ^ (1UL << 63)) ? r[rs1] : r[rs2]; break;
        case MAXU: r[rd] = r[rs1] > r[rs2] ? r[rs1] : r[rs2]; break;
        case ADDI: r[rd] = r[rs1] + (u64)imm; break;
        case ANDI: r[rd] = r[rs1] & (u64)imm; break;
        case ORI: r[rd] = r[rs1] | (u64)imm; break;
        case XORI: r[rd] = r[rs1] ^ (u64)imm; break;
        case SHLI: r[rd] = r[rs1] << (imm & 63); break;
        case SHRI: r[rd] = r[rs1] >> (imm & 63); break;
        case LD: r[rd] = mem[(r[rs1] + (u64)imm) % MEM_WORDS]; break;
        case ST: mem[(r[rs1] + (u64)imm) % MEM_WORDS] = r[rs2]; break;
        case BEQ: if (r[rs1] == r[rs2]) pc += imm; break;
        case BNE: if (r[rs1] != r[rs2]) pc += imm; break;
        case BLT: if ((r[rs1] ^ (1UL << 63)) < (r[rs2] ^ (1UL << 63))) pc += imm; break;
        case BGE: if ((r[rs1] ^ (1UL << 63)) >= (r[rs2] ^ (1UL << 63))) pc += imm; break;
        case BLTU: if (r[rs1] < r[rs2]) pc += imm; break;
        case BGEU: if (r[rs1] >= r[rs2]) pc += imm; break;
        case DJNZ: if (--r[rd] != 0) pc += imm; break;
        case JMP: pc += imm; break;
        case CALL:
            if (sp == CALL_DEPTH) {
                return -1;
            }
            stack[sp++] = pc;
            pc += imm;
            break;
        case RET:
            if (sp == 0) {
                return -1;
            }
            pc = stack[--sp];
            break;
        case SEL: if (r[rs1] != 0) r[rd] = r[rs2]; break;
        case POPC: {
            u64 x = r[rs1];
            u64 n = 0;
            while (x != 0) {
                x &= x - 1;
                n++;
            }
            r[rd] = n;
            break;
        }
        case NEG: r[rd] = 0 - r[rs1]; break;
        case NOP: break;
        default: return -1;
        }
    }
}

/* ---- a small assembler: branch targets are labels, patched at the end ---- */

static u32 code[CODE_MAX];
static long ncode;

#define LABELS 128
static long label_at[LABELS];
static int nlabels;
static long fix_at[CODE_MAX];
static int fix_label[CODE_MAX];
static int nfix;

static void fail(const char *what) {
    fprintf(stderr, "switchinterp: %s\n", what);
    exit(1);
}

static void emit(unsigned op, unsigned rd, unsigned rs1, unsigned rs2, long imm) {
    if (ncode >= CODE_MAX - 1) {
        fail("program too long");
    }
    if (imm < -2048 || imm > 2047) {
        fail("immediate out of range");
    }
    code[ncode++] = op | rd << 8 | rs1 << 12 | rs2 << 16 | ((u32)imm & 0xfff) << 20;
}

static int label(void) {
    if (nlabels == LABELS) {
        fail("too many labels");
    }
    label_at[nlabels] = -1;
    return nlabels++;
}

static void here(int l) {
    label_at[l] = ncode;
}

/* A branch, jump or call to label l (rd/rs1/rs2 as the opcode uses them). */
static void emit_to(unsigned op, unsigned rd, unsigned rs1, unsigned rs2, int l) {
    fix_at[nfix] = ncode;
    fix_label[nfix++] = l;
    emit(op, rd, rs1, rs2, 0);
}

static void resolve_labels(void) {
    for (int i = 0; i < nfix; i++) {
        long at = fix_at[i];
        long target = label_at[fix_label[i]];
        if (target < 0) {
            fail("undefined label");
        }
        long off = target - (at + 1);
        if (off < -2048 || off > 2047) {
            fail("branch out of range");
        }
        code[at] = (code[at] & 0xfffff) | ((u32)off & 0xfff) << 20;
    }
}

/* Loads a 64-bit constant: LI with the top 4 bits, then five LIH of 12 bits. */
static void load_const(unsigned rd, u64 v) {
    long top = (long)(v >> 60);
    emit(LI, rd, 0, 0, top);
    for (int k = 4; k >= 0; k--) {
        long chunk = (long)((v >> (12 * k)) & 0xfff);
        emit(LIH, rd, 0, 0, chunk >= 2048 ? chunk - 4096 : chunk);
    }
}

/* Register conventions: r0 is kept 0; r1, r2 arguments and results; r3..r14 scratch; r15 the stack pointer. */
enum { R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, SP };

#define SIEVE_BASE 1024
#define ARRAY_BASE 24576

static void assemble(long iters) {
    int f_sieve = label(), f_hash = label(), f_fib = label(), f_sort = label(), f_gcd = label(), f_misc = label();

    /* main: mem[0] = rounds left, mem[1] = accumulator, mem[2] = round number */
    int m_loop = label(), m_end = label();
    load_const(SP, 60000);
    emit(ST, 0, R0, R0, 1);
    emit(ST, 0, R0, R0, 2);
    load_const(R1, (u64)iters);
    emit(ST, 0, R0, R1, 0);
    here(m_loop);
    emit(LD, R1, R0, 0, 0);
    emit_to(BEQ, 0, R1, R0, m_end);
    emit(ADDI, R1, R1, 0, -1);
    emit(ST, 0, R0, R1, 0);
    /* sieve(1500 + round % 1024) */
    emit(LD, R1, R0, 0, 2);
    emit(ANDI, R1, R1, 0, 1023);
    emit(ADDI, R1, R1, 0, 1500);
    emit_to(CALL, 0, 0, 0, f_sieve);
    emit(LD, R3, R0, 0, 1);
    emit(ADD, R3, R3, R2, 0);
    emit(ST, 0, R0, R3, 1);
    /* hash(600, acc) */
    emit(LI, R1, 0, 0, 600);
    emit(LD, R2, R0, 0, 1);
    emit_to(CALL, 0, 0, 0, f_hash);
    emit(ST, 0, R0, R2, 1);
    /* fib(12 + round % 4) */
    emit(LD, R1, R0, 0, 2);
    emit(ANDI, R1, R1, 0, 3);
    emit(ADDI, R1, R1, 0, 12);
    emit_to(CALL, 0, 0, 0, f_fib);
    emit(LD, R3, R0, 0, 1);
    emit(XOR, R3, R3, R2, 0);
    emit(ST, 0, R0, R3, 1);
    /* sort(48 + round % 32 elements, seed = acc) */
    emit(LD, R1, R0, 0, 2);
    emit(ANDI, R1, R1, 0, 31);
    emit(ADDI, R1, R1, 0, 48);
    emit(LD, R2, R0, 0, 1);
    emit_to(CALL, 0, 0, 0, f_sort);
    emit(LD, R3, R0, 0, 1);
    emit(ADD, R3, R3, R2, 0);
    emit(ST, 0, R0, R3, 1);
    /* gcd(120, round) */
    emit(LI, R1, 0, 0, 120);
    emit(LD, R2, R0, 0, 2);
    emit_to(CALL, 0, 0, 0, f_gcd);
    emit(LD, R3, R0, 0, 1);
    emit(SUB, R3, R3, R2, 0);
    emit(ST, 0, R0, R3, 1);
    /* misc(300, acc) */
    emit(LI, R1, 0, 0, 300);
    emit(LD, R2, R0, 0, 1);
    emit_to(CALL, 0, 0, 0, f_misc);
    emit(ST, 0, R0, R2, 1);
    /* round++ */
    emit(LD, R3, R0, 0, 2);
    emit(ADDI, R3, R3, 0, 1);
    emit(ST, 0, R0, R3, 2);
    emit_to(JMP, 0, 0, 0, m_loop);
    here(m_end);
    emit(LD, R2, R0, 0, 1);
    emit(HALT, 0, 0, 0, 0);

    /* sieve: r1 = limit -> r2 = number of primes below it */
    {
        int clear = label(), outer = label(), mark = label(), next = label(), count = label(), cloop = label(),
            cnext = label(), done = label();
        here(f_sieve);
        emit(LI, R9, 0, 0, SIEVE_BASE);
        emit(LI, R3, 0, 0, 0);
        here(clear);
        emit(ADD, R4, R9, R3, 0);
        emit(ST, 0, R4, R0, 0);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(BLTU, 0, R3, R1, clear);
        emit(LI, R3, 0, 0, 2);
        here(outer);
        emit(MUL, R5, R3, R3, 0);
        emit_to(BGEU, 0, R5, R1, count);
        emit(ADD, R4, R9, R3, 0);
        emit(LD, R6, R4, 0, 0);
        emit_to(BNE, 0, R6, R0, next);
        here(mark);
        emit(ADD, R4, R9, R5, 0);
        emit(ST, 0, R4, R3, 0);
        emit(ADD, R5, R5, R3, 0);
        emit_to(BLTU, 0, R5, R1, mark);
        here(next);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(JMP, 0, 0, 0, outer);
        here(count);
        emit(LI, R2, 0, 0, 0);
        emit(LI, R3, 0, 0, 2);
        here(cloop);
        emit_to(BGEU, 0, R3, R1, done);
        emit(ADD, R4, R9, R3, 0);
        emit(LD, R6, R4, 0, 0);
        emit_to(BNE, 0, R6, R0, cnext);
        emit(ADDI, R2, R2, 0, 1);
        here(cnext);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(JMP, 0, 0, 0, cloop);
        here(done);
        emit(RET, 0, 0, 0, 0);
    }

    /* hash: r1 = n, r2 = seed -> r2 */
    {
        int loop = label();
        here(f_hash);
        load_const(R7, 0x9E3779B97F4A7C15UL);
        emit(LI, R8, 0, 0, 27);
        emit(LI, R3, 0, 0, 0);
        here(loop);
        emit(XOR, R2, R2, R3, 0);
        emit(MUL, R2, R2, R7, 0);
        emit(SHRI, R4, R2, 0, 31);
        emit(XOR, R2, R2, R4, 0);
        emit(ROTL, R2, R2, R8, 0);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(BLTU, 0, R3, R1, loop);
        emit(RET, 0, 0, 0, 0);
    }

    /* fib: r1 = n -> r2 = fib(n), recursively, saving n and fib(n - 1) on the machine stack */
    {
        int base = label();
        here(f_fib);
        emit(LI, R4, 0, 0, 2);
        emit_to(BLTU, 0, R1, R4, base);
        emit(ADDI, SP, SP, 0, -2);
        emit(ST, 0, SP, R1, 0);
        emit(ADDI, R1, R1, 0, -1);
        emit_to(CALL, 0, 0, 0, f_fib);
        emit(ST, 0, SP, R2, 1);
        emit(LD, R1, SP, 0, 0);
        emit(ADDI, R1, R1, 0, -2);
        emit_to(CALL, 0, 0, 0, f_fib);
        emit(LD, R4, SP, 0, 1);
        emit(ADD, R2, R2, R4, 0);
        emit(ADDI, SP, SP, 0, 2);
        emit(RET, 0, 0, 0, 0);
        here(base);
        emit(MOV, R2, R1, 0, 0);
        emit(RET, 0, 0, 0, 0);
    }

    /* sort: r1 = k, r2 = seed: fill k words with an LCG, insertion-sort them -> r2 = sum of a[i] * (i + 1) */
    {
        int fill = label(), outer = label(), inner = label(), place = label(), sum = label(), sloop = label(),
            done = label();
        here(f_sort);
        load_const(R7, 6364136223846793005UL);
        load_const(R8, 1442695040888963407UL);
        load_const(R9, ARRAY_BASE);
        emit(LI, R3, 0, 0, 0);
        here(fill);
        emit(MUL, R2, R2, R7, 0);
        emit(ADD, R2, R2, R8, 0);
        emit(SHRI, R4, R2, 0, 40);
        emit(ADD, R5, R9, R3, 0);
        emit(ST, 0, R5, R4, 0);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(BLTU, 0, R3, R1, fill);
        emit(LI, R3, 0, 0, 1);
        here(outer);
        emit_to(BGEU, 0, R3, R1, sum);
        emit(ADD, R5, R9, R3, 0);
        emit(LD, R4, R5, 0, 0);
        emit(MOV, R6, R3, 0, 0);
        here(inner);
        emit_to(BEQ, 0, R6, R0, place);
        emit(ADD, R5, R9, R6, 0);
        emit(LD, R10, R5, 0, -1);
        emit_to(BGEU, 0, R4, R10, place);
        emit(ST, 0, R5, R10, 0);
        emit(ADDI, R6, R6, 0, -1);
        emit_to(JMP, 0, 0, 0, inner);
        here(place);
        emit(ADD, R5, R9, R6, 0);
        emit(ST, 0, R5, R4, 0);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(JMP, 0, 0, 0, outer);
        here(sum);
        emit(LI, R2, 0, 0, 0);
        emit(LI, R3, 0, 0, 0);
        here(sloop);
        emit_to(BGEU, 0, R3, R1, done);
        emit(ADD, R5, R9, R3, 0);
        emit(LD, R4, R5, 0, 0);
        emit(ADDI, R3, R3, 0, 1);
        emit(MUL, R4, R4, R3, 0);
        emit(ADD, R2, R2, R4, 0);
        emit_to(JMP, 0, 0, 0, sloop);
        here(done);
        emit(RET, 0, 0, 0, 0);
    }

    /* gcd: r1 = n, r2 = salt -> r2 = sum over i = 1 .. n of gcd(a_i, b_i), by remainders */
    {
        int outer = label(), inner = label(), done = label();
        here(f_gcd);
        load_const(R7, 0xD1B54A32D192ED03UL);
        load_const(R8, 0x8CB92BA72F3D8DD7UL);
        emit(MOV, R10, R2, 0, 0);
        emit(LI, R2, 0, 0, 0);
        emit(LI, R3, 0, 0, 1);
        here(outer);
        emit(ADD, R4, R3, R10, 0);
        emit(MUL, R4, R4, R7, 0);
        emit(SHRI, R4, R4, 0, 44);
        emit(ORI, R4, R4, 0, 12);           /* multiples of 4 now and then: gcds above 1 */
        emit(ADD, R5, R3, R10, 0);
        emit(MUL, R5, R5, R8, 0);
        emit(SHRI, R5, R5, 0, 46);
        emit(SHLI, R5, R5, 0, 2);
        emit(ADDI, R5, R5, 0, 4);
        here(inner);
        emit_to(BEQ, 0, R5, R0, done);
        emit(REMU, R6, R4, R5, 0);
        emit(MOV, R4, R5, 0, 0);
        emit(MOV, R5, R6, 0, 0);
        emit_to(JMP, 0, 0, 0, inner);
        here(done);
        emit(ADD, R2, R2, R4, 0);
        emit(ADDI, R3, R3, 0, 1);
        emit_to(BGE, 0, R1, R3, outer);
        emit(RET, 0, 0, 0, 0);
    }

    /* misc: r1 = n (> 0), r2 = x -> r2; the other opcodes: SAR, SLT, SLTU, MIN, MAXU, SEL, POPC, NEG, DIVU, ... */
    {
        int loop = label();
        here(f_misc);
        emit(LI, R8, 0, 0, 7);
        emit(LI, R9, 0, 0, -1000);
        emit(SHL, R9, R9, R8, 0);
        here(loop);
        emit(SAR, R4, R2, R8, 0);
        emit(SLT, R5, R4, R2, 0);
        emit(SLTU, R6, R4, R2, 0);
        emit(MIN, R10, R4, R9, 0);
        emit(MAXU, R11, R4, R2, 0);
        emit(POPC, R12, R2, 0, 0);
        emit(NEG, R13, R12, 0, 0);
        emit(SEL, R10, R5, R11, 0);
        emit(DIVU, R14, R11, R12, 0);
        emit(SHR, R3, R2, R8, 0);
        emit(AND, R3, R3, R6, 0);
        emit(OR, R3, R3, R13, 0);
        emit(XORI, R3, R3, 0, 0x5a5);
        emit(ADD, R2, R2, R10, 0);
        emit(XOR, R2, R2, R14, 0);
        emit(SUB, R2, R2, R3, 0);
        emit(NOP, 0, 0, 0, 0);
        emit(ADDI, R2, R2, 0, -77);
        emit_to(DJNZ, R1, 0, 0, loop);
        emit(RET, 0, 0, 0, 0);
    }
    resolve_labels();
    code[ncode] = HALT;           /* a guard past the end */
}

int main(int argc, char **argv) {
    long iters = argc > 1 ? strtol(argv[1], NULL, 10) : 7500;
    if (iters < 1 || iters > 1L << 40) {
        fprintf(stderr, "usage: switchinterp [ITERS]\n");
        return 2;
    }
    assemble(iters);
    Machine *m = calloc(1, sizeof(Machine));
    if (m == NULL) {
        return 1;
    }
    if (run(code, m) != 0) {
        fprintf(stderr, "switchinterp: machine fault\n");
        return 1;
    }
    u64 memsum = 0;
    for (long i = 0; i < MEM_WORDS; i++) {
        memsum = (memsum ^ m->mem[i]) * 0x100000001B3UL;
    }
    printf("switchinterp %ld rounds (%ld instructions of code): result %016lx, memory %016lx, %lu steps\n", iters,
           ncode, m->r[R2], memsum, m->steps);
    free(m);
    return 0;
}
