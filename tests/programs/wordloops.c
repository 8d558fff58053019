/* wordloops.c: RV64 word results (addw, sllw, sext.w) and single-precision
 * values (NaN-boxed in 64-bit float registers) in loops, where a translator may
 * keep a register's 32-bit value and extend or box it only where the loop
 * leaves; a SIGSEGV in the middle of an iteration must still see every
 * register as the guest wrote it:
 *   - a loop (assembly, RISC-V) that writes a shifted word to t3 before a load
 *     that walks off into an unmapped page, and replaces it after the load;
 *     accumulates bytes in a2 as a word that crosses 2^31 (so its sign
 *     extension matters), copies a2 to t4 and reads t4 back as a word in the
 *     next iteration; the SIGSEGV handler prints a2, a3, t3, t4 and t5 from
 *     its context;
 *   - the same loop run to its end (a zero byte) many times (registers as it
 *     leaves), and with a timer signal arriving mid-loop, whose handler reads
 *     the context too;
 *   - a saxpy loop in single precision (flw, fmadd.s, fsw) whose x runs off
 *     into the unmapped page: the handler prints fa4 and fa5 as 64-bit
 *     patterns (NaN-boxed: upper half all ones);
 *   - a sum of doubles (fld, fadd.d) whose x runs off, from a NaN with a
 *     payload (which only the loop's own add may make canonical: a fault before
 *     it must see the payload) and from 1.5: the handler prints fa5;
 *   - a block (no loop) that makes a NaN in fa5 and fa3 and replaces them
 *     after a load that faults: the handler must see the canonical NaN.
 * Natively (no RISC-V registers) a C model of the loop prints what the
 * registers must hold.
 */
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define INIT_A2 0x7fffff00L
#define INIT_A3 0x2aL
#define INIT_T4 0x11L
#define INIT_T5 (-5L)

static sigjmp_buf back;
static volatile long seen[5]; /* a2, a3, t3, t4, t5 at the fault */

static void print_regs(const char *what, const volatile long *r) {
    printf("%-24s a2=%#018lx a3=%#018lx t3=%#018lx t4=%#018lx t5=%#018lx\n", what, (unsigned long)r[0],
           (unsigned long)r[1], (unsigned long)r[2], (unsigned long)r[3], (unsigned long)r[4]);
}

/* The model: the registers after n whole iterations over p, and (partial) after the next iteration's first two
   instructions, where the load faults. */
static void model(const unsigned char *p, long n, int partial, long *r) {
    int32_t a2 = (int32_t)INIT_A2, a3 = (int32_t)INIT_A3, t4 = (int32_t)INIT_T4, t5 = (int32_t)INIT_T5;
    int64_t t3 = 0;
    for (long k = 0; k < n; k++) {
        t5 = (int32_t)((uint32_t)t5 + (uint32_t)t4);
        t3 = (int32_t)((uint32_t)a3 << 26);
        a2 = (int32_t)((uint32_t)a2 + p[k]);
        t4 = a2;
        t3 = a3;
        a3 = (int32_t)((uint32_t)a3 + 64);
    }
    if (partial) {
        t5 = (int32_t)((uint32_t)t5 + (uint32_t)t4);
        t3 = (int32_t)((uint32_t)a3 << 26);
    }
    r[0] = a2;
    r[1] = a3;
    r[2] = t3;
    r[3] = t4;
    r[4] = t5;
}

#ifdef __riscv
/* long wordloop(p, a2, a3, t4, t5): runs until it loads a zero byte; returns a2. */
__asm__(".text\n"
        ".globl wordloop\n"
        "wordloop:\n"
        "  mv t4, a3\n"
        "  mv t5, a4\n"
        "  mv a3, a2\n"
        "  mv a2, a1\n"
        "  li t3, 0\n"
        ".globl wordloop_top\n"
        "wordloop_top:\n"
        "  addw t5, t5, t4\n"
        "  sllw t3, a3, 26\n"
        "  lbu a4, 0(a0)\n"
        "  addi a0, a0, 1\n"
        "  addw a2, a2, a4\n"
        "  mv t4, a2\n"
        "  sext.w t3, a3\n"
        "  addiw a3, a3, 64\n"
        "  bnez a4, wordloop_top\n"
        "  mv a0, a2\n"
        "  ret\n"
        ".globl wordloop_end\n"
        "wordloop_end:\n");
long wordloop(const unsigned char *p, long a2, long a3, long t4, long t5);
extern const char wordloop_top[], wordloop_end[];

/* void singleloop(x, y, a): y[i] = x[i] * a + y[i] until x faults. */
__asm__(".text\n"
        ".globl singleloop\n"
        "singleloop:\n"
        "  fmv.s fa3, fa0\n"
        "1:\n"
        "  flw fa4, 0(a0)\n"
        "  flw fa5, 0(a1)\n"
        "  addi a0, a0, 4\n"
        "  addi a1, a1, 4\n"
        "  fmadd.s fa5, fa4, fa3, fa5\n"
        "  fsw fa5, -4(a1)\n"
        "  j 1b\n");
void singleloop(const float *x, float *y, float a);

/* void doubleloop(x, bits): fa5 = bits, then fa5 += x[i] until x faults. */
__asm__(".text\n"
        ".globl doubleloop\n"
        "doubleloop:\n"
        "  fmv.d.x fa5, a1\n"
        "  beqz a0, 2f\n" /* (never taken: the loop is a block of its own, entered from this one) */
        "1:\n"
        "  fld fa4, 0(a0)\n"
        "  addi a0, a0, 8\n"
        "  fadd.d fa5, fa5, fa4\n"
        "  j 1b\n"
        "2:\n"
        "  ret\n");
void doubleloop(const double *x, uint64_t bits);

/* void nanblock(p, inf): one block (no loop) that makes a NaN in fa5 and fa3 (inf - inf, then fa5 * inf) and
 * replaces both after a load from p, which faults. */
__asm__(".text\n"
        ".globl nanblock\n"
        "nanblock:\n"
        "  fsub.d fa5, fa0, fa0\n"
        "  fmul.d fa3, fa5, fa0\n"
        "  fld fa4, 0(a0)\n"
        "  fadd.d fa5, fa4, fa4\n"
        "  fadd.d fa3, fa4, fa4\n"
        "  ret\n");
void nanblock(const double *p, double inf);
static volatile uint64_t fseen[3];

static void from_context(void *context) {
    ucontext_t *uc = context;
    seen[0] = (long)uc->uc_mcontext.__gregs[12];
    seen[1] = (long)uc->uc_mcontext.__gregs[13];
    seen[2] = (long)uc->uc_mcontext.__gregs[28];
    seen[3] = (long)uc->uc_mcontext.__gregs[29];
    seen[4] = (long)uc->uc_mcontext.__gregs[30];
    memcpy((void *)&fseen[0], &uc->uc_mcontext.__fpregs.__d.__f[14], 8);
    memcpy((void *)&fseen[1], &uc->uc_mcontext.__fpregs.__d.__f[15], 8);
    memcpy((void *)&fseen[2], &uc->uc_mcontext.__fpregs.__d.__f[13], 8);
}
#endif

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)info;
#ifdef __riscv
    from_context(context);
#else
    (void)context;
#endif
    siglongjmp(back, 1);
}

static volatile long ticks;
static volatile long inside; /* timer signals that came while wordloop ran */
static volatile int consistent = 1;

static void on_alarm(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)info;
    ticks++;
#ifdef __riscv
    ucontext_t *uc = context;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.__gregs[0];
    if (pc < (uintptr_t)wordloop_top || pc >= (uintptr_t)wordloop_end) {
        return; /* elsewhere these registers hold anything: before the loop's top, t3 and t4 are the caller's */
    }
    inside++;
    /* Wherever the loop is, t4 holds a2's value of an iteration before (or the same): both sign-extended words. */
    long a2 = (long)uc->uc_mcontext.__gregs[12], t4 = (long)uc->uc_mcontext.__gregs[29];
    if (a2 != (int32_t)a2 || t4 != (int32_t)t4 || (long)uc->uc_mcontext.__gregs[28] !=
            (int32_t)uc->uc_mcontext.__gregs[28]) {
        consistent = 0;
    }
#else
    (void)context;
#endif
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *buf = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    munmap(buf + page, page);
    for (long k = 0; k < page; k++) {
        buf[k] = (unsigned char)(1 + (k * 37) % 255);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    long expected[5];
    /* 1. runs off the end: the fault comes in iteration 'run', after its first two instructions */
    long starts[] = {100, 1000, 4000};
    for (unsigned s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        long run = starts[s];
        const unsigned char *p = buf + page - run;
        model(p, run, 1, expected);
        char what[64];
        snprintf(what, sizeof what, "fault after %ld", run);
#ifdef __riscv
        if (!sigsetjmp(back, 1)) {
            wordloop(p, INIT_A2, INIT_A3, INIT_T4, INIT_T5);
            printf("%s: no fault\n", what);
        } else {
            print_regs(what, seen);
        }
#else
        print_regs(what, expected);
#endif
    }

    /* 2. to a zero byte, many times: the sum comes back through a2 */
    buf[3000] = 0;
    long total = 0;
    model(buf, 3000, 0, expected);
    for (int r = 0; r < 2000; r++) {
#ifdef __riscv
        total += wordloop(buf, INIT_A2, INIT_A3, INIT_T4, INIT_T5);
#else
        total += expected[0];
#endif
    }
    printf("2000 runs to the zero byte: %#lx\n", (unsigned long)total);

    /* 3. a timer every 200 us while the loop runs */
    struct sigaction al;
    memset(&al, 0, sizeof al);
    al.sa_sigaction = on_alarm;
    al.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGALRM, &al, NULL);
    struct itimerval it = {{0, 200}, {0, 200}};
    setitimer(ITIMER_REAL, &it, NULL);
    total = 0;
    for (int r = 0; r < 20000 && ticks < 50; r++) {
#ifdef __riscv
        total += wordloop(buf, INIT_A2, INIT_A3, INIT_T4, INIT_T5);
#else
        total += expected[0];
#endif
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("under a timer: every run %s, registers in the handler %s\n",
           total % expected[0] == 0 ? "the same" : "DIFFERENT", consistent ? "sign-extended" : "WRONG");
    /* 4. single precision: x runs off the end after n floats (over the bytes the word loop read) */
    long counts[] = {10, 300};
    for (unsigned c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        long n = counts[c];
        float *x = (float *)(buf + page) - n;
        static float y[1000];
        for (long k = 0; k < n; k++) {
            x[k] = (float)(k * 0.37 - 20.5);
            y[k] = (float)(k * -1.25 + 3.0);
        }
        float a = 1.75f;
        uint32_t bits[2];
        float last_x = x[n - 1];
        float last_y = fmaf(last_x, a, y[n - 1]);
        memcpy(&bits[0], &last_x, 4);
        memcpy(&bits[1], &last_y, 4);
        uint64_t want[2] = {0xffffffff00000000ull | bits[0], 0xffffffff00000000ull | bits[1]};
        uint64_t got[2] = {want[0], want[1]};
#ifdef __riscv
        if (!sigsetjmp(back, 1)) {
            singleloop(x, y, a);
        }
        got[0] = fseen[0];
        got[1] = fseen[1];
#endif
        printf("single after %-4ld fa4=%#018llx fa5=%#018llx %s\n", n, (unsigned long long)got[0],
               (unsigned long long)got[1], got[0] == want[0] && got[1] == want[1] ? "(as the model)" : "WRONG");
    }

    /* Doubles: fa5 starts as a NaN with a payload (which only a write of fa5 may change: a fault before the first
     * add must see it as it is) or as 1.5, and sums x until x runs off. */
#ifdef __riscv
    for (int warm = 0; warm < 20; warm++) { /* (so that the loop runs translated) */
        double *x = (double *)(buf + page) - 500;
        for (long k = 0; k < 500; k++) {
            x[k] = 1.0;
        }
        if (!sigsetjmp(back, 1)) {
            doubleloop(x, 0);
        }
    }
#endif
    uint64_t firsts[2] = {0x7ff0000000000123ull, 0x3ff8000000000000ull};
    long lengths[3] = {0, 1, 5};
    for (int s = 0; s < 2; s++) {
        for (int c = 0; c < 3; c++) {
            long n = lengths[c];
            double *x = (double *)(buf + page) - n;
            double sum;
            memcpy(&sum, &firsts[s], 8);
            for (long k = 0; k < n; k++) {
                x[k] = k * 0.37 - 20.5;
                sum += x[k];
            }
            uint64_t want = firsts[s];
            if (n > 0) {
                memcpy(&want, &sum, 8);
                if (isnan(sum)) {
                    want = 0x7ff8000000000000ull; /* RISC-V's canonical NaN */
                }
            }
            uint64_t got = want;
#ifdef __riscv
            if (!sigsetjmp(back, 1)) {
                doubleloop(x, firsts[s]);
            }
            got = fseen[1];
#endif
            printf("double from %#018llx after %-4ld fa5=%#018llx %s\n", (unsigned long long)firsts[s], n,
                   (unsigned long long)got, got == want ? "(as the model)" : "WRONG");
        }
    }
    /* A NaN made in a block and replaced after a load that faults: the handler must see RISC-V's canonical NaN in
     * fa5 and fa3 (the block runs translated after its first few runs). */
    int canonical = 0;
    for (int run = 0; run < 200; run++) {
        uint64_t got[2] = {0x7ff8000000000000ull, 0x7ff8000000000000ull};
#ifdef __riscv
        if (!sigsetjmp(back, 1)) {
            nanblock((double *)(buf + page), INFINITY);
        }
        got[0] = fseen[1];
        got[1] = fseen[2];
#endif
        canonical += got[0] == 0x7ff8000000000000ull && got[1] == 0x7ff8000000000000ull;
    }
    printf("a NaN replaced after a fault: canonical in %d of 200 runs\n", canonical);
    return 0;
}
