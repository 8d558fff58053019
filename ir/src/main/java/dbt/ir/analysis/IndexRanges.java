package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;

/**
 * The unsigned range a value's bits are known to lie in, from how it was computed: table indices such as
 * {@code (x >> 8 & 255) << 2} lie in [0, 1020] whatever x is. Used to check a table lookup {@code base + index} as an
 * access off base with a displacement in that range ({@link SharedBaseChecks}). Every value of type T lies in
 * [0, T's mask] (the IR keeps values zero-extended); beyond that: constants, AND with a constant, unsigned shifts
 * right, shifts left, additions that cannot overflow, and 64-bit additions of a negative constant that cannot go
 * below zero (a table whose base register points past its start: {@code lw a5, -1840(a6)}). Anything else is
 * unbounded (null).
 */
public final class IndexRanges {
    private IndexRanges() {}

    /** Depth of the expression looked into: table indices are a few ops deep. */
    private static final int DEPTH = 6;

    /**
     * {lowest, highest} (signed) of an array index as RV64 code computes one from a C {@code int}: a sign-extended
     * 32-bit value, scaled by an element size of at most 8 ({@code sext(i) << k}, k <= 3), so at most 2^34 either
     * way; or null for any other value.
     */
    public static long[] signedWord(Inst v) {
        int scale = 0;
        if (v.op == Op.SHL && v.type == Type.I64 && v.operand(1).isConst() && v.operand(1).aux >= 0
                && v.operand(1).aux <= 3) {
            scale = (int) v.operand(1).aux;
            v = v.operand(0);
        }
        if (v.op != Op.SEXT || v.type != Type.I64 || v.operand(0).type != Type.I32) {
            return null;
        }
        return new long[] {(long) Integer.MIN_VALUE << scale, (long) Integer.MAX_VALUE << scale};
    }

    /** {lowest, highest} (unsigned, both below 2^63), or null when nothing better than any 64-bit value is known. */
    public static long[] of(Inst v) {
        return of(v, DEPTH);
    }

    private static long[] of(Inst v, int depth) {
        if (v.isConst()) {
            return v.aux >= 0 ? new long[] {v.aux, v.aux} : null;
        }
        long[] byType = v.type == Type.I64 ? null : new long[] {0, v.type.mask()};
        if (depth == 0) {
            return byType;
        }
        long[] computed = switch (v.op) {
            case AND -> {
                long[] x = of(v.operand(0), depth - 1);
                long[] y = of(v.operand(1), depth - 1);
                yield x == null ? (y == null ? null : new long[] {0, y[1]})
                        : new long[] {0, y == null ? x[1] : Math.min(x[1], y[1])};
            }
            case ZEXT -> of(v.operand(0), depth - 1);
            case SHR -> {
                long[] x = of(v.operand(0), depth - 1);
                Inst s = v.operand(1);
                yield x == null || !s.isConst() || s.aux < 0 || s.aux >= 64 ? null
                        : new long[] {x[0] >>> s.aux, x[1] >>> s.aux};
            }
            case SHL -> {
                long[] x = of(v.operand(0), depth - 1);
                Inst s = v.operand(1);
                yield x == null || !s.isConst() || s.aux < 0 || s.aux >= 63
                        || Long.numberOfLeadingZeros(x[1]) <= s.aux ? null
                        : new long[] {x[0] << s.aux, x[1] << s.aux};
            }
            case ADD -> {
                long[] x = of(v.operand(0), depth - 1);
                long[] y = of(v.operand(1), depth - 1);
                if (v.type == Type.I64 && (x == null) != (y == null)) { // a negative displacement off a known range
                    Inst c = v.operand(x == null ? 0 : 1);
                    long[] r = x == null ? y : x;
                    yield c.isConst() && c.aux < 0 && r[0] + c.aux >= 0 ? new long[] {r[0] + c.aux, r[1] + c.aux}
                            : null;
                }
                yield x == null || y == null || x[1] + y[1] < 0 ? null : new long[] {x[0] + y[0], x[1] + y[1]};
            }
            default -> null;
        };
        // (a shift or addition of a narrow type that could pass its width wraps around: then only the type's range)
        return computed == null || Long.compareUnsigned(computed[1], v.type.mask()) > 0 ? byType : computed;
    }
}
