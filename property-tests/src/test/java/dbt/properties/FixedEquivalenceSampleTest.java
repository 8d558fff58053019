package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.frontend.ShippedIsa;
import dbt.isa.decode.InstructionDecoder;
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
 * (blocks alone), no host faults (explicit bounds checks) and none. Being deterministic, it is the test that
 * mutation testing of the backend's instruction selection runs (PIT maps each mutant to the cases that reach it;
 * the {@code backend-mutation} profile, see the README); each test stops at its first difference.
 */
class FixedEquivalenceSampleTest {
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    static final String[] CONFIGURATIONS = {"all", "no-regions", "no-loops", "no-host-faults", "none"};
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
