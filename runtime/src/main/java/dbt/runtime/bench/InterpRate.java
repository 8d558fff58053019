package dbt.runtime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest instructions per second of a {@code dbt run --interp --stats} run, as its statistics line on stderr
 * gives them: retired instructions over the time from the guest's start to its end (JVM start-up excluded).
 */
final class InterpRate {
    private static final Pattern STATS = Pattern.compile(
            "dbt: interpreted [0-9,]+ guest instructions .*\\(([0-9.]+) M instructions/s[;)]");

    private InterpRate() {}

    /** Millions of guest instructions per second, or empty when the output has no statistics line. */
    static OptionalDouble mips(String stderr) {
        Matcher m = STATS.matcher(stderr);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    static OptionalDouble mips(Path stderrFile) {
        try {
            return mips(Files.readString(stderrFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }
}
