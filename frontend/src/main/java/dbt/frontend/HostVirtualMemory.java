package dbt.frontend;

/**
 * The host system calls the guest window needs: {@code mmap} to reserve it, to make pages fresh anonymous memory
 * again and to map files into it, {@code mprotect} to mirror the guest's page protection, {@code madvise(MADV_DONTNEED)}
 * to give pages back (they read as zero afterwards, or as the file for a private file mapping), {@code munmap} to
 * release it. Raw calls through {@link HostSyscall}.
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

    /**
     * Makes [address, address+length) fresh anonymous memory, inaccessible until {@link #protect}ed, whatever was
     * mapped there (a file, anonymous pages): it reads as zero.
     */
    static void replaceWithAnonymous(long address, long length) {
        long r = HostSyscall.call(HostSyscall.MMAP, address, length, HostSyscall.PROT_NONE, HostSyscall.MAP_FIXED
                | HostSyscall.MAP_PRIVATE | HostSyscall.MAP_ANONYMOUS | HostSyscall.MAP_NORESERVE, -1, 0);
        if (r != address) {
            throw new IllegalStateException("host mmap failed (errno " + -r + ")");
        }
    }

    /**
     * Maps length bytes of the host file hostFd from offset at address (MAP_FIXED), shared or private, with host
     * protection prot: address, or -errno from the host.
     */
    static long mapFile(long address, long length, int prot, boolean shared, int hostFd, long offset) {
        return HostSyscall.call(HostSyscall.MMAP, address, length, prot, HostSyscall.MAP_FIXED
                | (shared ? HostSyscall.MAP_SHARED : HostSyscall.MAP_PRIVATE), hostFd, offset);
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
