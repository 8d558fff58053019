/* sigsync.c: SYNCHRONOUS signals only -- signals the thread sends itself
 * (raise, kill(getpid()), pthread_kill(pthread_self()), sigqueue(getpid()))
 * and faults. No timers, sigtimedwait, sigsuspend, signals between threads or
 * fork (signals.c covers those). One line per topic:
 *   siginfo    SA_SIGINFO handler: si_signo, si_code (SI_QUEUE with si_value
 *              int and pointer, SI_USER for kill, SI_TKILL for raise and
 *              pthread_kill), si_pid == getpid(), si_uid == getuid();
 *   mask       a blocked signal raised twice stays pending (sigpending) and is
 *              delivered once on unblock; SIGKILL/SIGSTOP cannot be blocked or
 *              caught; sa_mask defers a signal raised inside the handler until
 *              the handler returns (order logged), without sa_mask it nests;
 *              inside a handler the signal itself is blocked (not with
 *              SA_NODEFER), uc_sigmask is the pre-handler mask; SA_NODEFER
 *              nesting; SA_RESETHAND goes back to SIG_DFL; SIG_IGN and
 *              default-ignored signals; SIGUSR2 + SIGRTMIN x3 + SIGRTMIN+1 x2
 *              queued while blocked are delivered lowest number first, each
 *              real-time instance in order with its value;
 *   segv       SIGSEGV recovered with siglongjmp from: a store to address 0,
 *              a load from an unmapped page (mmap + munmap), a store to a
 *              PROT_READ page (SEGV_ACCERR), a load from a PROT_NONE page, a
 *              call through a null function pointer, a hot store loop that
 *              hits a null entry; si_addr and si_code checked, SIGSEGV not
 *              blocked after siglongjmp and catchable again each time;
 *   ucontext   a SIGILL handler advances the saved pc past the illegal
 *              instruction (RISC-V `.4byte 0`, x86 ud2) and returns; saved pc
 *              and si_addr equal the instruction's address; a SIGSEGV handler
 *              writes a saved integer register (the load's destination) and
 *              skips the load; a SIGILL handler writes a saved FP register;
 *              a handler adds SIGUSR2 to uc_sigmask, which sigreturn installs;
 *   registers  many live integer and double values in a loop that calls
 *              raise() every iteration, and in a loop with an illegal
 *              instruction every iteration (values live in caller-saved
 *              registers across it); the handlers compute with many registers,
 *              switch to FE_UPWARD and raise FE_DIVBYZERO; results must equal
 *              the same computation without signals, the rounding mode and the
 *              flag must not leak;
 *   altstack   SA_ONSTACK handler runs on the sigaltstack (local's address in
 *              range), SS_ONSTACK inside only, sigaltstack() inside fails with
 *              EPERM, a nested SA_ONSTACK handler goes below the first one on
 *              the same stack, no SA_ONSTACK = normal stack, SS_DISABLE, too
 *              small = ENOMEM; a thread with a 64 KiB stack starts with
 *              SS_DISABLE, installs its own alternate stack, recurses into its
 *              guard page and recovers on that stack; the main thread's
 *              alternate stack is unchanged (per-thread);
 *   trap       SIGTRAP from ebreak (x86: int3) and c.ebreak (x86: int $3),
 *              the handler resumes after it (RISC-V: saved pc is the ebreak,
 *              advanced by the instruction's length; x86: saved rip is already
 *              after it); __builtin_trap() (RISC-V: ebreak -> SIGTRAP, x86:
 *              ud2 -> SIGILL; the signal is not printed) and abort() (SIGABRT,
 *              SI_TKILL) left with siglongjmp.
 * Not covered: integer division by zero (no trap on RISC-V), an uncaught
 * fatal signal (exit status is 0), kill() + raise() of one blocked standard
 * signal (Linux keeps process- and thread-directed pending sets apart: 2).
 * On RISC-V install_mask() mirrors sa_mask into glibc's second mask word so
 * that qemu-riscv64 7.2, which reads sa_mask at the wrong offset, agrees.
 * Everything printed is a yes/no, a name or a number fixed by the program. */
#define _GNU_SOURCE
#include <errno.h>
#include <fenv.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

/* ---------------- architecture-specific bits ---------------- */
#if defined(__riscv)
#define PC_OF(uc) (((ucontext_t *)(uc))->uc_mcontext.__gregs[REG_PC])
/* The all-zero halfword is the defined illegal instruction; `.4byte 0` is two
 * of them, so skipping 4 bytes resumes after the whole thing. */
#define ILLEGAL_INSN ".4byte 0"
#define ILLEGAL_LEN 4
#define LOAD_LEN 4 /* the `ld` below is assembled with .option norvc */
#elif defined(__x86_64__)
#define PC_OF(uc) (((ucontext_t *)(uc))->uc_mcontext.gregs[REG_RIP])
#define ILLEGAL_INSN "ud2"
#define ILLEGAL_LEN 2
#define LOAD_LEN 3 /* 48 8b 06: mov (%rsi),%rax */
#else
#error "sigsync.c: only riscv64 and x86-64"
#endif

/* executes one illegal instruction; returns its address */
__attribute__((noinline)) static uintptr_t illegal_here(void) {
    uintptr_t a;
#if defined(__riscv)
    __asm__ volatile("lla %0, 1f\n1: .4byte 0\n" : "=r"(a) : : "memory");
#else
    __asm__ volatile("lea 1f(%%rip), %0\n1: ud2\n" : "=r"(a) : : "memory");
#endif
    return a;
}

/* loads *bad into the first-argument/return register; *at = address of the
 * load; *kept = a value that lives in another register across the load */
__attribute__((noinline)) static long load_replaced(const long *bad, uintptr_t *at, long *kept) {
    uintptr_t a;
#if defined(__riscv)
    register long dst __asm__("a0") = 5;
    register const long *src __asm__("a1") = bad;
    register long keep __asm__("a2") = 0x1234567890abcdefL;
    __asm__ volatile("lla %1, 1f\n"
                     ".option push\n.option norvc\n"
                     "1: ld %0, 0(%2)\n"
                     ".option pop\n"
                     : "+r"(dst), "=&r"(a), "+r"(src), "+r"(keep)
                     :
                     : "memory");
#else
    register long dst __asm__("rax") = 5;
    register const long *src __asm__("rsi") = bad;
    register long keep __asm__("rdx") = 0x1234567890abcdefL;
    __asm__ volatile("lea 1f(%%rip), %1\n"
                     "1: .byte 0x48, 0x8b, 0x06\n"
                     : "+r"(dst), "=&r"(a), "+r"(src), "+r"(keep)
                     :
                     : "memory");
#endif
    *at = a;
    *kept = keep;
    return dst;
}

/* an illegal instruction with `in` live in the first FP argument register */
__attribute__((noinline)) static double fp_replaced(double in) {
#if defined(__riscv)
    register double f __asm__("fa0") = in;
    __asm__ volatile(".4byte 0" : "+f"(f) : : "memory");
#else
    register double f __asm__("xmm0") = in;
    __asm__ volatile("ud2" : "+x"(f) : : "memory");
#endif
    return f;
}

static void set_saved_int_result(void *ucv, long v) {
    ucontext_t *uc = ucv;
#if defined(__riscv)
    uc->uc_mcontext.__gregs[REG_A0] = (unsigned long)v;
#else
    uc->uc_mcontext.gregs[REG_RAX] = v;
#endif
}

static void set_saved_fp_arg0(void *ucv, double v) {
    ucontext_t *uc = ucv;
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
#if defined(__riscv)
    uc->uc_mcontext.__fpregs.__d.__f[10] = bits; /* fa0 */
#else
    uc->uc_mcontext.fpregs->_xmm[0].element[0] = (uint32_t)bits;
    uc->uc_mcontext.fpregs->_xmm[0].element[1] = (uint32_t)(bits >> 32);
#endif
}

/* breakpoints; return the address where the saved pc should be in the
 * SIGTRAP handler: RISC-V the ebreak itself, x86 the byte after int3 */
__attribute__((noinline)) static uintptr_t breakpoint_here(void) {
    uintptr_t a;
#if defined(__riscv)
    __asm__ volatile("lla %0, 1f\n1: .4byte 0x00100073\n" : "=r"(a) : : "memory"); /* ebreak */
#else
    __asm__ volatile("lea 1f(%%rip), %0\nint3\n1:\n" : "=r"(a) : : "memory");
#endif
    return a;
}

__attribute__((noinline)) static uintptr_t breakpoint2_here(void) {
    uintptr_t a;
#if defined(__riscv)
    __asm__ volatile("lla %0, 1f\n1: .2byte 0x9002\n" : "=r"(a) : : "memory"); /* c.ebreak */
#else
    __asm__ volatile("lea 1f(%%rip), %0\n.byte 0xcd, 0x03\n1:\n" : "=r"(a) : : "memory"); /* int $3 */
#endif
    return a;
}

/* length of the breakpoint at the saved pc, to be skipped by the handler */
static uintptr_t breakpoint_skip(uintptr_t pc) {
#if defined(__riscv)
    uint16_t low;
    memcpy(&low, (const void *)pc, sizeof low);
    return (low & 3) == 3 ? 4 : 2;
#else
    (void)pc;
    return 0;
#endif
}

/* ---------------- helpers ---------------- */
static const char *yesno(int b) { return b ? "yes" : "no"; }

static void check(int ok, const char *what) {
    if (!ok) {
        printf("FAILED: %s (errno %s)\n", what, strerror(errno));
        fflush(stdout);
        exit(1);
    }
}

static void install_mask(int sig, void (*h)(int, siginfo_t *, void *), int flags, const sigset_t *mask) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    if (mask) {
        sa.sa_mask = *mask;
    } else {
        sigemptyset(&sa.sa_mask);
    }
#if defined(__riscv)
    /* Workaround for qemu-riscv64 (seen with 7.2), which is run on these
     * programs too: it reads the kernel struct sigaction as if RISC-V had an
     * sa_restorer field, i.e. takes sa_mask from offset 24 instead of 16, and
     * so ignores sa_mask. glibc copies its whole 128-byte sigset_t into the
     * kernel struct, so offset 24 is glibc's second mask word, which Linux
     * never reads (glibc passes sigsetsize 8). Mirroring the first word there
     * makes qemu behave like Linux; it changes nothing for Linux (or for a
     * translator that reads the mask where Linux does). */
    sa.sa_mask.__val[1] = sa.sa_mask.__val[0];
#endif
    check(sigaction(sig, &sa, NULL) == 0, "sigaction");
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int flags) { install_mask(sig, h, flags, NULL); }

static void set_disposition(int sig, void (*h)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sigemptyset(&sa.sa_mask);
    check(sigaction(sig, &sa, NULL) == 0, "sigaction plain");
}

static void mask1(int how, int sig) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    check(sigprocmask(how, &s, NULL) == 0, "sigprocmask");
}

static int blocked_now(int sig) {
    sigset_t s;
    sigemptyset(&s);
    check(pthread_sigmask(SIG_BLOCK, NULL, &s) == 0, "pthread_sigmask query");
    return sigismember(&s, sig) == 1;
}

static int pending_now(int sig) {
    sigset_t s;
    sigemptyset(&s);
    check(sigpending(&s) == 0, "sigpending");
    return sigismember(&s, sig) == 1;
}

static const char *code_name(int code) {
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case SI_KERNEL: return "SI_KERNEL";
    default: return "other";
    }
}

static const char *segv_code_name(int code) {
    switch (code) {
    case SEGV_MAPERR: return "SEGV_MAPERR";
    case SEGV_ACCERR: return "SEGV_ACCERR";
    default: return "other";
    }
}

/* an async-signal-safe append-only log */
static char log_buf[128];
static volatile sig_atomic_t log_len;

static void log_reset(void) {
    log_len = 0;
    log_buf[0] = 0;
}

static void log_str(const char *s) {
    while (*s && log_len < (int)sizeof log_buf - 1) {
        log_buf[log_len++] = *s++;
    }
    log_buf[log_len] = 0;
}

static void log_int(int v) {
    char tmp[16];
    int n = 0;
    if (v < 0) {
        log_str("-");
        v = -v;
    }
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < 15);
    char out[16];
    for (int i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i];
    }
    out[n] = 0;
    log_str(out);
}

/* ================= 1. siginfo ================= */
static volatile sig_atomic_t info_count, info_bad_signo;
static volatile int info_code, info_value, info_pid_ok, info_uid_ok;
static void *volatile info_ptr;

static void info_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    info_count++;
    if (si->si_signo != sig) {
        info_bad_signo++;
    }
    info_code = si->si_code;
    info_value = si->si_code == SI_QUEUE ? si->si_value.sival_int : -1;
    info_ptr = si->si_code == SI_QUEUE ? si->si_value.sival_ptr : NULL;
    info_pid_ok = si->si_pid == getpid();
    info_uid_ok = si->si_uid == getuid();
}

static void part_siginfo(void) {
    install(SIGUSR1, info_handler, 0);
    install(SIGRTMIN + 2, info_handler, 0);
    info_count = info_bad_signo = 0;

    union sigval v;
    memset(&v, 0, sizeof v);
    v.sival_int = 1234;
    check(sigqueue(getpid(), SIGUSR1, v) == 0, "sigqueue");
    printf("siginfo: sigqueue SIGUSR1 %s value %d pid %s uid %s;", code_name(info_code), info_value,
           yesno(info_pid_ok), yesno(info_uid_ok));

    static int target;
    v.sival_ptr = &target;
    check(sigqueue(getpid(), SIGRTMIN + 2, v) == 0, "sigqueue rt");
    printf(" sigqueue SIGRTMIN+2 %s pointer value %s;", code_name(info_code), yesno(info_ptr == (void *)&target));

    check(kill(getpid(), SIGUSR1) == 0, "kill");
    printf(" kill %s pid %s uid %s;", code_name(info_code), yesno(info_pid_ok), yesno(info_uid_ok));
    check(raise(SIGUSR1) == 0, "raise");
    printf(" raise %s pid %s uid %s;", code_name(info_code), yesno(info_pid_ok), yesno(info_uid_ok));
    check(pthread_kill(pthread_self(), SIGUSR1) == 0, "pthread_kill");
    printf(" pthread_kill %s pid %s; handler ran %d times, si_signo always the signal %s\n", code_name(info_code),
           yesno(info_pid_ok), (int)info_count, yesno(info_bad_signo == 0));
    set_disposition(SIGUSR1, SIG_DFL);
    set_disposition(SIGRTMIN + 2, SIG_DFL);
    fflush(stdout);
}

/* ================= 2. masks ================= */
static volatile int inner_pending_seen;

static void order_usr2(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    log_str("2");
}

static void order_usr1(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    log_str("1(");
    raise(SIGUSR2);
    inner_pending_seen = pending_now(SIGUSR2);
    log_str(")");
}

static volatile int self_blocked, uc_has_self, sa_mask_blocked;

static void self_mask_handler(int sig, siginfo_t *si, void *ucv) {
    (void)si;
    ucontext_t *uc = ucv;
    self_blocked = blocked_now(sig);
    sa_mask_blocked = blocked_now(SIGWINCH);
    uc_has_self = sigismember(&uc->uc_sigmask, sig) == 1;
}

static volatile sig_atomic_t nest_entries;
static void nest_handler(int sig, siginfo_t *si, void *uc) {
    (void)si;
    (void)uc;
    log_str("(");
    if (++nest_entries == 1) {
        raise(sig);
    }
    log_str(")");
}

static volatile sig_atomic_t reset_count;
static void reset_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    reset_count++;
}

static void rt_order_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    if (sig == SIGUSR2) {
        log_str("USR2");
    } else {
        log_str(sig == SIGRTMIN ? " RT0:" : sig == SIGRTMIN + 1 ? " RT1:" : " ?:");
        log_int(si->si_value.sival_int);
    }
}

static void part_mask(void) {
    /* blocked, pending, delivered once */
    install(SIGUSR1, info_handler, 0);
    info_count = 0;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    check(pthread_sigmask(SIG_BLOCK, &s, NULL) == 0, "pthread_sigmask block");
    /* both thread-directed: a second standard signal of the same number is
     * merged into the pending one (kill() + raise() would be 2: Linux keeps
     * process- and thread-directed pending signals apart) */
    raise(SIGUSR1);
    raise(SIGUSR1);
    int ran_blocked = info_count;
    int p1 = pending_now(SIGUSR1), p2 = pending_now(SIGUSR2);
    check(pthread_sigmask(SIG_UNBLOCK, &s, NULL) == 0, "pthread_sigmask unblock");
    printf("mask: blocked USR1 raised twice ran %d, pending USR1 %s USR2 %s, ran on unblock %d, still pending %s;",
           ran_blocked, yesno(p1), yesno(p2), (int)info_count, yesno(pending_now(SIGUSR1)));

    /* SIGKILL and SIGSTOP */
    sigset_t all, old, now;
    sigfillset(&all);
    check(sigprocmask(SIG_SETMASK, &all, &old) == 0, "block all");
    check(sigprocmask(SIG_SETMASK, &old, &now) == 0, "restore");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = info_handler;
    sa.sa_flags = SA_SIGINFO;
    errno = 0;
    int kill_einval = sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL;
    errno = 0;
    int stop_einval = sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL;
    printf(" block-all leaves KILL/STOP unblocked %s, USR1 blocked %s, sigaction KILL/STOP EINVAL %s;",
           yesno(!sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP)), yesno(sigismember(&now, SIGUSR1) == 1),
           yesno(kill_einval && stop_einval));

    /* sa_mask defers, no sa_mask nests */
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    install(SIGUSR2, order_usr2, 0);
    install_mask(SIGUSR1, order_usr1, 0, &m);
    log_reset();
    raise(SIGUSR1);
    printf(" sa_mask order %s pending inside %s,", log_buf, yesno(inner_pending_seen));
    install(SIGUSR1, order_usr1, 0);
    log_reset();
    raise(SIGUSR1);
    printf(" without %s pending inside %s;", log_buf, yesno(inner_pending_seen));

    /* the mask inside the handler */
    sigemptyset(&m);
    sigaddset(&m, SIGWINCH);
    install_mask(SIGUSR1, self_mask_handler, 0, &m);
    raise(SIGUSR1);
    printf(" inside: self blocked %s, sa_mask signal blocked %s, uc_sigmask has self %s,", yesno(self_blocked),
           yesno(sa_mask_blocked), yesno(uc_has_self));
    install_mask(SIGUSR1, self_mask_handler, SA_NODEFER, &m);
    raise(SIGUSR1);
    printf(" SA_NODEFER self blocked %s sa_mask signal blocked %s, after return blocked %s;", yesno(self_blocked),
           yesno(sa_mask_blocked), yesno(blocked_now(SIGUSR1) || blocked_now(SIGWINCH)));

    /* nesting of the same signal */
    install(SIGUSR2, nest_handler, SA_NODEFER);
    log_reset();
    nest_entries = 0;
    raise(SIGUSR2);
    printf(" SA_NODEFER %s", log_buf);
    install(SIGUSR2, nest_handler, 0);
    log_reset();
    nest_entries = 0;
    raise(SIGUSR2);
    printf(" default %s;", log_buf);

    /* SA_RESETHAND */
    install(SIGUSR1, reset_handler, SA_RESETHAND);
    reset_count = 0;
    raise(SIGUSR1);
    struct sigaction cur;
    sigaction(SIGUSR1, NULL, &cur);
    printf(" SA_RESETHAND ran %d now SIG_DFL %s;", (int)reset_count, yesno(cur.sa_handler == SIG_DFL));

    /* ignored */
    set_disposition(SIGUSR1, SIG_IGN);
    set_disposition(SIGWINCH, SIG_DFL);
    set_disposition(SIGURG, SIG_DFL);
    int r1 = raise(SIGUSR1), r2 = raise(SIGWINCH), r3 = kill(getpid(), SIGURG);
    printf(" SIG_IGN and default-ignored survived %s;", yesno(r1 == 0 && r2 == 0 && r3 == 0));

    /* queued while blocked: lowest number first, real-time instances in order */
    sigfillset(&all);
    install_mask(SIGUSR2, rt_order_handler, 0, &all);
    install_mask(SIGRTMIN, rt_order_handler, 0, &all);
    install_mask(SIGRTMIN + 1, rt_order_handler, 0, &all);
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigaddset(&m, SIGRTMIN);
    sigaddset(&m, SIGRTMIN + 1);
    check(sigprocmask(SIG_BLOCK, &m, NULL) == 0, "block rt");
    log_reset();
    union sigval v;
    memset(&v, 0, sizeof v);
    v.sival_int = 21;
    check(sigqueue(getpid(), SIGRTMIN + 1, v) == 0, "sigqueue rt1");
    for (int i = 11; i <= 13; i++) {
        v.sival_int = i;
        check(sigqueue(getpid(), SIGRTMIN, v) == 0, "sigqueue rt0");
    }
    v.sival_int = 22;
    check(sigqueue(getpid(), SIGRTMIN + 1, v) == 0, "sigqueue rt1");
    raise(SIGUSR2);
    int before = log_len;
    int rt_pending = pending_now(SIGRTMIN) && pending_now(SIGRTMIN + 1) && pending_now(SIGUSR2);
    check(sigprocmask(SIG_UNBLOCK, &m, NULL) == 0, "unblock rt");
    printf(" queued while blocked: ran %d pending %s, delivered %s\n", before, yesno(rt_pending), log_buf);

    set_disposition(SIGUSR1, SIG_DFL);
    set_disposition(SIGUSR2, SIG_DFL);
    set_disposition(SIGRTMIN, SIG_DFL);
    set_disposition(SIGRTMIN + 1, SIG_DFL);
    fflush(stdout);
}

/* ================= 3. SIGSEGV ================= */
static sigjmp_buf segv_env;
static volatile sig_atomic_t segv_count;
static volatile uintptr_t segv_addr;
static volatile int segv_code, segv_signo;

static void segv_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    segv_count++;
    segv_signo = sig;
    segv_addr = (uintptr_t)si->si_addr;
    segv_code = si->si_code;
    siglongjmp(segv_env, 1);
}

static int *volatile null_int;
static void (*volatile null_fn)(void);

/* prints " NAME recovered R si_addr A CODE, SEGV unblocked U;" for one
 * faulting action */
#define SEGV_CASE(name, action, expect_addr)                                                \
    do {                                                                                    \
        volatile int recovered_ = 0;                                                        \
        segv_addr = 1;                                                                      \
        segv_code = 0;                                                                      \
        segv_signo = 0;                                                                     \
        if (sigsetjmp(segv_env, 1) == 0) {                                                  \
            action;                                                                         \
        } else {                                                                            \
            recovered_ = recovered_ + (segv_signo == SIGSEGV);                              \
        }                                                                                   \
        printf(" %s recovered %s si_addr %s %s, SEGV unblocked %s;", name, yesno(recovered_), \
               yesno(segv_addr == (uintptr_t)(expect_addr)), segv_code_name(segv_code),     \
               yesno(!blocked_now(SIGSEGV)));                                               \
    } while (0)

static void part_segv(void) {
    long page = sysconf(_SC_PAGESIZE);
    install(SIGSEGV, segv_handler, 0);
    segv_count = 0;
    printf("segv:");

    SEGV_CASE("store to 0", *null_int = 42, 0);

    unsigned char *p = mmap(NULL, 3 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap");
    p[0] = 7;
    check(munmap(p + page, (size_t)page) == 0, "munmap");
    check(mprotect(p, (size_t)page, PROT_READ) == 0, "mprotect read");
    check(mprotect(p + 2 * page, (size_t)page, PROT_NONE) == 0, "mprotect none");
    volatile unsigned char *unmapped = p + page + 123;
    volatile unsigned char *ro = p + 8;
    volatile unsigned char *none = p + 2 * page + 40;
    volatile unsigned char sink;
    SEGV_CASE("load unmapped", sink = *unmapped, unmapped);
    SEGV_CASE("store read-only", *ro = 1, ro);
    SEGV_CASE("load PROT_NONE", sink = *none, none);
    (void)sink;
    SEGV_CASE("call null", null_fn(), 0);
    int ro_kept = p[0] == 7;

    /* a hot loop of stores; in the last pass element 700 is null */
    static int cells[1000];
    static int *volatile ptrs[1000];
    for (int i = 0; i < 1000; i++) {
        ptrs[i] = &cells[i];
    }
    volatile int reached = -1;
    volatile int recovered = 0;
    if (sigsetjmp(segv_env, 1) == 0) {
        for (int pass = 0; pass < 30; pass++) {
            if (pass == 29) {
                ptrs[700] = NULL;
            }
            for (int i = 0; i < 1000; i++) {
                *(volatile int *)ptrs[i] = i * 3 + pass;
                reached = i;
            }
        }
    } else {
        recovered = 1;
    }
    long sum = 0;
    for (int i = 0; i < 1000; i++) {
        sum += cells[i];
    }
    printf(" hot loop recovered %s faulted after element %d sum %ld; read-only page unchanged %s; handler ran %d "
           "times\n",
           yesno(recovered), reached, sum, yesno(ro_kept), (int)segv_count);
    check(munmap(p, (size_t)page) == 0 && munmap(p + 2 * page, (size_t)page) == 0, "munmap rest");
    set_disposition(SIGSEGV, SIG_DFL);
    fflush(stdout);
}

/* ================= 4. ucontext ================= */
enum { ILL_SKIP, ILL_SETFP, ILL_WORK, ILL_JUMP };
static volatile int ill_mode;
static volatile sig_atomic_t ill_count;
static volatile uintptr_t ill_pc, ill_addr;
static sigjmp_buf trap_env;
static void handler_work(void);

static void ill_handler(int sig, siginfo_t *si, void *uc) {
    ill_count++;
    if (ill_mode == ILL_JUMP) {
        siglongjmp(trap_env, sig);
    }
    ill_pc = PC_OF(uc);
    ill_addr = (uintptr_t)si->si_addr;
    if (ill_mode == ILL_SETFP) {
        set_saved_fp_arg0(uc, 2.5);
    } else if (ill_mode == ILL_WORK) {
        handler_work();
    }
    PC_OF(uc) += ILLEGAL_LEN;
}

static volatile uintptr_t fix_pc, fix_addr;
static void segv_fix_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    fix_pc = PC_OF(uc);
    fix_addr = (uintptr_t)si->si_addr;
    set_saved_int_result(uc, 77);
    PC_OF(uc) += LOAD_LEN;
}

static void uc_mask_handler(int sig, siginfo_t *si, void *ucv) {
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    sigaddset(&uc->uc_sigmask, SIGUSR2);
}

static void part_ucontext(void) {
    install(SIGILL, ill_handler, 0);
    ill_mode = ILL_SKIP;
    ill_count = 0;
    ill_pc = ill_addr = 0;
    uintptr_t at = illegal_here();
    printf("ucontext: SIGILL skipped %s, saved pc is the illegal instruction %s, si_addr too %s;",
           yesno(ill_count == 1), yesno(ill_pc == at), yesno(ill_addr == at));

    long page = sysconf(_SC_PAGESIZE);
    unsigned char *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap");
    check(munmap(p, (size_t)page) == 0, "munmap");
    install(SIGSEGV, segv_fix_handler, 0);
    const long *bad = (const long *)(p + 64);
    long kept = 0;
    uintptr_t load_at = 0;
    long got = load_replaced(bad, &load_at, &kept);
    printf(" faulting load skipped, destination register set by the handler: %ld, other register kept %s, saved pc "
           "is the load %s, si_addr %s;",
           got, yesno(kept == 0x1234567890abcdefL), yesno(fix_pc == load_at), yesno(fix_addr == (uintptr_t)bad));
    set_disposition(SIGSEGV, SIG_DFL);

    ill_mode = ILL_SETFP;
    double d = fp_replaced(1.25);
    printf(" FP register set by the handler: %g;", d);
    ill_mode = ILL_SKIP;

    install(SIGUSR1, uc_mask_handler, 0);
    int before = blocked_now(SIGUSR2);
    raise(SIGUSR1);
    int after = blocked_now(SIGUSR2);
    mask1(SIG_UNBLOCK, SIGUSR2);
    printf(" SIGUSR2 added to uc_sigmask: blocked before %s, after return %s\n", yesno(before), yesno(after));
    set_disposition(SIGUSR1, SIG_DFL);
    fflush(stdout);
}

/* ================= 5. registers intact ================= */
static volatile double fp_one = 1.0, fp_zero = 0.0;
static volatile double handler_sink;
static volatile sig_atomic_t work_count;

__attribute__((noinline)) static void handler_work(void) {
    work_count++;
    fesetround(FE_UPWARD);
    handler_sink = fp_one / fp_zero; /* FE_DIVBYZERO */
    double d0 = fp_one, d1 = d0 * 1.1, d2 = d1 * 1.3, d3 = d2 + 0.7, d4 = d3 / 3.0, d5 = d4 - d1, d6 = d5 * d5,
           d7 = d6 + d2, d8 = d7 * 0.9, d9 = d8 + d3, d10 = d9 / 7.0, d11 = d10 + d0;
    unsigned long a = (unsigned long)work_count, b = a * 7, c = b ^ 0x55, d = c + a * 3, e = d * d, f = e >> 3,
                  g = f + b, h = g * 11, i = h ^ e, j = i + c;
    for (int k = 0; k < 20; k++) {
        d0 = d0 * 1.0001 + d11;
        d1 = d1 * 0.9999 + d0;
        d2 += d1 * 0.5;
        d3 -= d2 * 0.25;
        d4 += d3;
        d5 = d4 - d5;
        d6 = d6 * 0.5 + d5;
        d7 += d6;
        d8 = d8 * 0.99 + d7 * 0.01;
        d9 += d8;
        d10 = d10 * 0.5 + d9 * 0.5;
        d11 = d10 * 1e-3;
        a = a * 31 + b;
        b ^= c << 1;
        c += d;
        d = d * 5 + e;
        e ^= f >> 2;
        f += g;
        g = g * 3 + h;
        h ^= i;
        i += j;
        j = j * 7 + a;
    }
    handler_sink = d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7 + d8 + d9 + d10 + d11 +
                   (double)((a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j) & 0xffff);
}

static void work_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    handler_work();
}

struct chunk_result {
    unsigned long ix;
    double fx;
};

enum { HOOK_NONE, HOOK_RAISE, HOOK_ILLEGAL };

static inline __attribute__((always_inline)) struct chunk_result chunk_body(unsigned long seed, int rounds, int hook) {
    unsigned long a = seed, b = seed * 3 + 1, c = seed ^ 0x9e3779b97f4a7c15UL, d = seed * seed, e = ~seed,
                  f = seed >> 3, g = seed << 5, h = seed + 12345, i = seed * 0x100000001b3UL, j = seed ^ 0xabcdef,
                  k = seed * 17, l = seed + 99, m = seed * 5 + 3, n = seed ^ (seed >> 7);
    double x0 = (double)(seed & 1023) / 1024.0, x1 = x0 + 0.5, x2 = x1 * 1.25, x3 = x2 - 0.125, x4 = x3 * x3,
           x5 = x4 + x0, x6 = x5 * 0.75, x7 = x6 + 1.0, x8 = x7 / 3.0, x9 = x8 + x1, x10 = x9 * 0.5, x11 = x10 + x2,
           x12 = x11 * 0.25, x13 = x12 + x3;
    for (int r = 0; r < rounds; r++) {
        a = a * 6364136223846793005UL + b;
        b ^= c >> 7;
        c += d * 3;
        d = (d << 9) | (d >> 55);
        e ^= f + (unsigned long)r;
        f = f * 5 + g;
        g += h ^ i;
        x0 = x0 * 0.999 + x13 * 0.001;
        x1 = x1 * 0.998 + x0 * 0.002;
        x2 = x2 * 0.997 + x1 * 0.003;
        x3 = x3 + (x2 - x3) / 7.0;
        x4 = x4 * 0.5 + x3 * 0.5;
        x5 = x5 - x4 * 1e-3;
        x6 = x6 + x5 * 1e-3;
        if (hook == HOOK_RAISE) {
            raise(SIGUSR1);
        } else if (hook == HOOK_ILLEGAL) {
            __asm__ volatile(ILLEGAL_INSN);
        }
        h = h * 7 - j;
        i ^= k << 3;
        j += l;
        k = k * 9 + m;
        l ^= n >> 5;
        m += a;
        n = n * 3 + e;
        x7 = x7 * 0.9999 + x6 * 1e-4;
        x8 = x8 / 1.0001 + x7 * 1e-4;
        x9 = x9 + x8 * 1e-5 - x0 * 1e-5;
        x10 = x10 * 0.99 + x9 * 0.01;
        x11 = x11 + (x10 - x11) * 0.1;
        x12 = x12 * 0.95 + x11 * 0.05;
        x13 = x13 + x12 * 1e-3 - x13 * 1e-3;
    }
    struct chunk_result res;
    res.ix = a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ n;
    res.fx = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13;
    return res;
}

__attribute__((noinline)) static struct chunk_result chunk_plain(unsigned long seed, int rounds) {
    return chunk_body(seed, rounds, HOOK_NONE);
}
__attribute__((noinline)) static struct chunk_result chunk_raise(unsigned long seed, int rounds) {
    return chunk_body(seed, rounds, HOOK_RAISE);
}
__attribute__((noinline)) static struct chunk_result chunk_illegal(unsigned long seed, int rounds) {
    return chunk_body(seed, rounds, HOOK_ILLEGAL);
}

static void part_registers(void) {
    enum { NSEEDS = 8, ROUNDS = 250 };
    struct chunk_result ref[NSEEDS];
    for (int s = 0; s < NSEEDS; s++) {
        ref[s] = chunk_plain((unsigned long)s * 1000003 + 7, ROUNDS);
    }
    feclearexcept(FE_ALL_EXCEPT);
    install(SIGUSR1, work_handler, 0);
    install(SIGILL, ill_handler, 0);
    ill_mode = ILL_WORK;

    work_count = 0;
    int mism_raise = 0;
    for (int s = 0; s < NSEEDS; s++) {
        struct chunk_result r = chunk_raise((unsigned long)s * 1000003 + 7, ROUNDS);
        mism_raise += r.ix != ref[s].ix || r.fx != ref[s].fx;
    }
    int raise_signals = work_count;
    int mode1 = fegetround() == FE_TONEAREST, flag1 = fetestexcept(FE_DIVBYZERO) != 0;

    work_count = 0;
    int mism_ill = 0;
    for (int s = 0; s < NSEEDS; s++) {
        struct chunk_result r = chunk_illegal((unsigned long)s * 1000003 + 7, ROUNDS);
        mism_ill += r.ix != ref[s].ix || r.fx != ref[s].fx;
    }
    int ill_signals = work_count;
    int mode2 = fegetround() == FE_TONEAREST, flag2 = fetestexcept(FE_DIVBYZERO) != 0;
    ill_mode = ILL_SKIP;

    printf("registers: raise loop %d signals, mismatches %d; illegal-instruction loop %d signals, mismatches %d; "
           "rounding mode still nearest %s, handler's DIVBYZERO leaked %s\n",
           raise_signals, mism_raise, ill_signals, mism_ill, yesno(mode1 && mode2), yesno(flag1 || flag2));
    set_disposition(SIGUSR1, SIG_DFL);
    fflush(stdout);
}

/* ================= 6. sigaltstack ================= */
static char alt_main[65536];
static volatile int on_alt, ss_onstack, change_eperm, nested_on_alt, nested_below;
static volatile uintptr_t outer_local;

static int in_alt_main(uintptr_t p) { return p >= (uintptr_t)alt_main && p < (uintptr_t)alt_main + sizeof alt_main; }

static void inner_alt_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    volatile char local = 0;
    uintptr_t p = (uintptr_t)&local;
    nested_on_alt = in_alt_main(p);
    nested_below = p < outer_local;
}

static void alt_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    volatile char local = 0;
    uintptr_t p = (uintptr_t)&local;
    outer_local = p;
    on_alt = in_alt_main(p);
    stack_t cur;
    ss_onstack = sigaltstack(NULL, &cur) == 0 && (cur.ss_flags & SS_ONSTACK) != 0;
    stack_t other;
    other.ss_sp = alt_main;
    other.ss_size = 4096 * 4;
    other.ss_flags = 0;
    errno = 0;
    change_eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
    raise(SIGUSR1);
}

static void plain_local_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    volatile char local = 0;
    on_alt = in_alt_main((uintptr_t)&local);
}

static char alt_thread_stack[65536];
static sigjmp_buf overflow_env;
static volatile int overflow_on_alt, thread_started_disabled;
static volatile unsigned long overflow_depth;

static void overflow_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    volatile char local = 0;
    uintptr_t p = (uintptr_t)&local;
    overflow_on_alt = p >= (uintptr_t)alt_thread_stack && p < (uintptr_t)alt_thread_stack + sizeof alt_thread_stack;
    siglongjmp(overflow_env, 1);
}

__attribute__((noinline)) static unsigned long recurse(unsigned long n) {
    volatile char pad[128];
    if (n == (unsigned long)-1) {
        return 0; /* never: only so that gcc does not see an infinite recursion */
    }
    pad[n & 127] = (char)n;
    overflow_depth = n;
    return recurse(n + 1) + pad[(n * 7) & 127];
}

static void *overflow_thread(void *arg) {
    (void)arg;
    stack_t ss;
    thread_started_disabled = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_DISABLE) != 0;
    ss.ss_sp = alt_thread_stack;
    ss.ss_size = sizeof alt_thread_stack;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL) != 0) {
        return (void *)0;
    }
    if (sigsetjmp(overflow_env, 1) == 0) {
        recurse(0);
        return (void *)0;
    }
    return (void *)1;
}

static void set_alt(void *sp, size_t size, int flags) {
    stack_t ss;
    ss.ss_sp = sp;
    ss.ss_size = size;
    ss.ss_flags = flags;
    check(sigaltstack(&ss, NULL) == 0, "sigaltstack");
}

static void part_altstack(void) {
    set_alt(alt_main, sizeof alt_main, 0);
    install(SIGUSR2, alt_handler, SA_ONSTACK);
    install(SIGUSR1, inner_alt_handler, SA_ONSTACK);
    raise(SIGUSR2);
    volatile char local = 0;
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack: handler on it %s, SS_ONSTACK inside %s, not outside %s, change inside EPERM %s, nested handler "
           "on it %s below the first %s;",
           yesno(on_alt), yesno(ss_onstack), yesno(!in_alt_main((uintptr_t)&local) && !(cur.ss_flags & SS_ONSTACK)),
           yesno(change_eperm), yesno(nested_on_alt), yesno(nested_below));

    install(SIGUSR1, plain_local_handler, 0);
    on_alt = -1;
    raise(SIGUSR1);
    printf(" without SA_ONSTACK on it %s;", yesno(on_alt == 1));
    install(SIGUSR1, plain_local_handler, SA_ONSTACK);
    set_alt(NULL, 0, SS_DISABLE);
    on_alt = -1;
    raise(SIGUSR1);
    sigaltstack(NULL, &cur);
    printf(" SS_DISABLE reported %s, SA_ONSTACK handler on it %s;", yesno((cur.ss_flags & SS_DISABLE) != 0),
           yesno(on_alt == 1));
    stack_t tiny;
    tiny.ss_sp = alt_main;
    tiny.ss_size = 1024;
    tiny.ss_flags = 0;
    errno = 0;
    int enomem = sigaltstack(&tiny, NULL) == -1 && errno == ENOMEM;
    printf(" 1 KiB stack ENOMEM %s;", yesno(enomem));

    set_alt(alt_main, sizeof alt_main, 0);
    install(SIGSEGV, overflow_handler, SA_ONSTACK);
    pthread_attr_t attr;
    check(pthread_attr_init(&attr) == 0, "pthread_attr_init");
    check(pthread_attr_setstacksize(&attr, 64 * 1024) == 0, "pthread_attr_setstacksize");
    pthread_t th;
    check(pthread_create(&th, &attr, overflow_thread, NULL) == 0, "pthread_create");
    pthread_attr_destroy(&attr);
    void *ret = NULL;
    check(pthread_join(th, &ret) == 0, "pthread_join");
    sigaltstack(NULL, &cur);
    printf(" thread starts with SS_DISABLE %s, its stack overflow caught %s on its alternate stack %s, recursion "
           "deeper than 50 %s, main thread's alternate stack unchanged %s\n",
           yesno(thread_started_disabled), yesno(ret == (void *)1), yesno(overflow_on_alt), yesno(overflow_depth > 50),
           yesno(cur.ss_sp == (void *)alt_main && cur.ss_size == sizeof alt_main && cur.ss_flags == 0));
    set_alt(NULL, 0, SS_DISABLE);
    set_disposition(SIGSEGV, SIG_DFL);
    set_disposition(SIGUSR1, SIG_DFL);
    set_disposition(SIGUSR2, SIG_DFL);
    fflush(stdout);
}

/* ================= 7. breakpoints, __builtin_trap, abort ================= */
static volatile sig_atomic_t trap_count;
static volatile uintptr_t trap_pc;
static volatile int trap_signo_ok;

static void trap_handler(int sig, siginfo_t *si, void *uc) {
    trap_count++;
    trap_signo_ok = sig == SIGTRAP && si->si_signo == SIGTRAP;
    trap_pc = PC_OF(uc);
    PC_OF(uc) += breakpoint_skip(trap_pc);
}

static void jump_handler(int sig, siginfo_t *si, void *uc) {
    (void)si;
    (void)uc;
    siglongjmp(trap_env, sig);
}

static volatile int abort_code;
static void abort_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    abort_code = si->si_code;
    siglongjmp(trap_env, sig);
}

static void part_trap(void) {
    install(SIGTRAP, trap_handler, 0);
    trap_count = 0;
    uintptr_t expect = breakpoint_here();
    int pc1 = trap_pc == expect, sig1 = trap_signo_ok;
    expect = breakpoint2_here();
    int pc2 = trap_pc == expect, sig2 = trap_signo_ok;
    printf("trap: breakpoint SIGTRAP %s saved pc %s; second breakpoint form SIGTRAP %s saved pc %s; resumed after "
           "both %s;",
           yesno(sig1), yesno(pc1), yesno(sig2), yesno(pc2), yesno(trap_count == 2));

    install(SIGTRAP, jump_handler, 0);
    install(SIGILL, jump_handler, 0);
    int got = sigsetjmp(trap_env, 1);
    if (got == 0) {
        __builtin_trap();
    }
    printf(" __builtin_trap caught with siglongjmp %s, signals unblocked after %s;",
           yesno(got == SIGTRAP || got == SIGILL), yesno(!blocked_now(SIGTRAP) && !blocked_now(SIGILL)));
    set_disposition(SIGTRAP, SIG_DFL);
    set_disposition(SIGILL, SIG_DFL);

    install(SIGABRT, abort_handler, 0);
    got = sigsetjmp(trap_env, 1);
    if (got == 0) {
        abort();
    }
    printf(" abort() caught: %s %s, SIGABRT unblocked after %s\n", got == SIGABRT ? "SIGABRT" : "other",
           code_name(abort_code), yesno(!blocked_now(SIGABRT)));
    set_disposition(SIGABRT, SIG_DFL);
    fflush(stdout);
}

int main(void) {
    part_siginfo();
    part_mask();
    part_segv();
    part_ucontext();
    part_registers();
    part_altstack();
    part_trap();
    return 0;
}
