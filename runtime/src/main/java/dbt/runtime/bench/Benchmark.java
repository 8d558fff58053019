package dbt.runtime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One benchmark: a C file in {@code bench/programs/} and its inputs, read from lines of its header comment:
 * <pre>
 *  * bench-args: 2000000000          arguments of a normal run (native ~0.5-1 s)
 *  * bench-quick-args: 200000000     arguments with --quick
 *  * bench-interp-args: 2000000      arguments for the (slow) interpreter, or "skip"
 * </pre>
 * A missing {@code bench-args} means no arguments; a missing {@code bench-quick-args} means the normal ones; a
 * missing {@code bench-interp-args} means the quick ones.
 *
 * @param interpArgs {@code null} when the interpreter is not run on this benchmark
 */
record Benchmark(String name, Path source, List<String> args, List<String> quickArgs, List<String> interpArgs) {
    private static final Pattern KEY = Pattern.compile("^[\\s/*#]*bench-(args|quick-args|interp-args):(.*)$");

    /** Every {@code *.c} in {@code dir}, sorted by name. */
    static List<Benchmark> discover(Path dir) throws IOException {
        List<Benchmark> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".c")).sorted().toList()) {
                all.add(parse(p, Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    static Benchmark parse(Path source, String text) {
        String file = source.getFileName().toString();
        String name = file.endsWith(".c") ? file.substring(0, file.length() - 2) : file;
        List<String> args = List.of();
        List<String> quick = null;
        List<String> interp = null;
        boolean interpSkipped = false;
        for (String line : text.lines().toList()) {
            Matcher m = KEY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            List<String> words = words(m.group(2));
            switch (m.group(1)) {
                case "args" -> args = words;
                case "quick-args" -> quick = words;
                default -> {
                    if (words.equals(List.of("skip"))) {
                        interpSkipped = true;
                    } else {
                        interp = words;
                    }
                }
            }
        }
        return new Benchmark(name, source, args, quick != null ? quick : args,
                interpSkipped ? null : interp != null ? interp : quick != null ? quick : args);
    }

    List<String> args(boolean quick) {
        return quick ? quickArgs : args;
    }

    private static List<String> words(String s) {
        String t = s.strip();
        if (t.endsWith("*/")) {
            t = t.substring(0, t.length() - 2).strip();
        }
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
