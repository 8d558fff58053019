package dbt.runtime.linux;

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

    private final GuestThreads threads;

    HostSignals(GuestThreads threads) {
        this.threads = threads;
    }

    /** The guest set sig's handler: makes the host's disposition follow it (a no-op for signals not followed). */
    void follow(int sig, long handler) {
        String name = NAMES.get(sig);
        if (name == null || sig == 13) { // SIGPIPE: a guest write gets EPIPE and the guest its signal from dbt
            return;
        }
        SignalHandler host = handler == SIG_DFL ? SignalHandler.SIG_DFL : handler == SIG_IGN ? SignalHandler.SIG_IGN
                : s -> threads.sendToProcess(sig, GuestSignals.sentInfo(sig, GuestSignals.SI_USER, 0, 0));
        try {
            Signal.handle(new Signal(name), host);
        } catch (IllegalArgumentException e) {
            // Used by the JVM (or the OS) itself: the guest cannot have it from outside.
        }
    }
}
