package dbt.runtime.linux;

import static dbt.runtime.linux.LinuxSyscallTable.*;

import dbt.frontend.GuestMemory;
import dbt.ir.GuestFault;
import java.io.PrintStream;
import java.util.Map;

/**
 * The {@code --strace} output, in the format of {@code qemu -strace}: {@code pid name(args) = result}, with paths
 * shown as strings, open and mmap flags symbolically, and failures as {@code -1 errno=N (message)}. The call is
 * printed (and flushed) before it runs, so its own output and anything it blocks on appear in order; the result
 * follows on the same line.
 *
 * <p>Each call's arguments are described by a signature string, one letter per argument: {@code d} int, {@code l}
 * long, {@code u} unsigned, {@code x} hex/pointer, {@code s} path string, {@code F} directory fd, {@code o} open
 * flags, {@code m} octal mode, {@code p} mmap protection, {@code M} mmap flags. Calls without one print six hex words.
 */
final class SyscallTracer {
    private static final Map<Integer, String> SIGNATURES = Map.ofEntries(
            Map.entry(SYS_GETCWD, "xu"), Map.entry(SYS_DUP, "d"), Map.entry(SYS_DUP3, "ddo"),
            Map.entry(SYS_FCNTL, "ddx"), Map.entry(SYS_IOCTL, "dxx"), Map.entry(SYS_MKDIRAT, "Fsm"),
            Map.entry(SYS_UNLINKAT, "Fsx"), Map.entry(SYS_FTRUNCATE, "dl"), Map.entry(SYS_FACCESSAT, "Fsd"),
            Map.entry(SYS_FACCESSAT2, "Fsdx"), Map.entry(SYS_CHDIR, "s"), Map.entry(SYS_FCHDIR, "d"),
            Map.entry(SYS_OPENAT, "Fsom"), Map.entry(SYS_CLOSE, "d"), Map.entry(SYS_PIPE2, "xo"),
            Map.entry(SYS_GETDENTS64, "dxu"), Map.entry(SYS_LSEEK, "dld"), Map.entry(SYS_READ, "dxu"),
            Map.entry(SYS_WRITE, "dxu"), Map.entry(SYS_READV, "dxd"), Map.entry(SYS_WRITEV, "dxd"),
            Map.entry(SYS_PREAD64, "dxul"), Map.entry(SYS_PWRITE64, "dxul"), Map.entry(SYS_READLINKAT, "Fsxu"),
            Map.entry(SYS_NEWFSTATAT, "Fsxx"), Map.entry(SYS_FSTAT, "dx"), Map.entry(SYS_STATX, "Fsxxx"),
            Map.entry(SYS_EXIT, "d"), Map.entry(SYS_EXIT_GROUP, "d"), Map.entry(SYS_SET_TID_ADDRESS, "x"),
            Map.entry(SYS_FUTEX, "xddxxd"), Map.entry(SYS_SET_ROBUST_LIST, "xu"), Map.entry(SYS_NANOSLEEP, "xx"),
            Map.entry(SYS_CLOCK_GETTIME, "dx"), Map.entry(SYS_CLOCK_GETRES, "dx"),
            Map.entry(SYS_CLOCK_NANOSLEEP, "ddxx"), Map.entry(SYS_SCHED_YIELD, ""), Map.entry(SYS_KILL, "dd"),
            Map.entry(SYS_TKILL, "dd"), Map.entry(SYS_TGKILL, "ddd"), Map.entry(SYS_SIGALTSTACK, "xx"),
            Map.entry(SYS_RT_SIGACTION, "dxxu"), Map.entry(SYS_RT_SIGPROCMASK, "dxxu"), Map.entry(SYS_TIMES, "x"),
            Map.entry(SYS_UNAME, "x"), Map.entry(SYS_GETRLIMIT, "dx"), Map.entry(SYS_SETRLIMIT, "dx"),
            Map.entry(SYS_GETRUSAGE, "dx"), Map.entry(SYS_UMASK, "m"), Map.entry(SYS_GETTIMEOFDAY, "xx"),
            Map.entry(SYS_GETPID, ""), Map.entry(SYS_GETPPID, ""), Map.entry(SYS_GETUID, ""),
            Map.entry(SYS_GETEUID, ""), Map.entry(SYS_GETGID, ""), Map.entry(SYS_GETEGID, ""),
            Map.entry(SYS_GETTID, ""), Map.entry(SYS_SYSINFO, "x"), Map.entry(SYS_BRK, "x"),
            Map.entry(SYS_MUNMAP, "xu"), Map.entry(SYS_MREMAP, "xuuxx"), Map.entry(SYS_MMAP, "xupMdl"),
            Map.entry(SYS_MPROTECT, "xup"), Map.entry(SYS_MADVISE, "xud"), Map.entry(SYS_MSYNC, "xux"),
            Map.entry(SYS_MINCORE, "xux"), Map.entry(SYS_MLOCK, "xu"), Map.entry(SYS_MUNLOCK, "xu"), Map.entry(SYS_PRLIMIT64, "ddxx"),
            Map.entry(SYS_RENAMEAT2, "FsFsx"), Map.entry(SYS_GETRANDOM, "xux"), Map.entry(SYS_MEMFD_CREATE, "sx"),
            Map.entry(SYS_RSEQ, "xudx"), Map.entry(SYS_SOCKET, "ddd"), Map.entry(SYS_SOCKETPAIR, "dddx"),
            Map.entry(SYS_BIND, "dxu"), Map.entry(SYS_LISTEN, "dd"), Map.entry(SYS_ACCEPT, "dxx"),
            Map.entry(SYS_ACCEPT4, "dxxx"), Map.entry(SYS_CONNECT, "dxu"), Map.entry(SYS_GETSOCKNAME, "dxx"),
            Map.entry(SYS_GETPEERNAME, "dxx"), Map.entry(SYS_SENDTO, "dxuxxu"), Map.entry(SYS_RECVFROM, "dxuxxx"),
            Map.entry(SYS_SETSOCKOPT, "dddxu"), Map.entry(SYS_GETSOCKOPT, "dddxx"), Map.entry(SYS_SHUTDOWN, "dd"),
            Map.entry(SYS_SENDMSG, "dxx"), Map.entry(SYS_RECVMSG, "dxx"), Map.entry(SYS_EPOLL_CREATE1, "x"),
            Map.entry(SYS_EPOLL_CTL, "dddx"), Map.entry(SYS_EPOLL_PWAIT, "dxddxu"),
            Map.entry(SYS_EPOLL_PWAIT2, "dxdxxu"), Map.entry(SYS_EVENTFD2, "ux"),
            Map.entry(SYS_TIMERFD_CREATE, "dx"), Map.entry(SYS_TIMERFD_SETTIME, "dxxx"),
            Map.entry(SYS_TIMERFD_GETTIME, "dx"), Map.entry(SYS_PSELECT6, "dxxxxx"), Map.entry(SYS_SENDFILE, "ddxu"),
            Map.entry(SYS_COPY_FILE_RANGE, "dxdxux"), Map.entry(SYS_SPLICE, "dxdxux"), Map.entry(SYS_FSYNC, "d"),
            Map.entry(SYS_FDATASYNC, "d"), Map.entry(SYS_SYNCFS, "d"), Map.entry(SYS_SYNC, ""),
            Map.entry(SYS_FADVISE64, "dlld"), Map.entry(SYS_FALLOCATE, "ddll"), Map.entry(SYS_FLOCK, "dd"),
            Map.entry(SYS_FCHMOD, "dm"), Map.entry(SYS_FCHOWN, "ddd"), Map.entry(SYS_FCHMODAT, "Fsm"),
            Map.entry(SYS_FCHOWNAT, "Fsddx"), Map.entry(SYS_SYMLINKAT, "sFs"), Map.entry(SYS_LINKAT, "FsFsx"),
            Map.entry(SYS_UTIMENSAT, "Fsxx"), Map.entry(SYS_STATFS, "sx"), Map.entry(SYS_FSTATFS, "dx"),
            Map.entry(SYS_TRUNCATE, "sl"), Map.entry(SYS_PREADV, "dxdl"), Map.entry(SYS_PWRITEV, "dxdl"),
            Map.entry(SYS_PRCTL, "dxxxx"), Map.entry(SYS_GETRESUID, "xxx"), Map.entry(SYS_GETRESGID, "xxx"),
            Map.entry(SYS_GETGROUPS, "dx"), Map.entry(SYS_GETPRIORITY, "dd"), Map.entry(SYS_SETPRIORITY, "ddd"),
            Map.entry(SYS_MEMBARRIER, "ddd"), Map.entry(SYS_RISCV_HWPROBE, "xuuxu"));

    private static final long[] OPEN_BITS = {0100, 0200, 0400, 01000, 02000, 04000, 010000, 040000, 0100000,
        0200000, 0400000, 01000000, 02000000, 010000000};
    private static final String[] OPEN_NAMES = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND",
        "O_NONBLOCK", "O_DSYNC", "O_DIRECT", "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC",
        "O_PATH"};
    private static final long[] PROT_BITS = {1, 2, 4};
    private static final String[] PROT_NAMES = {"PROT_READ", "PROT_WRITE", "PROT_EXEC"};
    private static final long[] MAP_BITS = {0x10, 0x20, 0x100, 0x800, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000,
        0x20000, 0x40000, 0x100000};
    private static final String[] MAP_NAMES = {"MAP_FIXED", "MAP_ANONYMOUS", "MAP_GROWSDOWN", "MAP_DENYWRITE",
        "MAP_EXECUTABLE", "MAP_LOCKED", "MAP_NORESERVE", "MAP_POPULATE", "MAP_NONBLOCK", "MAP_STACK",
        "MAP_HUGETLB", "MAP_FIXED_NOREPLACE"};

    private final PrintStream out;
    private final GuestMemory memory;
    private final long pid;

    SyscallTracer(PrintStream out, GuestMemory memory, long pid) {
        this.out = out;
        this.memory = memory;
        this.pid = pid;
    }

    void enter(long number, long[] args) {
        StringBuilder sb = new StringBuilder().append(pid).append(' ').append(syscallName(number)).append('(');
        String signature = number == (int) number ? SIGNATURES.getOrDefault((int) number, "xxxxxx") : "xxxxxx";
        for (int i = 0; i < signature.length(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            argument(sb, signature.charAt(i), args[i]);
        }
        sb.append(')');
        if (number == SYS_EXIT || number == SYS_EXIT_GROUP) {
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }

    void exit(long number, long result) {
        if (Errno.isError(result)) {
            int errno = (int) -result;
            out.println(" = -1 errno=" + errno + " (" + Errno.message(errno) + ")");
        } else if (number == SYS_MMAP || number == SYS_BRK || number == SYS_MREMAP) {
            out.println(" = 0x" + Long.toHexString(result));
        } else {
            out.println(" = " + result);
        }
        out.flush();
    }

    /** The call ended the guest instead of returning (a fatal signal), as strace shows it. */
    void ended() {
        out.println(" = ?");
        out.flush();
    }

    private void argument(StringBuilder sb, char kind, long value) {
        switch (kind) {
            case 'd' -> sb.append((int) value);
            case 'l' -> sb.append(value);
            case 'u' -> sb.append(Long.toUnsignedString(value));
            case 'm' -> sb.append('0').append(Long.toOctalString(value & 07777));
            case 'F' -> sb.append((int) value == -100 ? "AT_FDCWD" : String.valueOf((int) value));
            case 's' -> string(sb, value);
            case 'o' -> {
                String mode = switch ((int) value & 3) {
                    case 0 -> "O_RDONLY";
                    case 1 -> "O_WRONLY";
                    case 2 -> "O_RDWR";
                    default -> "O_ACCMODE";
                };
                sb.append(mode);
                flags(sb.append('|'), value & ~3L, OPEN_BITS, OPEN_NAMES, "");
                if (sb.charAt(sb.length() - 1) == '|') {
                    sb.setLength(sb.length() - 1);
                }
            }
            case 'p' -> flags(sb, value, PROT_BITS, PROT_NAMES, "PROT_NONE");
            case 'M' -> {
                String type = switch ((int) value & 0xF) {
                    case 1 -> "MAP_SHARED";
                    case 2 -> "MAP_PRIVATE";
                    case 3 -> "MAP_SHARED_VALIDATE";
                    default -> "0x" + Long.toHexString(value & 0xF);
                };
                sb.append(type);
                if ((value & ~0xFL) != 0) {
                    flags(sb.append('|'), value & ~0xFL, MAP_BITS, MAP_NAMES, "");
                }
            }
            default -> sb.append(value == 0 ? "NULL" : "0x" + Long.toHexString(value));
        }
    }

    private static void flags(StringBuilder sb, long value, long[] bits, String[] names, String none) {
        if (value == 0) {
            sb.append(none);
            return;
        }
        long rest = value;
        boolean first = true;
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                sb.append(first ? "" : "|").append(names[i]);
                rest &= ~bits[i];
                first = false;
            }
        }
        if (rest != 0) {
            sb.append(first ? "" : "|").append("0x").append(Long.toHexString(rest));
        }
    }

    private void string(StringBuilder sb, long address) {
        String s;
        try {
            s = memory.readCString(address, 256);
        } catch (GuestFault f) {
            sb.append("0x").append(Long.toHexString(address));
            return;
        }
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\%03o", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
