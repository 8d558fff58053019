/*
 * libdbthost: dbt's two ways out of Java into the host, as JNI native methods.
 *
 *   HostSyscall.call(number, a..f)   a raw x86-64 Linux system call; the kernel's result: a value or -errno
 *   HostCode.call(code, a, b, c, d)  calls the machine code at code with four arguments (SysV), returns rax
 *
 * JNI and not an FFM downcall: on a cold JVM, creating the first FFM downcall handle costs about 25 ms (the
 * linker spins classes for it); loading this library and linking both methods costs under 1 ms, and a call is a
 * plain native call. No libc (built with -nostdlib): the system call is the instruction itself, so errno is never
 * involved and the result already carries the error.
 */

typedef long jlong;

jlong Java_dbt_frontend_HostSyscall_call(void *env, void *cls, jlong number, jlong a, jlong b, jlong c, jlong d,
        jlong e, jlong f) {
    (void) env;
    (void) cls;
    jlong result;
    register jlong r10 __asm__("r10") = d;
    register jlong r8 __asm__("r8") = e;
    register jlong r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
            : "=a"(result)
            : "a"(number), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
            : "rcx", "r11", "memory");
    return result;
}

jlong Java_dbt_frontend_HostCode_call(void *env, void *cls, jlong code, jlong a, jlong b, jlong c, jlong d) {
    (void) env;
    (void) cls;
    return ((jlong (*)(jlong, jlong, jlong, jlong)) code)(a, b, c, d);
}

/*
 * HostProcess.spawn / HostProcess.exec: start a program with the guest's view of its descriptors and signals.
 *
 * A block of 8-byte words, laid out by HostProcess.java, describes the new program:
 *   [0] path, [1] argv, [2] envp (C pointers), [3] n: descriptors 0..n-1 are given, [4] the signal mask to run with,
 *   [5] the signals to leave ignored (bit s-1 for signal s; every other signal goes back to its default),
 *   [6] out: 0, or -errno when execve failed in the child,
 *   [8 .. 8+n) the host descriptor to become descriptor i (or -1: closed), [8+n .. 8+2n) scratch,
 *   then 64 words of scratch for sigaction and the saved mask.
 * Between the vfork and the execve the child shares the parent's memory and stack, as posix_spawn's child does: it
 * only makes system calls, writes nothing but the block, and ends in execve or exit_group. The parent's signals
 * are blocked meanwhile, so that no handler of the JVM's runs in the child.
 */

#define SYS_close 3
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_dup2 33
#define SYS_vfork 58
#define SYS_execve 59
#define SYS_wait4 61
#define SYS_fcntl 72
#define SYS_exit_group 231
#define SYS_close_range 436
#define F_DUPFD 0

static inline jlong sys(jlong n, jlong a, jlong b, jlong c, jlong d) {
    jlong result;
    register jlong r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(result) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return result;
}

/* The child's half (also exec's): descriptors, signals, mask, execve. Returns only if execve failed. */
static inline jlong become(jlong *block) {
    jlong n = block[3];
    jlong *map = block + 8;
    jlong *moved = block + 8 + n;
    jlong *act = block + 8 + 2 * n; /* handler, flags, restorer, mask */
    for (jlong i = 0; i < n; i++) { /* out of the way first: a source may be another descriptor's target */
        moved[i] = map[i] < 0 ? -1 : sys(SYS_fcntl, map[i], F_DUPFD, n > 3 ? n : 3, 0);
    }
    for (jlong i = 0; i < n; i++) {
        if (moved[i] >= 0) {
            sys(SYS_dup2, moved[i], i, 0, 0);
        } else {
            sys(SYS_close, i, 0, 0, 0);
        }
    }
    sys(SYS_close_range, n, ~0U, 0, 0);
    for (jlong s = 1; s <= 64; s++) {
        act[0] = (block[5] >> (s - 1)) & 1; /* SIG_IGN or SIG_DFL */
        act[1] = 0;
        act[2] = 0;
        act[3] = 0;
        sys(SYS_rt_sigaction, s, (jlong) act, 0, 8);
    }
    sys(SYS_rt_sigprocmask, 2, (jlong) (block + 4), 0, 8);
    return sys(SYS_execve, block[0], block[1], block[2], 0);
}

jlong Java_dbt_frontend_HostProcess_spawn(void *env, void *cls, jlong address) {
    (void) env;
    (void) cls;
    jlong *block = (jlong *) address;
    jlong *saved = block + 8 + 2 * block[3] + 8;
    jlong all = -1;
    block[6] = 0;
    sys(SYS_rt_sigprocmask, 2, (jlong) &all, (jlong) saved, 8);
    jlong pid = sys(SYS_vfork, 0, 0, 0, 0);
    if (pid == 0) {
        block[6] = become(block);
        sys(SYS_exit_group, 127, 0, 0, 0);
    }
    sys(SYS_rt_sigprocmask, 2, (jlong) saved, 0, 8);
    if (pid > 0 && block[6] != 0) { /* the child could not execve and has exited: reap it */
        sys(SYS_wait4, pid, 0, 0, 0);
        return block[6];
    }
    return pid;
}

jlong Java_dbt_frontend_HostProcess_exec(void *env, void *cls, jlong address) {
    (void) env;
    (void) cls;
    jlong *block = (jlong *) address;
    jlong all = -1;
    sys(SYS_rt_sigprocmask, 2, (jlong) &all, 0, 8);
    return become(block); /* only on failure, with the descriptors already rearranged */
}
