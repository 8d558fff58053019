package dbt.isa.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker's diagnostics, one small description per diagnostic in {@code src/test/resources/diagnostics}.
 * Each file (but {@code base.isa}, the valid description most of them include) names its expected diagnostic in
 * its first line, {@code // expect: LINE:COL: MESSAGE}; see {@link DiagnosticFiles}. Files in subdirectories are
 * helpers ({@code inc/}) or show known checker bugs ({@code bugs/}, run by {@link CheckerBugsTest}).
 */
class DiagnosticsTest {
    private static final String BASE = "base.isa";

    static List<Path> negativeFiles() throws IOException {
        try (Stream<Path> files = Files.list(DiagnosticFiles.directory())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".isa"))
                    .filter(p -> !p.getFileName().toString().equals(BASE))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void baseDescriptionLoadsWithoutDiagnostics() {
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve(BASE));
        assertEquals("tiny", model.name());
        assertEquals(32, model.wordWidth());
        assertEquals(1, model.registerFiles().size());
        assertEquals("PC", model.pcName());
        assertEquals(List.of("add", "addi", "beq", "jal"),
                model.instructions().stream().map(i -> i.name()).toList());
    }

    @TestFactory
    Stream<DynamicTest> eachFileReportsItsDiagnostic() throws IOException {
        List<Path> files = negativeFiles();
        assertTrue(files.size() >= 20, "expected at least 20 negative test files, found " + files.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString().replaceFirst("\\.isa$", ""), file.toUri(),
                () -> DiagnosticFiles.assertExpectedDiagnostic(file)));
    }

    @Test
    void atLeastTwentyDistinctDiagnostics() throws IOException {
        // Two files expecting the same place and message would test the same thing twice by accident.
        List<String> keys = negativeFiles().stream()
                .map(f -> DiagnosticFiles.expectation(f).message())
                .toList();
        assertTrue(keys.stream().distinct().count() >= 20, "fewer than 20 distinct expected messages");
    }

    @Test
    void unreadableTopFileIsADiagnosticAtItsFirstLine() {
        Path missing = DiagnosticFiles.directory().resolve("inc/there-is-no-such-file.isa");
        List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(missing);
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        DiagnosticFiles.assertLocation(diagnostics.getFirst(), missing, 1, 1);
        assertTrue(diagnostics.getFirst().message().contains("cannot read ISA description"), diagnostics.toString());
    }

    @Test
    void mistakeInAnIncludedFileIsReportedInThatFile() {
        Path top = DiagnosticFiles.directory().resolve("inc/includes-broken-part.isa");
        Path part = DiagnosticFiles.directory().resolve("inc/broken-part.isa");
        List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(top);
        assertTrue(diagnostics.stream().anyMatch(d -> DiagnosticFiles.sameFile(d, part)
                        && d.location().line() == 4 && d.location().column() == 89
                        && d.message().contains("unknown name 'nosuch'")),
                "expected broken-part.isa:4:89: unknown name 'nosuch', got " + diagnostics);
    }

    @Test
    void syntaxErrorInAnIncludedFileIsReportedInThatFile() {
        Path top = DiagnosticFiles.directory().resolve("inc/includes-syntax-error.isa");
        Path part = DiagnosticFiles.directory().resolve("inc/syntax-error-part.isa");
        List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(top);
        assertTrue(diagnostics.stream().anyMatch(d -> DiagnosticFiles.sameFile(d, part)
                        && d.location().line() == 3 && d.location().column() == 11
                        && d.message().startsWith("syntax error")),
                "expected syntax-error-part.isa:3:11: syntax error, got " + diagnostics);
    }

    @Test
    void includingAFileTwiceOrCyclicallyIsHarmless() {
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve("inc/includes-twice.isa"));
        assertEquals(5, model.instructions().size());
    }
}
