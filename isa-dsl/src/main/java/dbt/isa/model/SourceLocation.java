package dbt.isa.model;


/** A place in an ISA description, for diagnostics: {@code file:line:col}. Columns count from 1. */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
