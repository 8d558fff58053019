package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Register writes stored to the guest state where they are made, instead of binding the register to the value until
 * the block's end. A bound value lives until its register is written again or the block ends, so that the cold paths
 * after it and the block's end can write it back: the register's last write is kept in a host register (or a spill
 * slot) only for the state's sake. Stored where it is made, it costs the one store the block's end would have made,
 * its value's life ends at its last real use, and the cold paths after it have nothing to store. (gcc's code loads and
 * computes many values well before their use: a cipher round's sixteen table indices, a hash round's message words.)
 *
 * <p>Not stored early: a pinned register's write (its state is its host register), one of a register a self-loop
 * carries in a home (the back edge moves its value there), one of a register some read of which is loaded from the
 * state where it is used (folded into its use, or straight into an xmm register: it would then see the new value),
 * and a value that is made only where it is written back (folded into its uses, exit-only forms, exit temporaries,
 * narrow and raw float carriers: nothing computes it on the hot path).
 */
final class EagerWrites {
    private EagerWrites() {
    }

    /**
     * The register writes of insts to store where they are made: each register's last write, but those above.
     * excludedRegister says which registers are pinned or carried; notComputed, which values the hot path lacks.
     */
    static Set<Inst> of(List<Inst> insts, Set<Inst> foldedIntoUses, Predicate<Long> excludedRegister,
                        Predicate<Inst> notComputed) {
        Map<Long, Inst> last = new HashMap<>();
        Set<Long> lazilyRead = new HashSet<>();
        for (Inst i : insts) {
            if (i.op == Op.SET_REG) {
                last.put(i.registerKey(), i);
            } else if (i.op == Op.GET_REG && foldedIntoUses.contains(i)) {
                lazilyRead.add(i.registerKey());
            }
        }
        Set<Inst> out = new HashSet<>();
        last.forEach((key, write) -> {
            Inst v = write.operand(0);
            if (!excludedRegister.test(key) && !lazilyRead.contains(key)
                    && (v.isConst() || !foldedIntoUses.contains(v) && !notComputed.test(v))) {
                out.add(write);
            }
        });
        return out;
    }
}
