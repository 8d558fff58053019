package dbt.runtime.translate;

import dbt.frontend.HostSyscall;
import java.lang.foreign.MemorySegment;

/** The host system calls the code cache and the fault handler need beyond mmap (raw, see HostSyscall). */
final class NativeCalls {
    private NativeCalls() {}

    static int memfd(String name, long size) {
        long fd = HostSyscall.memfdCreate(name);
        if (HostSyscall.failed(fd) || HostSyscall.call(HostSyscall.FTRUNCATE, fd, size, 0, 0, 0, 0) != 0) {
            throw new IllegalStateException("cannot create the code cache (memfd_create/ftruncate failed)");
        }
        return (int) fd;
    }

    static void close(int fd) {
        HostSyscall.call(HostSyscall.CLOSE, fd, 0, 0, 0, 0, 0);
    }

    /**
     * The kernel's {@code rt_sigaction(signal, action, old, 8)} with the kernel's x86-64 struct (handler, flags,
     * restorer, 8-byte mask); either struct may be NULL. Returns 0 on success.
     */
    static long sigaction(int signal, MemorySegment action, MemorySegment old) {
        return HostSyscall.call(HostSyscall.RT_SIGACTION, signal, action.address(), old.address(), 8, 0, 0);
    }
}
