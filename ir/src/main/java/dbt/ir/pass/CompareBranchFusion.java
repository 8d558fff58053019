package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.Map;

/**
 * Compare-and-branch fusion (seed 000's "inline compare"): the comparison that decides the block's conditional
 * exit, used by nothing else, is moved to just before the exit and marked {@link Inst#fused}, so the backend emits
 * one compare and one conditional jump on the compared registers. Without it the backend materialises the
 * boolean in a register and tests it. It does not change what is computed.
 */
public final class CompareBranchFusion implements Pass {
    @Override
    public String name() {
        return "fuse";
    }

    @Override
    public void run(IrBlock block) {
        Inst exit = block.terminator();
        if (exit == null || exit.op != Op.EXIT_BRANCH) {
            return;
        }
        Inst cmp = exit.operand(0);
        Map<Inst, Integer> uses = block.useCounts();
        if (!cmp.op.isComparison() || uses.getOrDefault(cmp, 0) != 1) {
            return;
        }
        block.insts.remove(cmp);
        block.insts.add(block.insts.size() - 1, cmp);
        cmp.fused = true;
    }
}
