package dbt.runtime.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One row of the results: a benchmark measured by every runner.
 *
 * @param args       arguments of the native, qemu and dbt runs
 * @param interpArgs arguments of the interpreter run (smaller), or empty when it was not run
 * @param interpMips millions of guest instructions per second of the interpreter run (its own statistics), or NaN
 * @param inRegions  percent of the guest instructions run in translated code that ran in regions (an untimed
 *                   {@code dbt run --stats} run, see RegionCoverage), or NaN
 * @param dbt        dbt run again: from the translations a first run saved (see SavedTranslations)
 * @param dbtFirst   dbt's first run: every translation made, and saved when it ends
 */
public record BenchResult(String name, List<String> args, Measurement nativeRun, Measurement qemu, Measurement dbt,
                          Measurement interp, List<String> interpArgs, double interpMips, double inRegions,
                          Measurement dbtFirst) {

    public BenchResult(String name, List<String> args, Measurement nativeRun, Measurement qemu, Measurement dbt,
                       Measurement interp, List<String> interpArgs) {
        this(name, args, nativeRun, qemu, dbt, interp, interpArgs, Double.NaN, Double.NaN,
                Measurement.of(Measurement.Status.SKIPPED, ""));
    }

    public OptionalDouble qemuVsNative() {
        return ratio(qemu, nativeRun);
    }

    public OptionalDouble dbtVsNative() {
        return ratio(dbt, nativeRun);
    }

    public OptionalDouble firstVsNative() {
        return ratio(dbtFirst, nativeRun);
    }

    public OptionalDouble dbtVsQemu() {
        return ratio(dbt, qemu);
    }

    /** True when some runner failed or disagreed with native. */
    public boolean bad() {
        return nativeRun.bad() || qemu.bad() || dbt.bad() || interp.bad() || dbtFirst.bad();
    }

    static OptionalDouble ratio(Measurement a, Measurement b) {
        return a.ok() && b.ok() && b.seconds() > 0 ? OptionalDouble.of(a.seconds() / b.seconds()) : OptionalDouble.empty();
    }
}
