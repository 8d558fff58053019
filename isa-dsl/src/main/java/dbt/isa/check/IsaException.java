package dbt.isa.check;

import java.util.List;
import java.util.stream.Collectors;

/** An ISA description that cannot be used; carries every diagnostic found. No stack trace: it is the user's input. */
public final class IsaException extends Exception {
    private final List<Diagnostic> diagnostics;

    public IsaException(List<Diagnostic> diagnostics) {
        this(diagnostics, null);
    }

    /** With the checker failure behind the diagnostics, if any (kept for whoever debugs the checker). */
    IsaException(List<Diagnostic> diagnostics, Throwable cause) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")), cause, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
