package dbt.runtime.linux;

/**
 * Linux signal numbers (the generic ones, shared by every architecture dbt's {@code linux} system-call convention
 * serves), their names as shells print them, and which are harmless by default.
 */
public final class LinuxSignals {
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    /** si_code of a SIGBUS for an address that has no backing (a file mapping past the file's end). */
    public static final int BUS_ADRERR = 2;
    public static final int SIGSEGV = 11;
    public static final int SIGKILL = 9;
    public static final int SIGPIPE = 13;
    public static final int SIGSTOP = 19;
    /** Signals whose default action is to do nothing (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) or to stop the process. */
    private static final long IGNORED_OR_STOP_BY_DEFAULT =
            (1L << 17) | (1L << 18) | (1L << 23) | (1L << 28) | (1L << 19) | (1L << 20) | (1L << 21) | (1L << 22);

    private static final String[] SIGNAL_NAMES = {null, "Hangup", "Interrupt", "Quit", "Illegal instruction",
        "Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception", "Killed",
        "User defined signal 1", "Segmentation fault", "User defined signal 2", "Broken pipe", "Alarm clock",
        "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)",
        "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded",
        "Virtual timer expired", "Profiling timer expired", "Window changed", "I/O possible", "Power failure",
        "Bad system call"};

    private LinuxSignals() {
    }

    public static String signalName(int signal) {
        if (signal > 0 && signal < SIGNAL_NAMES.length) {
            return SIGNAL_NAMES[signal];
        }
        return signal >= 34 && signal <= 64 ? "Real-time signal " + (signal - 34) : "Unknown signal " + signal;
    }

    /** Whether delivering {@code signal} with its default action leaves the process running. */
    public static boolean survivesByDefault(int signal) {
        return signal >= 1 && signal < 64 && (IGNORED_OR_STOP_BY_DEFAULT & (1L << signal)) != 0;
    }
}
