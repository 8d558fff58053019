package dbt.runtime.check;

import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.translate.TranslationOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a case on the reference interpreter and on the translator under every configuration, and says how they
 * differ. The interpreter is the yardstick: a case it cannot finish within the budget is not compared.
 */
public final class EquivalenceCheck implements AutoCloseable {
    private final CheckRunner reference;
    private final Map<String, CheckRunner> translated = new LinkedHashMap<>();

    /** The result of one case: skipped (the interpreter did not finish), or a difference (null when equal). */
    public record Result(boolean skipped, String configuration, String difference) {
        public boolean failed() {
            return difference != null;
        }
    }

    public EquivalenceCheck(InstructionDecoder decoder, Map<String, TranslationOptions> configurations) {
        this.reference = new CheckRunner(decoder, null);
        configurations.forEach((name, options) -> translated.put(name, new CheckRunner(decoder, options)));
    }

    public Result check(CheckCase c) {
        CheckRunner.Outcome expected = reference.run(c);
        if (!expected.finished()) {
            return new Result(true, null, null);
        }
        for (var e : translated.entrySet()) {
            CheckRunner.Outcome actual = e.getValue().run(c);
            if (!actual.state().equals(expected.state())) {
                return new Result(false, e.getKey(), difference(expected.state().describe(), actual.state().describe()));
            }
        }
        return new Result(false, null, null);
    }

    /**
     * Shrinks a failing case: drops instructions one at a time (from the end first) while it still fails, until
     * no single instruction can go.
     */
    public CheckCase shrink(CheckCase failing) {
        CheckCase c = failing;
        boolean progress = true;
        while (progress && c.code().size() > 1) {
            progress = false;
            for (int k = c.code().size() - 1; k >= 0; k--) {
                CheckCase smaller = c.without(k);
                if (check(smaller).failed()) {
                    c = smaller;
                    progress = true;
                    break;
                }
            }
        }
        return c;
    }

    /** The lines of two descriptions of a final state that differ, each as interpreted and as translated. */
    public static String difference(String expected, String actual) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.max(e.length, a.length); k++) {
            String x = k < e.length ? e[k] : "";
            String y = k < a.length ? a[k] : "";
            if (!x.equals(y)) {
                sb.append("  interpreter: ").append(x).append("\n  translated:  ").append(y).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        reference.close();
        translated.values().forEach(CheckRunner::close);
    }
}
