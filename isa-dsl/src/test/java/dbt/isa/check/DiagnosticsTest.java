package dbt.isa.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.model.Abi;
import dbt.isa.model.Csr;
import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker's diagnostics, one small description per diagnostic in {@code src/test/resources/diagnostics}.
 * Each file (but {@code base.isa}, the valid description most of them include) names its expected diagnostic in
 * its first line, {@code // expect: LINE:COL: MESSAGE}; see {@link DiagnosticFiles}. Files in subdirectories are
 * helpers ({@code inc/}) or valid descriptions that once were misread ({@code valid/}, checked below).
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

    // ---- no follow-on noise: one mistake, one diagnostic ---------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> oneMistakeGivesOneDiagnostic() {
        // Each of these descriptions holds one mistake, which once also brought follow-on diagnostics (a failed
        // guard that "must be a boolean", an "unknown width" after a failed inference, one report per call, ...).
        return Stream.of("guard-reads-pc", "guard-reads-register", "guard-calls-function", "bits-op-on-boolean",
                        "compare-unsized-choice", "cannot-infer-width", "cannot-infer-width-parameter",
                        "function-unknown-result-width", "function-returns-bool-mismatch", "function-result-width",
                        "let-unknown-width", "width-parameter-mismatch", "bool-parameter", "bool-function-number-body",
                        "function-error-reported-once", "huge-register-count", "huge-slice-bound", "huge-let-width",
                        "duplicate-parameter", "unknown-flow-kind", "unclosed-template-brace", "unknown-template-field",
                        "template-escape-column", "missing-encoding", "abi-unknown-register-file",
                        "abi-register-out-of-range", "abi-registers-in-two-files", "abi-number-hardwired-zero",
                        "abi-duplicate-block", "abi-missing-entry", "abi-repeated-entry", "abi-too-many-arguments",
                        "abi-unknown-entry", "abi-entry-not-a-list", "abi-duplicate-argument", "abi-unknown-convention",
                        "abi-result-hardwired-zero", "abi-stack-hardwired-zero")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Path file = DiagnosticFiles.directory().resolve(name + ".isa");
                    List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(file);
                    assertEquals(1, diagnostics.size(), name + ": " + diagnostics);
                    DiagnosticFiles.assertExpectedDiagnostic(file);
                }));
    }

    // ---- valid descriptions that were misread ----------------------------------------------------------------------

    @Test
    void notEqualLengthRule() {
        // '!=' once read as '==' (the operator was taken from the wrong child of the rule)
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve("valid/length-rule-not-equal.isa"));
        assertTrue(model.lengths().getFirst().negated(), "the first length rule is '!='");
        assertEquals(16, model.lengthOf(0b00));
        assertEquals(32, model.lengthOf(0b11));
    }

    @Test
    void abiBlockBecomesTheModelsAbi() {
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve("valid/abi.isa"));
        Abi abi = model.abi();
        assertEquals(new Abi("linux", 1, 6, List.of(0, 2, 1), 0, 7, Abi.NONE), abi);
        assertEquals("G", model.registerFiles().get(abi.file()).name());
        assertEquals(3, abi.argumentCount());
        assertEquals(2, abi.argument(1));
        assertThrows(UnsupportedOperationException.class, () -> abi.arguments().set(0, 5), "immutable");
        assertEquals(List.of("mov"), model.instructions().stream().map(i -> i.name()).filter(n -> n.equals("mov")).toList(),
                "'abi' and 'number' are still ordinary names");
    }

    @Test
    void descriptionWithoutAbiBlockHasNoAbi() {
        assertNull(DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve(BASE)).abi());
    }

    @Test
    void csrBeforeHeaderGetsTheWordWidth() {
        // a CSR declared before the 'isa' header once took the default word (64) instead of the declared one
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve("valid/csr-before-header.isa"));
        Csr status = model.csrs().getFirst();
        assertEquals(32, model.wordWidth());
        assertEquals(32, status.width(), "width of " + status.name());
    }

    @Test
    void nonUtf8IncludeIsNotReportedAsMissing(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("latin1.isa"), "// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path top = dir.resolve("top.isa");
        Files.copy(DiagnosticFiles.directory().resolve("base.isa"), dir.resolve("base.isa"));
        Files.writeString(top, "include \"base.isa\";\ninclude \"latin1.isa\";\n");
        List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(top);
        assertTrue(diagnostics.stream().noneMatch(d -> d.message().contains("not found")), diagnostics.toString());
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        DiagnosticFiles.assertLocation(diagnostics.getFirst(), top, 2, 9);
        assertTrue(diagnostics.getFirst().message().contains("not UTF-8"), diagnostics.toString());
    }

    @Test
    void nonUtf8TopFileIsADiagnosticAtItsFirstLine(@TempDir Path dir) throws IOException {
        Path top = dir.resolve("latin1.isa");
        Files.write(top, "// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(top);
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        DiagnosticFiles.assertLocation(diagnostics.getFirst(), top, 1, 1);
        assertTrue(diagnostics.getFirst().message().contains("not UTF-8"), diagnostics.toString());
    }

    @Test
    void deeplyNestedExpressionIsADiagnostic(@TempDir Path dir) throws IOException {
        // deep enough to exhaust the stack of the parser or the checker: a diagnostic, not a StackOverflowError
        Path top = dir.resolve("deep.isa");
        Files.copy(DiagnosticFiles.directory().resolve("base.isa"), dir.resolve("base.isa"));
        int depth = 100_000;
        Files.writeString(top, "include \"base.isa\";\ninsn mov \"0000000000000000 .... .... 00010000\" asm \"mov {rd}, {rs1}\""
                + " { R[rd] = " + "(".repeat(depth) + "R[rs1]" + ")".repeat(depth) + "; }\n");
        List<Diagnostic> diagnostics = DiagnosticFiles.loadInvalid(top);
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        DiagnosticFiles.assertLocation(diagnostics.getFirst(), top, 1, 1);
        assertTrue(diagnostics.getFirst().message().contains("nested too deeply"), diagnostics.toString());
    }
}
