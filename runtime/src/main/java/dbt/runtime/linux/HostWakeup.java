package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import dbt.frontend.HostSyscall;
import dbt.runtime.translate.CodeCache;
import dbt.runtime.translate.InterruptPatches;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Wakes a guest thread that is blocked in a host system call (a futex wait, a read, a sleep) or runs translated
 * code, so that it can take a guest signal: a host real-time signal, {@link #SIGNAL}, whose handler rewrites the
 * thread's translated code to leave it ({@link InterruptPatches}) and is installed without SA_RESTART, so a blocked
 * call returns EINTR on that thread only. The JVM does not use this signal. Installed
 * once per process, before the first wake; never removed.
 */
final class HostWakeup {
    /** SIGRTMIN + 8 on the host (the kernel's SIGRTMIN is 32; glibc keeps 32 and 33 for itself). */
    static final int SIGNAL = 40;
    private static final long SA_RESTORER = 0x0400_0000;
    private static final int TGKILL = 234;
    private static final int RT_SIGRETURN = 15;
    private static volatile boolean installed;

    private HostWakeup() {}

    /**
     * Installs the handler if it is not yet (machine code of its own: {@link InterruptPatches#emitHandler}, and a
     * restorer): on the first wake,
     * so that programs that never need one do not pay for it at start-up.
     */
    private static synchronized void install() {
        if (installed) {
            return;
        }
        Assembler a = new Assembler();
        InterruptPatches.emitHandler(a);
        int restorer = a.offset();
        a.mov(Gp.EAX, RT_SIGRETURN);
        a.syscall();
        CodeCache region = new CodeCache(4096);
        long address = region.reserve(a.offset());
        region.write(address, a.finish(address).bytes());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(32, 8); // handler, flags, restorer, mask
            NativeMemory.putLong(action, 0, address);
            NativeMemory.putLong(action, 8, SA_RESTORER);
            NativeMemory.putLong(action, 16, address + restorer);
            installed = HostSyscall.call(HostSyscall.RT_SIGACTION, SIGNAL, action.address(), 0, 8, 0, 0) == 0;
        }
    }

    /** Interrupts what host thread hostTid of process pid is blocked in, if anything. */
    static void wake(long pid, long hostTid) {
        if (!installed) {
            install();
        }
        HostSyscall.call(TGKILL, pid, hostTid, SIGNAL, 0, 0, 0);
    }
}
