/* wordloops.c: RV64 word results (addw, sllw, sext.w) in loops, where a
 * translator may keep a register's 32-bit value and sign-extend it only where
 * the loop leaves; a SIGSEGV in the middle of an iteration must still see every
 * register as the guest wrote it:
 *   - a loop (assembly, RISC-V) that writes a shifted word to t3 before a load
 *     that walks off into an unmapped page, and replaces it after the load;
 *     accumulates bytes in a2 as a word that crosses 2^31 (so its sign
 *     extension matters), copies a2 to t4 and reads t4 back as a word in the
 *     next iteration; the SIGSEGV handler prints a2, a3, t3, t4 and t5 from
 *     its context;
 *   - the same loop run to its end (a zero byte) many times (registers as it
 *     leaves), and with a timer signal arriving mid-loop, whose handler reads
 *     the context too.
 * Natively (no RISC-V registers) a C model of the loop prints what the
 * registers must hold.
 */
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
        "1:\n"
        "  addw t5, t5, t4\n"
        "  sllw t3, a3, 26\n"
        "  lbu a4, 0(a0)\n"
        "  addi a0, a0, 1\n"
        "  addw a2, a2, a4\n"
        "  mv t4, a2\n"
        "  sext.w t3, a3\n"
        "  addiw a3, a3, 64\n"
        "  bnez a4, 1b\n"
        "  mv a0, a2\n"
        "  ret\n");
long wordloop(const unsigned char *p, long a2, long a3, long t4, long t5);

static void from_context(void *context) {
    ucontext_t *uc = context;
    seen[0] = (long)uc->uc_mcontext.__gregs[12];
    seen[1] = (long)uc->uc_mcontext.__gregs[13];
    seen[2] = (long)uc->uc_mcontext.__gregs[28];
    seen[3] = (long)uc->uc_mcontext.__gregs[29];
    seen[4] = (long)uc->uc_mcontext.__gregs[30];
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
static volatile int consistent = 1;

static void on_alarm(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)info;
    ticks++;
#ifdef __riscv
    ucontext_t *uc = context;
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
    return 0;
}
