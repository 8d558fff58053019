package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Additions of a 32-bit constant to a 64-bit value that only ever serve as the address of loads and stores: a
 * backend can fold them into its memory operands (base + displacement) instead of computing them.
 */
public final class FoldableAddresses {
    private FoldableAddresses() {
    }

    /** The foldable additions of the block (a fresh, mutable set). */
    public static Set<Inst> of(IrBlock block) {
        Set<Inst> candidates = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.ADD && i.type == Type.I64 && !i.operand(0).isConst() && i.operand(1).isConst()
                    && i.operand(1).aux == (int) i.operand(1).aux) {
                candidates.add(i);
            }
        }
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                if (!isAddress(i, k)) {
                    candidates.remove(i.operands[k]);
                }
            }
        }
        return candidates;
    }

    /** Whether operand k of i is the guest address it accesses. */
    public static boolean isAddress(Inst i, int k) {
        return switch (i.op) {
            case LOAD, STORE -> k == 0;
            case LOAD_IF, STORE_IF, STORE_CAS -> k == 1;
            default -> false;
        };
    }
}
