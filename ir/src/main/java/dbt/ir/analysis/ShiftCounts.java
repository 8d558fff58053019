package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shift counts a host masks by itself (as x86 does): {@code and(n, 63)} used only as the count of 64-bit shifts,
 * or {@code and(n, 31)} of 32-bit logical ones, and truncations of n whose only users are such masks (the count
 * register's low bits are all the shift reads). Each folds into the shifts: the innermost operand is the count.
 * (A 32-bit arithmetic shift is done in 64 bits after sign extension, so its count is not among them.)
 */
public final class ShiftCounts {
    private ShiftCounts() {
    }

    public static Set<Inst> of(IrBlock block) {
        Map<Inst, List<Inst>> users = IrBlock.users(block.insts);
        Set<Inst> counts = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op != Op.AND || !i.operand(1).isConst() || i.operand(0).isConst() || !users.containsKey(i)) {
                continue;
            }
            boolean all = true;
            for (Inst u : users.get(i)) {
                boolean shift = (u.op == Op.SHL || u.op == Op.SHR || u.op == Op.SAR && u.type == Type.I64)
                        && u.operand(1) == i && u.operand(0) != i;
                long mask = u.type == Type.I64 ? 63 : u.type == Type.I32 ? 31 : -1;
                all &= shift && i.operand(1).aux == mask;
            }
            if (all) {
                counts.add(i);
                Inst n = i.operand(0);
                if (n.op == Op.TRUNC && n.type.bits >= 8 && !n.operand(0).isConst() && users.get(n).size() == 1) {
                    counts.add(n);
                }
            }
        }
        return counts;
    }
}
