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
 * Random RISC-V programs that run, for equivalence cases: straight-line runs of {@link RunnableInstructions},
 * counted loops (nested up to three deep, each with a counter register nothing else writes, 1 to 5 iterations),
 * forward conditional branches over a piece of code, and calls to leaf functions that return ({@code jal ra} and
 * {@code ret}); the main body ends in {@code ecall}, where every engine stops. So every program terminates, and
 * most run to their end. Memory is addressed off s0 and sp, which point into the middle and upper part of the
 * data region. Control instructions are written in assembly and encoded by the assembler generated from the ISA
 * description; the registers, CSRs and data come from {@link CaseGenerator} (the fixed registers set here, and the
 * float rounding mode a valid one).
 */
final class RunningPrograms {
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    /** The layout of {@link CheckCase} (runtime.check's CheckLayout): the code ends at the end of its page. */
    static final long CODE_END = 0x11000;
    static final long DATA = 0x20000;
    static final int RA = 1;
    static final int SP = 2;
    static final int S0 = 8;
    /** Loop counters by nesting depth: s1, s2, s3. */
    static final int[] COUNTERS = {9, 18, 19};
    static final String[] BRANCHES = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};

    private final RunnableInstructions pool = new RunnableInstructions(DECODER, Set.of(RA, SP, S0, 9, 18, 19),
            Set.of(SP, S0));
    private final CaseGenerator states = new CaseGenerator(DECODER);
    private final Assembler assembler = new Assembler(DECODER.model());

    /** A piece of the program: a word with its length, an assembly line (4 bytes), or a label (no bytes). */
    private record Piece(long word, int length, String assembly, String label) {}

    /** What is being generated: the main body's pieces, then the functions'. */
    private static final class Program {
        final List<Piece> main = new ArrayList<>();
        final List<List<Piece>> functions = new ArrayList<>();
        int labels;
    }

    /** The most code a program may have: its code page holds 4 KiB. */
    static final int MAX_BYTES = 3584;

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
        body(p, p.main, random, 0, false, 3, 8);
        p.main.add(asm("ecall"));
        List<Piece> all = new ArrayList<>(p.main);
        for (int f = 0; f < p.functions.size(); f++) {
            all.add(label("f" + f));
            all.addAll(p.functions.get(f));
        }
        return new CheckCase(encode(all), registers(random), csrs(random), states.generate(List.of(), random.nextLong()).data());
    }

    /** From {@code least} to {@code most} pieces of code at nesting depth {@code depth}. */
    private void body(Program p, List<Piece> out, SplittableRandom random, int depth, boolean inFunction, int least,
                      int most) {
        int n = random.nextInt(least, most + 1);
        for (int k = 0; k < n; k++) {
            int kind = random.nextInt(10);
            if (kind < 3 && depth < COUNTERS.length && !inFunction) {
                loop(p, out, random, depth);
            } else if (kind < 5 && depth < 4) {
                String end = "l" + p.labels++;
                out.add(asm(BRANCHES[random.nextInt(BRANCHES.length)] + " " + reg(random) + ", " + reg(random) + ", " + end));
                body(p, out, random, depth + 1, inFunction, 1, 2);
                out.add(label(end));
            } else if (kind < 6 && !inFunction && p.functions.size() < 3) {
                int f = random.nextInt(p.functions.size() + 1);
                if (f == p.functions.size()) {
                    List<Piece> function = new ArrayList<>();
                    p.functions.add(function);
                    body(p, function, random, 0, true, 1, 3);
                    function.add(asm("jalr zero, 0(ra)"));
                }
                out.add(asm("jal ra, f" + f));
            } else {
                for (int m = random.nextInt(2, 9); m > 0; m--) {
                    long[] w = pool.next(random);
                    out.add(new Piece(w[0], (int) w[1], null, null));
                }
            }
        }
    }

    private void loop(Program p, List<Piece> out, SplittableRandom random, int depth) {
        String counter = DECODER.model().registerFiles().getFirst().registerName(COUNTERS[depth]);
        String top = "l" + p.labels++;
        out.add(asm("addi " + counter + ", zero, " + random.nextInt(1, 6)));
        out.add(label(top));
        body(p, out, random, depth + 1, false, 1, 3);
        out.add(asm("addi " + counter + ", " + counter + ", -1"));
        out.add(asm("bne " + counter + ", zero, " + top));
    }

    private static String reg(SplittableRandom random) {
        return DECODER.model().registerFiles().getFirst().registerName(random.nextInt(32));
    }

    private static Piece asm(String line) {
        return new Piece(0, 4, line, null);
    }

    private static Piece label(String name) {
        return new Piece(0, 0, null, name);
    }

    /** Places the pieces so that the last ends at the end of the code page, and encodes the assembly lines. */
    private List<long[]> encode(List<Piece> pieces) {
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
