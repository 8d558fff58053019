package dbt.ir.pass;

import dbt.ir.IrBlock;

/** A transformation of one block's IR that keeps its behaviour (as {@link dbt.ir.IrInterpreter} defines it). */
public interface Pass {
    /** The name used on the command line to switch the pass off ({@code --no-NAME}). */
    String name();

    void run(IrBlock block);
}
