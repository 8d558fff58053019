package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes ops whose value nobody uses and that have no effect (loads count as effects: they may fault).
 * Walks backwards so that chains of dead values go in one pass.
 */
public final class DeadCodeElimination implements Pass {
    @Override
    public String name() {
        return "dce";
    }

    @Override
    public void run(IrBlock block) {
        Map<Inst, Integer> uses = block.useCounts();
        List<Inst> kept = new ArrayList<>(block.insts.size());
        for (int k = block.insts.size() - 1; k >= 0; k--) {
            Inst i = block.insts.get(k);
            if (!i.hasSideEffect() && uses.getOrDefault(i, 0) == 0) {
                for (Inst o : i.operands) {
                    uses.merge(o, -1, Integer::sum);
                }
            } else {
                kept.add(i);
            }
        }
        if (kept.size() < block.insts.size()) { // (one copy: removing from the list one by one is quadratic)
            block.insts.clear();
            block.insts.addAll(kept.reversed());
        }
    }
}
