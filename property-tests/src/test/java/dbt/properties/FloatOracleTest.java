package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dbt.properties.FloatOracleOperands.Inputs;
import dbt.properties.FloatOracleVariants.Fmt;
import dbt.properties.FloatOracleVariants.Variant;
import dbt.properties.IsaDescriptions.Isa;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An external oracle for the F and D extensions: qemu-riscv64 (whose RISC-V floating point is SoftFloat) and dbt
 * must agree on the result and the exception flags of random floating-point operations, for every computational
 * F and D instruction of the RISC-V description and every rounding mode (0..4 and dynamic).
 *
 * <p>The variants (instruction × rounding mode, {@link FloatOracleVariants}) become small assembly functions,
 * linked with a C driver ({@code float-oracle/driver.c}) into one static RISC-V program that reads operation
 * records on stdin and prints one line of results per record. Edge-biased operands
 * ({@link FloatOracleOperands}) are generated here with a fixed seed; the same input is run under qemu-riscv64 and
 * under dbt three ways: the reference interpreter ({@code --interp}), every block translated before it runs
 * ({@code --translate-after 0}: the SSE lowering) and the default mode. Every line must agree.
 *
 * <p>System properties: {@code dbt.oracle.seed} (default {@value #DEFAULT_SEED}), {@code dbt.oracle.count}
 * (operations, default 100,000), {@code dbt.oracle.timeoutSeconds} (per run, default 300),
 * {@code dbt.oracle.parallel} (runs at a time, default 1: on two cores the JVMs only slow each other down),
 * {@code dbt.oracle.keep} (keep the work directory: the program, its input, every run's stdout and stderr).
 * Skipped when riscv64-linux-gnu-gcc or qemu-riscv64 is not on the PATH.
 */
class FloatOracleTest {
    static final String GCC = "riscv64-linux-gnu-gcc";
    static final String QEMU = "qemu-riscv64";
    static final long DEFAULT_SEED = 0x5eed_f10a7L;
    static final int DEFAULT_COUNT = 100_000;
    static final int MIN_PER_INSTRUCTION_AND_MODE = 50;
    static final int SHOWN = 30;
    static final int RECORD_BYTES = 40;

    /** dbt's modes, as options of {@code dbt.runtime.Main run}: the reference interpreter first (the main oracle). */
    static final List<List<String>> DBT_MODES =
            List.of(List.of("--interp"), List.of("--translate-after", "0"), List.of());

    /** JVM flags of the child JVM that runs dbt (as in runtime's GuestProgramsTest and dbt.testJvmArgs). */
    static final List<String> CHILD_JVM_FLAGS = List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Dpolyglot.engine.WarnInterpreterOnly=false",
            "-Xss16m");

    /** The computational instructions of F and D (RISC-V manual, chapters 11 and 12 / 20 and 21). */
    static final List<String> EXPECTED_INSTRUCTIONS = List.of(
            "fadd.s", "fsub.s", "fmul.s", "fdiv.s", "fsqrt.s", "fmin.s", "fmax.s",
            "fmadd.s", "fmsub.s", "fnmsub.s", "fnmadd.s",
            "fcvt.w.s", "fcvt.wu.s", "fcvt.l.s", "fcvt.lu.s", "fcvt.s.w", "fcvt.s.wu", "fcvt.s.l", "fcvt.s.lu",
            "fsgnj.s", "fsgnjn.s", "fsgnjx.s", "fmv.x.w", "fmv.w.x", "feq.s", "flt.s", "fle.s", "fclass.s",
            "fadd.d", "fsub.d", "fmul.d", "fdiv.d", "fsqrt.d", "fmin.d", "fmax.d",
            "fmadd.d", "fmsub.d", "fnmsub.d", "fnmadd.d", "fcvt.s.d", "fcvt.d.s",
            "fcvt.w.d", "fcvt.wu.d", "fcvt.l.d", "fcvt.lu.d", "fcvt.d.w", "fcvt.d.wu", "fcvt.d.l", "fcvt.d.lu",
            "fsgnj.d", "fsgnjn.d", "fsgnjx.d", "fmv.x.d", "fmv.d.x", "feq.d", "flt.d", "fle.d", "fclass.d");

    /** One line of the driver's output. */
    record Result(int variant, long fd, long rd, int fcsr) {
        static Result parse(String line) {
            String[] p = line.trim().split(" ");
            if (p.length != 4) {
                return null;
            }
            try {
                return new Result(Integer.parseInt(p[0], 16), Long.parseUnsignedLong(p[1], 16),
                        Long.parseUnsignedLong(p[2], 16), Integer.parseInt(p[3], 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A finished run: its results (one per line of stdout that parsed), exit status and time. */
    record Run(String label, List<Result> results, int status, boolean timedOut, String stderr, double seconds,
               int lines) {}

    @Test
    void dbtAgreesWithQemuOnEveryFloatingPointInstruction() throws Exception {
        assumeTrue(onPath(GCC), GCC + " is not on the PATH: cannot build the oracle program");
        assumeTrue(onPath(QEMU), QEMU + " is not on the PATH: no oracle");
        long testStart = System.nanoTime();
        Isa isa = IsaDescriptions.byName("riscv64");
        assertNotNull(isa, "no riscv64 description under isa/");

        List<Variant> variants = FloatOracleVariants.derive(isa);
        Map<String, List<Variant>> byInstruction = new LinkedHashMap<>();
        for (Variant v : variants) {
            byInstruction.computeIfAbsent(v.insn().name(), k -> new ArrayList<>()).add(v);
        }
        List<String> missing = EXPECTED_INSTRUCTIONS.stream().filter(n -> !byInstruction.containsKey(n)).toList();
        assertTrue(missing.isEmpty(), "F/D instructions not found in rv64f.isa/rv64d.isa: " + missing);

        long seed = Long.getLong("dbt.oracle.seed", DEFAULT_SEED);
        int count = Integer.getInteger("dbt.oracle.count", DEFAULT_COUNT);
        System.out.printf("FloatOracleTest: seed %d (-Ddbt.oracle.seed=%d), %d operations, %d instructions,"
                        + " %d variants%n", seed, seed, count, byInstruction.size(), variants.size());

        Path dir = Files.createTempDirectory("float-oracle");
        boolean passed = false;
        try {
            // The program: the driver and one function per variant.
            Path asm = dir.resolve("variants.s");
            Files.writeString(asm, FloatOracleVariants.assembly(variants));
            Path driver = dir.resolve("driver.c");
            try (InputStream in = FloatOracleTest.class.getResourceAsStream("/float-oracle/driver.c")) {
                assertNotNull(in, "resource float-oracle/driver.c is missing");
                Files.write(driver, in.readAllBytes());
            }
            Path binary = dir.resolve("oracle");
            compile(List.of(GCC, "-O2", "-static", "-o", binary.toString(), driver.toString(), asm.toString()), dir);

            // The operations: every variant equally often, in random order.
            Random random = new Random(seed);
            int[] order = new int[count];
            List<Integer> shuffled = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                shuffled.add(i % variants.size());
            }
            Collections.shuffle(shuffled, random);
            FloatOracleOperands operands = new FloatOracleOperands(random);
            Inputs[] inputs = new Inputs[count];
            for (int i = 0; i < count; i++) {
                order[i] = shuffled.get(i);
                inputs[i] = operands.next(variants.get(order[i]));
            }
            Path input = dir.resolve("input.bin");
            writeInput(input, order, inputs);
            checkCoverage(variants, byInstruction, order, inputs, count);

            // The runs: qemu, then dbt's three modes, one after the other by default.
            List<List<String>> commands = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            commands.add(List.of(QEMU, binary.toString()));
            labels.add("qemu-riscv64");
            for (List<String> mode : DBT_MODES) {
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(CHILD_JVM_FLAGS);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add("dbt.runtime.Main");
                cmd.add("run");
                cmd.addAll(mode);
                cmd.add(binary.toString());
                commands.add(cmd);
                labels.add(mode.isEmpty() ? "dbt (default)" : "dbt " + String.join(" ", mode));
            }
            int parallel = Math.max(1, Integer.getInteger("dbt.oracle.parallel", 1));
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            List<Future<Run>> futures = new ArrayList<>();
            try {
                for (int i = 0; i < commands.size(); i++) {
                    int k = i;
                    futures.add(pool.submit(() -> run(labels.get(k), commands.get(k), input, dir, "run" + k)));
                }
                List<Run> runs = new ArrayList<>();
                for (Future<Run> f : futures) {
                    runs.add(f.get());
                }
                passed = compare(variants, order, inputs, runs, count);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            if (Boolean.getBoolean("dbt.oracle.keep")) {
                System.out.println("FloatOracleTest: work directory kept: " + dir);
            } else {
                deleteTree(dir);
                if (!passed) {
                    System.out.println("FloatOracleTest: to keep the program, its input and every run's output,"
                            + " run again with -Ddbt.oracle.keep=true (and the same seed)");
                }
            }
            System.out.printf("FloatOracleTest: whole test %.1f s%n", (System.nanoTime() - testStart) / 1e9);
        }
    }

    // ------------------------------------------------------------------------------------------ comparing

    /** Compares every dbt run with qemu's; prints the disagreements and fails if there are any. */
    static boolean compare(List<Variant> variants, int[] order, Inputs[] inputs, List<Run> runs, int count) {
        for (Run run : runs) {
            System.out.printf("FloatOracleTest: %-26s %6.1f s, exit status %s, %d lines%n", run.label(),
                    run.seconds(), run.timedOut() ? "TIMEOUT" : run.status(), run.lines());
        }
        Run qemu = runs.getFirst();
        if (qemu.status() != 0 || qemu.results().size() != count) {
            fail("the oracle program failed under qemu-riscv64 (status " + qemu.status() + ", " + qemu.lines()
                    + " of " + count + " lines): not dbt's fault\n" + tail(qemu.stderr()));
        }
        for (int i = 0; i < count; i++) {
            if (qemu.results().get(i).variant() != order[i]) {
                fail("qemu's line " + (i + 1) + " is for variant " + qemu.results().get(i).variant() + ", not "
                        + order[i] + ": the driver is broken");
            }
        }

        StringBuilder report = new StringBuilder();
        int shown = 0;
        int total = 0;
        // per run: instruction (with mode) → disagreements; what differs (fd, rd, flags lost or gained) → count
        Map<String, Map<String, Integer>> perRun = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> whatPerRun = new LinkedHashMap<>();
        Map<String, Integer> shownPerInstruction = new TreeMap<>();
        List<String> runProblems = new ArrayList<>();
        for (Run run : runs.subList(1, runs.size())) {
            Map<String, Integer> counts = new TreeMap<>();
            perRun.put(run.label(), counts);
            Map<String, Integer> what = new TreeMap<>();
            whatPerRun.put(run.label(), what);
            if (run.timedOut() || run.status() != 0 || run.results().size() != count) {
                runProblems.add(run.label() + ": exit status " + (run.timedOut() ? "TIMEOUT" : run.status()) + ", "
                        + run.results().size() + " of " + count + " results\n" + tail(run.stderr()));
            }
            int n = Math.min(count, run.results().size());
            for (int i = 0; i < n; i++) {
                Result expected = qemu.results().get(i);
                Result actual = run.results().get(i);
                if (expected.equals(actual)) {
                    continue;
                }
                Variant v = variants.get(order[i]);
                total++;
                counts.merge(v.name(), 1, Integer::sum);
                if (actual.fd() != expected.fd()) {
                    what.merge("fa0", 1, Integer::sum);
                }
                if (actual.rd() != expected.rd()) {
                    what.merge("a0", 1, Integer::sum);
                }
                int lost = expected.fcsr() & ~actual.fcsr();
                int gained = actual.fcsr() & ~expected.fcsr();
                if (lost != 0) {
                    what.merge("fcsr lacks " + flagNames(lost & 31) + ((lost & ~31) != 0 ? "+frm" : ""), 1,
                            Integer::sum);
                }
                if (gained != 0) {
                    what.merge("fcsr has extra " + flagNames(gained & 31) + ((gained & ~31) != 0 ? "+frm" : ""), 1,
                            Integer::sum);
                }
                // Show the first few of each instruction in each run, so that several kinds of mistake show.
                String key = run.label() + " " + v.insn().name();
                if (shown < SHOWN && shownPerInstruction.merge(key, 1, Integer::sum) <= 2) {
                    shown++;
                    report.append(describe(run.label(), i, v, inputs[i], expected, actual));
                }
            }
        }
        if (total == 0 && runProblems.isEmpty()) {
            System.out.println("FloatOracleTest: dbt agrees with qemu-riscv64 on all " + count
                    + " operations in all three modes");
            return true;
        }
        StringBuilder msg = new StringBuilder();
        msg.append(total).append(" disagreements with qemu-riscv64");
        if (total > shown) {
            msg.append(" (").append(shown).append(" shown: the first two of each instruction in each run)");
        }
        msg.append('\n');
        for (Map.Entry<String, Map<String, Integer>> e : perRun.entrySet()) {
            if (e.getValue().isEmpty()) {
                msg.append("  ").append(e.getKey()).append(": none\n");
                continue;
            }
            int sum = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            msg.append("  ").append(e.getKey()).append(": ").append(sum).append(" —");
            e.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .forEach(c -> msg.append(' ').append(c.getKey()).append('×').append(c.getValue()));
            msg.append('\n').append("    differing:");
            whatPerRun.get(e.getKey()).forEach((k, n) -> msg.append(' ').append(k).append(" ×").append(n).append(';'));
            msg.append('\n');
        }
        for (String p : runProblems) {
            msg.append("  run problem: ").append(p).append('\n');
        }
        msg.append(report);
        System.out.println(msg);
        fail(msg.toString());
        return false;
    }

    static String describe(String run, int index, Variant v, Inputs in, Result expected, Result actual) {
        StringBuilder s = new StringBuilder();
        s.append("\n#").append(index + 1).append(' ').append(v.insn().name());
        if (v.rm() >= 0) {
            if (v.dynamic()) {
                s.append(" rm=dyn → frm=").append(FloatOracleVariants.MODE_NAMES[(in.fcsr() >> 5) & 7]);
            } else {
                s.append(" rm=").append(FloatOracleVariants.MODE_NAMES[v.rm()]).append(" (static)");
            }
        }
        s.append(" under ").append(run).append(": ").append(v.disassembly())
                .append(String.format(" [%08x]%n", v.word()));
        String[] regs = {"fa1", "fa2", "fa3"};
        long[] vals = {in.a(), in.b(), in.c()};
        for (int i = 0; i < v.floatSources(); i++) {
            s.append("    ").append(regs[i]).append(" = ").append(floatText(v.src(), vals[i])).append('\n');
        }
        if (v.readsRs1()) {
            s.append("    a1  = ").append(intText(in.x())).append('\n');
        }
        s.append("    fcsr in = ").append(fcsrText(in.fcsr())).append('\n');
        s.append("    qemu: ").append(resultText(v, expected)).append('\n');
        s.append("    dbt:  ").append(resultText(v, actual)).append('\n');
        return s.toString();
    }

    static String resultText(Variant v, Result r) {
        if (r == null) {
            return "(no result)";
        }
        StringBuilder s = new StringBuilder();
        if (v.writesRd()) {
            s.append("a0 = ").append(intText(r.rd()));
            if (r.fd() != FloatOracleVariants.FD_SENTINEL) {
                s.append(", fa0 changed to ").append(String.format("0x%016x", r.fd()));
            }
        } else {
            s.append("fa0 = ").append(floatText(v.dst(), r.fd()));
            if (r.rd() != FloatOracleVariants.RD_SENTINEL) {
                s.append(", a0 changed to ").append(String.format("0x%016x", r.rd()));
            }
        }
        s.append(", fcsr = ").append(fcsrText(r.fcsr()));
        if (r.variant() != v.index()) {
            s.append(" (line of variant ").append(r.variant()).append("!)");
        }
        return s.toString();
    }

    /** A register holding a value of the format: hex, then the value (a single's NaN-boxing said). */
    static String floatText(Fmt f, long reg) {
        String hex = String.format("0x%016x", reg);
        if (f == Fmt.D) {
            return hex + " (" + valueText(Fmt.D, reg) + ")";
        }
        String single = valueText(Fmt.S, reg & 0xffff_ffffL);
        if ((reg >>> 32) != 0xffff_ffffL) {
            return hex + " (not NaN-boxed: reads as the canonical NaN; low half " + single + ")";
        }
        return hex + " (" + single + ")";
    }

    static String valueText(Fmt f, long bits) {
        long quiet = 1L << (f.p - 2);
        boolean negative = (bits & f.signBit()) != 0;
        if ((bits & f.expMask()) == f.expMask() && (bits & f.mantMask()) != 0) {
            long payload = bits & (quiet - 1);
            return (negative ? "-" : "") + ((bits & quiet) != 0 ? "qNaN" : "sNaN")
                    + (payload != 0 ? " payload 0x" + Long.toHexString(payload) : "");
        }
        if ((bits & f.expMask()) == f.expMask()) {
            return negative ? "-inf" : "+inf";
        }
        String text = f == Fmt.D ? Double.toString(Double.longBitsToDouble(bits))
                : Float.toString(Float.intBitsToFloat((int) bits)) + "f";
        String hexFloat = f == Fmt.D ? Double.toHexString(Double.longBitsToDouble(bits))
                : Double.toHexString(Float.intBitsToFloat((int) bits));
        boolean subnormal = (bits & f.expMask()) == 0 && (bits & f.mantMask()) != 0;
        return text + " = " + hexFloat + (subnormal ? ", subnormal" : "");
    }

    static String intText(long v) {
        return String.format("0x%016x (%d)", v, v);
    }

    static String fcsrText(int fcsr) {
        return String.format("0x%02x (frm=%s, flags=%s)", fcsr, FloatOracleVariants.MODE_NAMES[(fcsr >> 5) & 7],
                flagNames(fcsr & 31));
    }

    static String flagNames(int flags) {
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        StringBuilder s = new StringBuilder();
        for (int i = 4; i >= 0; i--) {
            if ((flags & (1 << i)) != 0) {
                s.append(s.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        return s.isEmpty() ? "none" : s.toString();
    }

    // ------------------------------------------------------------------------------------------ coverage

    /** Every instruction, and every rounding mode of each, must have been run often enough. */
    static void checkCoverage(List<Variant> variants, Map<String, List<Variant>> byInstruction, int[] order,
            Inputs[] inputs, int count) {
        int instructions = byInstruction.size();
        int roundingInstructions = (int) byInstruction.values().stream().filter(l -> l.getFirst().rm() >= 0).count();
        // With a smaller count than the default the threshold shrinks with it.
        int threshold = (int) Math.min(MIN_PER_INSTRUCTION_AND_MODE,
                (long) count / (2L * Math.max(1, variants.size())));
        Map<String, Integer> perInstruction = new TreeMap<>();
        Map<String, int[]> perMode = new TreeMap<>(); // effective mode 0..4 and the dynamic variant
        for (int i = 0; i < count; i++) {
            Variant v = variants.get(order[i]);
            perInstruction.merge(v.insn().name(), 1, Integer::sum);
            if (v.rm() >= 0) {
                int[] m = perMode.computeIfAbsent(v.insn().name(), k -> new int[8]);
                m[v.effectiveMode(inputs[i].fcsr())]++;
                if (v.dynamic()) {
                    m[7]++;
                }
            }
        }
        List<String> thin = new ArrayList<>();
        for (String name : byInstruction.keySet()) {
            int n = perInstruction.getOrDefault(name, 0);
            if (n < threshold) {
                thin.add(name + " ran " + n + " times");
            }
            int[] m = perMode.get(name);
            if (m != null) {
                for (int mode : FloatOracleVariants.MODES) {
                    if (m[mode] < threshold) {
                        thin.add(name + " with " + FloatOracleVariants.MODE_NAMES[mode] + " ran " + m[mode] + " times");
                    }
                }
            }
        }
        System.out.printf("FloatOracleTest: %d instructions (%d with a rounding mode), each run %d..%d times;"
                        + " each (instruction, rounding mode) at least %d times%n", instructions, roundingInstructions,
                perInstruction.values().stream().mapToInt(Integer::intValue).min().orElse(0),
                perInstruction.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                perMode.values().stream().mapToInt(m -> {
                    int min = Integer.MAX_VALUE;
                    for (int mode : FloatOracleVariants.MODES) {
                        min = Math.min(min, m[mode]);
                    }
                    return min;
                }).min().orElse(0));
        assertEquals(List.of(), thin, "instructions or rounding modes run fewer than " + threshold + " times");
    }

    // ------------------------------------------------------------------------------------------ processes

    static void writeInput(Path file, int[] order, Inputs[] inputs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < order.length; i++) {
                Inputs in = inputs[i];
                b.clear();
                b.putInt(order[i]).putInt(in.fcsr()).putLong(in.a()).putLong(in.b()).putLong(in.c()).putLong(in.x());
                out.write(b.array());
            }
        }
    }

    static void compile(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("build.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("building the oracle program timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            fail("building the oracle program failed: " + String.join(" ", cmd) + "\n"
                    + Files.readString(log, StandardCharsets.ISO_8859_1));
        }
    }

    static Run run(String label, List<String> cmd, Path stdin, Path dir, String tag)
            throws IOException, InterruptedException {
        long timeout = Long.getLong("dbt.oracle.timeoutSeconds", 300);
        Path out = dir.resolve(tag + ".stdout");
        Path err = dir.resolve(tag + ".stderr");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectInput(stdin.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        boolean finished = p.waitFor(timeout, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Result> results = new ArrayList<>();
        int lines = 0;
        try (Stream<String> s = Files.lines(out, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) s::iterator) {
                lines++;
                Result r = Result.parse(line);
                if (r == null) {
                    break;
                }
                results.add(r);
            }
        }
        return new Run(label, results, finished ? p.exitValue() : -1, !finished,
                Files.readString(err, StandardCharsets.ISO_8859_1), seconds, lines);
    }

    static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }

    static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, executable))) {
                return true;
            }
        }
        return false;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
