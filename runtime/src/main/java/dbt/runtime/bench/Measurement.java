package dbt.runtime.bench;

import java.util.Locale;

/**
 * What one runner did on one benchmark: the best wall time of its runs, or why there is none.
 *
 * @param seconds best (minimum) wall time; only meaningful when {@link #ok()}
 * @param detail  for failures, what went wrong (one line, for the notes under the table)
 */
public record Measurement(Status status, double seconds, String detail) {
    /** The outcome of a runner on a benchmark. */
    public enum Status {
        /** Ran, printed the same as native, exited like native. */
        OK,
        /** Printed something else than native (or exited with another status). */
        MISMATCH,
        /** Could not run or crashed (non-zero status where native exited 0, cannot start). */
        FAILED,
        /** Did not finish within the time limit. */
        TIMEOUT,
        /** Deliberately not run (e.g. the interpreter with --quick). */
        SKIPPED,
        /** The runner is not installed (qemu-riscv64 not on the PATH). */
        UNAVAILABLE
    }

    public static Measurement ok(double seconds) {
        return new Measurement(Status.OK, seconds, "");
    }

    public static Measurement of(Status status, String detail) {
        return new Measurement(status, Double.NaN, detail);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** A bad outcome: one that makes {@code dbt bench} exit non-zero. */
    public boolean bad() {
        return status == Status.MISMATCH || status == Status.FAILED || status == Status.TIMEOUT;
    }

    /** The table cell: seconds with 3 decimals, or the status in words. */
    public String cell() {
        return switch (status) {
            case OK -> seconds(seconds);
            case MISMATCH -> "MISMATCH";
            case FAILED -> "FAILED";
            case TIMEOUT -> "TIMEOUT";
            case SKIPPED -> "skipped";
            case UNAVAILABLE -> "n/a";
        };
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
