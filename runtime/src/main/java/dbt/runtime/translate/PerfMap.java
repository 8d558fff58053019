package dbt.runtime.translate;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * qemu's {@code -perfmap}: a perf map, {@code /tmp/perf-PID.map}, with one line per block or region placed in the
 * code cache ({@code START SIZE NAME}, hexadecimal; the name says what guest code it is, {@code guest:0x10572} or
 * {@code guest-region:0x10572}; dbt's own stubs {@code dbt-entry}, {@code dbt-exit}, ...), so that
 * {@code perf record} and {@code perf report} name the translated code they sample. Written as code is placed, from every guest thread; code flushed from the cache keeps its line (perf
 * takes the last mapping of an address).
 */
public final class PerfMap {
    private static PrintStream out;

    private PerfMap() {}

    /** Starts the map of this process; returns an error message, or null. */
    public static synchronized String enable() {
        String path = "/tmp/perf-" + ProcessHandle.current().pid() + ".map";
        try {
            out = new PrintStream(new FileOutputStream(path, true), true);
            return null;
        } catch (IOException e) {
            return "-perfmap: cannot write " + path + ": " + e.getMessage();
        }
    }

    /** Stops the map (tests). */
    static synchronized void disable() {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /** Records code for the guest code at pc (a region when region) placed at address. */
    static synchronized void record(long address, int size, long pc, boolean region) {
        if (out != null) { // (nothing formatted when there is no map: this runs for every translation)
            record(address, size, String.format("guest%s:0x%x", region ? "-region" : "", pc));
        }
    }

    /** Records size bytes of code at address, named name (dbt's own stubs: {@code dbt-...}). */
    static synchronized void record(long address, long size, String name) {
        if (out != null) {
            out.printf("%x %x %s%n", address, size, name);
        }
    }
}
