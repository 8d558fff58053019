package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Targets of indirect jumps that are {@code and(x, c)} of a non-constant x with a 32-bit constant c, read by nothing
 * but the jump: RISC-V's {@code jalr} clears the target's low bit so, and the register the guest computed it in
 * holds x. A host applies the mask where the jump leaves, to x (one {@code and} on the register the lookup reads),
 * rather than computing it in a register of its own before the block's write-back, as a value that lives until then.
 */
public final class MaskedTargets {
    private MaskedTargets() {
    }

    public static Set<Inst> of(IrBlock block) {
        Map<Inst, List<Inst>> users = null;
        Set<Inst> out = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op != Op.EXIT_INDIRECT) {
                continue;
            }
            Inst t = i.operand(0);
            if (t.op != Op.AND || !t.operand(1).isConst() || t.operand(1).aux != (int) t.operand(1).aux
                    || t.operand(0).isConst()) {
                continue;
            }
            users = users != null ? users : IrBlock.users(block.insts);
            if (users.get(t).size() == 1) {
                out.add(t);
            }
        }
        return out;
    }
}
