package dbt.runtime;

import dbt.ir.pass.Pipeline;
import dbt.runtime.translate.TranslationOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code dbt run} was asked to do. {@code isa} is the description given with --isa, or null for RISC-V;
 * {@code forkChild} the host descriptor a forked guest's snapshot comes on (dbt starts itself so), or -1.
 */
record RunOptions(boolean interpret, boolean strace, boolean stats, TranslationOptions translation, String program,
                  List<String> arguments, String isa, int forkChild) {
    static final Set<String> DEBUG = Set.of("in_asm", "ir", "ir_opt", "out_asm");

    static RunOptions parse(List<String> args) throws UsageError {
        boolean interpret = false;
        boolean strace = false;
        boolean stats = false;
        Set<String> disabled = new HashSet<>();
        Set<String> debug = new HashSet<>();
        boolean chain = true;
        boolean singleJump = true;
        boolean fastLookup = true;
        boolean noLoops = false;
        boolean hostFaults = true;
        boolean predict = true;
        boolean signalChecks = true;
        int forkChild = -1;
        int translateAfter = -1; // unless given: 16, or 0 with -d, whose listings are of translated blocks
        String isa = null;
        int i = 0;
        options:
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String a = args.get(i);
            switch (a) {
                case "--interp" -> interpret = true;
                case "--strace" -> strace = true;
                case "--stats" -> stats = true;
                case "--no-chain" -> chain = false;
                case "--no-jcc" -> singleJump = false;
                case "--no-fast-lookup" -> fastLookup = false;
                case "--no-loops" -> noLoops = true;
                case "--no-host-faults" -> hostFaults = false;
                case "--no-predict" -> predict = false;
                case "--no-signal-checks" -> signalChecks = false;
                case "--fork-child" -> { // internal: the child of a guest's fork, its snapshot on this descriptor
                    if (++i >= args.size() || !args.get(i).matches("[0-9]{1,5}")) {
                        throw new UsageError("--fork-child needs a descriptor");
                    }
                    forkChild = Integer.parseInt(args.get(i));
                }
                case "--translate-after" -> {
                    if (++i >= args.size() || !args.get(i).matches("[0-9]{1,9}")) {
                        throw new UsageError("--translate-after needs a number of runs (0 translates every block"
                                + " before its first run)");
                    }
                    translateAfter = Integer.parseInt(args.get(i));
                }
                case "--isa" -> {
                    if (++i >= args.size()) {
                        throw new UsageError("--isa needs an ISA description file (e.g. isa/seed64/seed64.isa)");
                    }
                    isa = args.get(i);
                }
                case "-d" -> {
                    if (++i >= args.size()) {
                        throw new UsageError("-d needs a list: in_asm,ir,ir_opt,out_asm");
                    }
                    for (String d : args.get(i).split(",")) {
                        if (!DEBUG.contains(d)) {
                            throw new UsageError("unknown -d item '" + d + "' (in_asm, ir, ir_opt, out_asm)");
                        }
                        debug.add(d);
                    }
                }
                case "--" -> {
                    i++;
                    break options;
                }
                default -> {
                    if (a.startsWith("--no-") && Pipeline.names().contains(a.substring(5))) {
                        disabled.add(a.substring(5));
                    } else {
                        throw new UsageError("unknown option '" + a + "' (see dbt --help)");
                    }
                }
            }
        }
        if (i >= args.size()) {
            throw new UsageError("run: missing the program to run (dbt run [--interp] PROGRAM [ARGS...])");
        }
        TranslationOptions translation = TranslationOptions.of(disabled, chain, singleJump, fastLookup, !noLoops, predict,
                        hostFaults)
                .withSignalChecks(signalChecks)
                .withTranslateAfter(translateAfter >= 0 ? translateAfter : debug.isEmpty() ? 16 : 0)
                .withOutput(debug, stats);
        return new RunOptions(interpret, strace, stats, translation, args.get(i), List.copyOf(args.subList(i + 1, args.size())),
                isa, forkChild);
    }
}
