package dbt.runtime.check;

import dbt.ir.pass.Pipeline;
import dbt.runtime.translate.TranslationOptions;
import dbt.x86.backend.BackendOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The translator configurations an equivalence case runs under: every optimisation, each one switched off alone,
 * and none at all.
 */
public final class TranslatorConfigurations {
    private TranslatorConfigurations() {}

    public static Map<String, TranslationOptions> all() {
        Map<String, TranslationOptions> c = new LinkedHashMap<>();
        c.put("all", TranslationOptions.all());
        for (String pass : Pipeline.names()) {
            boolean regmap = !pass.equals("regmap");
            c.put("no-" + pass, new TranslationOptions(Set.of(pass),
                    new BackendOptions(regmap, !pass.equals("fuse"), true, true, regmap), true, true, Set.of(), false, false));
        }
        c.put("no-chain", new TranslationOptions(Set.of(), new BackendOptions(true, true, true, true, false), false, true,
                Set.of(), false, false));
        c.put("no-loops", new TranslationOptions(Set.of(), new BackendOptions(true, true, true, true, false), true, true,
                Set.of(), false, false));
        c.put("no-jcc", new TranslationOptions(Set.of(), new BackendOptions(true, true, false, true, false), true, true,
                Set.of(), false, false));
        c.put("no-fast-lookup", new TranslationOptions(Set.of(), new BackendOptions(true, true, true, false, true), true,
                false, Set.of(), false, false));
        c.put("none", new TranslationOptions(Set.copyOf(Pipeline.names()), new BackendOptions(false, false, false, false,
                false), false, false, Set.of(), false, false));
        return c;
    }
}
