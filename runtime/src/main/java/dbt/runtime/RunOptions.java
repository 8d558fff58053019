package dbt.runtime;

import dbt.ir.pass.Pipeline;
import dbt.runtime.translate.TranslationOptions;
import dbt.x86.backend.HostFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code dbt run} (or {@code dbt PROGRAM}) was asked to do, with qemu-riscv64's spellings where qemu has the
 * option, and its {@code QEMU_*} environment variables. {@code isa} is the description given with --isa, or null for
 * RISC-V; {@code forkChild} the host descriptor a forked guest's snapshot comes on (dbt starts itself so), or -1;
 * {@code sysroot} qemu's -L, or null; {@code environment} edits (VAR=VALUE sets, VAR alone unsets) to dbt's own
 * environment, in order; {@code argv0} the guest's argv[0], or null for the program as named; {@code logFile}
 * where -d and -strace write, or null for stderr.
 */
record RunOptions(boolean interpret, boolean strace, boolean stats, TranslationOptions translation, String program,
                  List<String> arguments, String isa, int forkChild, Path sysroot, List<String> environment,
                  String argv0, Path logFile, boolean perfMap, boolean savedTranslations) {
    static final Set<String> DEBUG = Set.of("in_asm", "ir", "ir_opt", "out_asm");

    /** Not a run: -h or -version, whose text goes to stdout, and dbt ends with status 0. */
    static final class Info extends Exception {
        Info(String text) {
            super(text, null, false, false);
        }
    }

    static final String VERSION = "dbt 0.1.0: RISC-V RV64GC Linux programs on x86-64 Linux, by dynamic binary"
            + " translation (command line as qemu-riscv64's)";

    static RunOptions parse(List<String> args) throws UsageError, Info {
        boolean interpret = false;
        boolean strace = false;
        boolean stats = false;
        boolean perfMap = false;
        Set<String> disabled = new HashSet<>();
        Set<String> debug = new HashSet<>();
        boolean chain = true;
        boolean singleJump = true;
        boolean fastLookup = true;
        boolean noLoops = false;
        boolean regions = true;
        boolean returnStack = true;
        boolean ifConversion = true;
        boolean hoistInvariants = true;
        boolean inlineCalls = true;
        boolean hostRoutines = true;
        boolean hostFaults = true;
        boolean predict = true;
        boolean signalChecks = true;
        boolean savedTranslations = true;
        List<Integer> pinned = null; // (the ISA's choice)
        int forkChild = -1;
        int translateAfter = -1; // unless given: 16, or 0 with -d, whose listings are of translated blocks
        String isa = null;
        String sysroot = System.getenv("QEMU_LD_PREFIX");
        List<String> environment = new ArrayList<>();
        commaList(System.getenv("QEMU_SET_ENV"), environment);
        commaList(System.getenv("QEMU_UNSET_ENV"), environment);
        String argv0 = System.getenv("QEMU_ARGV0");
        String logFile = System.getenv("QEMU_LOG_FILENAME");
        strace = System.getenv("QEMU_STRACE") != null;
        String qemuLog = System.getenv("QEMU_LOG");
        if (qemuLog != null) {
            debugItems(qemuLog, debug);
        }
        int i = 0;
        options:
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String a = args.get(i);
            switch (a) {
                case "--interp" -> interpret = true;
                case "--strace", "-strace" -> strace = true;
                case "-h", "-help", "--help" -> throw new Info(Main.USAGE);
                case "-version", "--version" -> throw new Info(VERSION);
                case "-E" -> {
                    String v = value(args, ++i, "-E needs VAR=VALUE");
                    if (v.indexOf('=') <= 0) {
                        throw new UsageError("-E needs VAR=VALUE, not '" + v + "'");
                    }
                    environment.add(v);
                }
                case "-U" -> environment.add(value(args, ++i, "-U needs a variable name"));
                case "-0" -> argv0 = value(args, ++i, "-0 needs the guest's argv[0]");
                case "-D" -> logFile = value(args, ++i, "-D needs a log file");
                case "-cpu" -> {
                    String cpu = value(args, ++i, "-cpu needs a model (rv64, max or any)");
                    if (!List.of("rv64", "max", "any").contains(cpu.split(",")[0])) {
                        throw new UsageError("-cpu " + cpu + ": unknown model (dbt's guest is rv64gc: rv64, max, any)");
                    }
                }
                case "--stats" -> stats = true;
                case "-perfmap", "--perfmap" -> perfMap = true;
                case "--no-chain" -> chain = false;
                case "--no-jcc" -> singleJump = false;
                case "--no-fast-lookup" -> fastLookup = false;
                case "--no-loops" -> noLoops = true;
                case "--no-regions" -> regions = false;
                case "--no-ras" -> returnStack = false;
                case "--no-if-convert" -> ifConversion = false;
                case "--no-licm" -> hoistInvariants = false;
                case "--no-inline-calls" -> inlineCalls = false;
                case "--no-host-routines" -> hostRoutines = false;
                case "--no-host-faults" -> hostFaults = false;
                case "--no-predict" -> predict = false;
                case "--no-signal-checks" -> signalChecks = false;
                case "--no-saved-translations" -> savedTranslations = false;
                case "--no-host-features" -> HostFeatures.useBaseline();
                case "--no-pin" -> pinned = List.of();
                case "--pin" -> {
                    String v = value(args, ++i, "--pin needs register numbers, e.g. 2,1,10");
                    if (!v.matches("[0-9]{1,3}(,[0-9]{1,3}){0,5}")) {
                        throw new UsageError("--pin " + v + ": give at most six register numbers, e.g. 2,1,10");
                    }
                    pinned = java.util.Arrays.stream(v.split(",")).map(Integer::valueOf).distinct().toList();
                }
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
                case "-L" -> {
                    if (++i >= args.size()) {
                        throw new UsageError("-L needs a directory (the guest's sysroot, e.g. /usr/riscv64-linux-gnu)");
                    }
                    sysroot = args.get(i);
                }
                case "--isa" -> {
                    if (++i >= args.size()) {
                        throw new UsageError("--isa needs an ISA description file (e.g. isa/seed64/seed64.isa)");
                    }
                    isa = args.get(i);
                }
                case "-d" -> debugItems(value(args, ++i, "-d needs a list: in_asm,ir,ir_opt,out_asm"), debug);
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
                .withRegions(regions)
                .withReturnStack(returnStack && chain)
                .withIfConversion(ifConversion)
                .withHoistInvariants(hoistInvariants)
                .withInlineCalls(inlineCalls)
                .withHostRoutines(hostRoutines)
                .withSignalChecks(signalChecks)
                .withPinned(pinned)
                .withTranslateAfter(translateAfter >= 0 ? translateAfter : debug.isEmpty() ? 16 : 0)
                .withOutput(debug, stats);
        Path root = sysroot == null || sysroot.isEmpty() ? null : Path.of(sysroot);
        if (root != null && !Files.isDirectory(root)) {
            throw new UsageError("-L " + sysroot + ": not a directory");
        }
        return new RunOptions(interpret, strace, stats, translation, args.get(i), List.copyOf(args.subList(i + 1, args.size())),
                isa, forkChild, root, List.copyOf(environment), argv0, logFile == null ? null : Path.of(logFile),
                perfMap, savedTranslations);
    }

    private static String value(List<String> args, int i, String missing) throws UsageError {
        if (i >= args.size()) {
            throw new UsageError(missing);
        }
        return args.get(i);
    }

    private static void commaList(String value, List<String> into) {
        if (value != null && !value.isEmpty()) {
            into.addAll(List.of(value.split(",")));
        }
    }

    private static void debugItems(String list, Set<String> debug) throws UsageError {
        for (String d : list.split(",")) {
            if (!DEBUG.contains(d)) {
                throw new UsageError("unknown -d item '" + d + "' (in_asm, ir, ir_opt, out_asm)");
            }
            debug.add(d);
        }
    }

    /** The guest's environment: dbt's own, edited as asked (-E, -U). */
    List<String> guestEnvironment(java.util.Map<String, String> own) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(own);
        for (String e : environment) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            } else {
                env.remove(e);
            }
        }
        List<String> envp = new ArrayList<>();
        env.forEach((k, v) -> envp.add(k + "=" + v));
        return envp;
    }
}
