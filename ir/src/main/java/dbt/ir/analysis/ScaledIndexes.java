package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Left shifts of a 64-bit value by 1 to maxShift whose one use is a 64-bit addition of another value (not a
 * constant, which would rather be a displacement folded into a memory operand): an array index scaled to its
 * elements' size and added to the array's address (RV64 without Zba: {@code slli; add}). A backend with scaled index
 * addressing computes the sum in one instruction (x86's {@code lea t, [base + index * 4]}) and the shift nowhere.
 */
public final class ScaledIndexes {
    private ScaledIndexes() {
    }

    /** The shifts of the block that can be folded into their addition (a fresh, mutable set). */
    public static Set<Inst> of(IrBlock block, int maxShift) {
        Map<Inst, Integer> uses = block.useCounts();
        Set<Inst> out = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.ADD && i.type == Type.I64 && !i.operand(0).isConst() && !i.operand(1).isConst()) {
                for (Inst o : i.operands) {
                    if (o.op == Op.SHL && o.type == Type.I64 && !o.operand(0).isConst() && o.operand(1).isConst()
                            && o.operand(1).aux >= 1 && o.operand(1).aux <= maxShift && uses.get(o) == 1) {
                        out.add(o);
                        break; // (one index per addition)
                    }
                }
            }
        }
        return out;
    }
}
