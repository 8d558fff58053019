package dbt.runtime.linux;

import dbt.isa.exec.NativeMemory;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signals sent to dbt's host process from outside (another process's kill, the terminal's Ctrl-C, a child's end):
 * while the guest has a handler for one, the JVM catches it (on its signal-dispatch thread) and dbt sends it to the
 * guest process ({@link GuestThreads#sendToProcess}); while the guest ignores it, the host ignores it; at the
 * default action, the host's default applies (which ends dbt as it would end the guest). Signals the JVM keeps for
 * itself (QUIT, and those it uses internally) cannot be followed: they keep the JVM's handling.
 */
final class HostSignals {
    /** sun.misc.Signal's names of the generic Linux signals that a process may catch and the JVM lets go. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "HUP"), Map.entry(2, "INT"),
            Map.entry(10, "USR1"), Map.entry(12, "USR2"), Map.entry(13, "PIPE"), Map.entry(14, "ALRM"),
            Map.entry(15, "TERM"), Map.entry(17, "CHLD"), Map.entry(18, "CONT"), Map.entry(20, "TSTP"),
            Map.entry(21, "TTIN"), Map.entry(22, "TTOU"), Map.entry(23, "URG"), Map.entry(24, "XCPU"),
            Map.entry(25, "XFSZ"), Map.entry(26, "VTALRM"), Map.entry(27, "PROF"), Map.entry(28, "WINCH"),
            Map.entry(29, "IO"), Map.entry(30, "PWR"), Map.entry(31, "SYS"));
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;

    private static final int SIGCHLD = 17;
    /** Signals the JVM would turn into an orderly exit (status 128 + n) where the guest expects to die by them. */
    private static final java.util.Set<Integer> ENDS_BY_DEFAULT = java.util.Set.of(1, 2, 15);
    private static final int P_ALL = 0;
    private static final int WEXITED = 4;
    private static final int WNOHANG = 1;
    private static final int WNOWAIT = 0x0100_0000;
    private static final int HOST_WAITID = 247;
    private static final int HOST_RT_SIGACTION = 13;
    private static final int HOST_RT_SIGPROCMASK = 14;
    private static final int HOST_GETPID = 39;
    private static final int HOST_KILL = 62;

    private final GuestThreads threads;

    HostSignals(GuestThreads threads) {
        this.threads = threads;
        // The kernel's default for the signals the JVM catches to exit in order, unless they are ignored (as in a
        // background job): a raw sigaction, which costs no class loading at start-up (sun.misc.Signal does).
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment old = arena.allocate(32, 8);
            java.lang.foreign.MemorySegment dfl = arena.allocate(32, 8);
            for (int sig : ENDS_BY_DEFAULT) {
                dbt.frontend.HostSyscall.call(HOST_RT_SIGACTION, sig, 0, old.address(), 8, 0, 0);
                if (NativeMemory.getLong(old, 0) != SIG_IGN) {
                    dbt.frontend.HostSyscall.call(HOST_RT_SIGACTION, sig, dfl.address(), 0, 8, 0, 0);
                }
            }
        }
    }

    /**
     * The siginfo of SIGCHLD as the kernel fills it (which child, how it ended): a child that has ended, looked at
     * without reaping it (waitid with WNOWAIT), whose siginfo has the same layout on the host.
     */
    private static byte[] childInfo() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment info = arena.allocate(GuestSignals.SIGINFO_SIZE, 8);
            dbt.frontend.HostSyscall.call(HOST_WAITID, P_ALL, 0, info.address(), WEXITED | WNOHANG | WNOWAIT, 0, 0);
            byte[] bytes = info.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            bytes[0] = SIGCHLD;
            return bytes;
        }
    }

    /**
     * Ends dbt by sig with the host's default action (so its parent sees the process killed by that signal, as it
     * would see the guest); output written so far is flushed first.
     */
    static void dieBy(int sig) {
        System.out.flush();
        System.err.flush();
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment action = arena.allocate(32, 8); // SIG_DFL, no flags
            java.lang.foreign.MemorySegment set = arena.allocate(8, 8);
            NativeMemory.putLong(set, 0, 1L << (sig - 1));
            dbt.frontend.HostSyscall.call(HOST_RT_SIGACTION, sig, action.address(), 0, 8, 0, 0);
            dbt.frontend.HostSyscall.call(HOST_RT_SIGPROCMASK, 1 /* SIG_UNBLOCK */, set.address(), 0, 8, 0, 0);
            dbt.frontend.HostSyscall.call(HOST_KILL, dbt.frontend.HostSyscall.call(HOST_GETPID, 0, 0, 0, 0, 0, 0), sig,
                    0, 0, 0, 0);
        }
        Runtime.getRuntime().halt(128 + sig); // a signal whose default is not to end the process
    }

    /** The guest set sig's handler: makes the host's disposition follow it (a no-op for signals not followed). */
    void follow(int sig, long handler) {
        String name = NAMES.get(sig);
        if (name == null || sig == 13) { // SIGPIPE: a guest write gets EPIPE and the guest its signal from dbt
            return;
        }
        SignalHandler host = handler == SIG_DFL ? (ENDS_BY_DEFAULT.contains(sig) ? s -> dieBy(sig) : SignalHandler.SIG_DFL)
                : handler == SIG_IGN ? SignalHandler.SIG_IGN
                : sig == SIGCHLD ? s -> threads.sendToProcess(sig, childInfo())
                : s -> threads.sendToProcess(sig, GuestSignals.sentInfo(sig, GuestSignals.SI_USER, 0, 0));
        try {
            Signal.handle(new Signal(name), host);
        } catch (IllegalArgumentException e) {
            // Used by the JVM (or the OS) itself: the guest cannot have it from outside.
        }
    }
}
