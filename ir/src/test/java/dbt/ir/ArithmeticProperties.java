package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.random.EdgeValues;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The IR's value semantics ({@link Arithmetic}, shared by the IR interpreter and constant folding, so no pass test
 * can check it) agree with a model written separately from {@link Op}'s definition in unbounded integers: every
 * two-operand op, at every width, on values at the edges of each width. Operands are zero-extended values of their
 * width; a shift or rotation amount is any value, read unsigned.
 */
class ArithmeticProperties {
    static final Op[] OPS = {Op.ADD, Op.SUB, Op.MUL, Op.MULH_SS, Op.MULH_UU, Op.MULH_SU, Op.DIV_S, Op.DIV_U, Op.REM_S,
            Op.REM_U, Op.AND, Op.OR, Op.XOR, Op.SHL, Op.SHR, Op.SAR, Op.ROTL, Op.ROTR, Op.EQ, Op.NE, Op.LT_S, Op.LT_U,
            Op.LE_S, Op.LE_U, Op.GT_S, Op.GT_U, Op.GE_S, Op.GE_U};

    @Provide
    Arbitrary<Op> ops() {
        return Arbitraries.of(OPS);
    }

    @Provide
    Arbitrary<Type> widths() {
        return Arbitraries.of(Type.values());
    }

    @Provide
    Arbitrary<Long> values() {
        return EdgeValues.values();
    }

    @Property(tries = 20_000)
    void arithmeticFollowsTheDefinition(@ForAll("ops") Op op, @ForAll("widths") Type t, @ForAll("values") long x,
                                        @ForAll("values") long y) {
        int w = t.bits;
        long a = x & t.mask();
        boolean shift = op == Op.SHL || op == Op.SHR || op == Op.SAR || op == Op.ROTL || op == Op.ROTR;
        long b = shift ? y : y & t.mask();
        assertEquals(model(op, a, b, w), Arithmetic.apply(op, a, b, w),
                () -> op + " at " + w + " bits of 0x" + Long.toHexString(a) + ", 0x" + Long.toHexString(b));
    }

    static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    static BigInteger signed(long v, int w) {
        BigInteger u = unsigned(v);
        return u.testBit(w - 1) ? u.subtract(BigInteger.ONE.shiftLeft(w)) : u;
    }

    /** The op by its definition in {@link Op}, on unbounded integers, wrapped to w bits. */
    static long model(Op op, long a, long b, int w) {
        BigInteger ua = unsigned(a);
        BigInteger ub = unsigned(b);
        BigInteger sa = signed(a, w);
        BigInteger sb = signed(b, w);
        BigInteger wBits = BigInteger.valueOf(w);
        BigInteger r = switch (op) {
            case ADD -> ua.add(ub);
            case SUB -> ua.subtract(ub);
            case MUL -> ua.multiply(ub);
            case MULH_SS -> sa.multiply(sb).shiftRight(w);
            case MULH_UU -> ua.multiply(ub).shiftRight(w);
            case MULH_SU -> sa.multiply(ub).shiftRight(w);
            case DIV_S -> sb.signum() == 0 ? BigInteger.ZERO : sa.divide(sb);
            case REM_S -> sb.signum() == 0 ? sa : sa.remainder(sb);
            case DIV_U -> ub.signum() == 0 ? BigInteger.ZERO : ua.divide(ub);
            case REM_U -> ub.signum() == 0 ? ua : ua.remainder(ub);
            case AND -> ua.and(ub);
            case OR -> ua.or(ub);
            case XOR -> ua.xor(ub);
            case SHL -> ub.compareTo(wBits) >= 0 ? BigInteger.ZERO : ua.shiftLeft(ub.intValue());
            case SHR -> ub.compareTo(wBits) >= 0 ? BigInteger.ZERO : ua.shiftRight(ub.intValue());
            case SAR -> sa.shiftRight(ub.compareTo(wBits) >= 0 ? w - 1 : ub.intValue());
            case ROTL -> rotatedLeft(ua, ub.mod(wBits).intValue(), w);
            case ROTR -> rotatedLeft(ua, (w - ub.mod(wBits).intValue()) % w, w);
            case EQ -> bool(ua.equals(ub));
            case NE -> bool(!ua.equals(ub));
            case LT_S -> bool(sa.compareTo(sb) < 0);
            case LE_S -> bool(sa.compareTo(sb) <= 0);
            case GT_S -> bool(sa.compareTo(sb) > 0);
            case GE_S -> bool(sa.compareTo(sb) >= 0);
            case LT_U -> bool(ua.compareTo(ub) < 0);
            case LE_U -> bool(ua.compareTo(ub) <= 0);
            case GT_U -> bool(ua.compareTo(ub) > 0);
            case GE_U -> bool(ua.compareTo(ub) >= 0);
            default -> throw new IllegalArgumentException(op.name());
        };
        // wrap to w bits (the signed overflow MIN / -1 gives MIN, remainder 0, by wrapping)
        return r.and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE)).longValue();
    }

    /** The w-bit value a with its top n bits moved to the bottom (unwrapped: the caller wraps). */
    static BigInteger rotatedLeft(BigInteger a, int n, int w) {
        return a.shiftLeft(n).or(a.shiftRight(w - n));
    }

    static BigInteger bool(boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
    }
}
