package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Comparisons (not fused with a branch) whose only use is the condition of one SELECT: a backend emits the
 * compare with the select (a compare and a conditional move), with no boolean in between.
 */
public final class SelectCompares {
    private SelectCompares() {
    }

    public static Set<Inst> of(IrBlock block) {
        Map<Inst, Integer> uses = block.useCounts();
        Set<Inst> out = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.SELECT && i.operand(0).op.isComparison() && !i.operand(0).fused
                    && uses.getOrDefault(i.operand(0), 0) == 1 && i.operand(1) != i.operand(0)
                    && i.operand(2) != i.operand(0)) {
                out.add(i.operand(0));
            }
        }
        return out;
    }
}
