package dbt.isa.asm;

import dbt.isa.check.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A source file that does not assemble: every mistake found, each a {@link Diagnostic} printed as
 * {@code file:line:col: message}. The message is those lines. No stack trace: it is the user's input.
 */
public final class AssemblyErrors extends Exception {
    private final List<Diagnostic> diagnostics;

    public AssemblyErrors(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
