package dbt.runtime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share of guest instructions that ran in regions, as the statistics of a {@code dbt run --stats} run give it
 * on stderr (see TranslationStats): of the guest instructions run in translated code (counted per block entered,
 * by the main thread's engine), the percentage run in regions' code rather than in single blocks'. Not the
 * interpreter's statistics, which have no such line. Numbers may be grouped and the decimal separator may be a
 * comma, as the JVM's locale prints them.
 */
final class RegionCoverage {
    private static final Pattern STATS = Pattern.compile(
            "dbt: regions: .*guest instructions run in translated code[^:]*: "
                    + "(\\d[\\d.,\\p{Zs}]*), (\\d+(?:[.,]\\d+)?)%");

    private RegionCoverage() {}

    /** Percent of the guest instructions run in translated code that ran in regions, or empty: no line, none run. */
    static OptionalDouble percent(String stderr) {
        Matcher m = STATS.matcher(stderr);
        if (!m.find() || m.group(1).chars().noneMatch(c -> c >= '1' && c <= '9')) {
            return OptionalDouble.empty();
        }
        double share = Double.parseDouble(m.group(2).replace(',', '.'));
        return share >= 0 && share <= 100 ? OptionalDouble.of(share) : OptionalDouble.empty();
    }

    static OptionalDouble percent(Path stderrFile) {
        try {
            return percent(Files.readString(stderrFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }
}
