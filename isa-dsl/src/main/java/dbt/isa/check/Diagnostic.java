package dbt.isa.check;

import dbt.isa.model.SourceLocation;

/** One problem found in an ISA description, printed as {@code file:line:col: message}. */
public record Diagnostic(SourceLocation location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
