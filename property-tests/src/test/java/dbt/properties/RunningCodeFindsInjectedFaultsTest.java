package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.pass.InjectedFault;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.translate.TranslationOptions;
import dbt.x86.backend.BackendOptions;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The running-code generator finds a broken translation: with each deliberately wrong pass of
 * {@link InjectedFault} added to the pipeline, and each wrong rule of region code of {@link BackendOptions#FAULTS}
 * (a side exit or a cold path that leaves the homes unwritten, an internal edge that leaves a value out of its home,
 * a forward jump that falls through), some of the first 50 generated programs end differently translated than
 * interpreted (today the first to show them are programs 2, 2, 24 and 0). (That {@link RunningCodeProperties}
 * passes means something only if this fails without it.) A region rule is wrong only in regions' code: the program
 * that shows it agrees with the interpreter when regions are off, so it was found through a region the generator
 * made.
 */
class RunningCodeFindsInjectedFaultsTest {
    static final int PROGRAMS = 50;

    static Iterable<String> passes() {
        return InjectedFault.KINDS;
    }

    static Iterable<String> regionFaults() {
        return BackendOptions.FAULTS;
    }

    @ParameterizedTest
    @MethodSource("passes")
    void aWrongPassIsFound(String fault) {
        assertTrue(firstFinding(TranslationOptions.all().withInjectedFault(fault)) >= 0,
                "no program out of " + PROGRAMS + " shows the injected fault " + fault);
    }

    @ParameterizedTest
    @MethodSource("regionFaults")
    void aWrongRegionRuleIsFoundThroughARegion(String fault) {
        long seed = firstFinding(TranslationOptions.all().withInjectedFault(fault));
        assertTrue(seed >= 0, "no program out of " + PROGRAMS + " shows the injected fault " + fault);
        try (EquivalenceCheck check = new EquivalenceCheck(RunningPrograms.DECODER,
                Map.of("no-regions", TranslationOptions.all().withRegions(false).withInjectedFault(fault)))) {
            assertFalse(check.check(new RunningPrograms().generate(seed)).failed(),
                    "program " + seed + " shows the fault " + fault + " without regions too");
        }
    }

    /** The seed of the first of the programs that ends differently under the options, or -1 if none does. */
    private static long firstFinding(TranslationOptions options) {
        RunningPrograms programs = new RunningPrograms();
        try (EquivalenceCheck check = new EquivalenceCheck(RunningPrograms.DECODER, Map.of("faulty", options))) {
            for (long seed = 0; seed < PROGRAMS; seed++) {
                if (check.check(programs.generate(seed)).failed()) {
                    return seed;
                }
            }
            return -1;
        }
    }
}
