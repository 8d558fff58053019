package dbt.isa.interp;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dbt.isa.model.Expr.BinaryOp;
import dbt.isa.model.Field;
import dbt.isa.exec.BitVectors;

/**
 * Unary and binary operators on bit vectors of a given width, as {@link BitVectors} defines them. Division by zero
 * is not defined by the language (an ISA states its own rule, RISC-V's table 13.1, before dividing): here it is
 * an error in the description.
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
        try {
            return BitVectors.apply(op, a, b, w);
        } catch (ArithmeticException divisionByZero) {
            CompilerDirectives.transferToInterpreter();
            throw new SemanticsError("the semantics of '" + instruction + "' divide by zero: the description must "
                    + "state what the guest does for a zero divisor");
        }
    }
}
