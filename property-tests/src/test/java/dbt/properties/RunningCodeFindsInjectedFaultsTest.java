package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.pass.InjectedFault;
import dbt.runtime.check.EquivalenceCheck;
import dbt.runtime.translate.TranslationOptions;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The running-code generator finds a broken translation: with each of the deliberately wrong passes of
 * {@link InjectedFault} added to the pipeline, some of the first 50 generated programs end differently translated
 * than interpreted. (That {@link RunningCodeProperties} passes means something only if this fails without it.)
 */
class RunningCodeFindsInjectedFaultsTest {
    static Iterable<String> faults() {
        return InjectedFault.KINDS;
    }

    @ParameterizedTest
    @MethodSource("faults")
    void aWrongPassIsFound(String fault) {
        RunningPrograms programs = new RunningPrograms();
        try (EquivalenceCheck check = new EquivalenceCheck(RunningPrograms.DECODER,
                Map.of(fault, TranslationOptions.all().withInjectedFault(fault)))) {
            boolean found = false;
            for (long seed = 0; seed < 50 && !found; seed++) {
                found = check.check(programs.generate(seed)).failed();
            }
            assertTrue(found, "no program out of 50 shows the injected fault " + fault);
        }
    }
}
