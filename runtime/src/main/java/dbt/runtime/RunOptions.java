package dbt.runtime;

import java.util.List;

/** What {@code dbt run} was asked to do. */
record RunOptions(boolean interpret, boolean strace, boolean stats, String program, List<String> arguments) {
    static RunOptions parse(List<String> args) throws UsageError {
        boolean interpret = false;
        boolean strace = false;
        boolean stats = false;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            switch (args.get(i)) {
                case "--interp" -> interpret = true;
                case "--strace" -> strace = true;
                case "--stats" -> stats = true;
                case "--" -> {
                    i++;
                    return finish(interpret, strace, stats, args, i);
                }
                default -> throw new UsageError("unknown option '" + args.get(i) + "' (see dbt --help)");
            }
        }
        return finish(interpret, strace, stats, args, i);
    }

    private static RunOptions finish(boolean interpret, boolean strace, boolean stats, List<String> args, int i)
            throws UsageError {
        if (i >= args.size()) {
            throw new UsageError("run: missing the program to run (dbt run [--interp] PROGRAM [ARGS...])");
        }
        return new RunOptions(interpret, strace, stats, args.get(i), List.copyOf(args.subList(i + 1, args.size())));
    }
}
