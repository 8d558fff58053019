package dbt.runtime.linux;

import dbt.frontend.HostSyscall;

/**
 * Raw system calls on the host, an x86-64 Linux kernel, for the guest's system calls (through {@link HostSyscall},
 * the system-call instruction itself). Results follow the kernel's convention: a value, or {@code -errno}. This is the only place
 * that knows the numbers of the host system calls that serve guest ones. Raw calls rather than libc wrappers,
 * because the guest asked the kernel, not libc: e.g. raw {@code getcwd} returns a length and raw {@code fstat} fills
 * the kernel's {@code struct stat}.
 */
final class HostSyscalls {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int CLOSE = HostSyscall.CLOSE;
    static final int FSTAT = 5;
    static final int LSEEK = 8;
    static final int IOCTL = 16;
    static final int PREAD64 = 17;
    static final int PWRITE64 = 18;
    static final int READV = 19;
    static final int WRITEV = 20;
    static final int SCHED_YIELD = 24;
    static final int NANOSLEEP = 35;
    static final int GETPID = 39;
    static final int KILL = 62;
    static final int UNAME = 63;
    static final int FCNTL = 72;
    static final int FTRUNCATE = HostSyscall.FTRUNCATE;
    static final int GETCWD = 79;
    static final int CHDIR = 80;
    static final int FCHDIR = 81;
    static final int UMASK = 95;
    static final int GETTIMEOFDAY = 96;
    static final int GETRUSAGE = 98;
    static final int SYSINFO = 99;
    static final int TIMES = 100;
    static final int GETUID = 102;
    static final int GETGID = 104;
    static final int GETEUID = 107;
    static final int GETEGID = 108;
    static final int GETPPID = 110;
    static final int WAIT4 = 61;
    static final int SETPGID = 109;
    static final int SETSID = 112;
    static final int GETPGID = 121;
    static final int GETSID = 124;
    static final int GETTID = 186;
    static final int WAITID = 247;
    static final int TKILL = 200;
    static final int FUTEX = 202;
    static final int SCHED_SETAFFINITY = 203;
    static final int SCHED_GETAFFINITY = 204;
    static final int GETDENTS64 = 217;
    static final int CLOCK_GETTIME = 228;
    static final int CLOCK_GETRES = 229;
    static final int CLOCK_NANOSLEEP = 230;
    static final int OPENAT = 257;
    static final int MKDIRAT = 258;
    static final int NEWFSTATAT = 262;
    static final int UNLINKAT = 263;
    static final int READLINKAT = 267;
    static final int FACCESSAT = 269;
    static final int PPOLL = 271;
    static final int PIPE2 = 293;
    static final int PRLIMIT64 = 302;
    static final int RENAMEAT2 = 316;
    static final int GETRANDOM = 318;
    static final int MEMFD_CREATE = HostSyscall.MEMFD_CREATE;
    static final int STATX = 332;
    static final int FACCESSAT2 = 439;

    /** Whether the calling guest thread has a signal to take (then an interrupted call returns EINTR). */
    private final java.util.function.BooleanSupplier signalPending;

    HostSyscalls(java.util.function.BooleanSupplier signalPending) {
        this.signalPending = signalPending;
    }

    /**
     * Makes the call. An interrupted call returns EINTR when the guest thread has a signal to take ({@link
     * HostWakeup} interrupted it); otherwise the interruption was aimed at the JVM, which the guest must not see,
     * and the call is made again.
     */
    long call(int number, long a, long b, long c, long d, long e, long f) {
        while (true) {
            long result = HostSyscall.call(number, a, b, c, d, e, f);
            if (result != -Errno.EINTR || signalPending.getAsBoolean()) {
                return result;
            }
        }
    }

    long call(int number) {
        return call(number, 0, 0, 0, 0, 0, 0);
    }

    long call(int number, long a) {
        return call(number, a, 0, 0, 0, 0, 0);
    }

    long call(int number, long a, long b) {
        return call(number, a, b, 0, 0, 0, 0);
    }

    long call(int number, long a, long b, long c) {
        return call(number, a, b, c, 0, 0, 0);
    }

    long call(int number, long a, long b, long c, long d) {
        return call(number, a, b, c, d, 0, 0);
    }

    long call(int number, long a, long b, long c, long d, long e) {
        return call(number, a, b, c, d, e, 0);
    }
}
