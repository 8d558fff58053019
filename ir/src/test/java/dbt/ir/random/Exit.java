package dbt.ir.random;

/**
 * The recipe of a block's terminator: which exit (an index into {@link BlockBuilder.ExitKind}), a selector of its
 * operand, and its targets.
 */
public record Exit(int kind, int x, long taken, long notTaken) {}
