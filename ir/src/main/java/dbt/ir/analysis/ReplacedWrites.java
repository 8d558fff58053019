package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Register writes that a later write of the same register among the instructions replaces: their value reaches no
 * code after the block, only a cold path between the two writes (a fault must find it in the state), which a backend
 * can compute it for.
 */
public final class ReplacedWrites {
    private ReplacedWrites() {
    }

    public static Set<Inst> of(List<Inst> insts) {
        Set<Long> writtenLater = new HashSet<>();
        Set<Inst> replaced = new HashSet<>();
        for (int k = insts.size() - 1; k >= 0; k--) {
            Inst i = insts.get(k);
            if (i.op == Op.SET_REG && !writtenLater.add(i.registerKey())) {
                replaced.add(i);
            }
        }
        return replaced;
    }
}
