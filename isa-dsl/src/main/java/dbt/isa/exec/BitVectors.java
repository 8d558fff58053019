package dbt.isa.exec;

import dbt.isa.model.Expr.BinaryOp;
import dbt.isa.model.Field;
import java.math.BigInteger;

/**
 * The language's binary operators on bit vectors of a given width: inputs zero-extended, results truncated to the
 * width; signed operations sign-extend their inputs first; shift amounts are unsigned and an amount of at least
 * the width gives 0 (all sign bits for an arithmetic shift). Division by zero is not defined by the language (an
 * ISA states its own rule before dividing): {@link #apply} throws {@link ArithmeticException} for it. One
 * definition for the interpreter and for constant evaluation, so the two never disagree.
 */
public final class BitVectors {
    private BitVectors() {}

    public static long apply(BinaryOp op, long a, long b, int w) {
        return switch (op) {
            case ADD -> Field.truncate(a + b, w);
            case SUB -> Field.truncate(a - b, w);
            case MUL -> Field.truncate(a * b, w);
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> Long.compareUnsigned(b, w) >= 0 ? 0 : Field.truncate(a << b, w);
            case SHR -> Long.compareUnsigned(b, w) >= 0 ? 0 : a >>> b;
            case SAR -> Field.truncate(Field.signExtend(a, w) >> (Long.compareUnsigned(b, w) >= 0 ? w - 1 : b), w);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT_U -> Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case LE_U -> Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case GT_U -> Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case GE_U -> Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case LT_S -> Field.signExtend(a, w) < Field.signExtend(b, w) ? 1 : 0;
            case LE_S -> Field.signExtend(a, w) <= Field.signExtend(b, w) ? 1 : 0;
            case GT_S -> Field.signExtend(a, w) > Field.signExtend(b, w) ? 1 : 0;
            case GE_S -> Field.signExtend(a, w) >= Field.signExtend(b, w) ? 1 : 0;
            case MULH_SS, MULH_UU, MULH_SU -> multiplyHigh(op, a, b, w);
            case DIV_S, DIV_U, REM_S, REM_U -> divide(op, a, b, w);
            case LOGICAL_AND -> (a != 0 && b != 0) ? 1 : 0;
            case LOGICAL_OR -> (a != 0 || b != 0) ? 1 : 0;
        };
    }

    private static long multiplyHigh(BinaryOp op, long a, long b, int w) {
        boolean aSigned = op != BinaryOp.MULH_UU;
        boolean bSigned = op == BinaryOp.MULH_SS;
        if (w == 64) {
            return switch (op) {
                case MULH_SS -> Math.multiplyHigh(a, b);
                case MULH_UU -> Math.unsignedMultiplyHigh(a, b);
                default -> Math.multiplyHigh(a, b) + (b < 0 ? a : 0);
            };
        }
        BigInteger x = BigInteger.valueOf(aSigned ? Field.signExtend(a, w) : a);
        BigInteger y = BigInteger.valueOf(bSigned ? Field.signExtend(b, w) : b);
        return Field.truncate(x.multiply(y).shiftRight(w).longValue(), w);
    }

    private static long divide(BinaryOp op, long a, long b, int w) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        long sa = Field.signExtend(a, w);
        long sb = Field.signExtend(b, w);
        return switch (op) {
            case DIV_S -> Field.truncate(sa / sb, w);
            case REM_S -> Field.truncate(sa % sb, w);
            case DIV_U -> Long.divideUnsigned(a, b);
            default -> Long.remainderUnsigned(a, b);
        };
    }
}
