package dbt.frontend;

/**
 * The host system calls the guest window needs: {@code mmap} to reserve it, {@code mprotect} to mirror the guest's
 * page protection, {@code madvise(MADV_DONTNEED)} to give pages back (they read as zero afterwards), {@code munmap}
 * to release it. Raw calls through {@link HostSyscall}.
 *
 * <p>Invariant: every call here operates on memory this process reserved for a guest window; nothing else.
 */
final class HostVirtualMemory {
    static final int MADV_DONTNEED = 4;

    private HostVirtualMemory() {
    }

    /** Reserves {@code length} bytes of private, lazily committed memory, inaccessible until {@link #protect}ed. */
    static long reserve(long length) {
        try {
            return HostSyscall.mmap(length, HostSyscall.PROT_NONE,
                    HostSyscall.MAP_PRIVATE | HostSyscall.MAP_ANONYMOUS | HostSyscall.MAP_NORESERVE, -1);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot reserve " + (length >> 20) + " MiB for the guest address space ("
                    + e.getMessage() + ")");
        }
    }

    /** Sets the host protection of [address, address+length) (page-aligned) to prot ({@code PROT_*} bits). */
    static void protect(long address, long length, int prot) {
        check(HostSyscall.call(HostSyscall.MPROTECT, address, length, prot, 0, 0, 0), "mprotect");
    }

    /** Drops the pages of [address, address+length): they keep their protection and read as zero. */
    static void discard(long address, long length) {
        check(HostSyscall.call(HostSyscall.MADVISE, address, length, MADV_DONTNEED, 0, 0, 0), "madvise");
    }

    static void release(long address, long length) {
        check(HostSyscall.call(HostSyscall.MUNMAP, address, length, 0, 0, 0, 0), "munmap");
    }

    private static void check(long result, String call) {
        if (result != 0) {
            throw new IllegalStateException("host " + call + " failed (errno " + -result + ")");
        }
    }
}
