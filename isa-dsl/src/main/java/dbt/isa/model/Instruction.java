package dbt.isa.model;

import java.util.List;

/**
 * One instruction of an ISA, with everything known about it: encoding ({@code (word & mask) == match} and the
 * guard, over instruction words of {@code length} bits), the fields it uses, its assembly template, its control
 * flow kinds and its semantics. {@code priority} orders the candidates of an overlapping group: higher wins.
 */
public record Instruction(int index, String name, int length, long mask, long match, Expr guard, int[] fields,
                          Template template, List<FlowCase> flow, List<Stmt> semantics, int locals, int priority,
                          SourceLocation location) {

    /** A control-flow kind that applies when its guard (over fields; null for always) holds. */
    public record FlowCase(FlowKind kind, Expr guard) {}

    public boolean matches(long word) {
        return (word & mask) == match;
    }
}
