/* Registers that dbt keeps in fixed host registers across all translated code (RISC-V sp, a0, a5, a4, a3: the stack
 * pointer, the result and the last arguments), where a block's write-back must move several of them at once and
 * loops that leave them alone lend their host registers to their own values. Written in assembly where the compiler
 * would not make the shape: an indirect call whose link register is its target register, a three-way rotation of
 * pinned registers before a jump, a value left in a pinned register across a loop that uses a dozen other
 * registers and a system call, a loop whose float register carries a pinned register's word; and in C, recursion and
 * calls with every argument register live. Each part prints a
 * checksum (the same computed natively in C). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

/* 1. jalr a5, 0(a5): the target is a5's old value, the link is a5's new one; the callee returns through a5. */
static NOINLINE long link_is_target(long x) {
#if defined(__riscv)
    long r = x;
    __asm__ volatile("lla a5, 2f\n\t"
                     "call 0f\n\t" /* (so that the jalr's block reads a5 at its start) */
                     "addi %0, %0, 100\n\t"
                     "j 3f\n"
                     "0:\n\t"
                     "jalr a5, 0(a5)\n\t"
                     "ret\n"
                     "2:\n\t"
                     "slli %0, %0, 1\n\t"
                     "jr a5\n"
                     "3:"
                     : "+&r"(r) : : "a5", "ra");
    return r;
#else
    return 2 * x + 100;
#endif
}

/* 2. a0 -> a5 -> a4 -> a0 in one block, then a jump: the write-back is a cycle of moves. */
static NOINLINE long rotate(long a, long b, long c) {
#if defined(__riscv)
    long r;
    __asm__ volatile("mv a0, %1\n\t"
                     "mv a5, %2\n\t"
                     "mv a4, %3\n\t"
                     "j 0f\n"
                     "0:\n\t"
                     "mv t0, a0\n\t"
                     "mv a0, a4\n\t"
                     "mv a4, a5\n\t"
                     "mv a5, t0\n\t"
                     "j 1f\n"
                     "1:\n\t"
                     "slli t1, a0, 20\n\t"
                     "slli t2, a5, 10\n\t"
                     "add %0, t1, t2\n\t"
                     "add %0, %0, a4"
                     : "=&r"(r) : "r"(a), "r"(b), "r"(c) : "a0", "a4", "a5", "t0", "t1", "t2");
    return r;
#else
    return (long)(((uint64_t)c << 20) + ((uint64_t)a << 10) + (uint64_t)b);
#endif
}

/* 3. a3 holds a value across a loop of many registers (which may take its host register) with a write in it. */
static NOINLINE long kept_across_loop(long seed, int n) {
#if defined(__riscv)
    long r;
    static const char dot[] = ".";
    __asm__ volatile("mv a3, %1\n\t"
                     "li s2, 0\n\t"
                     "li s3, 1\n\t"
                     "li s4, 2\n\t"
                     "li s5, 3\n\t"
                     "li s6, 4\n\t"
                     "li s7, 5\n\t"
                     "li s8, 6\n\t"
                     "li s9, 7\n\t"
                     "mv s10, %2\n"
                     "1:\n\t"
                     "add s2, s2, s3\n\t"
                     "xor s3, s3, s4\n\t"
                     "add s4, s4, s5\n\t"
                     "slli s5, s5, 1\n\t"
                     "xor s5, s5, s6\n\t"
                     "add s6, s6, s7\n\t"
                     "mul s7, s7, s8\n\t"
                     "addi s8, s8, 3\n\t"
                     "add s9, s9, s2\n\t"
                     "xor t3, s9, s4\n\t"
                     "add t4, t3, s7\n\t"
                     "xor s3, s3, t4\n\t"
                     "addi s10, s10, -1\n\t"
                     "bnez s10, 1b\n\t"
                     "li a7, 64\n\t"
                     "li a0, 1\n\t"
                     "mv a1, %3\n\t"
                     "li a2, 1\n\t"
                     "ecall\n\t"
                     "add %0, a3, s9\n\t"
                     "xor %0, %0, s3"
                     : "=&r"(r) : "r"(seed), "r"((long)n), "r"(dot)
                     : "a0", "a1", "a2", "a3", "a7", "t3", "t4", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",
                       "s10", "memory");
    return r;
#else
    uint64_t s2 = 0, s3 = 1, s4 = 2, s5 = 3, s6 = 4, s7 = 5, s8 = 6, s9 = 7;
    for (long k = n; k != 0; k--) {
        s2 += s3;
        s3 ^= s4;
        s4 += s5;
        s5 = (s5 << 1) ^ s6;
        s6 += s7;
        s7 *= s8;
        s8 += 3;
        s9 += s2;
        s3 ^= (s9 ^ s4) + s7;
    }
    if (write(1, ".", 1) != 1) {
        return 0;
    }
    return (long)(((uint64_t)seed + s9) ^ s3);
#endif
}

/* 6. A one-block loop that copies a pinned register's word to a float register (whose home then carries the pinned
 * register's entry value) and writes the pinned register again: entered from the dispatcher (after a system call). */
static NOINLINE uint64_t word_to_float(long x, long n) {
#if defined(__riscv)
    uint64_t bits;
    __asm__ volatile("mv a5, %1\n\t"
                     "mv t0, %2\n\t"
                     "li t1, 3\n\t"
                     "li a7, 172\n\t" /* getpid */
                     "ecall\n"
                     "1:\n\t"
                     "addw a5, zero, a5\n\t"
                     "fmv.d.x ft0, a5\n\t"
                     "div a5, a5, t1\n\t"
                     "addi a5, a5, 1234\n\t"
                     "addi t0, t0, -1\n\t"
                     "bnez t0, 1b\n\t"
                     "fmv.x.d %0, ft0"
                     : "=&r"(bits) : "r"(x), "r"(n) : "a0", "a5", "a7", "t0", "t1", "ft0", "memory");
    return bits;
#else
    int64_t v = x;
    uint64_t bits = 0;
    for (long k = n; k != 0; k--) {
        v = (int32_t)v;
        bits = (uint64_t)v;
        v = v / 3 + 1234;
    }
    return bits;
#endif
}

/* 4. Recursion that keeps all six argument registers live across its calls. */
static NOINLINE uint64_t six(long a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f) {
    if (a <= 0) {
        return b ^ c ^ d ^ e ^ f;
    }
    uint64_t x = six(a - 1, c, d, e, f, b + (uint64_t)a);
    uint64_t y = six(a - 2, f, e, d, c, b ^ x);
    return x * 31 + y + (uint64_t)a;
}

/* 5. A loop that calls out each iteration with its sum in an argument register. */
static NOINLINE uint64_t step(uint64_t acc, uint64_t i, uint64_t k) {
    return acc * 3 + i * k + (acc >> 7);
}

static NOINLINE uint64_t loop_calls(int n) {
    uint64_t acc = 1;
    for (uint64_t i = 0; i < (uint64_t)n; i++) {
        acc = step(acc, i, i & 7) ^ (acc << 3);
    }
    return acc;
}

int main(void) {
    uint64_t s = 0;
    for (long x = 0; x < 1000; x++) {
        s = s * 7 + (uint64_t)link_is_target(x);
    }
    printf("link is target: %llu\n", (unsigned long long)s);
    s = 0;
    for (long x = 0; x < 1000; x++) {
        s = s * 5 + (uint64_t)rotate(x, x * 3 + 1, x ^ 0x55);
    }
    printf("rotate: %llu\n", (unsigned long long)s);
    s = 0;
    for (int k = 1; k <= 5; k++) {
        s = s * 11 + (uint64_t)kept_across_loop(0x1234567L * k, 5000 * k);
    }
    printf("\nkept across a loop: %llu\n", (unsigned long long)s);
    printf("six arguments: %llu\n", (unsigned long long)six(18, 1, 2, 3, 4, 5));
    printf("loop with calls: %llu\n", (unsigned long long)loop_calls(200000));
    s = 0;
    for (long k = 1; k <= 4; k++) {
        s = s * 13 + word_to_float(0x7fffffff12345678L + k * 0x11111111L, k);
    }
    printf("a pinned register's word in a float register: %llu\n", (unsigned long long)s);
    return 0;
}
