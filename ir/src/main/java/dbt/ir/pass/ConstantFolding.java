package dbt.ir.pass;

import dbt.ir.Arithmetic;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant folding and propagation: an op whose operands are all constants becomes a constant (computed by
 * {@link Arithmetic}, the IR's own definition), a SELECT on a constant condition becomes the chosen value, and an or,
 * xor or add with a constant zero becomes its other operand. A commutative op's constant operand goes second.
 * One forward walk suffices: operands come before their uses, so folded constants propagate.
 * It does not touch ops with effects (loads, stores, register and state access) or terminators.
 */
public final class ConstantFolding implements Pass {
    @Override
    public String name() {
        return "fold";
    }

    @Override
    public void run(IrBlock block) {
        Map<Inst, Inst> replaced = new HashMap<>();
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                Inst r = replaced.get(i.operands[k]);
                if (r != null) {
                    i.operands[k] = r;
                }
            }
            if (i.op == Op.SELECT && i.operand(0).isConst()) {
                replaced.put(i, i.operand(0).aux != 0 ? i.operand(1) : i.operand(2));
                continue;
            }
            if (i.operands.length == 0 || !allConstant(i)) {
                constantSecond(i);
                Inst same = identity(i);
                if (same != null) {
                    replaced.put(i, same);
                }
                continue;
            }
            Inst[] o = i.operands;
            switch (i.op) {
                case NEG -> i.becomeConst(-o[0].aux);
                case NOT -> i.becomeConst(~o[0].aux);
                case ZEXT, TRUNC -> i.becomeConst(o[0].aux);
                case SEXT -> i.becomeConst(Arithmetic.signExtend(o[0].aux, o[0].type.bits));
                case ADD, SUB, MUL, MULH_SS, MULH_UU, MULH_SU, DIV_S, DIV_U, REM_S, REM_U, AND, OR, XOR, SHL, SHR, SAR,
                     ROTL, ROTR, EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U ->
                        i.becomeConst(Arithmetic.apply(i.op, o[0].aux, o[1].aux, o[0].type.bits));
                default -> { }
            }
        }
        block.replaceUses(replaced);
    }

    /** For or, xor or add with a zero: the other operand (a float's sign of zero put back, say); else null. */
    private static Inst identity(Inst i) {
        if (i.op != Op.OR && i.op != Op.XOR && i.op != Op.ADD) {
            return null;
        }
        Inst a = i.operand(0);
        Inst b = i.operand(1);
        return b.isConst() && b.aux == 0 ? a : a.isConst() && a.aux == 0 ? b : null;
    }

    /**
     * Puts the constant operand of a commutative op second ({@code 0x820 + x} is {@code x + 0x820}), where the passes
     * and the backend look for it: an address's displacement, a value a cold path can compute again, a bounded index.
     */
    private static void constantSecond(Inst i) {
        boolean commutative = switch (i.op) {
            case ADD, MUL, AND, OR, XOR, EQ, NE -> true;
            default -> false;
        };
        if (commutative && i.operand(0).isConst() && !i.operand(1).isConst()) {
            i.operands = new Inst[] {i.operand(1), i.operand(0)};
        }
    }

    private static boolean allConstant(Inst i) {
        for (Inst o : i.operands) {
            if (!o.isConst()) {
                return false;
            }
        }
        return true;
    }

}
