package dbt.isa.interp;

/** The semantics of an ISA description did something the language leaves undefined (a bug in the description). */
public final class SemanticsError extends RuntimeException {
    public SemanticsError(String message) {
        super(message, null, false, false);
    }
}
