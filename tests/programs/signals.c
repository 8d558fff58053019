/* signals.c: POSIX signals as real programs use them. One line per part:
 *   siginfo    SA_SIGINFO handler reading si_signo/si_code/si_pid/si_value for
 *              sigqueue (SI_QUEUE), kill (SI_USER), raise and pthread_kill of
 *              self (SI_TKILL);
 *   mask       sigprocmask blocking, sigpending, unblocking delivers once (a
 *              standard signal raised twice is one), a real-time signal queued
 *              three times is delivered three times in order with its values;
 *   wait       sigtimedwait takes a blocked queued signal with its value
 *              without running the handler, and times out with EAGAIN;
 *   suspend    sigsuspend woken by a one-shot ITIMER_REAL SIGALRM, mask restored;
 *   busy       an ITIMER_REAL SIGALRM interrupting a tight loop that spins on a
 *              volatile flag (only "interrupted" is printed, not the count);
 *   registers  a long computation with many live integer and double values,
 *              repeated while an interval timer delivers SIGALRM every 1 ms; the
 *              handler computes with many registers, switches the rounding
 *              mode to upward and raises FE_DIVBYZERO; every repetition must
 *              match a reference computed before, and neither the rounding
 *              mode nor the flag may leak into the interrupted code;
 *   segv       SIGSEGV from a store through a null pointer recovered with
 *              siglongjmp (si_addr, si_code, mask restored), then a hot loop
 *              storing through a table of 2000 pointers whose element 1000
 *              is null (the last completed store is 999);
 *   altstack   sigaltstack: a handler with SA_ONSTACK runs on the alternate
 *              stack (local's address in range, SS_ONSTACK); a thread with a
 *              256 KiB stack recurses into its guard page and recovers on its
 *              own alternate stack;
 *   flags      SA_RESETHAND (disposition back to SIG_DFL), SA_NODEFER (the
 *              handler's own signal nests) versus the default (deferred);
 *   eintr      read() of an empty pipe interrupted by a SIGALRM from an interval
 *              timer: EINTR without SA_RESTART; with SA_RESTART the read is
 *              restarted and gets the byte the third signal's handler wrote.
 * Everything printed is a yes/no or a count fixed by the program; the output
 * does not depend on timing. */
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
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *yesno(int b) { return b ? "yes" : "no"; }

static void check(int ok, const char *what) {
    if (!ok) {
        printf("FAILED: %s (errno %s)\n", what, strerror(errno));
        fflush(stdout);
        exit(1);
    }
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    check(sigaction(sig, &sa, NULL) == 0, "sigaction");
}

static void set_default(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    check(sigaction(sig, &sa, NULL) == 0, "sigaction default");
}

static void mask(int how, int sig) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    check(sigprocmask(how, &s, NULL) == 0, "sigprocmask");
}

static void timer_ms(int first_ms, int interval_ms) {
    struct itimerval it;
    it.it_value.tv_sec = first_ms / 1000;
    it.it_value.tv_usec = (first_ms % 1000) * 1000;
    it.it_interval.tv_sec = interval_ms / 1000;
    it.it_interval.tv_usec = (interval_ms % 1000) * 1000;
    check(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer");
}

static const char *code_name(int code) {
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case SI_KERNEL: return "SI_KERNEL";
    case SI_TIMER: return "SI_TIMER";
    default: return "other";
    }
}

/* ---------------- siginfo ---------------- */
static volatile sig_atomic_t info_count;
static volatile int info_signo, info_code, info_value, info_pid_ok;

static void info_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    info_count++;
    info_signo = si->si_signo == sig ? sig : -1;
    info_code = si->si_code;
    info_value = si->si_code == SI_QUEUE ? si->si_value.sival_int : 0;
    info_pid_ok = si->si_pid == getpid();
}

static void part_siginfo(void) {
    install(SIGUSR1, info_handler, 0);
    union sigval v;
    v.sival_int = 1234;
    check(sigqueue(getpid(), SIGUSR1, v) == 0, "sigqueue");
    printf("siginfo: sigqueue signo %s code %s value %d pid %s;", info_signo == SIGUSR1 ? "SIGUSR1" : "?",
           code_name(info_code), info_value, yesno(info_pid_ok));
    check(kill(getpid(), SIGUSR1) == 0, "kill");
    printf(" kill %s pid %s;", code_name(info_code), yesno(info_pid_ok));
    check(raise(SIGUSR1) == 0, "raise");
    printf(" raise %s pid %s;", code_name(info_code), yesno(info_pid_ok));
    check(pthread_kill(pthread_self(), SIGUSR1) == 0, "pthread_kill");
    printf(" pthread_kill %s pid %s; handler ran %d times\n", code_name(info_code), yesno(info_pid_ok),
           (int)info_count);
}

/* ---------------- blocking, pending, real-time queueing ---------------- */
static volatile sig_atomic_t rt_count;
static volatile int rt_values[8];

static void rt_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    if (rt_count < 8) {
        rt_values[rt_count] = si->si_value.sival_int;
    }
    rt_count++;
}

static void part_mask(void) {
    info_count = 0;
    mask(SIG_BLOCK, SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    int ran_while_blocked = info_count;
    sigset_t pend;
    sigemptyset(&pend);
    check(sigpending(&pend) == 0, "sigpending");
    int p1 = sigismember(&pend, SIGUSR1), p2 = sigismember(&pend, SIGUSR2);
    mask(SIG_UNBLOCK, SIGUSR1);
    int after = info_count;
    sigemptyset(&pend);
    sigpending(&pend);
    printf("mask: ran while blocked %d, pending USR1 %s USR2 %s, delivered on unblock %d, still pending %s;",
           ran_while_blocked, yesno(p1), yesno(p2), after, yesno(sigismember(&pend, SIGUSR1)));

    install(SIGRTMIN, rt_handler, 0);
    mask(SIG_BLOCK, SIGRTMIN);
    for (int i = 1; i <= 3; i++) {
        union sigval v;
        v.sival_int = i * 11;
        check(sigqueue(getpid(), SIGRTMIN, v) == 0, "sigqueue rt");
    }
    int rt_blocked = rt_count;
    mask(SIG_UNBLOCK, SIGRTMIN);
    printf(" SIGRTMIN queued 3: ran while blocked %d, delivered %d, values %d %d %d\n", rt_blocked, (int)rt_count,
           rt_values[0], rt_values[1], rt_values[2]);
    set_default(SIGRTMIN);
}

/* ---------------- sigtimedwait ---------------- */
static void part_wait(void) {
    install(SIGUSR2, info_handler, 0);
    info_count = 0;
    mask(SIG_BLOCK, SIGUSR2);
    union sigval v;
    v.sival_int = 77;
    check(sigqueue(getpid(), SIGUSR2, v) == 0, "sigqueue usr2");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    struct timespec ts = {1, 0};
    int r = sigtimedwait(&set, &si, &ts);
    int got = r == SIGUSR2 && si.si_signo == SIGUSR2 && si.si_code == SI_QUEUE && si.si_value.sival_int == 77;
    struct timespec shortwait = {0, 10 * 1000 * 1000};
    errno = 0;
    int r2 = sigtimedwait(&set, &si, &shortwait);
    int timed_out = r2 == -1 && errno == EAGAIN;
    mask(SIG_UNBLOCK, SIGUSR2);
    printf("wait: sigtimedwait got SIGUSR2 value %d %s, handler ran %d, empty wait timed out with EAGAIN %s\n",
           si.si_value.sival_int, yesno(got), (int)info_count, yesno(timed_out));
}

/* ---------------- sigsuspend ---------------- */
static volatile sig_atomic_t alrm_count;
static void alrm_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    alrm_count++;
}

static void part_suspend(void) {
    install(SIGALRM, alrm_handler, 0);
    mask(SIG_BLOCK, SIGALRM);
    alrm_count = 0;
    timer_ms(20, 0);
    sigset_t wait_mask;
    check(sigprocmask(SIG_BLOCK, NULL, &wait_mask) == 0, "get mask");
    sigdelset(&wait_mask, SIGALRM);
    errno = 0;
    int r = sigsuspend(&wait_mask);
    int eintr = r == -1 && errno == EINTR;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("suspend: sigsuspend returned EINTR %s, handler ran %d, SIGALRM blocked again %s\n", yesno(eintr),
           (int)alrm_count, yesno(sigismember(&now, SIGALRM)));
    mask(SIG_UNBLOCK, SIGALRM);
}

/* ---------------- busy loop interrupted ---------------- */
static volatile sig_atomic_t stop_flag;
static void stop_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    stop_flag = 1;
}

static void part_busy(void) {
    install(SIGALRM, stop_handler, 0);
    stop_flag = 0;
    unsigned long spins = 0;
    timer_ms(30, 0);
    while (!stop_flag) {
        spins++;
    }
    printf("busy: tight loop interrupted by SIGALRM %s\n", yesno(spins > 0 && stop_flag));
}

/* ---------------- registers intact across handlers ---------------- */
static volatile sig_atomic_t ticks;
static volatile double handler_sink;
static volatile double fp_one = 1.0, fp_zero = 0.0;

static void clobber_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    ticks++;
    /* lots of live values of both kinds, and a different FP environment */
    fesetround(FE_UPWARD);
    handler_sink = fp_one / fp_zero; /* raises FE_DIVBYZERO */
    double d0 = fp_one, d1 = d0 * 1.1, d2 = d1 * 1.3, d3 = d2 + 0.7, d4 = d3 / 3.0, d5 = d4 - d1, d6 = d5 * d5,
           d7 = d6 + d2, d8 = d7 * 0.9, d9 = d8 + d3, d10 = d9 / 7.0, d11 = d10 + d0;
    unsigned long a = (unsigned long)ticks, b = a * 7, c = b ^ 0x55, d = c + a * 3, e = d * d, f = e >> 3, g = f + b,
                  h = g * 11, i = h ^ e, j = i + c;
    for (int k = 0; k < 50; k++) {
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

struct chunk_result {
    unsigned long ix;
    double fx;
};

__attribute__((noinline)) static struct chunk_result chunk(unsigned long seed) {
    unsigned long a = seed, b = seed * 3 + 1, c = seed ^ 0x9e3779b97f4a7c15UL, d = seed * seed, e = ~seed,
                  f = seed >> 3, g = seed << 5, h = seed + 12345, i = seed * 0x100000001b3UL, j = seed ^ 0xabcdef,
                  k = seed * 17, l = seed + 99, m = seed * 5 + 3, n = seed ^ (seed >> 7);
    double x0 = (double)(seed & 1023) / 1024.0, x1 = x0 + 0.5, x2 = x1 * 1.25, x3 = x2 - 0.125, x4 = x3 * x3,
           x5 = x4 + x0, x6 = x5 * 0.75, x7 = x6 + 1.0, x8 = x7 / 3.0, x9 = x8 + x1, x10 = x9 * 0.5, x11 = x10 + x2,
           x12 = x11 * 0.25, x13 = x12 + x3;
    for (int r = 0; r < 20000; r++) {
        a = a * 6364136223846793005UL + b;
        b ^= c >> 7;
        c += d * 3;
        d = (d << 9) | (d >> 55);
        e ^= f + r;
        f = f * 5 + g;
        g += h ^ i;
        h = h * 7 - j;
        i ^= k << 3;
        j += l;
        k = k * 9 + m;
        l ^= n >> 5;
        m += a;
        n = n * 3 + e;
        x0 = x0 * 0.999 + x13 * 0.001;
        x1 = x1 * 0.998 + x0 * 0.002;
        x2 = x2 * 0.997 + x1 * 0.003;
        x3 = x3 + (x2 - x3) / 7.0;
        x4 = x4 * 0.5 + x3 * 0.5;
        x5 = x5 - x4 * 1e-3;
        x6 = x6 + x5 * 1e-3;
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

static void part_registers(void) {
    enum { NREF = 4 };
    struct chunk_result ref[NREF];
    for (int s = 0; s < NREF; s++) {
        ref[s] = chunk((unsigned long)s * 1000003 + 7);
    }
    feclearexcept(FE_ALL_EXCEPT);
    install(SIGALRM, clobber_handler, 0);
    ticks = 0;
    timer_ms(1, 1);
    int mismatches = 0;
    long reps = 0;
    while (ticks < 30 && reps < 100000) {
        int s = (int)(reps % NREF);
        struct chunk_result r = chunk((unsigned long)s * 1000003 + 7);
        mismatches += r.ix != ref[s].ix || r.fx != ref[s].fx;
        reps++;
    }
    timer_ms(0, 0);
    int enough = ticks >= 30;
    int mode_kept = fegetround() == FE_TONEAREST;
    int flag_leaked = fetestexcept(FE_DIVBYZERO) != 0;
    printf("registers: 30 signals during the computation %s, all repetitions matched %s, rounding mode still nearest "
           "%s, handler's DIVBYZERO leaked %s\n",
           yesno(enough), yesno(mismatches == 0), yesno(mode_kept), yesno(flag_leaked));
    set_default(SIGALRM);
}

/* ---------------- SIGSEGV recovery ---------------- */
static sigjmp_buf segv_env;
static volatile int segv_addr_null, segv_maperr;
static int *volatile null_ptr;

static void segv_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    segv_addr_null = si->si_addr == NULL;
    segv_maperr = si->si_code == SEGV_MAPERR;
    siglongjmp(segv_env, 1);
}

static void part_segv(void) {
    install(SIGSEGV, segv_handler, 0);
    int recovered = 0;
    if (sigsetjmp(segv_env, 1) == 0) {
        *null_ptr = 42;
        printf("segv: store through null did not fault\n");
    } else {
        recovered = 1;
    }
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("segv: recovered %s, si_addr == 0 %s, SEGV_MAPERR %s, SIGSEGV unblocked after siglongjmp %s;",
           yesno(recovered), yesno(segv_addr_null), yesno(segv_maperr), yesno(!sigismember(&now, SIGSEGV)));

    static int cells[2000];
    static int *volatile ptrs[2000]; /* volatile: the compiler cannot see the null */
    for (int i = 0; i < 2000; i++) {
        ptrs[i] = i == 1000 ? NULL : &cells[i];
    }
    volatile int reached = -1;
    if (sigsetjmp(segv_env, 1) == 0) {
        for (int i = 0; i < 2000; i++) {
            *(volatile int *)ptrs[i] = i * 3; /* volatile: stays before the store to reached */
            reached = i;
        }
    }
    long sum = 0;
    for (int i = 0; i < 2000; i++) {
        sum += cells[i];
    }
    printf(" hot loop faulted after element %d, sum of stored cells %ld\n", reached, sum);
    set_default(SIGSEGV);
}

/* ---------------- sigaltstack ---------------- */
static char alt_main[65536];
static volatile int on_alt, ss_onstack;

static void alt_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    char local;
    uintptr_t p = (uintptr_t)&local;
    on_alt = p >= (uintptr_t)alt_main && p < (uintptr_t)alt_main + sizeof alt_main;
    stack_t cur;
    ss_onstack = sigaltstack(NULL, &cur) == 0 && (cur.ss_flags & SS_ONSTACK) != 0;
}

static char alt_thread_stack[65536];
static sigjmp_buf overflow_env;
static volatile int overflow_on_alt;
static volatile unsigned long overflow_depth;

static void overflow_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    char local;
    uintptr_t p = (uintptr_t)&local;
    overflow_on_alt = p >= (uintptr_t)alt_thread_stack && p < (uintptr_t)alt_thread_stack + sizeof alt_thread_stack;
    siglongjmp(overflow_env, 1);
}

__attribute__((noinline)) static unsigned long recurse(unsigned long n) {
    volatile char pad[256];
    if (n == (unsigned long)-1) {
        return 0; /* never: only so that gcc does not call the recursion infinite */
    }
    pad[n & 255] = (char)n;
    overflow_depth = n;
    return recurse(n + 1) + pad[(n * 7) & 255];
}

static void *overflow_thread(void *arg) {
    (void)arg;
    stack_t ss;
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

static void part_altstack(void) {
    stack_t ss;
    ss.ss_sp = alt_main;
    ss.ss_size = sizeof alt_main;
    ss.ss_flags = 0;
    check(sigaltstack(&ss, NULL) == 0, "sigaltstack");
    install(SIGUSR2, alt_handler, SA_ONSTACK);
    raise(SIGUSR2);
    char local;
    uintptr_t p = (uintptr_t)&local;
    int main_off_alt = !(p >= (uintptr_t)alt_main && p < (uintptr_t)alt_main + sizeof alt_main);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("altstack: handler on alternate stack %s, SS_ONSTACK inside %s, not after %s;", yesno(on_alt),
           yesno(ss_onstack), yesno(main_off_alt && !(cur.ss_flags & SS_ONSTACK)));

    install(SIGSEGV, overflow_handler, SA_ONSTACK);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t th;
    check(pthread_create(&th, &attr, overflow_thread, NULL) == 0, "pthread_create");
    pthread_attr_destroy(&attr);
    void *ret;
    pthread_join(th, &ret);
    printf(" thread stack overflow caught %s, on the thread's alternate stack %s, deep recursion %s\n",
           yesno(ret == (void *)1), yesno(overflow_on_alt), yesno(overflow_depth > 100));
    set_default(SIGSEGV);
    set_default(SIGUSR2);
}

/* ---------------- SA_RESETHAND, SA_NODEFER ---------------- */
static volatile sig_atomic_t reset_count;
static void reset_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    reset_count++;
}

static char nest_log[16];
static volatile sig_atomic_t nest_len, nest_entries;
static void nest_handler(int sig, siginfo_t *si, void *uc) {
    (void)si;
    (void)uc;
    if (nest_len < 15) {
        nest_log[nest_len++] = '(';
    }
    if (++nest_entries == 1) {
        raise(sig);
    }
    if (nest_len < 15) {
        nest_log[nest_len++] = ')';
    }
}

static void part_flags(void) {
    install(SIGUSR1, reset_handler, SA_RESETHAND);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("flags: SA_RESETHAND ran %d, disposition now SIG_DFL %s;", (int)reset_count,
           yesno(now.sa_handler == SIG_DFL));

    install(SIGUSR2, nest_handler, SA_NODEFER);
    nest_len = nest_entries = 0;
    raise(SIGUSR2);
    nest_log[nest_len] = 0;
    printf(" SA_NODEFER %s,", nest_log);
    install(SIGUSR2, nest_handler, 0);
    nest_len = nest_entries = 0;
    raise(SIGUSR2);
    nest_log[nest_len] = 0;
    printf(" default %s\n", nest_log);
    set_default(SIGUSR2);
}

/* ---------------- EINTR and SA_RESTART ---------------- */
static int pipe_w;
static volatile sig_atomic_t eintr_ticks;
static volatile sig_atomic_t write_on_tick;

static void pipe_alarm(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)si;
    (void)uc;
    int saved = errno;
    if (++eintr_ticks == write_on_tick) {
        char c = 'x';
        if (write(pipe_w, &c, 1) != 1) {
            eintr_ticks = -100;
        }
    }
    errno = saved;
}

static void part_eintr(void) {
    int pfd[2];
    check(pipe(pfd) == 0, "pipe");
    pipe_w = pfd[1];
    char buf[4];

    /* no SA_RESTART, nothing written: some tick interrupts the blocked read */
    install(SIGALRM, pipe_alarm, 0);
    eintr_ticks = 0;
    write_on_tick = -1;
    timer_ms(10, 10);
    errno = 0;
    ssize_t r = read(pfd[0], buf, 1);
    int e = errno;
    timer_ms(0, 0);
    printf("eintr: without SA_RESTART read returned %zd %s;", r, r == -1 && e == EINTR ? "EINTR" : "other");

    /* SA_RESTART: ticks 1 and 2 only interrupt, tick 3 writes a byte */
    install(SIGALRM, pipe_alarm, SA_RESTART);
    eintr_ticks = 0;
    write_on_tick = 3;
    timer_ms(10, 10);
    errno = 0;
    r = read(pfd[0], buf, 1);
    e = errno;
    timer_ms(0, 0);
    printf(" with SA_RESTART read returned %zd byte '%c' after %s ticks\n", r, r == 1 ? buf[0] : '?',
           eintr_ticks >= 3 ? "3 or more" : "fewer than 3");
    set_default(SIGALRM);
    close(pfd[0]);
    close(pfd[1]);
}

int main(void) {
    part_siginfo();
    part_mask();
    part_wait();
    part_suspend();
    part_busy();
    part_registers();
    part_segv();
    part_altstack();
    part_flags();
    part_eintr();
    return 0;
}
