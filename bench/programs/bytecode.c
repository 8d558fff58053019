/* bytecode.c -- a small stack-machine interpreter: a dense `switch` over 20
 * opcodes that gcc compiles to a jump table (an indirect jump per bytecode,
 * `jr` through a .rodata table on RISC-V). The bytecode program computes,
 * for k = 0 .. N-1, a hash of k and its Collatz-style step, accumulates it,
 * and returns the accumulator.
 *
 * usage: bytecode [N]      (default 10,000,000 outer iterations)
 *
 * bench-args: 10000000
 * bench-quick-args: 1000000
 * bench-interp-args: 20000
 */
#include <stdio.h>
#include <stdlib.h>

enum {
    HALT, PUSH, LOAD, STORE, ADD, SUB, MUL, AND, OR, XOR,
    SHL, SHR, DUP, SWAP, DROP, JMP, JZ, JLT, INC, NOT
};

/* Runs code[] with locals[]; returns the top of the stack at HALT. */
static unsigned long run(const long *code, unsigned long *locals) {
    unsigned long stack[64];
    long sp = 0;
    long pc = 0;
    for (;;) {
        long op = code[pc++];
        switch (op) {
        case HALT: return sp > 0 ? stack[sp - 1] : 0;
        case PUSH: stack[sp++] = (unsigned long)code[pc++]; break;
        case LOAD: stack[sp++] = locals[code[pc++]]; break;
        case STORE: locals[code[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case OR: sp--; stack[sp - 1] |= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHL: sp--; stack[sp - 1] <<= (stack[sp] & 63); break;
        case SHR: sp--; stack[sp - 1] >>= (stack[sp] & 63); break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { unsigned long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case DROP: sp--; break;
        case JMP: pc = code[pc]; break;
        case JZ: { long target = code[pc++]; if (stack[--sp] == 0) pc = target; break; }
        case JLT: { long target = code[pc++]; sp -= 2; if (stack[sp] < stack[sp + 1]) pc = target; break; }
        case INC: locals[code[pc++]]++; break;
        case NOT: stack[sp - 1] = ~stack[sp - 1]; break;
        default: return 0xdeadUL;
        }
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000000;
    if (n < 0) {
        fprintf(stderr, "usage: bytecode [N]\n");
        return 2;
    }
    /* locals: 0 = k, 1 = n, 2 = acc, 3 = x */
    enum { K, N, ACC, X };
    /* The bytecode is assembled here, with labels patched after the fact. */
    long prog[256];
    long p = 0;
#define EMIT(x) (prog[p++] = (long)(x))
    EMIT(PUSH); EMIT(0); EMIT(STORE); EMIT(K);
    EMIT(PUSH); EMIT(0); EMIT(STORE); EMIT(ACC);
    long loop = p;
    EMIT(LOAD); EMIT(K); EMIT(LOAD); EMIT(N); EMIT(JLT); long body_fix = p; EMIT(0);
    EMIT(JMP); long exit_fix = p; EMIT(0);
    prog[body_fix] = p;
    /* x = (k * 2654435761) ^ ((k * 2654435761) >> 13) */
    EMIT(LOAD); EMIT(K); EMIT(PUSH); EMIT(2654435761L); EMIT(MUL); EMIT(DUP); EMIT(PUSH); EMIT(13); EMIT(SHR); EMIT(XOR);
    EMIT(STORE); EMIT(X);
    /* if (x & 1) x = 3 * x + 1; else x = x >> 1 */
    EMIT(LOAD); EMIT(X); EMIT(PUSH); EMIT(1); EMIT(AND); EMIT(JZ); long even_fix = p; EMIT(0);
    EMIT(LOAD); EMIT(X); EMIT(PUSH); EMIT(3); EMIT(MUL); EMIT(PUSH); EMIT(1); EMIT(ADD); EMIT(STORE); EMIT(X);
    EMIT(JMP); long join_fix = p; EMIT(0);
    prog[even_fix] = p;
    EMIT(LOAD); EMIT(X); EMIT(PUSH); EMIT(1); EMIT(SHR); EMIT(STORE); EMIT(X);
    prog[join_fix] = p;
    /* acc = ((acc << 5) | (acc >> 59)) ^ x ^ ~k, then acc - (x & 255) */
    EMIT(LOAD); EMIT(ACC); EMIT(PUSH); EMIT(5); EMIT(SHL);
    EMIT(LOAD); EMIT(ACC); EMIT(PUSH); EMIT(59); EMIT(SHR); EMIT(OR);
    EMIT(LOAD); EMIT(X); EMIT(XOR);
    EMIT(LOAD); EMIT(K); EMIT(NOT); EMIT(XOR);
    EMIT(LOAD); EMIT(X); EMIT(PUSH); EMIT(255); EMIT(AND); EMIT(SUB);
    EMIT(DUP); EMIT(DROP); EMIT(PUSH); EMIT(7); EMIT(SWAP); EMIT(SWAP); EMIT(DROP);
    EMIT(STORE); EMIT(ACC);
    EMIT(INC); EMIT(K);
    EMIT(JMP); EMIT(loop);
    prog[exit_fix] = p;
    EMIT(LOAD); EMIT(ACC); EMIT(HALT);
#undef EMIT
    unsigned long locals[4] = {0, (unsigned long)n, 0, 0};
    unsigned long result = run(prog, locals);
    printf("bytecode %ld iterations (%ld cells): acc = %lu, k = %lu\n", n, p, result, locals[K]);
    return 0;
}
