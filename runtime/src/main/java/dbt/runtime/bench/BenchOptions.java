package dbt.runtime.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dbt bench} was asked to do.
 *
 * @param quick       one run per runner, the smaller {@code bench-quick-args} inputs, no interpreter runs
 * @param only        benchmark names to run (empty: all of {@code bench/programs/*.c})
 * @param runs        runs per runner and benchmark; the best (minimum) wall time is reported
 * @param out         where {@code results.md}, {@code bench.png} and {@code bench-coverage.png} go ({@code null}:
 *                    the default under the repo)
 * @param timeoutSeconds limit for one run of one runner
 */
record BenchOptions(boolean quick, List<String> only, int runs, Path out, long timeoutSeconds) {
    static final int DEFAULT_RUNS = 3;
    static final long DEFAULT_TIMEOUT_SECONDS = 600;

    static final String USAGE = """
            usage: dbt bench [--quick] [--only NAME,...] [--runs N] [--out DIR]
              build bench/programs/*.c natively and for RV64, run each natively, under qemu-riscv64, translated
              by dbt and (once, smaller input) on dbt's interpreter; print the best wall time of N runs per runner
              and, from one more untimed dbt run with --stats, the share of guest instructions run in regions
              --quick           1 run, smaller inputs, no interpreter runs (about a minute)
              --only NAME,...   run only these benchmarks
              --runs N          runs per runner, best time kept (default 3; 1 with --quick)
              --out DIR         where results.md, bench.png and bench-coverage.png go (default
                                target/bench-results in the repo)
              --timeout S       limit for a single run, in seconds (default 600)
            """;

    /** A command line {@code dbt bench} cannot act on. */
    static final class BadUsage extends Exception {
        BadUsage(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code null} means help was asked for. */
    static BenchOptions parse(List<String> args) throws BadUsage {
        boolean quick = false;
        List<String> only = new ArrayList<>();
        Integer runs = null;
        Path out = null;
        long timeout = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--quick" -> {
                    if (value != null) {
                        throw new BadUsage("--quick takes no value");
                    }
                    quick = true;
                }
                case "--only" -> {
                    if (value == null) {
                        value = next(args, ++i, "--only needs a list of benchmark names");
                    }
                    for (String name : value.split(",")) {
                        if (!name.isBlank()) {
                            only.add(name.strip());
                        }
                    }
                    if (only.isEmpty()) {
                        throw new BadUsage("--only needs a list of benchmark names");
                    }
                }
                case "--runs" -> {
                    if (value == null) {
                        value = next(args, ++i, "--runs needs a number");
                    }
                    runs = (int) positive(value, "--runs");
                }
                case "--timeout" -> {
                    if (value == null) {
                        value = next(args, ++i, "--timeout needs a number of seconds");
                    }
                    timeout = positive(value, "--timeout");
                }
                case "--out" -> {
                    if (value == null) {
                        value = next(args, ++i, "--out needs a directory");
                    }
                    if (value.isEmpty()) {
                        throw new BadUsage("--out needs a directory");
                    }
                    out = Path.of(value);
                }
                default -> throw new BadUsage("unknown option '" + args.get(i) + "' (see dbt bench --help)");
            }
        }
        int n = runs != null ? runs : quick ? 1 : DEFAULT_RUNS;
        return new BenchOptions(quick, List.copyOf(only), n, out, timeout);
    }

    private static String next(List<String> args, int i, String message) throws BadUsage {
        if (i >= args.size()) {
            throw new BadUsage(message);
        }
        return args.get(i);
    }

    private static long positive(String value, String option) throws BadUsage {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadUsage(option + " needs a positive number, not '" + value + "'");
    }
}
