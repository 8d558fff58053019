package dbt.ir.random;

import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import java.util.List;

/**
 * A random IR case: the recipe of a block and the state it starts from. Each call of {@link #block()} builds a new,
 * equal block (passes rewrite blocks in place). Printed as the block's IR, so a shrunk counterexample reads as IR.
 */
public record IrCase(List<Step> steps, Exit exit, InitialState state) {
    public IrBlock block() {
        return BlockBuilder.build(steps, exit);
    }

    @Override
    public String toString() {
        return "\n" + IrPrinter.print(block()) + state + "\n";
    }
}
