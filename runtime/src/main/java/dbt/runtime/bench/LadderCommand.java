package dbt.runtime.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dbt ladder}: seed 000's table, reproduced. The seed's loop ({@code for (i = 0; i < N; i++) a += i;}) runs
 * as a RISC-V program compiled from C and as a program of the seed64 ISA, under the translator at each stage of
 * the seed's optimisation ladder, cumulatively, and natively.
 *
 * <p>What is measured is the cost of one loop iteration: each configuration runs with two loop counts and the
 * difference of the wall times is divided by the difference of the counts, so JVM start-up, translation and the
 * program's own start-up cancel out (the seed measured 4·10^10 iterations, where they vanish anyway). The counts
 * are chosen per stage so that the difference lasts about a second.
 */
public final class LadderCommand {
    /** A ladder stage: the dbt options that leave exactly the optimisations up to it switched on. */
    record Stage(String name, String change, double seedRatio, List<String> options) {}

    static final List<Stage> STAGES = List.of(
            new Stage("unoptimised", "guest registers loaded/stored around every instruction, every branch through "
                    + "the dispatcher", 4.7, List.of("--no-regmap", "--no-fuse", "--no-chain", "--no-jcc", "--no-fast-lookup")),
            new Stage("+ inline ALU", "guest registers live in host registers within a block", 3.0,
                    List.of("--no-fuse", "--no-chain", "--no-jcc", "--no-fast-lookup")),
            new Stage("+ inline compare", "compare the mapped registers and branch on the flags", 2.95,
                    List.of("--no-chain", "--no-jcc", "--no-fast-lookup")),
            new Stage("+ trampoline patching", "a jump to a translated block is patched into a direct jump", 2.2,
                    List.of("--no-jcc", "--no-fast-lookup")),
            new Stage("+ single-jump branches", "one jcc to the taken target (a block looping to itself keeps its "
                    + "registers)", 1.05, List.of("--no-fast-lookup")),
            new Stage("+ O(1) address lookup", "guest pc → host code through a direct-indexed table", 1.02, List.of()));

    /** A guest program of the loop: how to run it with a given count. */
    record Guest(String name, List<String> runPrefix) {}

    private final Path root;
    private final Path work;
    private final PrintStream out;
    private final boolean quick;

    LadderCommand(Path root, PrintStream out, boolean quick) {
        this.root = root;
        this.work = root.resolve("target").resolve("ladder");
        this.out = out;
        this.quick = quick;
    }

    public static int run(List<String> args) {
        boolean quick = args.contains("--quick");
        for (String a : args) {
            if (!a.equals("--quick")) {
                System.err.println("dbt: ladder: unknown option '" + a + "' (dbt ladder [--quick])");
                return 2;
            }
        }
        Path root = BenchCommand.findRoot();
        if (root == null) {
            System.err.println("dbt: ladder: cannot find the repository (bench/programs) above the current directory");
            return 1;
        }
        try {
            return new LadderCommand(root, System.out, quick).ladder();
        } catch (IOException e) {
            System.err.println("dbt: ladder: " + e.getMessage());
            return 1;
        }
    }

    int ladder() throws IOException {
        Files.createDirectories(work);
        double target = quick ? 0.3 : 1.0;
        Path nativeLoop = work.resolve("loop-native");
        ProcessRun cc = ProcessRun.run(List.of("gcc", "-O2", "-o", nativeLoop.toString(),
                root.resolve("bench/programs/loop.c").toString()), root, work.resolve("cc.out"), work.resolve("cc.err"), 120);
        double nativeNs = Double.NaN;
        if (cc.exit() == 0) {
            nativeNs = perIteration(List.of(nativeLoop.toString()), target);
            out.printf("native C loop (gcc -O2): %.3f ns per iteration%n", nativeNs);
        } else {
            out.println("native C loop: gcc is not available, ratios cannot be given");
        }
        List<Guest> guests = new ArrayList<>();
        Path riscv = root.resolve("guests/riscv64/loop");
        guests.add(new Guest("RISC-V (gcc -O2 -static, guests/riscv64/loop)", prefix(List.of(), riscv.toString())));
        Path seedIsa = root.resolve("isa/seed64/seed64.isa");
        Path seedLoop = root.resolve("examples/seed64/loop.s");
        if (Files.exists(seedIsa) && Files.exists(seedLoop)) {
            guests.add(new Guest("seed64 (examples/seed64/loop.s)", prefix(List.of("--isa", seedIsa.toString()), seedLoop.toString())));
        }
        for (Guest g : guests) {
            out.println();
            out.println("The seed's loop on " + g.name() + ":");
            out.printf("%-24s %12s %10s %10s  %s%n", "stage", "ns/iter", "vs native", "seed 000", "what changed");
            for (Stage s : STAGES) {
                List<String> cmd = new ArrayList<>(g.runPrefix());
                cmd.addAll(1 + cmd.indexOf("run"), s.options());
                double ns = perIteration(cmd, target);
                out.printf("%-24s %12.3f %9.2fx %9.2fx  %s%n", s.name(), ns, ns / nativeNs, s.seedRatio(), s.change());
            }
        }
        out.println();
        out.println("ns/iter: (time(N2) - time(N1)) / (N2 - N1) of whole runs, so start-up and translation cancel out.");
        return 0;
    }

    /** {@code java ... dbt.runtime.Main run [OPTIONS] PROGRAM}, the count to be appended. */
    private List<String> prefix(List<String> options, String program) {
        List<String> cmd = new ArrayList<>(BenchCommand.dbtRun(null, System.getProperty("java.class.path")));
        cmd.addAll(options);
        cmd.add(program);
        return cmd;
    }

    /**
     * Nanoseconds per loop iteration: first a rough cost from two small counts, then two counts whose runs differ
     * by about {@code seconds}.
     */
    private double perIteration(List<String> command, double seconds) {
        long base = 1_000_000;
        long probe = 1_000_000;
        double rough;
        while (true) {
            double difference = time(command, base + probe) - time(command, base);
            if (difference > 0.1 || probe >= 1_000_000_000L) {
                rough = Math.max(difference, 1e-3) / probe;
                break;
            }
            probe *= 10;
        }
        long delta = (long) Math.min(8e9, Math.max(probe, seconds / rough));
        while (true) {
            double t1 = Math.min(time(command, base), time(command, base));
            double t2 = Math.min(time(command, base + delta), time(command, base + delta));
            if (t2 - t1 >= seconds / 2 || delta >= 8_000_000_000L) {
                return Math.max(0, (t2 - t1) / delta * 1e9);
            }
            delta = Math.min(8_000_000_000L, delta * 4); // the difference drowned in start-up noise: measure longer
        }
    }

    private double time(List<String> command, long count) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(Long.toString(count));
        ProcessRun r = ProcessRun.run(cmd, root, work.resolve("run.out"), work.resolve("run.err"), 900);
        if (r.exit() != 0) {
            throw new IllegalStateException("'" + String.join(" ", cmd) + "' failed (status " + r.exit() + "): "
                    + r.stderrTail());
        }
        return r.seconds();
    }
}
