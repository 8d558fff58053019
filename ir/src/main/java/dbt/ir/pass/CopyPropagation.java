package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.HashMap;
import java.util.Map;

/**
 * Copy propagation: an op that merely reproduces one of its operands is replaced by that operand everywhere.
 * Each rule is labelled with the pattern it removes. It does not create values or fold constants (that is
 * {@link ConstantFolding}); the dead op it leaves behind is removed by {@link DeadCodeElimination}.
 */
public final class CopyPropagation implements Pass {
    @Override
    public String name() {
        return "copyprop";
    }

    @Override
    public void run(IrBlock block) {
        Map<Inst, Inst> copies = new HashMap<>();
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                Inst c = copies.get(i.operands[k]);
                if (c != null) {
                    i.operands[k] = c;
                }
            }
            Inst same = copyOf(i);
            if (same != null) {
                copies.put(i, same);
            }
        }
        block.replaceUses(copies);
    }

    private static Inst copyOf(Inst i) {
        Inst[] o = i.operands;
        return switch (i.op) {
            // x + 0, x - 0, x | 0, x ^ 0, x << 0, x >> 0
            case ADD, OR, XOR -> isConst(o[1], 0) ? o[0] : isConst(o[0], 0) ? o[1] : null;
            case SUB, SHL, SHR, SAR, ROTL, ROTR -> isConst(o[1], 0) ? o[0] : null;
            // x * 1
            case MUL -> isConst(o[1], 1) ? o[0] : isConst(o[0], 1) ? o[1] : null;
            // x & ~0, x & x, x | x
            case AND -> isConst(o[1], -1) ? o[0] : isConst(o[0], -1) ? o[1] : o[0] == o[1] ? o[0] : null;
            // select(c, x, x)
            case SELECT -> o[1] == o[2] ? o[1] : null;
            // trunc(zext(x)) or trunc(sext(x)) back to x's type
            case TRUNC -> (o[0].op == Op.ZEXT || o[0].op == Op.SEXT) && o[0].operand(0).type == i.type ? o[0].operand(0) : null;
            default -> null;
        };
    }

    private static boolean isConst(Inst v, long value) {
        return v.isConst() && v.aux == (value & v.type.mask());
    }
}
