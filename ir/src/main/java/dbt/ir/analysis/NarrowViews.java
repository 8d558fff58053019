package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Truncations of a 64-bit value to 32 bits that every user reads through 32-bit operands only (32-bit arithmetic,
 * comparisons, sign extension, 4-byte stores, narrower truncations): a backend whose 32-bit operations read the
 * low half of a 64-bit register needs no instruction for them.
 */
public final class NarrowViews {
    private NarrowViews() {
    }

    public static Set<Inst> of(IrBlock block) {
        Set<Inst> views = new HashSet<>();
        for (Inst i : block.insts) {
            if (i.op == Op.TRUNC && i.type == Type.I32 && i.operand(0).type == Type.I64 && !i.operand(0).isConst()) {
                views.add(i);
            }
        }
        for (Inst i : block.insts) {
            for (int k = 0; k < i.operands.length; k++) {
                if (!readsLow32(i, k)) {
                    views.remove(i.operands[k]);
                }
            }
        }
        return views;
    }

    /** Whether user reads its operand k (of type i32) only through 32-bit register forms. */
    static boolean readsLow32(Inst user, int k) {
        return switch (user.op) {
            case ADD, SUB, AND, OR, XOR, MUL, NEG, NOT -> user.type == Type.I32;
            case SHL, SHR, SAR, ROTL, ROTR -> user.type == Type.I32 && k == 0;
            case EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U, SEXT, TRUNC -> true;
            case STORE -> k == 1 && user.aux == 4;
            case STORE_IF -> k == 2 && user.aux == 4;
            default -> false;
        };
    }
}
