package dbt.ir.random;

/**
 * One recipe for {@link BlockBuilder}: which kind of instruction (an index into {@link BlockBuilder.Kind}), which
 * type (an index into {@link dbt.ir.Type}), three selectors (of operands among earlier values, of an op within the
 * kind, of a register) and a constant. Every combination builds valid IR, so shrinking may change any field.
 */
public record Step(int kind, int type, int x, int y, int z, int w, long constant) {}
