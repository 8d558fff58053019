package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.frontend.ShippedIsa;
import dbt.isa.asm.Assembler;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.runtime.check.CaseGenerator;
import dbt.runtime.check.CheckCase;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.check.TranslatorConfigurations;
import dbt.runtime.translate.TranslationOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A fixed sample of the equivalence properties' cases, the same in every run: random instruction sequences (half of
 * them closed into counted loops, as in {@link TranslationEquivalenceProperties}) and running programs (as in
 * {@link RunningCodeProperties}), each compared with the interpreter under the translator configurations that take
 * the backend's different paths: every optimisation (regions, host faults), no regions (self-loops), no loops
 * (blocks alone), no host faults (explicit bounds checks) and none; and what random states seldom hold: every access
 * at the edges of memory, every register-only integer and float instruction on edge values. Being
 * deterministic, it is the test that mutation testing of the backend's instruction selection runs (PIT maps each
 * mutant to the cases that reach it; the {@code mutation} profile in property-tests, see the README); each test
 * stops at its first difference.
 */
class FixedEquivalenceSampleTest {
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    static final String[] CONFIGURATIONS = {"all", "no-regions", "no-loops", "no-host-faults", "none"};
    /** The data region of a case (runtime.check's CheckLayout). */
    static final long DATA = RunningPrograms.DATA;
    static final int DATA_BYTES = 0x2000;
    /** Never closed: mutation testing runs each test on its own, in one JVM, with the class initialised once. */
    static final EquivalenceCheck CHECK = new EquivalenceCheck(DECODER, configurations());

    static Map<String, TranslationOptions> configurations() {
        Map<String, TranslationOptions> all = TranslatorConfigurations.all();
        Map<String, TranslationOptions> chosen = new LinkedHashMap<>();
        for (String name : CONFIGURATIONS) {
            chosen.put(name, all.get(name));
        }
        return chosen;
    }

    @Test
    void randomSequencesAgree() {
        CaseGenerator generator = new CaseGenerator(DECODER);
        SplittableRandom random = new SplittableRandom(20261207);
        int compared = 0;
        int cases = 500;
        for (int n = 0; n < cases; n++) {
            List<Long> seeds = new ArrayList<>();
            for (int k = 1 + random.nextInt(12); k > 0; k--) {
                seeds.add(random.nextLong());
            }
            CheckCase c = generator.generate(seeds, random.nextLong());
            if (random.nextBoolean()) {
                c = CountedLoops.close(DECODER, c, random);
            }
            compared += agrees(c) ? 1 : 0;
        }
        assertTrue(compared * 10 >= cases * 9, "only " + compared + " of " + cases + " cases ended within the budget");
    }

    @Test
    void runningProgramsAgree() {
        RunningPrograms programs = new RunningPrograms();
        SplittableRandom random = new SplittableRandom(7);
        int compared = 0;
        int cases = 40;
        for (int n = 0; n < cases; n++) {
            compared += agrees(programs.generate(random.nextLong())) ? 1 : 0;
        }
        assertTrue(compared * 10 >= cases * 9, "only " + compared + " of " + cases + " programs ended within the budget");
    }

    /**
     * Every load and store, of every width, integer and float, at and across both ends of the data region (the pages
     * beyond are unmapped), the end of the guest window and address 0, with and without a displacement, once on its
     * own and once in a loop that walks a byte at a time into the edge: where an access faults, the translated code
     * must fault at the same instruction with the same state, and where it does not, behave the same. Bounds checks are what the backend must never get wrong
     * (DESIGN.md's safety model); random cases rarely put an address at an edge.
     */
    @Test
    void accessesAtTheEdgesOfMemoryAgree() {
        Assembler assembler = new Assembler(DECODER.model());
        String[] accesses = {"lb a0", "lbu a0", "lh a0", "lhu a0", "lw a0", "lwu a0", "ld a0", "flw fa0", "fld fa0",
            "sb a2", "sh a2", "sw a2", "sd a2", "fsw fa2", "fsd fa2"};
        // The data region's ends (unmapped pages beyond), the guest window's end, and address 0 (below it the top of
        // the address space: a base plus its displacement that wraps around).
        long[] edges = {DATA, DATA + DATA_BYTES, 1L << 37, 0};
        int compared = 0;
        int cases = 0;
        for (String access : accesses) {
            for (long edge : edges) {
                for (int k = -9; k <= 1; k++) {
                    int disp = (k & 1) * 8;
                    String op = access + ", " + disp + "(a1)";
                    compared += agrees(program(assembler, edge + k - disp, 0x1122_3344_5566_7788L, 0,
                            "addi t1, t1, 1", op, "addi t1, t1, 1", "ecall")) ? 1 : 0;
                    compared += agrees(program(assembler, edge + k - disp - 12, 0x1122_3344_5566_7788L, 12,
                            "top:", op, "addi a1, a1, 1", "addi t1, t1, 1", "addi t0, t0, -1", "bne t0, zero, top",
                            "ecall")) ? 1 : 0;
                    cases += 2;
                }
            }
        }
        assertEquals(cases, compared, "cases that ended within the budget");
    }

    /**
     * Every integer instruction of the ISA that takes registers only ({@code op rd, rs1, rs2} or {@code op rd, rs1})
     * on every pair of edge values: zero, one, minus one, the signed extremes of 64 and 32 bits, a word's high bit
     * alone and sign-extended, shift amounts at and past the widths. Divisions by zero and by minus one,
     * multiplications' high halves, shifts by their width, word forms of values whose high half is not the sign: the
     * cases random states seldom hold.
     */
    @Test
    void integerInstructionsAtTheirEdgesAgree() {
        long[] edges = {0, 1, -1, 2, -2, Long.MIN_VALUE, Long.MAX_VALUE, 0x7fff_ffffL, 0x8000_0000L,
            0xffff_ffff_8000_0000L, 0xffff_ffffL, 0x1_0000_0000L, 31, 32, 63, 64, 0x8000};
        edgesAgree(registerOnlyForms(false), edges, edges);
    }

    /**
     * Every floating-point instruction of the ISA that takes registers only (arithmetic, fused multiply-adds,
     * comparisons, classes, conversions both ways, moves), with the float registers holding every edge value of
     * both formats (signed zeros, ones, infinities, quiet and signalling NaNs, the smallest subnormal, the largest
     * finite, the integer formats' bounds; singles NaN-boxed, and one not) and the integer ones the same bits, under
     * the rounding mode and flags of each case: results, NaN payloads and accrued flags must agree.
     */
    @Test
    void floatInstructionsAtTheirEdgesAgree() {
        long[] edges = {0, 0x8000_0000_0000_0000L, 0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L,
            0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L, 0x7ff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L, 1,
            0x7fef_ffff_ffff_ffffL, 0x43e0_0000_0000_0000L, 0xc3e0_0000_0000_0000L, 0x41e0_0000_0000_0000L,
            0xffff_ffff_0000_0000L, 0xffff_ffff_8000_0000L, 0xffff_ffff_3f80_0000L, 0xffff_ffff_7f80_0000L,
            0xffff_ffff_7fc0_0000L, 0xffff_ffff_7f80_0001L, 0xffff_ffff_0000_0001L, 0xffff_ffff_4f00_0000L,
            0xffff_ffff_df00_0000L, 0x3f80_0000L};
        long[] second = {0, 0x8000_0000_0000_0000L, 0x3ff0_0000_0000_0000L, 0x7ff0_0000_0000_0000L,
            0x7ff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L, 1, 0xffff_ffff_8000_0000L, 0xffff_ffff_3f80_0000L,
            0xffff_ffff_7f80_0000L, 0xffff_ffff_7f80_0001L};
        edgesAgree(registerOnlyForms(true), edges, second);
    }

    /**
     * The ISA's 32-bit instructions that go on to the next and take registers only, with rd t3 or ft0 and sources
     * a1, a2 or fa1, fa2, fa3: each as the first of those forms the assembler accepts and decodes back to it.
     * Float instructions (a float register in the form) or integer ones.
     */
    private static List<String> registerOnlyForms(boolean floats) {
        Assembler assembler = new Assembler(DECODER.model());
        String[] shapes = {" t3, a1, a2", " t3, a1", " ft0, fa1, fa2", " ft0, fa1", " ft0, fa1, fa2, fa3", " ft0, a1",
            " t3, fa1, fa2", " t3, fa1"};
        List<String> forms = new ArrayList<>();
        for (Instruction i : DECODER.model().instructions()) {
            if (i.length() != 32 || i.flow().stream().anyMatch(f -> f.kind() != FlowKind.NEXT)) {
                continue;
            }
            for (String shape : shapes) {
                String form = i.name() + shape;
                try {
                    if (DECODER.decode(assembler.assemble(form, 0x10000, label -> null).word(), 32) == i) {
                        if (shape.contains(" f") == floats) {
                            forms.add(form);
                        }
                        break;
                    }
                } catch (Assembler.AssemblyException | RuntimeException e) {
                    // not a form of this instruction
                }
            }
        }
        assertTrue(forms.size() >= 40, "only " + forms.size() + " register-only instructions: " + forms);
        return forms;
    }

    /**
     * The forms run on every pair (x, y): a1 and fa1 hold x, a2, fa2 and fa3 hold y; each form writes its own
     * destination register (the forms split into cases of as many as there are destinations).
     */
    private static void edgesAgree(List<String> forms, long[] xs, long[] ys) {
        Assembler assembler = new Assembler(DECODER.model());
        // Destinations: every register but zero, ra, sp and the sources a1, a2, fa1, fa2, fa3.
        List<String> integers = new ArrayList<>();
        List<String> floats = new ArrayList<>();
        for (int r = 3; r < 32; r++) {
            if (r != 11 && r != 12) {
                integers.add(DECODER.model().registerFiles().get(0).registerName(r));
            }
            if (r < 11 || r > 13) {
                floats.add(DECODER.model().registerFiles().get(1).registerName(r));
            }
        }
        int chunk = Math.min(integers.size(), floats.size());
        for (long x : xs) {
            for (long y : ys) {
                for (int from = 0; from < forms.size(); from += chunk) {
                    List<String> lines = new ArrayList<>();
                    for (int k = from; k < Math.min(forms.size(), from + chunk); k++) {
                        lines.add(forms.get(k).replace(" t3,", " " + integers.get(k - from) + ",")
                                .replace(" ft0,", " " + floats.get(k - from) + ","));
                    }
                    lines.add("ecall");
                    assertTrue(agrees(program(assembler, x, y, 0, lines.toArray(String[]::new))),
                            "did not end within the budget");
                }
            }
        }
    }

    /**
     * The lines (labels end in a colon) as a case ending at the end of the code page, with t0 given, a1 and fa1
     * holding the bits of a1, a2, fa2 and fa3 those of a2.
     */
    private static CheckCase program(Assembler assembler, long a1, long a2, long t0, String... lines) {
        long[][] registers = new long[DECODER.model().registerFiles().size()][32];
        registers[0][11] = a1;
        registers[0][5] = t0;
        registers[0][12] = a2;
        registers[1][11] = a1; // fa1
        registers[1][12] = a2; // fa2
        registers[1][13] = a2; // fa3
        byte[] data = new byte[DATA_BYTES];
        new SplittableRandom(a1).nextBytes(data);
        return new CheckCase(RunningPrograms.encode(assembler, lines), registers, new long[DECODER.model().csrSlots()],
                data);
    }

    /** Whether the case was compared (it ended within the budget); throws if a configuration differs. */
    private static boolean agrees(CheckCase c) {
        EquivalenceCheck.Result r = CHECK.check(c);
        if (r.failed()) {
            throw new AssertionError("translated (" + r.configuration() + ") differs from the interpreter on:\n"
                    + c.disassembly(DECODER) + r.difference());
        }
        return !r.skipped();
    }
}
