package dbt.properties;

import dbt.frontend.ShippedIsa;
import dbt.isa.asm.Assembler;
import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.check.CaseGenerator;
import dbt.runtime.check.CheckCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random RISC-V programs that run, for equivalence cases: straight-line runs of {@link RunnableInstructions} put
 * together into structured control flow. Counted loops, nested up to three deep in the main body and two deep in a
 * function, each with a counter register nothing else writes and 1 to 5 iterations, tested at the bottom
 * ({@code do ... while}) or at the top ({@code while}, whose back edge is a jump); ifs, with or without an else;
 * inside a loop, early exits ({@code break}, a branch past the loop's end) and {@code continue} (a branch to its
 * counter's decrement); calls to leaf functions that return ({@code jal ra} and {@code ret}, and an early return,
 * a branch to the {@code ret}); in a loop, switches through a jump table (an indirect jump to one of 2 or 4 cases). Conditions compare random registers, so the path through a loop's body changes
 * from one iteration to the next. The main body ends in {@code ecall}, where every engine stops. So every program
 * terminates, and most run to their end.
 *
 * <p>A loop whose body branches is several blocks: dbt translates it as a region (see the README's "How loops are
 * translated"), with homes carried across its blocks, internal edges forward (an if, a {@code continue}) and
 * backward (its back edge, a nested loop's), side exits (a {@code break}, the loop's end) and calls out of it (a
 * call in one arm of an if; a call on every path through the body leaves no loop of direct edges). The block
 * decoder follows unconditional jumps, so an else's jump and a {@code while}'s are mostly inside blocks. About
 * two programs in three run some of their instructions in regions' code, a third of all the instructions run
 * (measured and checked by {@link RunningCodeProperties}).
 *
 * <p>Memory is addressed off s0 and sp, which point into the middle and upper part of the data region. Control
 * instructions are written in assembly and encoded by the assembler generated from the ISA description; the
 * registers, CSRs and data come from {@link CaseGenerator} (the fixed registers set here, and the float rounding
 * mode a valid one).
 */
final class RunningPrograms {
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    /** The layout of {@link CheckCase} (runtime.check's CheckLayout): the code ends at the end of its page. */
    static final long CODE_END = 0x11000;
    static final long DATA = 0x20000;
    static final int RA = 1;
    static final int SP = 2;
    static final int S0 = 8;
    /** Loop counters by nesting depth, in the main body: s1, s2, s3; in a function: s4, s5. */
    static final int[] COUNTERS = {9, 18, 19};
    static final int[] FUNCTION_COUNTERS = {20, 21};
    static final String[] BRANCHES = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};

    private final RunnableInstructions pool = new RunnableInstructions(DECODER,
            Set.of(RA, SP, S0, 9, 18, 19, 20, 21), Set.of(SP, S0));
    private final CaseGenerator states = new CaseGenerator(DECODER);
    private final Assembler assembler = new Assembler(DECODER.model());

    /** A piece of the program: a word with its length, an assembly line (4 bytes), or a label (no bytes). */
    private record Piece(long word, int length, String assembly, String label) {}

    /**
     * What is being generated: the main body's pieces, then the functions', with each function's weight (how many
     * times its most repeated piece runs per call); and while a function is generated, the most runs of any of
     * its pieces.
     */
    private static final class Program {
        final List<Piece> main = new ArrayList<>();
        final List<List<Piece>> functions = new ArrayList<>();
        final List<Integer> weights = new ArrayList<>();
        /** Per function: whether it returns one instruction past its return address (see {@link #call}). */
        final List<Boolean> skipping = new ArrayList<>();
        int mostRuns;
        int labels;

        String label() {
            return "l" + labels++;
        }
    }

    /**
     * Where a piece of code sits: how deep in ifs and loops, how many loops around it, how many times it runs at
     * most (the product of their iterations, and of the caller's), in a function (whose return is at label
     * {@code ret}) or the main body, and the innermost loop's labels for {@code break} and {@code continue} (null
     * outside loops).
     */
    private record Nest(int depth, int loops, int runs, String ret, String breakTo, String continueTo) {
        boolean inFunction() {
            return ret != null;
        }

        int[] counters() {
            return inFunction() ? FUNCTION_COUNTERS : COUNTERS;
        }

        Nest deeper() {
            return new Nest(depth + 1, loops, runs, ret, breakTo, continueTo);
        }

        Nest loop(int iterations, String breakTo, String continueTo) {
            return new Nest(depth + 1, loops + 1, runs * iterations, ret, breakTo, continueTo);
        }
    }

    /** The most code a program may have: its code page holds 4 KiB. */
    static final int MAX_BYTES = 3584;
    /**
     * The most times a piece of code may run: loops and calls in loops multiply, and a program must end well
     * within the checker's budget of blocks (which counts a translated block's every entry).
     */
    static final int MAX_RUNS = 50;

    CheckCase generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (true) {
            CheckCase c = attempt(random);
            if (c.codeBytes() <= MAX_BYTES) {
                return c;
            }
        }
    }

    private CheckCase attempt(SplittableRandom random) {
        Program p = new Program();
        body(p, p.main, random, new Nest(0, 0, 1, null, null, null), 3, 8);
        p.main.add(asm("ecall"));
        List<Piece> all = new ArrayList<>(p.main);
        for (int f = 0; f < p.functions.size(); f++) {
            all.add(label("f" + f));
            all.addAll(p.functions.get(f));
        }
        return new CheckCase(encode(assembler, all), registers(random), csrs(random), states.generate(List.of(), random.nextLong()).data());
    }

    /** From {@code least} to {@code most} pieces of code at the given place. */
    private void body(Program p, List<Piece> out, SplittableRandom random, Nest nest, int least, int most) {
        int n = random.nextInt(least, most + 1);
        for (int k = 0; k < n; k++) {
            // in 20: 6 loops, 2 ifs with an else and 2 without, 2 early exits, 2 calls, 5 straight runs, a jump
            // through a table in a loop (and a straight run wherever the kind drawn cannot be)
            int kind = random.nextInt(20);
            boolean roomForLoop = nest.loops() < nest.counters().length && nest.runs() * 2 <= MAX_RUNS;
            if (kind < 6 && roomForLoop && nest.depth() < 4) {
                loop(p, out, random, nest);
            } else if (kind < 10 && nest.depth() < 4) {
                String otherwise = p.label();
                out.add(branch(random, otherwise));
                body(p, out, random, nest.deeper(), 1, 2);
                if (kind < 8) {
                    String end = p.label(); // an if with an else
                    out.add(asm("jal zero, " + end));
                    out.add(label(otherwise));
                    body(p, out, random, nest.deeper(), 1, 2);
                    out.add(label(end));
                } else {
                    out.add(label(otherwise));
                }
            } else if (kind < 12 && (nest.breakTo() != null || nest.inFunction())) {
                // break, continue, or an early return: mostly on equality, which is rarely true, so that loops
                // mostly run their course
                String to = nest.breakTo() == null ? nest.ret()
                        : random.nextBoolean() ? nest.breakTo() : nest.continueTo();
                out.add(random.nextInt(3) == 0 ? branch(random, to) : asm("beq " + reg(random) + ", " + reg(random)
                        + ", " + to));
            } else if (kind < 14 && !nest.inFunction() && call(p, out, random, nest)) {
                // (a call to a function that has room to run as often as it would here)
            } else if (kind == 19 && nest.loops() > 0 && nest.depth() < 4) {
                jumpTable(p, out, random, nest);
            } else {
                for (int m = random.nextInt(2, 9); m > 0; m--) {
                    long[] w = pool.next(random);
                    out.add(new Piece(w[0], (int) w[1], null, null));
                }
            }
        }
    }

    /**
     * A counted loop: its counter set to 1..5, decremented once per iteration (at label {@code next}, where
     * {@code continue} goes), and tested at the bottom, or at the top with a jump back to the test.
     */
    private void loop(Program p, List<Piece> out, SplittableRandom random, Nest nest) {
        String counter = name(nest.counters()[nest.loops()]);
        String top = p.label();
        String next = p.label();
        String end = p.label();
        int iterations = random.nextInt(1, Math.min(5, MAX_RUNS / nest.runs()) + 1);
        p.mostRuns = Math.max(p.mostRuns, nest.runs() * iterations);
        out.add(asm("addi " + counter + ", zero, " + iterations));
        out.add(label(top));
        boolean testAtTop = random.nextInt(3) == 0;
        if (testAtTop) {
            out.add(asm("beq " + counter + ", zero, " + end));
        }
        body(p, out, random, nest.loop(iterations, end, next), 1, 3);
        out.add(label(next));
        out.add(asm("addi " + counter + ", " + counter + ", -1"));
        out.add(asm(testAtTop ? "jal zero, " + top : "bne " + counter + ", zero, " + top));
        out.add(label(end));
    }

    /**
     * A call to a function, new (up to three) or one that does not run too often from here; false when there is
     * none. A new function's loops are bounded by how often this call runs. One function in four returns one
     * instruction past its return address (as code that adjusts its return address does, or a longjmp): its calls
     * are followed by an instruction it skips, whose register change shows if a return goes back to it.
     */
    private boolean call(Program p, List<Piece> out, SplittableRandom random, Nest nest) {
        List<Integer> fit = new ArrayList<>();
        for (int f = 0; f < p.functions.size(); f++) {
            if (nest.runs() * p.weights.get(f) <= MAX_RUNS) {
                fit.add(f);
            }
        }
        if (p.functions.size() < 3) {
            fit.add(p.functions.size());
        }
        if (fit.isEmpty()) {
            return false;
        }
        int f = fit.get(random.nextInt(fit.size()));
        if (f == p.functions.size()) {
            List<Piece> function = new ArrayList<>();
            String ret = p.label();
            p.mostRuns = nest.runs();
            body(p, function, random, new Nest(0, 0, nest.runs(), ret, null, null), 1, 3);
            function.add(label(ret));
            boolean skipping = random.nextInt(4) == 0;
            if (skipping) {
                function.add(asm("addi ra, ra, 4"));
            }
            function.add(asm("jalr zero, 0(ra)"));
            p.functions.add(function);
            p.weights.add(p.mostRuns / nest.runs());
            p.skipping.add(skipping);
        }
        out.add(asm("jal ra, f" + f));
        if (p.skipping.get(f)) {
            String skipped = name(SCRATCH[random.nextInt(SCRATCH.length)]);
            out.add(asm("addi " + skipped + ", " + skipped + ", 1"));
        }
        return true;
    }

    /** Registers a jump table's code may write: none that holds an address or counts a loop. */
    private static final int[] SCRATCH = java.util.stream.IntStream.range(1, 32)
            .filter(r -> r != RA && r != SP && r != S0 && r != 9 && r != 18 && r != 19 && r != 20 && r != 21)
            .toArray();

    /**
     * A switch as a jump table: a random register's low bits pick one of 2 or 4 cases, through an indirect jump
     * (jalr, neither a call nor a return) into a table of jumps to them ({@code auipc} gives its address), each case
     * then going on to the end. In a loop, dbt translates the loop as a region through the indirect jump, to the
     * cases it has gone to (the others leave the region).
     */
    private void jumpTable(Program p, List<Piece> out, SplittableRandom random, Nest nest) {
        int cases = random.nextBoolean() ? 2 : 4;
        String index = name(SCRATCH[random.nextInt(SCRATCH.length)]);
        String base;
        do {
            base = name(SCRATCH[random.nextInt(SCRATCH.length)]);
        } while (base.equals(index));
        out.add(asm("andi " + index + ", " + reg(random) + ", " + (cases - 1)));
        out.add(asm("slli " + index + ", " + index + ", 2"));
        out.add(asm("auipc " + base + ", 0"));
        out.add(asm("add " + index + ", " + index + ", " + base));
        out.add(asm("jalr zero, 12(" + index + ")")); // (the table starts 12 bytes past the auipc)
        String end = p.label();
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < cases; k++) {
            labels.add(p.label());
            out.add(asm("jal zero, " + labels.get(k)));
        }
        for (int k = 0; k < cases; k++) {
            out.add(label(labels.get(k)));
            body(p, out, random, nest.deeper(), 1, 2);
            if (k < cases - 1) {
                out.add(asm("jal zero, " + end));
            }
        }
        out.add(label(end));
    }

    /** A conditional branch to a label, on two random registers: which way it goes changes as they do. */
    private static Piece branch(SplittableRandom random, String to) {
        return asm(BRANCHES[random.nextInt(BRANCHES.length)] + " " + reg(random) + ", " + reg(random) + ", " + to);
    }

    private static String name(int register) {
        return DECODER.model().registerFiles().getFirst().registerName(register);
    }

    private static String reg(SplittableRandom random) {
        return name(random.nextInt(32));
    }

    private static Piece asm(String line) {
        return new Piece(0, 4, line, null);
    }

    private static Piece label(String name) {
        return new Piece(0, 0, null, name);
    }

    /**
     * Assembly lines (a line ending in a colon is a label) placed so that the last ends at the end of the code page,
     * encoded.
     */
    static List<long[]> encode(Assembler assembler, String... lines) {
        List<Piece> pieces = new ArrayList<>();
        for (String line : lines) {
            pieces.add(line.endsWith(":") ? label(line.substring(0, line.length() - 1)) : asm(line));
        }
        return encode(assembler, pieces);
    }

    /** Places the pieces so that the last ends at the end of the code page, and encodes the assembly lines. */
    private static List<long[]> encode(Assembler assembler, List<Piece> pieces) {
        long size = pieces.stream().mapToLong(Piece::length).sum();
        Map<String, Long> labels = new HashMap<>();
        long pc = CODE_END - size;
        for (Piece piece : pieces) {
            if (piece.label() != null) {
                labels.put(piece.label(), pc);
            }
            pc += piece.length();
        }
        List<long[]> code = new ArrayList<>();
        pc = CODE_END - size;
        for (Piece piece : pieces) {
            if (piece.assembly() != null) {
                try {
                    code.add(new long[] {assembler.assemble(piece.assembly(), pc, labels::get).word(), 4});
                } catch (Assembler.AssemblyException e) {
                    throw new IllegalStateException(piece.assembly() + ": " + e.getMessage(), e);
                }
            } else if (piece.label() == null) {
                code.add(new long[] {piece.word(), piece.length()});
            }
            pc += piece.length();
        }
        return code;
    }

    private long[][] registers(SplittableRandom random) {
        long[][] registers = states.generate(List.of(), random.nextLong()).registers();
        registers[0][RA] = 0;
        registers[0][SP] = DATA + 0x1800;
        registers[0][S0] = DATA + 0x1000;
        for (int c : COUNTERS) {
            registers[0][c] = 0;
        }
        for (int c : FUNCTION_COUNTERS) {
            registers[0][c] = 0;
        }
        return registers;
    }

    /** The CSRs, with a valid dynamic rounding mode (bits 7..5 of fcsr) and random flags. */
    private long[] csrs(SplittableRandom random) {
        long[] csrs = new long[DECODER.model().csrSlots()];
        for (int s = 0; s < csrs.length; s++) {
            csrs[s] = random.nextInt(5) << 5 | random.nextInt(32);
        }
        return csrs;
    }
}
