package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.fp.FloatFunction;

/**
 * NaN-select fusion: {@code select(is_nan(x), k, x)}, the way an ISA text writes "a NaN result is the canonical
 * NaN", becomes {@code select.nan x, k}, so a backend can test the float it just computed (one unordered compare
 * and a branch to a rarely taken fix-up) instead of classifying its bits and selecting. The is_nan is left for
 * dead-code elimination when nothing else uses it. It does not change what is computed.
 */
public final class NanSelectFusion implements Pass {
    @Override
    public String name() {
        return "nansel";
    }

    @Override
    public void run(IrBlock block) {
        for (Inst i : block.insts) {
            if (i.op != Op.SELECT) {
                continue;
            }
            Inst condition = i.operand(0);
            Inst x = i.operand(2);
            if (condition.op == Op.FLOAT1 && condition.aux == FloatFunction.IS_NAN.ordinal()
                    && condition.operand(0) == x && x.type == i.type) {
                i.op = Op.NAN_SELECT;
                i.operands = new Inst[] {x, i.operand(1)};
            }
        }
    }
}
