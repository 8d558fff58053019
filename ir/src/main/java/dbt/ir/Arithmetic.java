package dbt.ir;

/**
 * The value semantics of the IR's pure two-operand ops on zero-extended values of a given operand width, shared
 * by the IR interpreter and constant folding (so the two can never disagree). See {@link Op} for the rules.
 */
public final class Arithmetic {
    private Arithmetic() {}

    public static long signExtend(long v, int bits) {
        return bits >= 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    /** a (w bits, zero-extended) rotated left by n, 0 <= n < w. */
    private static long rotateLeft(long a, int n, int w) {
        if (w == 64) {
            return Long.rotateLeft(a, n);
        }
        long mask = (1L << w) - 1;
        return n == 0 ? a : ((a << n) | (a >>> (w - n))) & mask;
    }

    public static long apply(Op op, long a, long b, int w) {
        long mask = w >= 64 ? -1L : (1L << w) - 1;
        long sa = signExtend(a, w);
        long sb = signExtend(b, w);
        boolean big = Long.compareUnsigned(b, w) >= 0;
        return switch (op) {
            case ADD -> (a + b) & mask;
            case SUB -> (a - b) & mask;
            case MUL -> (a * b) & mask;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> big ? 0 : (a << b) & mask;
            case SHR -> big ? 0 : a >>> b;
            case SAR -> (sa >> (big ? w - 1 : b)) & mask;
            case ROTL -> rotateLeft(a, (int) (b & (w - 1)), w);
            case ROTR -> rotateLeft(a, (int) (-b & (w - 1)), w);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT_S -> sa < sb ? 1 : 0;
            case LE_S -> sa <= sb ? 1 : 0;
            case GT_S -> sa > sb ? 1 : 0;
            case GE_S -> sa >= sb ? 1 : 0;
            case LT_U -> Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case LE_U -> Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case GT_U -> Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case GE_U -> Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case MULH_SS -> w == 64 ? Math.multiplyHigh(a, b) : ((sa * sb) >> w) & mask;
            case MULH_UU -> w == 64 ? Math.unsignedMultiplyHigh(a, b) : ((a * b) >>> w) & mask;
            case MULH_SU -> w == 64 ? Math.multiplyHigh(a, b) + (b < 0 ? a : 0) : ((sa * b) >> w) & mask;
            case DIV_S -> b == 0 ? 0 : (sa / sb) & mask;
            case REM_S -> b == 0 ? a : (sa % sb) & mask;
            case DIV_U -> b == 0 ? 0 : Long.divideUnsigned(a, b);
            case REM_U -> b == 0 ? a : Long.remainderUnsigned(a, b);
            default -> throw new IllegalArgumentException(op + " is not a two-operand value op");
        };
    }
}
