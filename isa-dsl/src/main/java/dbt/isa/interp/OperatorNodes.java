package dbt.isa.interp;

import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.model.Expr.BinaryOp;
import dbt.isa.model.Field;
import java.math.BigInteger;

/**
 * Unary and binary operators on bit vectors of a given width. Inputs are zero-extended; results are truncated
 * to the width. Signed operations sign-extend their inputs from the width first. Shift amounts are unsigned; an
 * amount of at least the width gives 0 (or all sign bits for an arithmetic shift). Division by zero is not
 * defined by the language: an ISA states its own rule (RISC-V: table 13.1) before dividing.
 */
final class OperatorNodes {
    private OperatorNodes() {}

    static final class Negate extends ExprNode {
        private final int width;
        @Child private ExprNode operand;

        Negate(ExprNode operand, int width) {
            this.operand = operand;
            this.width = width;
        }

        @Override
        long execute(VirtualFrame frame) {
            return Field.truncate(-operand.execute(frame), width);
        }
    }

    static final class Not extends ExprNode {
        private final int width;
        @Child private ExprNode operand;

        Not(ExprNode operand, int width) {
            this.operand = operand;
            this.width = width;
        }

        @Override
        long execute(VirtualFrame frame) {
            return Field.truncate(~operand.execute(frame), width);
        }
    }

    /** && and ||: the right operand is evaluated only when needed. */
    static final class ShortCircuit extends ExprNode {
        private final boolean isAnd;
        @Child private ExprNode left;
        @Child private ExprNode right;

        ShortCircuit(boolean isAnd, ExprNode left, ExprNode right) {
            this.isAnd = isAnd;
            this.left = left;
            this.right = right;
        }

        @Override
        long execute(VirtualFrame frame) {
            boolean l = left.execute(frame) != 0;
            if (isAnd ? !l : l) {
                return l ? 1 : 0;
            }
            return right.execute(frame) != 0 ? 1 : 0;
        }
    }

    static final class Binary extends ExprNode {
        private final BinaryOp op;
        /** The operands' width (for comparisons, not the 1-bit result's). */
        private final int width;
        private final String instruction;
        @Child private ExprNode left;
        @Child private ExprNode right;

        Binary(BinaryOp op, ExprNode left, ExprNode right, int width, String instruction) {
            this.op = op;
            this.left = left;
            this.right = right;
            this.width = width;
            this.instruction = instruction;
        }

        @Override
        long execute(VirtualFrame frame) {
            long a = left.execute(frame);
            long b = right.execute(frame);
            return apply(op, a, b, width, instruction);
        }
    }

    static long apply(BinaryOp op, long a, long b, int w, String instruction) {
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
            case DIV_S, DIV_U, REM_S, REM_U -> divide(op, a, b, w, instruction);
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

    private static long divide(BinaryOp op, long a, long b, int w, String instruction) {
        if (b == 0) {
            throw new SemanticsError("the semantics of '" + instruction + "' divide by zero: the description must "
                    + "state what the guest does for a zero divisor");
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
