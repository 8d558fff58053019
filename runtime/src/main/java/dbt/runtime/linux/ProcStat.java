package dbt.runtime.linux;

import dbt.frontend.GuestMemory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /proc/self/stat} (and {@code /proc/PID/stat}, {@code /proc/thread-self/stat}, {@code /proc/PID/task/TID/stat})
 * as the guest must see it: the kernel's line of 52 fields ({@code proc(5)}), its own where the JVM's would lie, the
 * host's where they are the same process's. The guest's: the pid (or thread id), the name (comm: the program's file
 * name or what {@code PR_SET_NAME} set), the state (the reader is running), the number of guest threads, the virtual
 * size of the guest's mappings, the program's code and data, the start of its stack and its argument and environment
 * strings as it started ({@link Layout}), the break's start, the signal masks (the reader's blocked signals, the
 * process's ignored and caught ones), and no exit signal but SIGCHLD. The host's (dbt's process line, or for a
 * thread's file the calling host thread's, which runs that guest thread): the parent, process group, session and
 * terminal, page faults, times, priority, start time, resident set and its limit, the processor, scheduling policy
 * and I/O delay. It does not make the other {@code /proc/PID/...} files ({@code status}, {@code statm}) the guest's.
 */
final class ProcStat {
    private static final int FIELDS = 52;
    private static final int SIGCHLD = 17;

    /**
     * Where the program's parts are in the guest, as it started: its code and data (from the loaded image), the
     * initial stack pointer, and its argument and environment strings (from the initial stack).
     */
    record Layout(long startCode, long endCode, long startData, long endData, long startStack, long argStart,
                  long argEnd, long envStart, long envEnd) {
        static final Layout NONE = new Layout(0, 0, 0, 0, 0, 0, 0, 0, 0);

        Layout withImage(long startCode, long endCode, long startData, long endData) {
            return new Layout(startCode, endCode, startData, endData, startStack, argStart, argEnd, envStart, envEnd);
        }

        Layout withStack(long startStack, long argStart, long argEnd, long envStart, long envEnd) {
            return new Layout(startCode, endCode, startData, endData, startStack, argStart, argEnd, envStart, envEnd);
        }
    }

    /**
     * What only the guest side knows of the task whose line is made; thread: whether it is one thread's (the calling
     * thread's), not the process's.
     */
    record Task(long id, String name, boolean thread, int threads, long blocked, long ignored, long caught) {}

    private ProcStat() {}

    /** The stat line of a guest task, over the host's line of dbt's process or of the calling thread. */
    static String line(Task task, Layout layout, GuestMemory memory) {
        String[] host = hostFields(task.thread() ? "/proc/thread-self/stat" : "/proc/self/stat");
        String[] f = new String[FIELDS + 1];
        for (int k = 4; k <= FIELDS; k++) {
            f[k] = host == null || k - 3 >= host.length ? "0" : host[k - 3];
        }
        set(f, 20, task.threads());
        set(f, 21, 0); // itrealvalue: always 0 since Linux 2.6.17
        set(f, 23, virtualSize(memory));
        set(f, 26, layout.startCode());
        set(f, 27, layout.endCode());
        set(f, 28, layout.startStack());
        set(f, 29, 0); // kstkesp, kstkeip: 0 but for a task being dumped
        set(f, 30, 0);
        set(f, 31, 0); // pending signals: obsolete here (/proc/PID/status has them)
        set(f, 32, task.blocked());
        set(f, 33, task.ignored());
        set(f, 34, task.caught());
        set(f, 35, 0); // wchan, nswap, cnswap
        set(f, 36, 0);
        set(f, 37, 0);
        set(f, 38, SIGCHLD);
        set(f, 43, 0); // guest_time, cguest_time: no virtual CPU runs the guest
        set(f, 44, 0);
        set(f, 45, layout.startData());
        set(f, 46, layout.endData());
        set(f, 47, memory.brkStart());
        set(f, 48, layout.argStart());
        set(f, 49, layout.argEnd());
        set(f, 50, layout.envStart());
        set(f, 51, layout.envEnd());
        set(f, 52, 0); // exit code: the task is running
        StringBuilder sb = new StringBuilder();
        sb.append(task.id()).append(" (").append(task.name()).append(") R");
        for (int k = 4; k <= FIELDS; k++) {
            sb.append(' ').append(f[k]);
        }
        return sb.append('\n').toString();
    }

    private static void set(String[] fields, int k, long value) {
        fields[k] = Long.toUnsignedString(value);
    }

    /** The host's stat fields after the name (state first), or null if they cannot be read. */
    private static String[] hostFields(String file) {
        try {
            String s = new String(Files.readAllBytes(Path.of(file)), StandardCharsets.US_ASCII);
            return s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The bytes of every mapped guest page. */
    private static long virtualSize(GuestMemory memory) {
        long pages = 0;
        for (long page = GuestMemory.LOW_LIMIT; page < memory.mappedEnd(); page += GuestMemory.PAGE_SIZE) {
            if ((memory.permissions(page) & GuestMemory.MAPPED) != 0) {
                pages++;
            }
        }
        return pages * GuestMemory.PAGE_SIZE;
    }
}
