package dbt.isa.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Shared machinery of the checker tests: finding the test descriptions, loading them, and judging the diagnostics.
 *
 * <p>A negative test file starts with {@code // expect: LINE:COL: MESSAGE}; loading it must throw an
 * {@link IsaException} (and nothing else) with a diagnostic in that same file, at exactly that line and column,
 * whose message contains MESSAGE. Every diagnostic must read as a message for the author of the description:
 * no Java exception or class names, no {@code null}.
 */
final class DiagnosticFiles {
    private static final Pattern EXPECT = Pattern.compile("^// expect: (\\d+):(\\d+): (.+)$");

    /** Something that looks like a Java type or package leaking into a message. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "Exception|\\bjava\\.|\\bjavax\\.|\\borg\\.antlr\\b|\\bdbt\\.(isa|runtime|frontend)\\b"
                    + "|\\b[A-Z][A-Za-z]*(Error|Context|Exception|Node|Token)\\b|\\$[A-Z]|@[0-9a-f]{5,}|\\bnull\\b");

    private static final Duration TIME_LIMIT = Duration.ofSeconds(20);

    private DiagnosticFiles() {
    }

    /** {@code isa-dsl/src/test/resources/diagnostics}, found from the working directory (module or repository root). */
    static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            for (Path candidate : List.of(p.resolve("src/test/resources/diagnostics"),
                    p.resolve("isa-dsl/src/test/resources/diagnostics"))) {
                if (Files.isRegularFile(candidate.resolve("base.isa"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no isa-dsl/src/test/resources/diagnostics above " + dir);
    }

    /** The repository root: the nearest directory above the working directory holding isa/riscv64/riscv64.isa. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("isa/riscv64/riscv64.isa"))) {
                return p;
            }
        }
        throw new IllegalStateException("no isa/riscv64/riscv64.isa above " + dir);
    }

    record Expectation(int line, int column, String message) {
        @Override
        public String toString() {
            return line + ":" + column + ": " + message;
        }
    }

    static Expectation expectation(Path file) {
        String first;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            first = lines.isEmpty() ? "" : lines.getFirst();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        Matcher m = EXPECT.matcher(first);
        if (!m.matches()) {
            fail(file.getFileName() + ": the first line must be '// expect: LINE:COL: MESSAGE', not '" + first + "'");
        }
        return new Expectation(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).trim());
    }

    /** Loads a description that must be accepted; a diagnostic or any exception fails the test with all of them. */
    static IsaModel loadValid(Path file) {
        return assertTimeoutPreemptively(TIME_LIMIT, () -> {
            try {
                return IsaLoader.load(file);
            } catch (IsaException e) {
                throw new AssertionError(file + " should load without diagnostics, but:\n" + e.getMessage());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("loading " + file + " crashed instead of reporting diagnostics:\n" + stackTrace(e), e);
            }
        }, "loading " + file.getFileName() + " did not finish");
    }

    /** Loads a description that must be rejected, returning its diagnostics (checked to be clean messages). */
    static List<Diagnostic> loadInvalid(Path file) {
        List<Diagnostic> diagnostics = assertTimeoutPreemptively(TIME_LIMIT, () -> {
            IsaModel model;
            try {
                model = IsaLoader.load(file);
            } catch (IsaException e) {
                return e.diagnostics();
            } catch (RuntimeException | Error e) {
                throw new AssertionError("loading " + file.getFileName()
                        + " threw something other than IsaException:\n" + stackTrace(e), e);
            }
            throw new AssertionError(file.getFileName() + " loaded without any diagnostic ("
                    + model.instructions().size() + " instructions)");
        }, "loading " + file.getFileName() + " did not finish");
        assertFalse(diagnostics.isEmpty(), "IsaException without diagnostics");
        assertCleanMessages(diagnostics);
        return diagnostics;
    }

    /** No message may leak the implementation: exception or class names, or a {@code null}. */
    static void assertCleanMessages(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            assertFalse(JAVA_NAME.matcher(d.message()).find(), "diagnostic leaks Java internals: " + d);
            assertFalse(d.message().isBlank(), "empty diagnostic message at " + d.location());
            assertTrue(d.location().line() >= 1 && d.location().column() >= 1, "no real location: " + d);
        }
    }

    /** Loads a negative test file and checks its {@code // expect:} line against the diagnostics. */
    static void assertExpectedDiagnostic(Path file) {
        Expectation expected = expectation(file);
        List<Diagnostic> diagnostics = loadInvalid(file);
        Path self = file.toAbsolutePath().normalize();
        boolean found = diagnostics.stream().anyMatch(d -> sameFile(d, self)
                && d.location().line() == expected.line() && d.location().column() == expected.column()
                && d.message().contains(expected.message()));
        if (!found) {
            fail(file.getFileName() + ": expected a diagnostic " + expected + "\nbut got:\n"
                    + diagnostics.stream().map(d -> "  " + d).collect(Collectors.joining("\n")));
        }
    }

    static boolean sameFile(Diagnostic d, Path file) {
        return Path.of(d.location().file()).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
    }

    static void assertLocation(Diagnostic d, Path file, int line, int column) {
        assertTrue(sameFile(d, file), "diagnostic in the wrong file: " + d);
        assertEquals(line + ":" + column, d.location().line() + ":" + d.location().column(), "location of " + d);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
