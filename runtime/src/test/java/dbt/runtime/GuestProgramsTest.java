package dbt.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * End-to-end test: every C and C++ program in {@code tests/programs/*.c, *.cpp} is compiled three times by
 * {@code tests/programs/build.sh} (natively with gcc, and as a static and a dynamically linked RV64 binary with
 * riscv64-linux-gnu-gcc); the native binary's stdout and exit status are the reference, and the
 * RISC-V binaries run under our translator ({@code dbt.runtime.Main run MODE guest args...}, and
 * {@code dbt.runtime.Main -L SYSROOT guest args...} for the dynamic one, in a child JVM) must reproduce them
 * exactly. When {@code qemu-riscv64} is on the PATH the RISC-V binaries are also run under qemu, which checks the
 * programs themselves (not our translator).
 *
 * <p>Per-program inputs follow the conventions documented at the top of build.sh:
 * {@code args/NAME.args} (one argument per line), {@code stdin/NAME.stdin} and
 * {@code status/NAME.status} (expected exit status, default 0). stderr is never compared.
 *
 * <p>Skipped (via Assumptions) when riscv64-linux-gnu-gcc or gcc is missing; the translator runs
 * are skipped while {@code dbt.runtime.Main} is not on the class path. Every run's stdout/stderr
 * is kept in {@code target/guest-programs/runs/}.
 *
 * <p>Runs start ahead of their tests, {@code dbt.guest.parallel} at once (default: one per core): most of a run is a
 * child JVM starting, or a single-threaded guest, so a second run fills what the first leaves of the machine. The tests
 * then report, in order, what their runs found.
 *
 * <p>System properties: {@code dbt.guest.timeoutSeconds} (per run, default 120; three times that under --interp),
 * {@code dbt.guest.only} (comma-separated program names to restrict the run to) and {@code dbt.guest.parallel}.
 */
public class GuestProgramsTest {

    /**
     * Execution modes, as options of {@code dbt.runtime.Main run}: the default (a block's first runs on the IR
     * interpreter, then translated), every block translated before its first run, and the reference interpreter.
     */
    static final List<List<String>> MODES = List.of(List.of(), List.of("--translate-after", "0"), List.of("--interp"));

    /**
     * JVM flags for a child JVM running dbt: dbt.testJvmArgs in the pom, and the launcher's for a short-lived JVM
     * (the serial collector, no perf-data file, no JVM logging, the heap in transparent huge pages), which halve a
     * run's CPU time against the JVM's defaults on 2 cores.
     */
    static final List<String> CHILD_JVM_FLAGS = List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Dpolyglot.engine.WarnInterpreterOnly=false",
            "-Xss16m",
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-Xlog:disable",
            "-XX:+UseTransparentHugePages");

    /**
     * The launcher's compilers for a run of the translator: C1 alone, at a quarter of the usual thresholds. The
     * reference interpreter (--interp) is Java that runs for the whole guest and keeps C2, as the launcher gives it.
     */
    static final List<String> TRANSLATOR_TIERS = List.of("-XX:TieredStopAtLevel=1",
            "-XX:CompileThresholdScaling=0.25");

    /**
     * Programs also run on the interpreter as the launcher runs it, Truffle compiled by Graal in the background (when
     * the build copied Graal to runtime/target/graal): call-heavy code, recursion and self-modifying code.
     */
    static final List<String> COMPILED_INTERP_PROGRAMS = List.of("calls", "recursion", "selfmod");

    /**
     * Programs also translated for x86-64's baseline ({@code --no-host-features}: no FMA3, BMI2, ERMS or AVX2), so
     * that the instruction selection for CPUs without them stays tested here: shifts and rotations, fused
     * multiply-adds, the C library routines' 16-byte scans and compares, copies and fills.
     */
    static final List<String> BASELINE_HOST_PROGRAMS = List.of("bits", "rotates", "wordloops", "fploops", "fploops32",
            "libcroutines");

    /**
     * Programs also run on the interpreter with every call target compiled before it first runs (synchronously), so
     * that their hot code runs as compiled regions however short they are: call-heavy code and recursion (regions
     * whose edges are calls and returns), self-modifying code (fence.i discards compiled regions), faults in hot
     * loops (SIGSEGV recovered by a handler, a store to a read-only page) and signals that must reach a compiled
     * loop.
     */
    static final List<String> EAGERLY_COMPILED_INTERP_PROGRAMS = List.of("calls", "recursion", "selfmod", "protfault",
            "sigsync", "signals");
    static final List<String> EAGER_COMPILATION = List.of("-Dpolyglot.engine.CompileImmediately=true",
            "-Dpolyglot.engine.BackgroundCompilation=false");

    /**
     * Programs also run from saved translations dynamically linked (ld.so maps libc.so where the saved code must
     * find it again): threads, signals, forks, C++ exceptions, every printf format of doubles.
     */
    static final List<String> SAVED_DYNAMIC_PROGRAMS = List.of("threads", "signals", "processes", "exceptions",
            "fpformat");

    /**
     * Programs whose third run from saved translations translates nothing: one thread, no signals, the same code each
     * run, with nested loops whose inner self-loop and outer region jump into each other (each is installed knowing
     * where the other goes).
     */
    static final List<String> SAVED_COMPLETE_PROGRAMS = List.of("regions", "branchy", "hashtable", "inlining");

    static final String MAIN_CLASS = "dbt.runtime.Main";
    /**
     * The cross toolchain's glibc (Debian's libc6-dev-riscv64-cross), which the dynamically linked builds are run
     * against; null where it is not installed (those runs are then not made).
     */
    static final Path SYSROOT = Files.isDirectory(Path.of("/usr/riscv64-linux-gnu/lib"))
            ? Path.of("/usr/riscv64-linux-gnu") : null;
    static final long RUN_TIMEOUT_SECONDS = Long.getLong("dbt.guest.timeoutSeconds", 120);
    static final long BUILD_TIMEOUT_SECONDS = 900;
    static final int MAX_STDERR_IN_MESSAGE = 20_000;
    static final int PARALLEL_RUNS = Integer.getInteger("dbt.guest.parallel",
            Runtime.getRuntime().availableProcessors());

    /** Runs the tests' bodies, in the order the tests are made, {@link #PARALLEL_RUNS} at once. */
    private static final ExecutorService AHEAD = Executors.newFixedThreadPool(PARALLEL_RUNS, body -> {
        Thread t = new Thread(body, "guest-programs-run");
        t.setDaemon(true);
        return t;
    });

    /** Build output, shared by all dynamic tests (and by repeated factory invocations). */
    private static Path buildDir;

    @TestFactory
    Stream<DynamicNode> guestPrograms() throws Exception {
        Path root = findRepoRoot();
        Path programs = root.resolve("tests").resolve("programs");
        Assumptions.assumeTrue(onPath("riscv64-linux-gnu-gcc"),
                "riscv64-linux-gnu-gcc is not on the PATH: cannot build the RISC-V guest programs "
                        + "(install gcc-riscv64-linux-gnu and libc6-dev-riscv64-cross)");
        Assumptions.assumeTrue(onPath("gcc"),
                "gcc is not on the PATH: cannot build the native reference programs");

        Path out = build(programs);
        boolean haveQemu = onPath("qemu-riscv64");
        String only = System.getProperty("dbt.guest.only", "").trim();
        List<String> selected = only.isEmpty() ? List.of() : List.of(only.split("\\s*,\\s*"));

        List<String> names;
        try (Stream<Path> files = Files.list(programs)) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".c") || n.endsWith(".cpp"))
                    .map(n -> n.substring(0, n.lastIndexOf('.')))
                    .filter(n -> selected.isEmpty() || selected.contains(n))
                    .sorted()
                    .toList();
        }
        if (names.isEmpty()) {
            fail("no programs found in " + programs + (only.isEmpty() ? "" : " matching " + only));
        }

        Path runs = out.resolve("runs");
        Files.createDirectories(runs);
        List<DynamicNode> nodes = new ArrayList<>();
        for (String name : names) {
            Program program = Program.load(programs, out, name);
            List<DynamicTest> tests = new ArrayList<>();
            if (haveQemu) {
                tests.add(ahead("qemu-riscv64 matches native", () -> {
                    Assumptions.assumeTrue(program.qemuDiffers == null, "qemu-riscv64 differs from Linux here: "
                            + program.qemuDiffers);
                    RunResult expected = program.nativeResult(runs);
                    List<String> cmd = new ArrayList<>();
                    cmd.add("qemu-riscv64");
                    cmd.add(program.guest.toString());
                    cmd.addAll(program.args);
                    RunResult actual = run(cmd, program.stdin, runs, name + ".qemu");
                    assertSame(program, "qemu-riscv64", expected, actual);
                }));
            }
            if (haveQemu && SYSROOT != null) {
                tests.add(ahead("qemu-riscv64 -L, dynamically linked, matches native", () -> {
                    Assumptions.assumeTrue(program.qemuDiffers == null, "qemu-riscv64 differs from Linux here: "
                            + program.qemuDiffers);
                    List<String> cmd = new ArrayList<>(List.of("qemu-riscv64", "-L", SYSROOT.toString()));
                    cmd.add(program.dynamicGuest.toString());
                    cmd.addAll(program.args);
                    assertSame(program, "qemu-riscv64 -L", program.nativeResult(runs),
                            run(cmd, program.stdin, runs, name + ".qemu-dynamic"));
                }));
            }
            if (SYSROOT != null) {
                tests.add(ahead("dbt -L, dynamically linked, matches native", () -> {
                    List<String> cmd = dbtCommand();
                    cmd.addAll(List.of("-L", SYSROOT.toString(), program.dynamicGuest.toString()));
                    cmd.addAll(program.args);
                    assertSame(program, "dbt -L", program.nativeResult(runs),
                            run(cmd, program.stdin, runs, name + ".dbt-dynamic"));
                }));
            }
            List<List<String>> modes = new ArrayList<>(MODES);
            if (BASELINE_HOST_PROGRAMS.contains(name)) {
                modes.add(List.of("--translate-after", "0", "--no-host-features"));
            }
            for (List<String> mode : modes) {
                String label = mode.isEmpty() ? "translated" : String.join(" ", mode);
                tests.add(ahead("dbt " + label + " matches native", () -> {
                    RunResult expected = program.nativeResult(runs);
                    List<String> cmd = dbtCommand(mode.contains("--interp"));
                    cmd.add("run");
                    cmd.addAll(mode);
                    cmd.add(program.guest.toString());
                    cmd.addAll(program.args);
                    String tag = mode.isEmpty() ? "translated" : String.join("", mode).replaceAll("^-+", "");
                    RunResult actual = run(cmd, program.stdin, runs, name + ".dbt-" + tag);
                    assertSame(program, "dbt " + label, expected, actual);
                }));
            }
            tests.add(ahead("dbt run again, from the translations its first run saved, matches native",
                    () -> assertSavedTranslations(program, out, runs, false)));
            if (SYSROOT != null && SAVED_DYNAMIC_PROGRAMS.contains(name)) {
                tests.add(ahead("dbt -L run again, from the translations its first run saved,"
                        + " matches native", () -> assertSavedTranslations(program, out, runs, true)));
            }
            if (COMPILED_INTERP_PROGRAMS.contains(name)) {
                tests.add(ahead("dbt --interp, compiled by Graal, matches native",
                        () -> assertCompiledInterpreter(root, program, runs, List.of(), "graal")));
            }
            if (EAGERLY_COMPILED_INTERP_PROGRAMS.contains(name)) {
                tests.add(ahead("dbt --interp, every region compiled before it runs, matches native",
                        () -> assertCompiledInterpreter(root, program, runs, EAGER_COMPILATION, "graal-eager")));
            }
            nodes.add(DynamicContainer.dynamicContainer(name, tests.stream()));
        }
        return nodes.stream();
    }

    /**
     * A test whose body starts now on {@link #AHEAD}: the test waits for it and fails, or is skipped, as the body
     * did.
     */
    private static DynamicTest ahead(String name, Executable body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AHEAD.execute(() -> {
            try {
                body.execute();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return DynamicTest.dynamicTest(name, () -> {
            try {
                done.join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        });
    }

    /**
     * Runs the program three times with a fresh directory of saved translations: the first run saves what it
     * translated (every program translates some: glibc's start-up has loops), the second installs it and saves the
     * blocks it lifted, the third reads those too; all must match native. The counts are --stats' lines summed over
     * the process and the children it forks. With -L, dynamically linked (its libraries mapped by ld.so).
     */
    private static void assertSavedTranslations(Program program, Path out, Path runs, boolean dynamic)
            throws Exception {
        RunResult expected = program.nativeResult(runs);
        Path store = Files.createTempDirectory(out, "saved-" + program.name + "-");
        List<String> cmd = dbtCommand();
        cmd.addAll(List.of("run", "--stats"));
        if (dynamic) {
            cmd.addAll(List.of("-L", SYSROOT.toString(), program.dynamicGuest.toString()));
        } else {
            cmd.add(program.guest.toString());
        }
        cmd.addAll(program.args);
        Map<String, String> env = Map.of("DBT_CACHE_DIR", store.toString());
        String tag = program.name + (dynamic ? ".dbt-dynamic-saved" : ".dbt-saved");
        String[] runNames = {"saving its translations", "from the translations saved",
                "from the translations and lifted blocks saved"};
        String[] counted = {"new ones to save", "installed instead of translated", "lifted blocks read"};
        try {
            for (int k = 0; k < 3; k++) {
                RunResult r = run(cmd, program.stdin, runs, tag + k, env);
                assertSame(program, "dbt" + (dynamic ? " -L" : "") + " (" + runNames[k] + ")", expected, r);
                long n = savedStatistic(r.stderr, counted[k]);
                assertTrue(n > 0, program.name + ": run " + (k + 1) + " counted " + n + " " + counted[k]
                        + "\n--- its stderr ---\n" + r.stderr);
                if (k == 2 && !dynamic && SAVED_COMPLETE_PROGRAMS.contains(program.name)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("dbt: translated ([0-9,]+) blocks")
                            .matcher(r.stderr);
                    assertTrue(m.find() && m.group(1).equals("0"), program.name + ": run 3 translated blocks"
                            + "\n--- its stderr ---\n" + r.stderr);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(store)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The sum of a count over --stats' lines on saved translations (one per process), e.g. "1,234 installed instead
     * of translated"; -1 if there is no such line.
     */
    private static long savedStatistic(String stderr, String what) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dbt: saved translations .*?([0-9,]+) "
                + java.util.regex.Pattern.quote(what)).matcher(stderr);
        long sum = -1;
        while (m.find()) {
            sum = Math.max(sum, 0) + Long.parseLong(m.group(1).replace(",", ""));
        }
        return sum;
    }

    /** Runs the program on the interpreter with Graal (extra: JVM flags for Truffle) and compares it with native. */
    private static void assertCompiledInterpreter(Path root, Program program, Path runs, List<String> extra, String tag)
            throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("runtime/target/graal/modules")),
                "Graal is not in runtime/target/graal (the runtime module copies it before its tests)");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(InterpreterJvm.flags(CHILD_JVM_FLAGS, root));
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", InterpreterJvm.classpath(System.getProperty("java.class.path"), root),
                MAIN_CLASS, "run", "--interp", "--stats", program.guest.toString()));
        cmd.addAll(program.args);
        RunResult actual = run(cmd, program.stdin, runs, program.name + ".dbt-interp-" + tag);
        assertSame(program, "dbt --interp (" + tag + ")", program.nativeResult(runs), actual);
    }

    /** dbt on this test's JVM and class path, as the launcher runs the translator, without a command or options yet. */
    public static List<String> dbtCommand() {
        return dbtCommand(false);
    }

    /** dbt on this test's JVM and class path, for the reference interpreter or the translator (see TRANSLATOR_TIERS). */
    static List<String> dbtCommand(boolean interp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(CHILD_JVM_FLAGS);
        if (!interp) {
            cmd.addAll(TRANSLATOR_TIERS);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    // ---------------------------------------------------------------- programs

    /** One test program: its binaries and how to run it. */
    static final class Program {
        final String name;
        final Path nativeBinary;
        final Path guest;
        final Path dynamicGuest;
        final List<String> args;
        final Path stdin; // null: empty stdin
        final int expectedStatus;
        /** Why qemu-riscv64 cannot run this program as Linux does (a known qemu bug), or null. */
        final String qemuDiffers;
        private RunResult nativeResult;

        private Program(String name, Path nativeBinary, Path guest, List<String> args, Path stdin,
                int expectedStatus, String qemuDiffers) {
            this.name = name;
            this.qemuDiffers = qemuDiffers;
            this.nativeBinary = nativeBinary;
            this.guest = guest;
            this.dynamicGuest = guest.getParent().resolveSibling("riscv64-dynamic").resolve(name);
            this.args = args;
            this.stdin = stdin;
            this.expectedStatus = expectedStatus;
        }

        static Program load(Path programs, Path out, String name) throws IOException {
            Path argsFile = programs.resolve("args").resolve(name + ".args");
            List<String> args = Files.isRegularFile(argsFile)
                    ? Files.readAllLines(argsFile, StandardCharsets.UTF_8)
                    : List.of();
            Path stdinFile = programs.resolve("stdin").resolve(name + ".stdin");
            Path statusFile = programs.resolve("status").resolve(name + ".status");
            int status = Files.isRegularFile(statusFile)
                    ? Integer.parseInt(Files.readString(statusFile).trim())
                    : 0;
            Path qemuFile = programs.resolve("qemu").resolve(name + ".differs");
            return new Program(name, out.resolve("native").resolve(name),
                    out.resolve("riscv64").resolve(name), args,
                    Files.isRegularFile(stdinFile) ? stdinFile : null, status,
                    Files.isRegularFile(qemuFile) ? Files.readString(qemuFile).trim() : null);
        }

        /** Runs the native binary once and checks it against the expected exit status. */
        synchronized RunResult nativeResult(Path runs) throws Exception {
            if (nativeResult == null) {
                List<String> cmd = new ArrayList<>();
                cmd.add(nativeBinary.toString());
                cmd.addAll(args);
                RunResult r = run(cmd, stdin, runs, name + ".native");
                if (r.timedOut || r.status != expectedStatus) {
                    fail("native " + name + " is broken (not a translator bug): exit status "
                            + r.describeStatus() + ", expected " + expectedStatus
                            + "\n--- stderr ---\n" + r.stderr);
                }
                nativeResult = r;
            }
            return nativeResult;
        }
    }

    // ---------------------------------------------------------------- running

    record RunResult(List<String> command, int status, boolean timedOut, String stdout,
            String stderr) {
        String describeStatus() {
            return timedOut ? "TIMEOUT after " + timeoutSeconds(command) + " s" : Integer.toString(status);
        }

        /** What is compared: exit status plus stdout, laid out so an IDE diff is readable. */
        String observable() {
            return "exit status: " + describeStatus() + "\n--- stdout ---\n" + stdout;
        }
    }

    /**
     * Runs {@code cmd} with stdin from {@code stdin} (or empty), stdout/stderr captured in files
     * under {@code runs} (kept for inspection), killing the process tree on timeout.
     */
    static RunResult run(List<String> cmd, Path stdin, Path runs, String tag)
            throws IOException, InterruptedException {
        return run(cmd, stdin, runs, tag, Map.of());
    }

    /** {@link #run} with these variables added to the environment; the run's wall time is kept beside its output. */
    static RunResult run(List<String> cmd, Path stdin, Path runs, String tag, Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = runs.resolve(tag + ".stdout");
        Path err = runs.resolve(tag + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
                : ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process p = pb.start();
        if (stdin == null) {
            p.getOutputStream().close(); // empty stdin: immediate EOF
        }
        boolean finished = p.waitFor(timeoutSeconds(cmd), TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Files.writeString(runs.resolve(tag + ".seconds"), String.format("%.2f%n", (System.nanoTime() - start) / 1e9));
        // ISO-8859-1 maps every byte to one char, so the comparison is byte-exact.
        String stdout = Files.readString(out, StandardCharsets.ISO_8859_1);
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
        return new RunResult(List.copyOf(cmd), finished ? p.exitValue() : -1, !finished, stdout,
                stderr);
    }

    /**
     * A run's time limit: the reference interpreter (--interp) gets three times the others', as it runs a hundred
     * times slower (libcroutines: 98 s on a 2-core EPYC, alone).
     */
    static long timeoutSeconds(List<String> cmd) {
        return cmd.contains("--interp") ? 3 * RUN_TIMEOUT_SECONDS : RUN_TIMEOUT_SECONDS;
    }

    static void assertSame(Program program, String runner, RunResult expected, RunResult actual) {
        String expectedText = expected.observable();
        String actualText = actual.observable();
        if (expectedText.equals(actualText)) {
            return;
        }
        StringBuilder msg = new StringBuilder();
        msg.append("program ").append(program.name).append(" under ").append(runner)
                .append(" differs from native\n");
        msg.append("command: ").append(displayCommand(actual.command)).append('\n');
        if (program.stdin != null) {
            msg.append("stdin:   ").append(program.stdin).append('\n');
        }
        msg.append("exit status: expected ").append(expected.describeStatus())
                .append(", actual ").append(actual.describeStatus()).append('\n');
        if (!expected.stdout.equals(actual.stdout)) {
            msg.append(firstDifference(expected.stdout, actual.stdout)).append('\n');
        }
        String stderr = actual.stderr;
        if (stderr.length() > MAX_STDERR_IN_MESSAGE) {
            stderr = stderr.substring(0, MAX_STDERR_IN_MESSAGE) + "\n... ("
                    + (actual.stderr.length() - MAX_STDERR_IN_MESSAGE) + " more chars)";
        }
        msg.append("--- stderr of the ").append(runner).append(" run ---\n").append(stderr)
                .append(stderr.endsWith("\n") || stderr.isEmpty() ? "" : "\n")
                .append("--- end of stderr; expected vs actual (exit status + stdout) follow ---");
        assertEquals(expectedText, actualText, msg.toString());
    }

    /** The command line with the (long) class path abbreviated. */
    static String displayCommand(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < command.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            boolean classPath = i > 0 && command.get(i - 1).equals("-cp");
            sb.append(classPath ? "<test class path>" : command.get(i));
        }
        return sb.toString();
    }

    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        for (int i = 0; i < n; i++) {
            if (!e[i].equals(a[i])) {
                return "first stdout difference at line " + (i + 1) + ":\n  expected: " + e[i]
                        + "\n  actual:   " + a[i];
            }
        }
        return "stdout differs in length: expected " + e.length + " lines (" + expected.length()
                + " bytes), actual " + a.length + " lines (" + actual.length() + " bytes)";
    }

    // ---------------------------------------------------------------- setup

    /** Builds all programs into {@code target/guest-programs} once per JVM. */
    static synchronized Path build(Path programs) throws IOException, InterruptedException {
        if (buildDir != null) {
            return buildDir;
        }
        Path out = Path.of("target", "guest-programs").toAbsolutePath();
        Files.createDirectories(out);
        Path log = out.resolve("build.log");
        Process p = new ProcessBuilder("sh", programs.resolve("build.sh").toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("tests/programs/build.sh timed out after " + BUILD_TIMEOUT_SECONDS + " s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("tests/programs/build.sh " + out + " failed with status " + p.exitValue() + ":\n"
                    + output);
        }
        if (!Files.isDirectory(out.resolve("riscv64"))) {
            Assumptions.abort("build.sh did not produce RISC-V binaries:\n" + output);
        }
        buildDir = out;
        return out;
    }

    /** Walks up from the working directory until a directory containing tests/programs is found. */
    static Path findRepoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tests").resolve("programs"))) {
                return dir;
            }
        }
        Assumptions.abort("no tests/programs directory above " + start);
        throw new IllegalStateException("unreachable");
    }

    public static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

}
