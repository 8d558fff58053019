package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sign extensions to 64 bits of a load just before them that nothing else uses (a guest's lw, lh, lb): a backend
 * makes the extension with the load itself (x86's movsx from memory), the load folded into it.
 */
public final class SignedLoads {
    private SignedLoads() {
    }

    /** Extension → the load it extends; loads in excluded are left alone. */
    public static Map<Inst, Inst> of(IrBlock block, Set<Inst> excluded) {
        Map<Inst, Integer> uses = block.useCounts();
        Map<Inst, Inst> signed = new HashMap<>();
        for (int k = 1; k < block.insts.size(); k++) {
            Inst x = block.insts.get(k);
            Inst l = block.insts.get(k - 1);
            if (x.op == Op.SEXT && x.type == Type.I64 && x.operand(0) == l && l.op == Op.LOAD
                    && uses.getOrDefault(l, 0) == 1 && uses.getOrDefault(x, 0) > 0 // (an unused one is not emitted)
                    && l.type.bits == 8 * l.aux && l.aux < 8 && !excluded.contains(l)) {
                signed.put(x, l);
            }
        }
        return signed;
    }
}
