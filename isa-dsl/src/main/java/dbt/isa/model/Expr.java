package dbt.isa.model;

import dbt.ir.fp.FloatFunction;

/**
 * A checked, typed semantic expression. Every value is a bit vector of {@link #width()} bits (1 to 64), held in the
 * low bits of a {@code long}; booleans are 1-bit values. Names are resolved: fields by index into
 * {@link IsaModel#fields()}, locals by slot, registers by file index. Expressions have no side effects except
 * {@link Load} and {@link CsrRead}, which read guest state, and a {@link FloatOp} that raises exception flags, which
 * ORs them into the ISA's {@code float flags} CSR (the checker keeps those out of branches of a choice, so that
 * evaluating an expression eagerly or lazily raises the same flags).
 */
public sealed interface Expr {
    int width();

    record Const(long value, int width) implements Expr {}

    /** The value of an instruction field, as declared (extended and scaled). */
    record FieldRef(int field, int width) implements Expr {}

    record Local(int slot, int width) implements Expr {}

    record RegRead(int file, Expr index, int width) implements Expr {}

    /** The address of the instruction being executed. */
    record PcRead(int width) implements Expr {}

    record Unary(UnaryOp op, Expr operand, int width) implements Expr {}

    record Binary(BinaryOp op, Expr left, Expr right, int width) implements Expr {}

    record Slice(Expr operand, int hi, int lo) implements Expr {
        public int width() {
            return hi - lo + 1;
        }
    }

    record Concat(Expr hi, Expr lo) implements Expr {
        public int width() {
            return hi.width() + lo.width();
        }
    }

    record Extend(boolean signed, Expr operand, int width) implements Expr {}

    record Select(Expr condition, Expr ifTrue, Expr ifFalse, int width) implements Expr {}

    /** Binds a local for the evaluation of body (function parameters). */
    record Bind(int slot, Expr value, Expr body) implements Expr {
        public int width() {
            return body.width();
        }
    }

    record Load(Expr address, int bytes) implements Expr {
        public int width() {
            return bytes * 8;
        }
    }

    record CsrRead(Expr number, int width) implements Expr {}

    /** True if a load reservation is held on address (LR/SC). */
    record Reserved(Expr address) implements Expr {
        public int width() {
            return 1;
        }
    }

    /**
     * A floating-point built-in ({@link FloatFunction}). {@code format} is 32 or 64: the float operands' width, or
     * for a conversion from an integer the result's format. {@code rounding} is the rounding mode, or null for a
     * function that does not round.
     */
    record FloatOp(FloatFunction function, int format, java.util.List<Expr> operands, Expr rounding, int width)
            implements Expr {
        public FloatOp {
            operands = java.util.List.copyOf(operands);
        }
    }

    enum UnaryOp { NEG, NOT }

    enum BinaryOp {
        ADD, SUB, MUL, MULH_SS, MULH_UU, MULH_SU, DIV_S, DIV_U, REM_S, REM_U,
        AND, OR, XOR, SHL, SHR, SAR,
        EQ, NE, LT_S, LT_U, LE_S, LE_U, GT_S, GT_U, GE_S, GE_U,
        LOGICAL_AND, LOGICAL_OR;

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE_U.ordinal();
        }

        public boolean isShift() {
            return this == SHL || this == SHR || this == SAR;
        }
    }
}
