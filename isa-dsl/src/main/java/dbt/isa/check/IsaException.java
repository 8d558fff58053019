package dbt.isa.check;

import java.util.List;
import java.util.stream.Collectors;

/** An ISA description that cannot be used; carries every diagnostic found. No stack trace: it is the user's input. */
public final class IsaException extends Exception {
    private final List<Diagnostic> diagnostics;

    public IsaException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
