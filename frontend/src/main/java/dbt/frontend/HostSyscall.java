package dbt.frontend;

/**
 * Raw system calls on the host, an x86-64 Linux kernel: the {@code syscall} instruction itself, in
 * {@code libdbthost.so} (see {@link HostLibrary}). The guest window, the code cache, the fault handler and the
 * guest's own system calls all go through it. Results follow the kernel's convention: a value, or {@code -errno}
 * (no errno is involved, so it is thread-safe as it stands).
 */
public final class HostSyscall {
    public static final int CLOSE = 3;
    public static final int MMAP = 9;
    public static final int MPROTECT = 10;
    public static final int MUNMAP = 11;
    public static final int MREMAP = 25;
    public static final int RT_SIGACTION = 13;
    public static final int MADVISE = 28;
    public static final int FTRUNCATE = 77;
    public static final int MEMFD_CREATE = 319;

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_FIXED = 0x10;
    public static final int MREMAP_MAYMOVE = 1;

    static {
        HostLibrary.load();
    }

    private HostSyscall() {}

    /** System call number with six arguments (unused ones 0): its result, or -errno. */
    public static native long call(long number, long a, long b, long c, long d, long e, long f);

    /** {@code mmap(NULL, length, prot, flags, fd, 0)}: the address; a failure is an {@link IllegalStateException}. */
    public static long mmap(long length, int prot, int flags, int fd) {
        long p = call(MMAP, 0, length, prot, flags, fd, 0);
        if (failed(p)) {
            throw new IllegalStateException("mmap of " + length + " bytes failed (errno " + -p + ")");
        }
        return p;
    }

    /** {@code memfd_create(name, MFD_CLOEXEC)}: a descriptor on a fresh anonymous file, or -errno. */
    public static long memfdCreate(String name) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            return call(MEMFD_CREATE, arena.allocateFrom(name).address(), 1 /* MFD_CLOEXEC */, 0, 0, 0, 0);
        }
    }

    /** Private read/write memory from the kernel: zero, and committed only where it is touched. */
    public static long mapZeroed(long length) {
        return mmap(length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1);
    }

    /** Whether a result is an error ({@code -4095..-1}, the kernel's range). */
    public static boolean failed(long result) {
        return result < 0 && result >= -4095;
    }
}
