package dbt.runtime.bench;

import dbt.runtime.InterpreterJvm;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code dbt bench}: builds the benchmarks of {@code bench/programs/*.c} twice (riscv64-linux-gnu-gcc -O2 -static
 * and gcc -O2) into {@code target/bench/}, runs each natively, under qemu-riscv64 (when on the PATH), translated
 * by dbt (twice a round: a first run, which saves its translations, and a run from them; their saved translations
 * are the bench's own, under {@code target/bench/saved-translations/}, never the user's) and once on dbt's
 * interpreter (smaller input), keeps the best wall time of N runs per runner (the
 * runners take turns, round after round), checks that
 * every runner printed what native printed, and reports a table on stdout, {@code results.md} and
 * {@code bench.png}. After the timed rounds, dbt runs each benchmark once more with {@code --stats}, untimed, for
 * the share of guest instructions run in regions (a column of the table, and {@code bench-coverage.png}). Exit
 * status 0, or 1 when a runner failed or printed something else than native, 2 for a bad command line.
 *
 * <p>dbt is started exactly like the {@code ./dbt} launcher starts it (this JVM's java, JVM flags and class path,
 * {@code dbt.runtime.Main run}), so its times include JVM start-up and translation, as a user would see them.
 * The class path's jars are copied first (see {@link #snapshotClasspath}), so a rebuild of the project while the
 * bench runs does not change, or break, the dbt being measured.
 */
public final class BenchCommand {
    static final String PROGRAMS = "bench/programs";
    private static final String MAIN_CLASS = "dbt.runtime.Main";
    /** JVM flags of the ./dbt launcher, used when this JVM's own flags are not available. */
    private static final List<String> LAUNCHER_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-Xlog:disable", "-XX:-UsePerfData");
    private static final String AOT_CACHE = "-XX:AOTCache=";
    private static final String NATIVE_LIBRARY = "libdbthost.so";

    private final BenchOptions options;
    private final Path root;
    private final PrintStream out;
    private final PrintStream log;
    private final String riscvCc;
    private final String nativeCc;
    private final boolean haveQemu;
    private final Path buildDir;
    private final Path runsDir;

    private BenchCommand(BenchOptions options, Path root, PrintStream out, PrintStream log) {
        this.options = options;
        this.root = root;
        this.out = out;
        this.log = log;
        this.riscvCc = envOr("RISCV_CC", "riscv64-linux-gnu-gcc");
        this.nativeCc = envOr("NATIVE_CC", "gcc");
        this.haveQemu = onPath("qemu-riscv64");
        this.buildDir = root.resolve("target").resolve("bench");
        this.runsDir = buildDir.resolve("runs");
    }

    /** Entry point from {@code dbt.runtime.Main}: {@code args} are the words after {@code bench}. */
    public static int run(List<String> args) {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.BadUsage e) {
            System.err.println("dbt bench: " + e.getMessage());
            return 2;
        }
        if (options == null) {
            System.out.print(BenchOptions.USAGE);
            return 0;
        }
        Path root = findRoot();
        if (root == null) {
            System.err.println("dbt bench: cannot find " + PROGRAMS + " in " + Path.of("").toAbsolutePath()
                    + " or above it (run it inside the dbt repository)");
            return 1;
        }
        try {
            return new BenchCommand(options, root, System.out, System.err).bench();
        } catch (IOException e) {
            System.err.println("dbt bench: " + e.getMessage());
            return 1;
        }
    }

    private int bench() throws IOException {
        List<Benchmark> all = Benchmark.discover(root.resolve(PROGRAMS));
        List<Benchmark> selected = select(all);
        if (selected == null) {
            return 2;
        }
        for (String cc : List.of(riscvCc, nativeCc)) {
            if (!onPath(cc)) {
                log.println("dbt bench: " + cc + " is not on the PATH (needed to build the benchmarks)");
                return 1;
            }
        }
        Files.createDirectories(runsDir);
        dbtCommand(); // snapshot the class path now
        if (!build(selected)) {
            return 1;
        }
        if (!haveQemu) {
            log.println("dbt bench: qemu-riscv64 is not on the PATH: no qemu column");
        }
        long start = System.nanoTime();
        List<BenchResult> results = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            Benchmark b = selected.get(i);
            BenchResult r = measure(b);
            results.add(r);
            log.printf(Locale.ROOT, "bench: [%d/%d] %-9s native %s  qemu %s  dbt %s (in regions %s)%s%n", i + 1,
                    selected.size(), b.name(), r.nativeRun().cell(), r.qemu().cell(), r.dbt().cell(),
                    BenchTable.percent(r.inRegions()),
                    r.interp().status() == Measurement.Status.SKIPPED ? "" : "  interp " + r.interp().cell());
        }
        Measurement startup = startupFloor();
        double elapsed = (System.nanoTime() - start) / 1e9;

        BenchTable table = new BenchTable(results);
        List<String> notes = notes(table, startup, elapsed);
        out.println();
        out.print(table.text());
        out.println();
        for (String note : notes) {
            out.println("  " + note);
        }
        Path outDir = options.out() != null ? options.out().toAbsolutePath()
                : root.resolve("target").resolve("bench-results");
        Files.createDirectories(outDir);
        Path md = outDir.resolve("results.md");
        Files.writeString(md, markdown(table, notes), StandardCharsets.UTF_8);
        Path png = outDir.resolve("bench.png");
        BenchChart.write(table, subtitle(), png, BenchChart.DEFAULT_WIDTH, BenchChart.DEFAULT_HEIGHT);
        Path coveragePng = outDir.resolve("bench-coverage.png");
        BenchCoverageChart.write(table, "one untimed `dbt run --stats` per benchmark"
                + (options.quick() ? " (--quick inputs)" : "") + "; instructions counted per block entered",
                coveragePng, BenchCoverageChart.DEFAULT_WIDTH, BenchCoverageChart.height(table));
        out.println();
        out.println("wrote " + md);
        out.println("wrote " + png);
        out.println("wrote " + coveragePng);
        boolean bad = results.stream().anyMatch(BenchResult::bad);
        if (bad) {
            log.println("dbt bench: some runs failed or printed something else than native (see the table)");
        }
        return bad ? 1 : 0;
    }

    // ------------------------------------------------------------------ selection and build

    private List<Benchmark> select(List<Benchmark> all) {
        if (all.isEmpty()) {
            log.println("dbt bench: no benchmarks (*.c) in " + root.resolve(PROGRAMS));
            return null;
        }
        if (options.only().isEmpty()) {
            return all;
        }
        List<Benchmark> selected = new ArrayList<>();
        for (String name : new LinkedHashSet<>(options.only())) {
            Benchmark b = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (b == null) {
                log.println("dbt bench: no benchmark '" + name + "' (there are: "
                        + String.join(", ", all.stream().map(Benchmark::name).toList()) + ")");
                return null;
            }
            selected.add(b);
        }
        return selected;
    }

    Path guestBinary(Benchmark b) {
        return buildDir.resolve("riscv64").resolve(b.name());
    }

    Path nativeBinary(Benchmark b) {
        return buildDir.resolve("native").resolve(b.name());
    }

    /** Compiles what is missing or older than its source, both compilers at once; false (reported) on an error. */
    private boolean build(List<Benchmark> benchmarks) throws IOException {
        Files.createDirectories(buildDir.resolve("riscv64"));
        Files.createDirectories(buildDir.resolve("native"));
        int built = 0;
        for (Benchmark b : benchmarks) {
            List<List<String>> commands = new ArrayList<>();
            if (stale(guestBinary(b), b.source())) {
                commands.add(List.of(riscvCc, "-O2", "-static", "-o", guestBinary(b).toString(), b.source().toString()));
            }
            if (stale(nativeBinary(b), b.source())) {
                commands.add(List.of(nativeCc, "-O2", "-o", nativeBinary(b).toString(), b.source().toString()));
            }
            if (commands.isEmpty()) {
                continue;
            }
            List<Process> running = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (List<String> cmd : commands) {
                Path logFile = runsDir.resolve(b.name() + ".build-" + running.size() + ".log");
                logs.add(logFile);
                running.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
            }
            for (int i = 0; i < running.size(); i++) {
                int status = waitFor(running.get(i), 300);
                if (status != 0) {
                    log.println("dbt bench: build failed: " + String.join(" ", commands.get(i)));
                    log.print(Files.readString(logs.get(i), StandardCharsets.UTF_8));
                    Files.deleteIfExists(Path.of(commands.get(i).get(commands.get(i).size() - 2)));
                    return false;
                }
            }
            built += commands.size();
        }
        log.println("bench: " + benchmarks.size() + " benchmarks in " + buildDir + " (" + built + " binaries rebuilt)"
                + "; best of " + options.runs() + " run" + (options.runs() == 1 ? "" : "s")
                + (options.quick() ? ", quick inputs" : ""));
        return true;
    }

    private static boolean stale(Path binary, Path source) throws IOException {
        return !Files.isRegularFile(binary)
                || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0;
    }

    // ------------------------------------------------------------------ measuring

    /**
     * The runners: the first three in the order they take turns within one round; after the rounds, dbt with
     * {@code --stats} (untimed, for the share run in regions) and the interpreter run once.
     */
    private enum Runner {
        NATIVE("native"), QEMU("qemu"), DBT_FIRST("dbt-first"), DBT("dbt"), DBT_STATS("dbt-stats"), INTERP("interp");

        final String tag;

        Runner(String tag) {
            this.tag = tag;
        }
    }

    /** Best time so far of one runner on one benchmark, or its (final) failure. */
    private static final class Tally {
        Measurement result;
        double best = Double.POSITIVE_INFINITY;

        boolean done() {
            return result != null;
        }

        Measurement measurement() {
            return result != null ? result : Measurement.ok(best);
        }
    }

    private BenchResult measure(Benchmark b) {
        List<String> args = b.args(options.quick());
        Tally nat = new Tally();
        Tally qemu = new Tally();
        Tally dbt = new Tally();
        Tally first = new Tally();
        if (!haveQemu) {
            qemu.result = Measurement.of(Measurement.Status.UNAVAILABLE, "");
        }
        ProcessRun expected = null;
        for (int round = 0; round < options.runs(); round++) {
            ProcessRun n = once(b, Runner.NATIVE, args, round, nat, expected);
            if (expected == null) {
                if (nat.done()) {
                    break; // native itself failed: reported in nat, nothing to compare with
                }
                expected = n;
            }
            if (!qemu.done()) {
                once(b, Runner.QEMU, args, round, qemu, expected);
            }
            // A first run (it translates, and saves its translations when it ends), then one from what it saved.
            Map<String, String> store = savedTranslations(b.name() + "-" + round);
            if (!first.done()) {
                once(b, Runner.DBT_FIRST, args, round, first, expected, store);
            }
            if (!dbt.done()) {
                once(b, Runner.DBT, args, round, dbt, expected, store);
            }
        }
        if (expected == null) {
            Measurement na = Measurement.of(Measurement.Status.SKIPPED, "native did not run");
            return new BenchResult(b.name(), args, nat.measurement(), haveQemu ? na : qemu.measurement(), na,
                    Measurement.of(Measurement.Status.SKIPPED, ""), List.of(), Double.NaN, Double.NaN, na);
        }
        double inRegions = dbt.done() ? Double.NaN : inRegions(b, args);

        // The interpreter runs on the smaller input; its reference is native on that same input.
        Measurement interp;
        double mips = Double.NaN;
        List<String> interpArgs = b.interpArgs() == null ? List.of() : b.interpArgs();
        if (options.quick()) {
            interp = Measurement.of(Measurement.Status.SKIPPED, "");
        } else if (b.interpArgs() == null) {
            interp = Measurement.of(Measurement.Status.SKIPPED, "too slow on the interpreter (bench-interp-args: skip)");
        } else {
            Tally it = new Tally();
            Tally natSmall = new Tally();
            ProcessRun ref = once(b, Runner.NATIVE, interpArgs, -1, natSmall, null);
            if (natSmall.done()) {
                interp = Measurement.of(Measurement.Status.FAILED, "native failed on the interpreter's arguments '"
                        + String.join(" ", interpArgs) + "': " + natSmall.result.detail());
            } else {
                once(b, Runner.INTERP, interpArgs, 0, it, ref); // one run: it is informative, and slow
                interp = it.measurement();
                mips = InterpRate.mips(runsDir.resolve(b.name() + "." + Runner.INTERP.tag + ".err")).orElse(Double.NaN);
            }
        }
        return new BenchResult(b.name(), args, nat.measurement(), qemu.measurement(), dbt.measurement(), interp,
                interpArgs, mips, inRegions, first.measurement());
    }

    /**
     * One more dbt run, with {@code --stats}, after the timed ones (the statistics' counters in translated code
     * cost time): the percent of guest instructions run in regions, or NaN when its statistics do not say.
     */
    private double inRegions(Benchmark b, List<String> args) {
        String tag = b.name() + "." + Runner.DBT_STATS.tag;
        Path err = runsDir.resolve(tag + ".err");
        ProcessRun r = ProcessRun.run(command(b, Runner.DBT_STATS, args), savedTranslations(tag), runsDir,
                runsDir.resolve(tag + ".out"), err, options.timeoutSeconds());
        return r.error() != null || r.timedOut() ? Double.NaN : RegionCoverage.percent(err).orElse(Double.NaN);
    }

    /**
     * The environment of dbt runs that keep their saved translations in a directory of the bench's own, named name
     * (emptied now): never the user's cache, and every benchmark's round starts with none.
     */
    private Map<String, String> savedTranslations(String name) {
        Path dir = buildDir.resolve("saved-translations").resolve(name);
        try {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
        return Map.of("DBT_CACHE_DIR", dir.toString());
    }

    /** Runs {@code runner} once, folds the outcome into {@code tally} and returns the run. */
    private ProcessRun once(Benchmark b, Runner runner, List<String> args, int round, Tally tally, ProcessRun expected) {
        return once(b, runner, args, round, tally, expected, Map.of()); // (native, qemu, the interpreter: none saved)
    }

    /** {@link #once} with this environment. */
    private ProcessRun once(Benchmark b, Runner runner, List<String> args, int round, Tally tally, ProcessRun expected,
                            Map<String, String> env) {
        String tag = b.name() + "." + runner.tag + (round < 0 ? "-ref" : "");
        ProcessRun r = ProcessRun.run(command(b, runner, args), env, runsDir, runsDir.resolve(tag + ".out"),
                runsDir.resolve(tag + ".err"), options.timeoutSeconds());
        String saved = " (output in " + runsDir.resolve(tag + ".out") + ")";
        if (r.error() != null) {
            tally.result = Measurement.of(Measurement.Status.FAILED, r.error());
        } else if (r.timedOut()) {
            tally.result = Measurement.of(Measurement.Status.TIMEOUT,
                    "no result after " + options.timeoutSeconds() + " s with arguments " + String.join(" ", args));
        } else if (expected == null) {
            if (r.exit() != 0) {
                tally.result = Measurement.of(Measurement.Status.FAILED, "exit status " + r.exit()
                        + (r.stderrTail().isEmpty() ? "" : ": " + r.stderrTail()));
            } else {
                tally.best = Math.min(tally.best, r.seconds());
            }
        } else if (!Arrays.equals(r.stdout(), expected.stdout())) {
            tally.result = Measurement.of(r.exit() == expected.exit() ? Measurement.Status.MISMATCH
                            : Measurement.Status.FAILED,
                    "arguments '" + String.join(" ", args) + "': " + difference(expected, r) + saved);
        } else if (r.exit() != expected.exit()) {
            tally.result = Measurement.of(Measurement.Status.FAILED, "arguments '" + String.join(" ", args)
                    + "': exit status " + r.exit() + ", native " + expected.exit()
                    + (r.stderrTail().isEmpty() ? "" : "; stderr: " + r.stderrTail()));
        } else {
            tally.best = Math.min(tally.best, r.seconds());
        }
        return r;
    }

    /** dbt's fixed cost: the best time of {@code dbt run guests/riscv64/hello}, if that guest is there. */
    private Measurement startupFloor() {
        Path hello = root.resolve("guests").resolve("riscv64").resolve("hello");
        if (!Files.isRegularFile(hello)) {
            return Measurement.of(Measurement.Status.SKIPPED, "");
        }
        List<String> cmd = new ArrayList<>(dbtCommand());
        cmd.add(hello.toString());
        double best = Double.POSITIVE_INFINITY;
        Map<String, String> store = savedTranslations("hello");
        for (int i = 0; i < options.runs(); i++) { // (the first run saves its translations, the others use them)
            ProcessRun r = ProcessRun.run(cmd, store, runsDir, runsDir.resolve("hello.dbt.out"),
                    runsDir.resolve("hello.dbt.err"), options.timeoutSeconds());
            if (r.error() != null || r.timedOut() || r.exit() != 0) {
                return Measurement.of(Measurement.Status.FAILED, "");
            }
            best = Math.min(best, r.seconds());
        }
        return Measurement.ok(best);
    }

    /** The first line where the outputs differ, both sides quoted, plus the exit statuses when they differ. */
    static String difference(ProcessRun expected, ProcessRun actual) {
        List<String> e = new String(expected.stdout(), StandardCharsets.UTF_8).lines().toList();
        List<String> a = new String(actual.stdout(), StandardCharsets.UTF_8).lines().toList();
        int i = 0;
        while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
            i++;
        }
        String exp = i < e.size() ? "'" + clip(e.get(i)) + "'" : "end of output";
        String act = i < a.size() ? "'" + clip(a.get(i)) + "'" : "end of output";
        String d = "stdout line " + (i + 1) + ": expected " + exp + ", got " + act;
        if (exp.equals(act)) {
            d = "stdout differs (line endings or trailing bytes)";
        }
        if (actual.exit() != expected.exit()) {
            d += "; exit status " + actual.exit() + ", native " + expected.exit()
                    + (actual.stderrTail().isEmpty() ? "" : "; stderr: " + actual.stderrTail());
        }
        return d;
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private List<String> command(Benchmark b, Runner runner, List<String> args) {
        List<String> cmd = new ArrayList<>();
        switch (runner) {
            case NATIVE -> cmd.add(nativeBinary(b).toString());
            case QEMU -> {
                cmd.add("qemu-riscv64");
                cmd.add(guestBinary(b).toString());
            }
            case DBT, DBT_FIRST -> {
                cmd.addAll(dbtCommand());
                cmd.add(guestBinary(b).toString());
            }
            case DBT_STATS -> {
                cmd.addAll(dbtCommand());
                cmd.add("--stats");
                cmd.add(guestBinary(b).toString());
            }
            case INTERP -> {
                cmd.addAll(interpCommand());
                cmd.add("--interp");
                cmd.add("--stats");
                cmd.add(guestBinary(b).toString());
            }
        }
        cmd.addAll(args);
        return cmd;
    }

    private List<String> dbtCommand;

    /**
     * {@code java FLAGS -cp CLASSPATH dbt.runtime.Main run}: this JVM's own, i.e. the launcher's, command, with an
     * ahead-of-time cache of its own (the measured runs use a class path of their own), trained like the launcher
     * trains its cache: one run of the bundled training program.
     */
    List<String> dbtCommand() {
        if (dbtCommand == null) {
            Path cache = buildDir.resolve("dbt.aot");
            List<String> cmd = dbtRun(cache, snapshotClasspath(System.getProperty("java.class.path")));
            if (cmd.contains(AOT_CACHE + cache) && !trainAotCache(cmd, cache)) {
                cmd = cmd.stream().filter(f -> !f.startsWith(AOT_CACHE)).toList();
            }
            dbtCommand = cmd;
        }
        return dbtCommand;
    }

    /** The dbt command with the interpreter's JVM (Truffle's optimizing runtime and Graal), as the launcher's. */
    private List<String> interpCommand() {
        List<String> cmd = dbtCommand();
        int cp = cmd.indexOf("-cp");
        List<String> out = new ArrayList<>(InterpreterJvm.flags(cmd.subList(1, cp), root));
        out.addFirst(cmd.getFirst());
        out.add("-cp");
        out.add(InterpreterJvm.classpath(cmd.get(cp + 1), root));
        out.addAll(cmd.subList(cp + 2, cmd.size()));
        return out;
    }

    /**
     * Creates the ahead-of-time cache of a dbt command by running it once on the bundled training program, as the
     * launcher trains its own.
     */
    private boolean trainAotCache(List<String> cmd, Path cache) {
        List<String> training = new ArrayList<>();
        for (String f : cmd) {
            training.add(f.equals(AOT_CACHE + cache) ? "-XX:AOTCacheOutput=" + cache : f);
        }
        training.add(root.resolve("guests/riscv64/training").toString());
        try {
            Files.deleteIfExists(cache);
            ProcessBuilder pb = new ProcessBuilder(training).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(savedTranslations("training"));
            Process p = pb.start();
            return p.waitFor() == 0 && Files.isRegularFile(cache);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code java FLAGS -cp CLASSPATH dbt.runtime.Main run}, with this JVM's flags; its ahead-of-time cache is
     * aotCache (null: none).
     */
    static List<String> dbtRun(Path aotCache, String classpath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags(ManagementFactory.getRuntimeMXBean().getInputArguments(), aotCache));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        cmd.add("run");
        return List.copyOf(cmd);
    }

    /**
     * Copies the jars of {@code classpath} to {@code target/bench/classpath/} and returns the class path of the
     * copies, so that every dbt run of one bench uses the same code even if the project is rebuilt (and its jars
     * in ~/.m2 replaced) meanwhile. A native library beside a jar (libdbthost.so, see HostLibrary) is copied
     * with it. Directories, and jars that cannot be copied, stay as they are.
     */
    private String snapshotClasspath(String classpath) {
        Path dir = buildDir.resolve("classpath");
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            return classpath;
        }
        int i = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                Path copy = dir.resolve(String.format(Locale.ROOT, "%02d-%s", i++, p.getFileName()));
                try {
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    Path library = p.resolveSibling(NATIVE_LIBRARY);
                    if (Files.isRegularFile(library)) {
                        Files.copy(library, dir.resolve(NATIVE_LIBRARY), StandardCopyOption.REPLACE_EXISTING);
                    }
                    entries.add(copy.toString());
                    continue;
                } catch (IOException e) {
                    // use the original
                }
            }
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * This JVM's flags without debugger/agent flags (the launcher's flags if there are none), with aotCache as the
     * ahead-of-time cache (null: none).
     */
    static List<String> jvmFlags(List<String> inherited, Path aotCache) {
        List<String> flags = new ArrayList<>();
        for (String f : inherited) {
            if (f.startsWith("-agentlib") || f.startsWith("-javaagent") || f.startsWith("-agentpath")
                    || f.startsWith("-Xrunjdwp") || f.equals("-Xdebug") || f.startsWith("-Djava.awt.headless")
                    || f.startsWith(AOT_CACHE)) {
                continue;
            }
            flags.add(f);
        }
        if (flags.stream().noneMatch(f -> f.startsWith("--enable-native-access"))) {
            flags = new ArrayList<>(LAUNCHER_FLAGS);
        }
        if (aotCache != null) {
            flags.add(AOT_CACHE + aotCache);
        }
        return flags;
    }

    // ------------------------------------------------------------------ report

    private String subtitle() {
        return "best of " + options.runs() + " run" + (options.runs() == 1 ? "" : "s")
                + (options.quick() ? " (--quick inputs)" : "") + "; dbt times include JVM start-up and translation; "
                + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private List<String> notes(BenchTable table, Measurement startup, double elapsed) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "Wall times in seconds, best (minimum) of %d run%s per runner%s; "
                        + "ratios > 1 mean slower; geomean = geometric mean over the benchmarks with both times.",
                options.runs(), options.runs() == 1 ? "" : "s", options.quick() ? ", --quick inputs" : ""));
        notes.add("native: " + nativeCc + " -O2 (" + firstLine(List.of(nativeCc, "-dumpfullversion")) + "); guests: "
                + riscvCc + " -O2 -static (" + firstLine(List.of(riscvCc, "-dumpfullversion")) + ").");
        notes.add(haveQemu ? "qemu: " + firstLine(List.of("qemu-riscv64", "--version")) + "."
                : "qemu: qemu-riscv64 is not on the PATH (n/a).");
        notes.add("dbt: `java ... " + MAIN_CLASS + " run PROG ARGS` (the ./dbt launcher's JVM and flags), so JVM "
                + "start-up and translation are included. Each round runs dbt twice: 'dbt 1st s' is a first run (it "
                + "translates everything it runs, and saves its translations when it ends), 'dbt s' the run after it, "
                + "which installs what the first saved where the guest code is the same (as any second run of a "
                + "program does; --no-saved-translations turns it off)" + (startup.ok() ? "; for scale, dbt runs the "
                + "bundled guests/riscv64/hello in " + startup.cell() + " s (best of " + options.runs() + ", the first "
                + "of them a first run)." : "."));
        notes.add("in regions: of the guest instructions dbt ran in translated code (counted per block entered, "
                + "by the main thread), the share run in regions rather than in single blocks, from one more, untimed "
                + "`dbt run --stats` run after the timed ones ('-': no statistics); bench-coverage.png draws it.");
        if (table.showsInterp()) {
            notes.add("interp: `dbt run --interp`, the reference interpreter (Truffle compiled by Graal, as the launcher "
                    + "runs it), 1 run on the much smaller input in the 'interp args' column (its output checked "
                    + "against native on that input): its time is not comparable to the other columns. interp MIPS: "
                    + "millions of guest instructions per second from the guest's start to its end (dbt --stats; "
                    + "JVM start-up excluded, Graal's warm-up included).");
        } else {
            notes.add("interp: `dbt run --interp` not run" + (options.quick() ? " (--quick)." : "."));
        }
        String rev = firstLine(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"));
        notes.add(String.format(Locale.ROOT, "%s, %s, %d cores, Java %s%s; measuring took %.0f s.",
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")), cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                rev.isEmpty() ? "" : ", source revision " + rev + " (plus uncommitted changes, if any)", elapsed));
        for (String p : table.skips()) {
            notes.add("Not measured: " + p);
        }
        for (String p : table.problems()) {
            notes.add("PROBLEM: " + p);
        }
        return notes;
    }

    private String markdown(BenchTable table, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        sb.append("# dbt bench\n\n");
        sb.append(table.markdown()).append('\n');
        for (String note : notes) {
            sb.append("- ").append(note).append('\n');
        }
        sb.append("\n![time relative to native](bench.png)\n");
        sb.append("\n![guest instructions run in regions](bench-coverage.png)\n");
        return sb.toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    /** The first line a short command prints, or "" if it cannot be run. */
    private String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (waitFor(p, 20) != 0) {
                return "";
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int waitFor(Process p, long seconds) {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The directory containing bench/programs: above the working directory, else above this code's jar. */
    static Path findRoot() {
        Set<Path> starts = new LinkedHashSet<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            var source = BenchCommand.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // only the working directory then
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(PROGRAMS))) {
                    return p;
                }
            }
        }
        return null;
    }
}
