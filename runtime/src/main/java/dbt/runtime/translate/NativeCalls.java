package dbt.runtime.translate;

import dbt.frontend.HostSyscall;
import java.lang.foreign.MemorySegment;

/** The host system calls the code cache and the fault handler need beyond mmap (raw, see HostSyscall). */
final class NativeCalls {
    private NativeCalls() {}

    /**
     * A second mapping of the shared mapping at address (its first size bytes) elsewhere, with the given
     * protection: {@code mremap(address, 0, size, MREMAP_MAYMOVE)}, then {@code mprotect}.
     */
    static long alias(long address, long size, int prot) {
        long alias = HostSyscall.call(HostSyscall.MREMAP, address, 0, size, HostSyscall.MREMAP_MAYMOVE, 0, 0);
        if (HostSyscall.failed(alias)
                || HostSyscall.call(HostSyscall.MPROTECT, alias, size, prot, 0, 0, 0) != 0) {
            throw new IllegalStateException("cannot map the code cache twice (mremap/mprotect failed)");
        }
        return alias;
    }

    /**
     * The kernel's {@code rt_sigaction(signal, action, old, 8)} with the kernel's x86-64 struct (handler, flags,
     * restorer, 8-byte mask); either struct may be NULL. Returns 0 on success.
     */
    static long sigaction(int signal, MemorySegment action, MemorySegment old) {
        return HostSyscall.call(HostSyscall.RT_SIGACTION, signal, action.address(), old.address(), 8, 0, 0);
    }
}
