package dbt.properties;

import dbt.isa.asm.Assembler;
import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.properties.Encodings.Case;
import dbt.properties.Encodings.Range;
import dbt.properties.Encodings.Reject;
import dbt.properties.Encodings.Target;
import dbt.properties.IsaDescriptions.Isa;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Encoding properties of every shipped ISA description, with cases generated from the model alone (no hand-kept
 * instruction lists): for each instruction, random values its fields can hold (respecting its guard) encode to
 * {@code word = match | Σ field.encode(value)}, and
 * <ol type="a">
 *   <li>the decode tree decodes word to that instruction (or to the higher-priority instruction of an overlapping
 *       group that the reference decoder also picks), and each field decodes back to its value; setting bits the
 *       instruction ignores changes neither the instruction nor its printed text;</li>
 *   <li>printing the instruction and assembling the text gives back the same word and instruction;</li>
 *   <li>for random words of each length, and for generated words with random values in the bits the instruction
 *       ignores: when the decoder accepts one, print → assemble → decode gives the same instruction, which prints
 *       identically.</li>
 * </ol>
 * The jqwik properties pick the instruction uniformly first; the JUnit factory checks every instruction at least
 * {@value #PER_INSTRUCTION} times (every combination of field values when there are at most {@value #EXHAUSTIVE})
 * so that none can be missed.
 */
class EncodingProperties {
    static final int TRIES = 20_000;
    static final int PER_INSTRUCTION = 32;
    static final long EXHAUSTIVE = 4096;

    /** Counters per check kind: cases run, and cases per instruction. */
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, LongAdder>> COVERAGE = new ConcurrentHashMap<>();

    private static void count(String kind, String insn) {
        COUNTS.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (insn != null) {
            COVERAGE.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(insn, k -> new LongAdder()).increment();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checks, shared by the jqwik properties and the per-instruction JUnit tests.

    /** Property (a): the decode tree finds the instruction and its field values. */
    static void checkDecode(Case c, long noise, String tag) {
        Isa isa = c.target().isa();
        Instruction insn = c.target().insn();
        int length = c.length();
        Instruction got = isa.tree().decode(c.word(), length);
        Instruction ref = Encodings.reference(isa.model(), c.word(), length);
        if (ref != insn) {
            // The values chose the encoding of a more specific instruction of an overlapping group
            // (fence with pred=w, succ=0 is pause): the reference decoder must agree that it wins.
            if (ref == null || ref.priority() <= insn.priority()) {
                throw new AssertionError(c + ": the reference decoder picks "
                        + (ref == null ? "nothing" : ref.name()) + " for a word of " + insn.name());
            }
            if (got != ref) {
                throw new AssertionError(c + ": decoded " + name(got) + ", expected " + ref.name()
                        + " (which shadows " + insn.name() + " there)");
            }
            count(tag + "a-shadowed-by-more-specific", c.target().toString());
        } else {
            if (got != insn) {
                throw new AssertionError(c + ": decoded " + name(got) + ", expected " + insn.name());
            }
            List<Field> fields = c.target().fields();
            for (int i = 0; i < fields.size(); i++) {
                long back = fields.get(i).decode(c.word());
                if (back != c.values()[i]) {
                    throw new AssertionError(c + ": field " + fields.get(i).name() + " decodes to " + back
                            + ", expected " + c.values()[i]);
                }
            }
        }
        long dontCare = Encodings.dontCareBits(c.target());
        if (dontCare != 0 && (noise & dontCare) != 0) {
            long w2 = c.word() | (noise & dontCare);
            Instruction ref2 = Encodings.reference(isa.model(), w2, length);
            Instruction got2 = isa.tree().decode(w2, length);
            if (got2 != ref2) {
                throw new AssertionError(c + " with ignored bits set, " + Encodings.hex(w2, length) + ": decoded "
                        + name(got2) + ", the reference decoder picks " + name(ref2));
            }
            if (ref2 == got && got != null) {
                String p1 = isa.printer().print(got, c.word(), 0x1000);
                String p2 = isa.printer().print(got2, w2, 0x1000);
                if (!p1.equals(p2)) {
                    throw new AssertionError(c + ": setting ignored bits " + Encodings.hex(w2, length)
                            + " changes the printed text from '" + p1 + "' to '" + p2 + "'");
                }
            }
        }
        count(tag + "a", c.target().toString());
    }

    /** Property (b): print then assemble gives back exactly the same word and instruction. */
    static void checkRoundTrip(Case c, long pc, String tag) {
        Isa isa = c.target().isa();
        int length = c.length();
        Instruction insn = isa.tree().decode(c.word(), length);
        if (insn == null) {
            throw new AssertionError(c + ": does not decode");
        }
        String text = isa.printer().print(insn, c.word(), pc);
        Assembler.Encoded enc;
        try {
            enc = isa.assembler().assemble(text, pc);
        } catch (Assembler.AssemblyException e) {
            throw new AssertionError(c + " at pc=0x" + Long.toHexString(pc) + ": '" + text
                    + "' does not assemble: " + e.getMessage());
        }
        if (enc.word() != c.word() || enc.instruction() != insn || enc.length() != length) {
            throw new AssertionError(c + " at pc=0x" + Long.toHexString(pc) + ": '" + text + "' assembles to "
                    + enc.instruction().name() + " " + Encodings.hex(enc.word(), enc.length()) + " ("
                    + enc.length() + " bits), expected " + insn.name() + " " + Encodings.hex(c.word(), length));
        }
        count(tag + "b", c.target().toString());
    }

    /** Property (c): a random word that decodes survives print → assemble → decode → print. */
    static void checkRandomWord(Isa isa, int length, long word, long pc, String tag) {
        Instruction insn = isa.tree().decode(word, length);
        Instruction ref = Encodings.reference(isa.model(), word, length);
        String where = isa.name() + " word " + Encodings.hex(word, length) + " at pc=0x" + Long.toHexString(pc);
        if (insn != ref) {
            throw new AssertionError(where + ": decoded " + name(insn) + ", the reference decoder picks " + name(ref));
        }
        if (insn == null) {
            count(tag + "c-not-decodable", null);
            return;
        }
        String text = isa.printer().print(insn, word, pc);
        Assembler.Encoded enc;
        try {
            enc = isa.assembler().assemble(text, pc);
        } catch (Assembler.AssemblyException e) {
            throw new AssertionError(where + " (" + insn.name() + "): '" + text + "' does not assemble: "
                    + e.getMessage());
        }
        if (enc.length() != length) {
            throw new AssertionError(where + ": '" + text + "' assembles to " + enc.length() + " bits");
        }
        Instruction again = isa.tree().decode(enc.word(), enc.length());
        if (again == null) {
            throw new AssertionError(where + " (" + insn.name() + "): '" + text + "' assembles to "
                    + Encodings.hex(enc.word(), length) + ", which does not decode");
        }
        String text2 = isa.printer().print(again, enc.word(), pc);
        if (again != insn && moreSpecific(again, insn)) {
            // The printed form cannot carry bits the instruction ignores; with them cleared, the word belongs to a
            // more specific instruction of the same overlapping group (RISC-V: `fence w, 0` with fm=0 is `pause`).
            count(tag + "c-specific", isa.name() + ":" + insn.name());
            return;
        }
        if (!text2.equals(text) || again != insn) {
            throw new AssertionError(where + " (" + insn.name() + "): '" + text + "' assembles to "
                    + Encodings.hex(enc.word(), length) + ", which decodes to " + again.name() + " and prints '"
                    + text2 + "'");
        }
        count(tag + "c", isa.name() + ":" + insn.name());
    }

    /** Whether a's pattern is strictly more specific than b's and agrees with it. */
    private static boolean moreSpecific(Instruction a, Instruction b) {
        return a.length() == b.length() && (a.mask() & b.mask()) == b.mask() && a.mask() != b.mask()
                && (a.match() & b.mask()) == b.match();
    }

    private static String name(Instruction i) {
        return i == null ? "nothing (null)" : i.name();
    }

    // ---------------------------------------------------------------------------------------------------------
    // jqwik properties: the instruction is picked uniformly, then values for its fields.

    @Property(tries = TRIES)
    void decodeGivesBackInstructionAndFields(@ForAll("cases") Case c, @ForAll("noise") long noise) {
        checkDecode(c, noise, "");
    }

    @Property(tries = TRIES)
    void printThenAssembleGivesBackTheWord(@ForAll("cases") Case c, @ForAll("pcs") long pc) {
        checkRoundTrip(c, pc, "");
    }

    record RandomWord(Isa isa, int length, long word) {
        @Override
        public String toString() {
            return isa.name() + " " + Encodings.hex(word, length);
        }
    }

    @Property(tries = TRIES)
    void randomDecodableWordsSurvivePrintAndAssemble(@ForAll("randomWords") RandomWord w, @ForAll("pcs") long pc) {
        checkRandomWord(w.isa(), w.length(), w.word(), pc, "");
    }

    /** Property (c) near each instruction: a generated word with random values in the bits it ignores. */
    @Property(tries = TRIES)
    void wordsWithIgnoredBitsSurvivePrintAndAssemble(@ForAll("cases") Case c, @ForAll("noise") long noise,
                                                      @ForAll("pcs") long pc) {
        checkRandomWord(c.target().isa(), c.length(), withIgnoredBits(c, noise), pc, "ignored-bits-");
    }

    static long withIgnoredBits(Case c, long noise) {
        return c.word() | (noise & Encodings.dontCareBits(c.target()));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(Encodings.targets(IsaDescriptions.all())).flatMap(EncodingProperties::casesOf);
    }

    static Arbitrary<Case> casesOf(Target t) {
        List<Range> ranges = Encodings.ranges(t);
        if (ranges.isEmpty()) {
            Case c = Encodings.build(t, ranges, new long[0], new Reject[1]);
            if (c == null) {
                throw new AssertionError(t + ": has no fields and its only word is rejected by its guard");
            }
            return Arbitraries.just(c);
        }
        List<Arbitrary<Long>> ks = new ArrayList<>();
        for (Range r : ranges) {
            ks.add(Arbitraries.longs().between(r.kMin(), r.kMax()));
        }
        return Combinators.combine(ks)
                .as(list -> {
                    long[] k = list.stream().mapToLong(Long::longValue).toArray();
                    return Optional.ofNullable(Encodings.build(t, ranges, k, new Reject[1]));
                })
                .filter(Optional::isPresent)
                .map(Optional::get);
    }

    @Provide
    Arbitrary<Long> pcs() {
        return Arbitraries.oneOf(
                Arbitraries.longs().withDistribution(RandomDistribution.uniform()),
                Arbitraries.longs().between(0, 1L << 32).withDistribution(RandomDistribution.uniform()))
                .map(pc -> pc & ~1L);
    }

    @Provide
    Arbitrary<Long> noise() {
        return Arbitraries.longs().withDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<RandomWord> randomWords() {
        return Arbitraries.of(IsaDescriptions.all()).flatMap(isa -> Combinators
                .combine(Arbitraries.of(Encodings.lengths(isa.model())),
                        Arbitraries.longs().withDistribution(RandomDistribution.uniform()))
                .as((length, bits) -> {
                    Long w = Encodings.wordOfLength(isa.model(), length, bits);
                    return w == null ? Optional.<RandomWord>empty() : Optional.of(new RandomWord(isa, length, w));
                })
                .filter(Optional::isPresent)
                .map(Optional::get));
    }

    // ---------------------------------------------------------------------------------------------------------
    // JUnit: every instruction, PER_INSTRUCTION cases each (edges first), so that none is missed; instructions
    // whose fields hold at most EXHAUSTIVE combinations of values get all of them.

    @TestFactory
    Stream<DynamicTest> everyInstructionAtLeast32Times() {
        return Encodings.targets(IsaDescriptions.all()).stream()
                .map(t -> DynamicTest.dynamicTest(t.toString(), () -> checkInstruction(t)));
    }

    private static void checkInstruction(Target t) {
        Random r = new Random(t.toString().hashCode());
        List<Range> ranges = Encodings.ranges(t);
        List<Case> cases = new ArrayList<>();
        Reject[] reject = new Reject[1];
        // Small value spaces (fence, lr.w, c.sub, ...): every combination of field values.
        long space = 1;
        for (Range rg : ranges) {
            long n = rg.kMax() - rg.kMin() + 1;
            space = n <= 0 || space > EXHAUSTIVE / n ? Long.MAX_VALUE : space * n;
        }
        if (space <= EXHAUSTIVE) {
            long[] ks = new long[ranges.size()];
            for (long v = 0; v < space; v++) {
                long rest = v;
                for (int i = 0; i < ks.length; i++) {
                    long n = ranges.get(i).kMax() - ranges.get(i).kMin() + 1;
                    ks[i] = ranges.get(i).kMin() + rest % n;
                    rest /= n;
                }
                Case c = Encodings.build(t, ranges, ks, reject);
                if (c != null) {
                    cases.add(c);
                }
            }
        }
        // Edges: every field at its minimum, its maximum, and at k = 0 and 1 where it can be; then random values.
        long[][] edgeSets = new long[4][ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            Range rg = ranges.get(i);
            edgeSets[0][i] = rg.kMin();
            edgeSets[1][i] = rg.kMax();
            edgeSets[2][i] = Math.clamp(0, rg.kMin(), rg.kMax());
            edgeSets[3][i] = Math.clamp(1, rg.kMin(), rg.kMax());
        }
        for (long[] ks : edgeSets) {
            Case c = Encodings.build(t, ranges, ks, reject);
            if (c != null) {
                cases.add(c);
            }
        }
        while (cases.size() < PER_INSTRUCTION) {
            Case c = Encodings.random(t, r);
            if (c == null) {
                throw new AssertionError(t + ": no field values satisfy its encoding and guard in 10000 attempts");
            }
            cases.add(c);
        }
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            long pc = r.nextLong() & ~1L;
            long noise = r.nextLong();
            for (Runnable check : List.<Runnable>of(() -> checkDecode(c, noise, "junit-"),
                    () -> checkRoundTrip(c, pc, "junit-"),
                    () -> checkRandomWord(t.isa(), c.length(), withIgnoredBits(c, noise), pc, "junit-ignored-bits-"))) {
                try {
                    check.run();
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            List<String> distinct = failures.stream().distinct().toList();
            throw new AssertionError(t + ": " + failures.size() + " of " + 3 * cases.size() + " checks fail:\n  "
                    + String.join("\n  ", distinct.subList(0, Math.min(8, distinct.size()))));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reports.

    @AfterContainer
    static void reportProperties() {
        report("jqwik");
    }

    @AfterAll
    static void reportJunit() {
        report("junit");
    }

    private static void report(String engine) {
        int total = Encodings.targets(IsaDescriptions.all()).size();
        StringBuilder sb = new StringBuilder("EncodingProperties (" + engine + "): " + total
                + " instructions in " + IsaDescriptions.all() + "\n");
        for (String kind : new TreeMap<>(COUNTS).keySet()) {
            if (engine.equals("junit") != kind.startsWith("junit")) {
                continue;
            }
            Map<String, LongAdder> cov = COVERAGE.getOrDefault(kind, Map.of());
            sb.append(String.format("  %-20s %8d cases", kind, COUNTS.get(kind).sum()));
            if (!cov.isEmpty()) {
                sb.append(String.format(", %d instructions covered", cov.size()));
                if (kind.endsWith("a") || kind.endsWith("b")) {
                    Set<String> missing = new java.util.TreeSet<>();
                    for (Target t : Encodings.targets(IsaDescriptions.all())) {
                        if (!cov.containsKey(t.toString())) {
                            missing.add(t.toString());
                        }
                    }
                    long min = cov.values().stream().mapToLong(LongAdder::sum).min().orElse(0);
                    sb.append(", min ").append(min).append(" per instruction");
                    if (!missing.isEmpty()) {
                        sb.append(", NOT covered: ").append(missing);
                    }
                }
            }
            sb.append('\n');
        }
        System.out.print(sb);
    }
}
