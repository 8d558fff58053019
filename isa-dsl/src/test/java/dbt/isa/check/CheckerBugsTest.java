package dbt.isa.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.model.Csr;
import dbt.isa.model.IsaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known checker bugs, each shown by a description in {@code src/test/resources/diagnostics/bugs} whose first line
 * says what a correct checker reports ({@code // expect: LINE:COL: MESSAGE}, as in {@link DiagnosticsTest}).
 * Disabled until the checker is fixed: remove the {@code @Disabled} (and, if the fix words its message
 * differently, adjust the expectation) when fixing one.
 */
class CheckerBugsTest {
    private static void check(String name) {
        DiagnosticFiles.assertExpectedDiagnostic(DiagnosticFiles.directory().resolve("bugs").resolve(name));
    }

    // ---- crashes: an exception escapes instead of a diagnostic -----------------------------------------------------

    @Test
    @Disabled("crash: IsaLoader.readFile calls inc.STRING().getText() on an include whose string is missing "
            + "(`include rv64i;`): NullPointerException after the syntax error")
    void includeWithoutString() {
        check("include-without-string.isa");
    }

    @Test
    @Disabled("crash: ModelBuilder parses INT tokens with Integer.parseInt; `registers R[99999999999]` throws "
            + "NumberFormatException (same in zero N, word N, length N, [hi:lo], << N, + N, csr : N, bits(N))")
    void hugeRegisterCount() {
        check("huge-register-count.isa");
    }

    @Test
    @Disabled("crash: ModelBuilder.slice uses Integer.parseInt; `field far = [99999999999:0]` throws NumberFormatException")
    void hugeSliceBound() {
        check("huge-slice-bound.isa");
    }

    @Test
    @Disabled("crash: SemanticsChecker.declaredWidth uses Integer.parseInt; `let t : bits(99999999999)` throws "
            + "NumberFormatException")
    void hugeLetWidth() {
        check("huge-let-width.isa");
    }

    @Test
    @Disabled("crash: ModelBuilder.template parses the N of an xN format with Integer.parseInt; "
            + "`{rs1:x99999999999}` throws NumberFormatException")
    void hugeTemplateFormat() {
        check("huge-template-format.isa");
    }

    @Test
    @Disabled("crash: IsaLoader.readFile passes the include string to Path.of unchecked; a NUL character in it "
            + "throws InvalidPathException")
    void includePathWithNul() {
        check("include-path-with-nul.isa");
    }

    @Test
    @Disabled("crash: after 'returns bool but its body is a number', the inlined call is an Expr.Bind of width 0; "
            + "SemanticsChecker.sized takes width 0 for an unsized literal and T.constant() throws ClassCastException")
    void boolFunctionWithNumberBody() {
        check("bool-function-number-body.isa");
    }

    @Test
    @Disabled("crash: after 'parameter c is bool', the number argument is bound as a local of width 0; using it "
            + "where a width is needed (R[1] = c) makes T.constant() throw ClassCastException (Expr.Local)")
    void boolParameterGivenNumber() {
        check("bool-parameter-given-number.isa");
    }

    // ---- mistakes that are not diagnosed ---------------------------------------------------------------------------

    @Test
    @Disabled("not diagnosed: SemanticsChecker.constantInt casts the slice bound to int, so "
            + "R[rs1][4294967297] is accepted as R[rs1][1]")
    void sliceBoundTruncated() {
        check("slice-bound-truncated.isa");
    }

    @Test
    @Disabled("not diagnosed: the width argument of sext/zext goes through constantInt's int cast, so "
            + "sext(x, 4294967328) is accepted as sext(x, 32)")
    void sextWidthTruncated() {
        check("sext-width-truncated.isa");
    }

    @Test
    @Disabled("not diagnosed: ModelBuilder.csr stores the CSR number as (int) without a range check, so "
            + "0x1_0000_0001 becomes a second CSR numbered 1 and the duplicate check (long vs int) misses it")
    void csrNumberTruncated() {
        check("csr-number-truncated.isa");
    }

    @Test
    @Disabled("not diagnosed: the ': N' width of a CSR is never range-checked (csr wide = 0x010 : 100 is accepted)")
    void csrWidthUnchecked() {
        check("csr-width-unchecked.isa");
    }

    @Test
    @Disabled("not diagnosed: ModelBuilder.fieldKind compares a names table's size with (1 << raw) in int, which "
            + "wraps for 32-bit fields: a 1-name table is accepted for a field of 2^32 values")
    void namesTableForWideField() {
        check("names-table-wide-field.isa");
    }

    @Test
    @Disabled("not diagnosed: only sext/zext fields are checked against the word; a plain field of 96 bits "
            + "({[31:0] [31:0] [31:0]}) is accepted and silently truncated to 64")
    void plainFieldWiderThan64() {
        check("plain-field-wider-than-64.isa");
    }

    @Test
    @Disabled("not diagnosed: the register-range check computes (1L << raw), which is 1 for a 64-bit field, so a "
            + "64-bit register field of a 16-register file is accepted")
    void registerField64Bits() {
        check("register-field-64-bits.isa");
    }

    @Test
    @Disabled("not diagnosed: SemanticsChecker.sized accepts any literal that fits as a signed long in "
            + "[-2^(w-1), 2^w), so 0xFFFF_FFFF_FFFF_FFFF (read as -1) is accepted for bits(32)")
    void literalWrapsIntoRange() {
        check("literal-wraps-into-range.isa");
    }

    @Test
    @Disabled("not diagnosed: function and procedure bodies are only checked when inlined at a call, so a function "
            + "nobody calls may read unknown names (or hold any other mistake)")
    void unusedFunctionNotChecked() {
        check("unused-function-not-checked.isa");
    }

    @Test
    @Disabled("not diagnosed: two parameters with the same name; the second silently shadows the first "
            + "(only confusing width mismatches follow)")
    void duplicateParameter() {
        check("duplicate-parameter.isa");
    }

    @Test
    @Disabled("not diagnosed: a function named like a built-in (load32) is silently ignored: calls go to the built-in")
    void functionShadowsBuiltin() {
        check("function-shadows-builtin.isa");
    }

    @Test
    @Disabled("minor, not diagnosed: a register file of 0 registers")
    void emptyRegisterFile() {
        check("empty-register-file.isa");
    }

    @Test
    @Disabled("minor, not diagnosed: the assembly format ':x0' (hex of 0 bits) is accepted")
    void templateHexZeroBits() {
        check("template-hex-zero-bits.isa");
    }

    // ---- wrong locations and messages ------------------------------------------------------------------------------

    @Test
    @Disabled("wrong location: fields are declared after all other declarations, so a field that comes first is "
            + "reported as the duplicate of a later function ('first declared at' points to the later line)")
    void duplicateReportedAtFirstDeclaration() {
        check("duplicate-reported-at-first-declaration.isa");
    }

    @Test
    @Disabled("wrong location: the column of a template diagnostic is computed on the unquoted text, so every "
            + "escape (\\\") before the '{' shifts it left by one")
    void templateColumnAfterEscapes() {
        check("template-escape-column.isa");
    }

    @Test
    @Disabled("wrong location: 'missing pc' (and missing header, encoding, instructions) is reported at the first "
            + "declaration, which may be in an included file, instead of in the top file")
    void missingPcReportedInIncludedFile() {
        check("missing-pc-reported-in-included-file.isa");
    }

    @Test
    @Disabled("bad message: with no pc (missing, or its name taken), messages print the pc name as 'null': "
            + "\"... declared 'branch' but never writes null\"")
    void missingPcMessageSaysNull() {
        check("missing-pc-message.isa");
    }

    @Test
    @Disabled("bad message: an included file that exists but is not UTF-8 is reported as 'included file not found' "
            + "(IsaLoader maps the MalformedInputException to null)")
    void nonUtf8IncludeIsNotReportedAsMissing(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("latin1.isa"), "// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path top = dir.resolve("top.isa");
        Files.copy(DiagnosticFiles.directory().resolve("base.isa"), dir.resolve("base.isa"));
        Files.writeString(top, "include \"base.isa\";\ninclude \"latin1.isa\";\n");
        try {
            IsaLoader.load(top); // reading it leniently would be a fix too
        } catch (IsaException e) {
            DiagnosticFiles.assertCleanMessages(e.diagnostics());
            assertTrue(e.diagnostics().stream().noneMatch(d -> d.message().contains("not found")), e.getMessage());
        }
    }

    // ---- wrong models ----------------------------------------------------------------------------------------------

    @Test
    @Disabled("wrong model and false diagnostics: ModelBuilder.encoding reads the operator with c.getChild(3), which "
            + "is the slice, not '==' / '!=' (child 4), so every '!=' length rule is treated as '==': this valid "
            + "description is rejected ('c.clr is 16 bits long but its fixed bits make it a 32-bit instruction')")
    void notEqualLengthRule() {
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve("bugs/length-rule-not-equal.isa"));
        assertTrue(model.lengths().getFirst().negated(), "the first length rule is '!='");
        assertEquals(16, model.lengthOf(0b00));
        assertEquals(32, model.lengthOf(0b11));
    }

    @Test
    @Disabled("wrong model: a CSR declared before the 'isa' header takes its default width from the default word "
            + "(64) instead of the declared word (32)")
    void csrBeforeHeaderGetsTheWordWidth() {
        IsaModel model = DiagnosticFiles.loadValid(DiagnosticFiles.directory().resolve("bugs/csr-before-header.isa"));
        Csr status = model.csrs().getFirst();
        assertEquals(32, model.wordWidth());
        assertEquals(32, status.width(), "width of " + status.name());
    }
}
