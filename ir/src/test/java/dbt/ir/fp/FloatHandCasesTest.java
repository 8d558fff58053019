package dbt.ir.fp;

import static dbt.ir.fp.FloatArithmetic.add;
import static dbt.ir.fp.FloatArithmetic.div;
import static dbt.ir.fp.FloatArithmetic.fma;
import static dbt.ir.fp.FloatArithmetic.mul;
import static dbt.ir.fp.FloatArithmetic.sqrt;
import static dbt.ir.fp.FloatArithmetic.sub;
import static dbt.ir.fp.FloatConversions.convert;
import static dbt.ir.fp.FloatConversions.fromInt;
import static dbt.ir.fp.FloatConversions.toInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The tricky spots of the semantics, one case a line, each with the reason it is tricky. */
class FloatHandCasesTest {
    private static final FloatFormat S = FloatFormat.BINARY32;
    private static final FloatFormat D = FloatFormat.BINARY64;
    private static final RoundingMode RNE = RoundingMode.NEAREST_EVEN;
    private static final RoundingMode RTZ = RoundingMode.TOWARD_ZERO;
    private static final RoundingMode RDN = RoundingMode.DOWN;
    private static final RoundingMode RUP = RoundingMode.UP;
    private static final RoundingMode RMM = RoundingMode.NEAREST_MAX_MAGNITUDE;
    private static final int NV = FloatFlags.INVALID;
    private static final int DZ = FloatFlags.DIVIDE_BY_ZERO;
    private static final int OF = FloatFlags.OVERFLOW;
    private static final int UF = FloatFlags.UNDERFLOW;
    private static final int NX = FloatFlags.INEXACT;

    // binary32 constants
    private static final long ONE_S = 0x3f80_0000L;
    private static final long INF_S = 0x7f80_0000L;
    private static final long NINF_S = 0xff80_0000L;
    private static final long MAX_S = 0x7f7f_ffffL;
    private static final long NMAX_S = 0xff7f_ffffL;
    private static final long TWO_S = 0x4000_0000L;
    private static final long HALF_S = 0x3f00_0000L;
    private static final long QNAN_S = 0x7fc0_0000L;
    private static final long SNAN_S = 0x7f80_0001L;
    // binary64 constants
    private static final long ONE = 0x3ff0_0000_0000_0000L;
    private static final long NONE = 0xbff0_0000_0000_0000L;
    private static final long TWO = 0x4000_0000_0000_0000L;
    private static final long INF = 0x7ff0_0000_0000_0000L;
    private static final long NINF = 0xfff0_0000_0000_0000L;
    private static final long QNAN = 0x7ff8_0000_0000_0000L;
    private static final long NZERO = 0x8000_0000_0000_0000L;
    private static final long MIN_NORMAL = 0x0010_0000_0000_0000L;
    private static final long MIN_SUB = 1;

    private static void is(long expected, int expectedFlags, ToLongFunction<FloatFlags> op) {
        FloatFlags flags = new FloatFlags();
        long r = op.applyAsLong(flags);
        assertEquals(String.format("0x%x %s", expected, FloatFlags.describe(expectedFlags)),
                String.format("0x%x %s", r, FloatFlags.describe(flags.bits)));
    }

    private static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static long f(float x) {
        return Float.floatToRawIntBits(x) & 0xFFFF_FFFFL;
    }

    @Test
    void signedZeros() {
        is(0, 0, fl -> add(D, ONE, NONE, RNE, fl)); // x + (-x) is +0 ...
        is(NZERO, 0, fl -> add(D, ONE, NONE, RDN, fl)); // ... except -0 when rounding down
        is(NZERO, 0, fl -> sub(D, ONE, ONE, RDN, fl)); // x - x likewise
        is(NZERO, 0, fl -> add(D, NZERO, NZERO, RNE, fl)); // (-0) + (-0) keeps the sign
        is(0, 0, fl -> add(D, 0, NZERO, RUP, fl)); // (+0) + (-0) is +0 outside DOWN
        is(NZERO, 0, fl -> add(D, 0, NZERO, RDN, fl)); // and -0 in DOWN
        is(NZERO, 0, fl -> sub(D, NZERO, 0, RNE, fl)); // -0 - +0 = -0 + -0 = -0
        is(0x8000_0000L, 0, fl -> mul(S, 0x8000_0000L, ONE_S, RNE, fl)); // -0 * 1 = -0
        is(NZERO, 0, fl -> fma(D, NZERO, ONE, NZERO, RNE, fl)); // -0*1 + -0 = -0 (same signs)
        is(0, 0, fl -> fma(D, NZERO, ONE, 0, RNE, fl)); // -0*1 + +0 = +0
        is(NZERO, 0, fl -> fma(D, ONE, ONE, NONE, RDN, fl)); // exact cancellation in fma: -0 in DOWN
        is(NZERO, 0, fl -> sqrt(D, NZERO, RNE, fl)); // sqrt(-0) = -0, no flags
        is(0x8000_0000L, UF | NX, fl -> mul(S, 0x8000_0001L, HALF_S, RNE, fl)); // underflow to zero keeps the sign
    }

    @Test
    void invalidOperationsAndNaNs() {
        is(QNAN_S, NV, fl -> add(S, INF_S, NINF_S, RNE, fl)); // inf - inf: default NaN
        is(QNAN_S, NV, fl -> sub(S, INF_S, INF_S, RNE, fl)); // same through sub
        is(INF_S, 0, fl -> sub(S, INF_S, NINF_S, RNE, fl)); // inf - (-inf) = inf, valid
        is(QNAN, NV, fl -> mul(D, 0, NINF, RNE, fl)); // 0 * inf
        is(QNAN, NV, fl -> div(D, 0, NZERO, RNE, fl)); // 0 / 0
        is(QNAN, NV, fl -> div(D, INF, NINF, RNE, fl)); // inf / inf
        is(QNAN, NV, fl -> sqrt(D, NONE, RNE, fl)); // sqrt(negative)
        is(QNAN, NV, fl -> sqrt(D, NINF, RNE, fl)); // sqrt(-inf)
        is(0x7fc0_0001L, NV, fl -> add(S, SNAN_S, ONE_S, RNE, fl)); // sNaN operand: quieted, payload kept, NV
        is(0x7fc0_0005L, NV, fl -> add(S, 0x7fc0_0005L, SNAN_S, RNE, fl)); // first NaN wins, sNaN anywhere raises NV
        is(0xffc0_0007L, 0, fl -> mul(S, ONE_S, 0xffc0_0007L, RNE, fl)); // a quiet NaN passes silently, sign kept
        is(0xffc0_0007L, 0, fl -> sub(S, ONE_S, 0xffc0_0007L, RNE, fl)); // sub does not negate a NaN operand
        is(0x7ff8_0000_0000_0001L, NV, fl -> sqrt(D, 0x7ff0_0000_0000_0001L, RNE, fl)); // sqrt(sNaN)
        is(QNAN, 0, fl -> div(D, QNAN, 0, RNE, fl)); // NaN / 0: no DZ
        is(0x7fc0_0003L, NV, fl -> fma(S, INF_S, 0, 0x7fc0_0003L, RNE, fl)); // inf*0 + qNaN still invalid (RISC-V)
        is(0x7fc0_0003L, NV, fl -> fma(S, 0, NINF_S, 0x7f80_0003L, RNE, fl)); // 0*inf + sNaN: c quieted
        is(QNAN_S, NV, fl -> fma(S, 0, INF_S, ONE_S, RNE, fl)); // 0*inf + 1: default NaN
        is(QNAN, NV, fl -> fma(D, INF, ONE, NINF, RNE, fl)); // inf*1 - inf
        is(0x7fc0_0002L, NV, fl -> fma(S, 0x7fc0_0002L, ONE_S, SNAN_S, RNE, fl)); // NaN in a, sNaN in c: NV, a wins
        is(0x7fc0_0001L, NV, fl -> fma(S, ONE_S, ONE_S, SNAN_S, RNE, fl)); // sNaN addend quieted
        is(NINF, 0, fl -> fma(D, ONE, ONE, NINF, RNE, fl)); // finite product + -inf
    }

    @Test
    void divideByZero() {
        is(INF, DZ, fl -> div(D, ONE, 0, RNE, fl)); // finite / +0
        is(NINF, DZ, fl -> div(D, ONE, NZERO, RTZ, fl)); // finite / -0: the sign of the zero counts, mode does not
        is(NINF_S, DZ, fl -> div(S, 0x8000_0001L, 0, RNE, fl)); // subnormal / 0
        is(INF, 0, fl -> div(D, INF, 0, RNE, fl)); // inf / 0 is exact inf, no DZ
        is(0, 0, fl -> div(D, ONE, INF, RNE, fl)); // 1 / inf = +0
    }

    @Test
    void overflow() {
        is(INF_S, OF | NX, fl -> mul(S, MAX_S, TWO_S, RNE, fl)); // nearest: inf
        is(INF_S, OF | NX, fl -> mul(S, MAX_S, TWO_S, RMM, fl)); // ties away: inf
        is(MAX_S, OF | NX, fl -> mul(S, MAX_S, TWO_S, RTZ, fl)); // toward zero: largest finite
        is(MAX_S, OF | NX, fl -> mul(S, MAX_S, TWO_S, RDN, fl)); // down, positive: largest finite
        is(NINF_S, OF | NX, fl -> mul(S, NMAX_S, TWO_S, RDN, fl)); // down, negative: -inf
        is(NMAX_S, OF | NX, fl -> mul(S, NMAX_S, TWO_S, RUP, fl)); // up, negative: -largest
        is(INF_S, OF | NX, fl -> add(S, MAX_S, 0x7300_0000L, RNE, fl)); // max + half ulp (2^103): tie to even is 2^128
        is(MAX_S, NX, fl -> add(S, MAX_S, 0x7300_0000L, RTZ, fl)); // same sum toward zero rounds to max: no overflow
        is(MAX_S, NX, fl -> add(S, MAX_S, 0x7280_0000L, RNE, fl)); // max + quarter ulp: no overflow
        is(MAX_S, OF | NX, fl -> add(S, MAX_S, 0x7380_0000L, RTZ, fl)); // max + ulp is exactly 2^128: overflows in any mode
        is(0x7f7f_ffffL, OF | NX, fl -> convert(D, S, d(1e300), RTZ, fl)); // narrowing overflow
    }

    @Test
    void underflowAndSubnormals() {
        is(0x0040_0000L, 0, fl -> mul(S, 0x0080_0000L, HALF_S, RNE, fl)); // exact subnormal result: no UF
        is(0, UF | NX, fl -> mul(S, 1, HALF_S, RNE, fl)); // min subnormal / 2: tie to even 0
        is(1, UF | NX, fl -> mul(S, 1, HALF_S, RMM, fl)); // ties away: min subnormal
        is(1, UF | NX, fl -> mul(S, 1, HALF_S, RUP, fl)); // up: min subnormal
        is(2, UF | NX, fl -> div(D, 3, TWO, RNE, fl)); // 1.5 min subnormals: tie to even 2
        is(MIN_NORMAL, UF | NX, fl -> mul(D, 0x3fef_ffff_ffff_ffffL, MIN_NORMAL, RNE, fl)); // (1-2^-53)*2^-1022: rounds to min normal yet tiny (fits 53 bits)
        is(0x0080_0000L, NX, fl -> convert(D, S, 0x380f_ffff_f000_0000L, RNE, fl)); // (1-2^-25)*2^-126 rounds up at full precision: not tiny
        is(0x007f_ffffL, UF | NX, fl -> convert(D, S, 0x380f_ffff_f000_0000L, RTZ, fl)); // same value toward zero stays tiny
        is(0, UF | NX, fl -> convert(D, S, MIN_SUB, RNE, fl)); // f64 min subnormal is far below binary32's
        is(1, UF | NX, fl -> convert(D, S, MIN_SUB, RUP, fl)); // rounds up to binary32's min subnormal
        is(0x36a0_0000_0000_0000L, 0, fl -> convert(S, D, 1, RNE, fl)); // binary32 min subnormal 2^-149 widens exactly
        is(MIN_SUB, 0, fl -> add(D, MIN_NORMAL, 0x800f_ffff_ffff_ffffL, RNE, fl)); // subnormal sums are exact
        is(0x0010_0000_0000_0000L, 0, fl -> add(D, 0x0008_0000_0000_0000L, 0x0008_0000_0000_0000L, RNE, fl)); // two subnormals to min normal
        is(0x2000_0000_0000_0000L, 0, fl -> sqrt(D, MIN_NORMAL, RNE, fl)); // sqrt(2^-1022) = 2^-511 (even exponent)
        is(0x1e60_0000_0000_0000L, 0, fl -> sqrt(D, MIN_SUB, RNE, fl)); // sqrt(2^-1074) = 2^-537 (subnormal operand)
    }

    @Test
    void fusedMultiplyAdd() {
        is(0x3970_0000_0000_0000L, 0, fl -> fma(D, 0x3ff0_0000_0000_0001L, 0x3ff0_0000_0000_0001L, 0xbff0_0000_0000_0002L, RNE, fl)); // (1+u)^2-(1+2u) = u^2: mul then add gives 0
        is(f(Math.fma(1.0000001f, 1.0000001f, -1.0000002f)), 0, fl -> fma(S, f(1.0000001f), f(1.0000001f), f(-1.0000002f), RNE, fl)); // binary32
        is(0x3ff0_0000_0000_0001L, NX, fl -> fma(D, ONE, ONE, 1, RUP, fl)); // a tiny addend still moves a directed result
        is(ONE, NX, fl -> fma(D, ONE, ONE, 1, RNE, fl)); // but not a nearest one
        is(0x3fef_ffff_ffff_ffffL, NX, fl -> fma(D, ONE, ONE, 0x8000_0000_0000_0001L, RTZ, fl)); // 1 - tiny toward zero
    }

    @Test
    void toIntegers() {
        is(0, NX, fl -> toInt(S, f(-0.3f), 32, false, RTZ, fl)); // unsigned: negative rounding to 0 is 0, inexact only
        is(0, NX, fl -> toInt(D, d(-0.5), 64, false, RNE, fl)); // -0.5 ties to even 0
        is(0, NV, fl -> toInt(D, d(-0.5), 64, false, RMM, fl)); // -0.5 ties away to -1: invalid
        is(0, NV, fl -> toInt(D, d(-0.3), 32, false, RDN, fl)); // down to -1: invalid
        is(0, NV, fl -> toInt(D, NONE, 32, false, RNE, fl)); // -1 exactly: invalid, saturates to 0
        is(0, 0, fl -> toInt(D, NZERO, 32, false, RNE, fl)); // -0: exact 0
        is(0xffff_ffffL, NV, fl -> toInt(D, d(4294967296.0), 32, false, RTZ, fl)); // 2^32 saturates to u32 max
        is(0xffff_ffffL, NX, fl -> toInt(D, d(4294967295.5), 32, false, RTZ, fl)); // in range after rounding
        is(0xffff_ffffL, NV, fl -> toInt(D, d(4294967295.5), 32, false, RNE, fl)); // rounds (to even) out of range
        is(0x7fff_ffffL, NV, fl -> toInt(D, d(2147483647.5), 32, true, RNE, fl)); // rounds to 2^31: saturate, no NX
        is(0x8000_0000L, NX, fl -> toInt(D, d(-2147483648.5), 32, true, RNE, fl)); // ties to even -2^31: in range
        is(0x8000_0000L, NV, fl -> toInt(D, d(-2147483648.5), 32, true, RMM, fl)); // ties away: -2^31-1 saturates
        is(0x8000_0000L, NV, fl -> toInt(S, NINF_S, 32, true, RNE, fl)); // -inf saturates to min, zero-extended
        is(0x7fff_ffffL, NV, fl -> toInt(S, INF_S, 32, true, RNE, fl)); // +inf to max
        is(0, NV, fl -> toInt(S, QNAN_S, 32, true, RNE, fl)); // NaN: 0 (the ISA text picks its value), invalid
        is(Long.MAX_VALUE, NV, fl -> toInt(D, d(0x1p63), 64, true, RNE, fl)); // 2^63 is out of i64 range
        is(Long.MIN_VALUE, 0, fl -> toInt(D, d(-0x1p63), 64, true, RNE, fl)); // -2^63 is exactly in range
        is(0xffff_ffff_ffff_f800L, 0, fl -> toInt(D, 0x43ef_ffff_ffff_ffffL, 64, false, RNE, fl)); // largest double below 2^64
        is(-1L, NV, fl -> toInt(D, d(0x1p64), 64, false, RNE, fl)); // 2^64 saturates u64
        is(2, NX, fl -> toInt(D, d(2.5), 32, true, RNE, fl)); // tie to even
        is(3, NX, fl -> toInt(D, d(2.5), 32, true, RMM, fl)); // tie away
        is(0xffff_fffdL, NX, fl -> toInt(D, d(-2.5), 32, true, RDN, fl)); // -3, zero-extended from 32 bits
        is(0xffff_fffeL, NX, fl -> toInt(D, d(-2.5), 32, true, RUP, fl)); // -2
        is(1, NX, fl -> toInt(S, 1, 64, true, RUP, fl)); // min subnormal rounds up to 1
    }

    @Test
    void fromIntegers() {
        is(f(16777216f), NX, fl -> fromInt(S, (1 << 24) + 1, 32, true, RNE, fl)); // 2^24+1 is not a binary32
        is(f(16777218f), NX, fl -> fromInt(S, (1 << 24) + 1, 32, true, RUP, fl)); // up: next binary32
        is(0x5f80_0000L, NX, fl -> fromInt(S, -1L, 64, false, RNE, fl)); // 2^64-1 rounds to 2^64
        is(0x5f7f_ffffL, NX, fl -> fromInt(S, -1L, 64, false, RTZ, fl)); // toward zero: largest below
        is(d(-0x1p63), 0, fl -> fromInt(D, Long.MIN_VALUE, 64, true, RNE, fl)); // -2^63 exactly
        is(NONE, 0, fl -> fromInt(D, 0x1234_5678_ffff_ffffL, 32, true, RNE, fl)); // only the low 32 bits count
        is(d(4294967295.0), 0, fl -> fromInt(D, 0xffff_ffffL, 32, false, RNE, fl)); // unsigned 32-bit
        is(0, 0, fl -> fromInt(D, 0, 64, true, RDN, fl)); // 0 is +0 in every mode
    }

    @Test
    void conversionsBetweenFormats() {
        is(0x7ff8_0000_2000_0000L, NV, fl -> convert(S, D, SNAN_S, RNE, fl)); // sNaN widened: quieted, payload left-aligned
        is(QNAN_S, NV, fl -> convert(D, S, 0x7ff0_0000_0000_0001L, RNE, fl)); // payload's low bits are dropped
        is(0xffc0_0001L, 0, fl -> convert(D, S, 0xfff8_0000_2000_0000L, RNE, fl)); // quiet NaN: sign and top payload kept
        is(f((float) 0.1), NX, fl -> convert(D, S, d(0.1), RNE, fl)); // ordinary narrowing
        is(d(0.1f), 0, fl -> convert(S, D, f(0.1f), RDN, fl)); // widening is exact in any mode
    }

    @Test
    void comparisons() {
        FloatFlags fl = new FloatFlags();
        assertTrue(FloatComparisons.equal(D, 0, NZERO, fl)); // +0 == -0
        assertFalse(FloatComparisons.less(D, NZERO, 0, fl)); // and neither is less
        assertTrue(FloatComparisons.lessOrEqual(D, NINF, NINF, fl)); // -inf <= -inf
        assertEquals(0, fl.bits);
        assertFalse(FloatComparisons.lessQuiet(D, QNAN, ONE, fl)); // quiet comparison with a qNaN: no flag
        assertFalse(FloatComparisons.equal(D, QNAN, QNAN, fl)); // NaN != NaN, quietly
        assertEquals(0, fl.bits);
        assertFalse(FloatComparisons.less(D, QNAN, ONE, fl)); // signalling comparison with a qNaN: NV
        assertEquals(NV, fl.bits);
        fl.bits = 0;
        assertFalse(FloatComparisons.equal(S, SNAN_S, ONE_S, fl)); // quiet comparison with an sNaN: NV
        assertEquals(NV, fl.bits);
        assertTrue(FloatComparisons.less(S, 0xbf80_0000L, 0x8000_0001L, fl)); // -1 < -min subnormal
        assertTrue(FloatComparisons.isSubnormal(S, 0x8000_0001L) && !FloatComparisons.isSubnormal(S, 0x8000_0000L));
        assertTrue(FloatComparisons.isSignalingNaN(S, SNAN_S) && !FloatComparisons.isSignalingNaN(S, QNAN_S));
        assertTrue(FloatComparisons.isInfinite(D, NINF) && FloatComparisons.isZero(D, NZERO));
        assertTrue(FloatComparisons.isNegative(D, NZERO) && !FloatComparisons.isNegative(S, 0xdead_0000_3f80_0000L));
    }

    @Test
    void apiDetails() {
        is(TWO_S, 0, fl -> add(S, 0xdead_beef_3f80_0000L, ONE_S, RNE, fl)); // bits above a binary32 are ignored
        FloatFlags fl = new FloatFlags(NX);
        add(S, ONE_S, ONE_S, RNE, fl);
        assertEquals(NX, fl.bits); // flags accrue: an exact operation clears nothing
        assertEquals(S, FloatFormat.ofWidth(32));
        assertEquals(64, FloatFormat.ofWidth(64).bits());
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.ofWidth(16));
        assertEquals(RMM, RoundingMode.ofCode(4));
        assertThrows(IllegalArgumentException.class, () -> RoundingMode.ofCode(5));
        assertThrows(IllegalArgumentException.class, () -> RoundingMode.ofCode(-1));
        assertEquals(QNAN_S, S.defaultNaN());
        assertEquals(QNAN, D.defaultNaN());
    }
}
