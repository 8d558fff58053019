package dbt.runtime.check;

import dbt.ir.pass.Pipeline;
import dbt.runtime.translate.TranslationOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The translator configurations an equivalence case runs under: every optimisation, each one switched off alone,
 * and none at all; all of them translate every block before it runs. And "ir-first", dbt run's way: a block's first
 * run is on the IR interpreter, its later ones translated (a case's loops run both).
 */
public final class TranslatorConfigurations {
    private TranslatorConfigurations() {}

    public static Map<String, TranslationOptions> all() {
        Map<String, TranslationOptions> c = new LinkedHashMap<>();
        c.put("all", TranslationOptions.all());
        for (String pass : Pipeline.names()) {
            c.put("no-" + pass, TranslationOptions.of(Set.of(pass), true, true, true, true, true, true));
        }
        c.put("no-chain", TranslationOptions.of(Set.of(), false, true, true, true, true, true));
        c.put("no-loops", TranslationOptions.of(Set.of(), true, true, true, false, true, true));
        c.put("no-regions", TranslationOptions.all().withRegions(false));
        c.put("no-jcc", TranslationOptions.of(Set.of(), true, false, true, true, true, true));
        c.put("no-fast-lookup", TranslationOptions.of(Set.of(), true, true, false, true, true, true));
        c.put("no-ras", TranslationOptions.all().withReturnStack(false));
        c.put("no-if-convert", TranslationOptions.all().withIfConversion(false));
        c.put("no-licm", TranslationOptions.all().withHoistInvariants(false));
        c.put("no-predict", TranslationOptions.of(Set.of(), true, true, true, true, false, true));
        c.put("no-host-faults", TranslationOptions.of(Set.of(), true, true, true, true, true, false));
        c.put("no-pin", TranslationOptions.all().withPinned(java.util.List.of()));
        c.put("pin-six", TranslationOptions.all().withPinned(java.util.List.of(31, 5, 8, 11, 12, 30)));
        c.put("ir-first", TranslationOptions.all().withTranslateAfter(1));
        c.put("none", TranslationOptions.of(Set.copyOf(Pipeline.names()), false, false, false, false, false, false)
                .withIfConversion(false).withHoistInvariants(false));
        return c;
    }
}
