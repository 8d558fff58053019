/* Calls and returns the way real code makes them, where a translator that pairs calls with returns (dbt's host
 * call frames) must still go exactly where the guest goes: recursion far deeper than any return-address stack,
 * longjmp out of recursion again and again (calls that never return), coroutines switching stacks with
 * swapcontext, a function that returns past the instruction after its call, returns through function pointers
 * and tail calls, and mutual recursion; a return to the all-ones address right after a system call (where dbt's
 * host stack holds only its entry frame, whose guest return address is -1): the guest jumps to -2 and must get a
 * SIGSEGV, a hundred times. Each part prints a result computed along the way. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

/* 1. Deep recursion: 200000 frames, each returning a value its caller uses. */
static NOINLINE long deep(long n) {
    if (n == 0) {
        return 0;
    }
    return (deep(n - 1) * 31 + n % 7) % 1000003;
}

/* 2. longjmp out of a recursion at a varying depth, 20000 times: every call there never returns. */
static jmp_buf escape;
static volatile long escapes_depth;

static NOINLINE long dive(long n, long limit) {
    if (n == limit) {
        escapes_depth += n;
        longjmp(escape, (int) (n % 5) + 1);
    }
    return dive(n + 1, limit) + 1; /* never returns normally */
}

static NOINLINE long fact(long n) {
    return n <= 1 ? 1 : n * fact(n - 1);
}

/* 3. Coroutines: a generator on its own stack, switched to and from with swapcontext. */
static ucontext_t main_context, generator_context;
static long yielded;

static NOINLINE void generate(void) {
    long a = 0, b = 1;
    for (int i = 0; i < 5000; i++) {
        yielded = a;
        long t = a + b;
        a = b;
        b = t % 1000000007;
        swapcontext(&generator_context, &main_context);
    }
    yielded = -1;
}

/* 4. A function that returns 4 bytes past its call: the instruction after the call is skipped. */
#if defined(__riscv)
__asm__(".text\n"
        ".globl skip_next\n"
        "skip_next:\n"
        "  addi ra, ra, 4\n"
        "  ret\n");

static NOINLINE long returns_past_the_call(long x) {
    long r = x;
    __asm__ volatile(".option push\n"
                     ".option norvc\n"
                     "call skip_next\n"
                     "addi %0, %0, 1000\n" /* skipped */
                     "addi %0, %0, 1\n"
                     ".option pop\n"
                     : "+r"(r)
                     :
                     : "ra", "t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t3", "t4", "t5",
                       "t6", "memory");
    return r;
}
#else
static NOINLINE long returns_past_the_call(long x) {
    return x + 1; /* what the RISC-V version computes */
}
#endif

/* 5. Returns through function pointers, tail calls and mutual recursion. */
typedef long (*op_fn)(long, long);
static NOINLINE long op_add(long a, long b) { return a + b; }
static NOINLINE long op_mul(long a, long b) { return (a * b) % 1000003; }
static NOINLINE long op_sub(long a, long b) { return a - b; }
static op_fn ops[3] = {op_add, op_mul, op_sub};

static NOINLINE long tail_step(long n, long acc);
static NOINLINE long tail_even(long n, long acc) { return n == 0 ? acc : tail_step(n - 1, acc + 2); }
static NOINLINE long tail_step(long n, long acc) { return n == 0 ? acc : tail_even(n - 1, acc * 3 % 10007); }

static NOINLINE int is_even(unsigned n);
static NOINLINE int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static NOINLINE int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }

/* 7. ra = -1, ret: RISC-V jumps to -2 (jalr clears bit 0), which faults. Natively: the signal RISC-V gives. */
#if defined(__riscv)
static sigjmp_buf wild;
static volatile long all_ones = -1;

static void on_wild(int sig) {
    siglongjmp(wild, sig);
}
#endif

static NOINLINE int return_to_all_ones(void) {
#if defined(__riscv)
    struct sigaction sa, old;
    sa.sa_handler = on_wild;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old);
    int sig = sigsetjmp(wild, 1);
    if (sig == 0) {
        (void) write(1, "", 0); /* a system call: translated code is entered again after it */
        __asm__ volatile("ld ra, 0(%0)\n\tret" : : "r"(&all_ones) : "ra", "memory"); /* (-1, not a constant) */
    }
    sigaction(SIGSEGV, &old, NULL);
    return sig;
#else
    return SIGSEGV;
#endif
}

int main(void) {
    printf("deep: %ld\n", deep(200000));

    int segv = 0;
    for (int i = 0; i < 100; i++) {
        segv += return_to_all_ones() == SIGSEGV;
    }
    printf("return to -1: %d of 100 faulted with SIGSEGV\n", segv);

    long landed = 0;
    for (long i = 0; i < 20000; i++) {
        int v = setjmp(escape);
        if (v == 0) {
            dive(0, 10 + i % 40);
        }
        landed += v;
        if (i % 5000 == 0) {
            printf("after %ld escapes: fact(15) = %ld\n", i + 1, fact(15));
        }
    }
    printf("escapes: landed %ld, depth %ld, fact(20) = %ld\n", landed, (long) escapes_depth, fact(20));

    static char stack[64 * 1024];
    getcontext(&generator_context);
    generator_context.uc_stack.ss_sp = stack;
    generator_context.uc_stack.ss_size = sizeof stack;
    generator_context.uc_link = &main_context;
    makecontext(&generator_context, generate, 0);
    long sum = 0;
    int count = 0;
    for (;;) {
        swapcontext(&main_context, &generator_context);
        if (yielded < 0) {
            break;
        }
        sum = (sum * 31 + yielded) % 1000000009;
        count++;
    }
    printf("coroutine: %d values, hash %ld\n", count, sum);

    long past = 0;
    for (long i = 0; i < 100000; i++) {
        past += returns_past_the_call(i);
    }
    printf("returns past the call: %ld\n", past);

    long acc = 1;
    for (long i = 0; i < 300000; i++) {
        acc = ops[i % 3](acc, i) % 1000000007;
    }
    printf("function pointers: %ld, tail calls: %ld, even(100001): %d, even(77776): %d\n", acc,
           tail_step(100000, 1), is_even(100001), is_even(77776));
    return 0;
}
