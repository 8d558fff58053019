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
    static final int SENDFILE = 40;
    static final int SOCKET = 41;
    static final int CONNECT = 42;
    static final int ACCEPT = 43;
    static final int SENDTO = 44;
    static final int RECVFROM = 45;
    static final int SENDMSG = 46;
    static final int RECVMSG = 47;
    static final int SHUTDOWN = 48;
    static final int BIND = 49;
    static final int LISTEN = 50;
    static final int GETSOCKNAME = 51;
    static final int GETPEERNAME = 52;
    static final int SOCKETPAIR = 53;
    static final int SETSOCKOPT = 54;
    static final int GETSOCKOPT = 55;
    static final int FLOCK = 73;
    static final int FSYNC = 74;
    static final int FDATASYNC = 75;
    static final int TRUNCATE = 76;
    static final int FCHMOD = 91;
    static final int FCHOWN = 93;
    static final int GETGROUPS = 115;
    static final int GETRESUID = 118;
    static final int GETRESGID = 120;
    static final int STATFS = 137;
    static final int FSTATFS = 138;
    static final int GETPRIORITY = 140;
    static final int SETPRIORITY = 141;
    static final int PRCTL = 157;
    static final int SYNC = 162;
    static final int FADVISE64 = 221;
    static final int EPOLL_CTL = 233;
    static final int FCHOWNAT = 260;
    static final int LINKAT = 265;
    static final int SYMLINKAT = 266;
    static final int FCHMODAT = 268;
    static final int PSELECT6 = 270;
    static final int SPLICE = 275;
    static final int UTIMENSAT = 280;
    static final int EPOLL_PWAIT = 281;
    static final int TIMERFD_CREATE = 283;
    static final int FALLOCATE = 285;
    static final int TIMERFD_SETTIME = 286;
    static final int TIMERFD_GETTIME = 287;
    static final int ACCEPT4 = 288;
    static final int EVENTFD2 = 290;
    static final int EPOLL_CREATE1 = 291;
    static final int PREADV = 295;
    static final int PWRITEV = 296;
    static final int SYNCFS = 306;
    static final int MEMBARRIER = 324;
    static final int COPY_FILE_RANGE = 326;
    static final int EPOLL_PWAIT2 = 441;

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
