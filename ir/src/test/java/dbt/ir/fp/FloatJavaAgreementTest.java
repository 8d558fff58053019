package dbt.ir.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * In NEAREST_EVEN the results must agree with Java's own IEEE arithmetic (float/double operators, Math.sqrt,
 * Math.fma, widening/narrowing casts, long-to-float casts, and the saturating float-to-integer casts, which are
 * round-toward-zero). Where Java's result is a NaN only NaN-ness is compared, Java not defining payloads.
 */
class FloatJavaAgreementTest {
    private static final int CASES = 100_000;
    private static final FloatFormat F32 = FloatFormat.BINARY32;
    private static final FloatFormat F64 = FloatFormat.BINARY64;
    private static final RoundingMode RNE = RoundingMode.NEAREST_EVEN;
    private static final RoundingMode RTZ = RoundingMode.TOWARD_ZERO;

    private final FloatFlags flags = new FloatFlags();

    private static long bits(float x) {
        return Float.floatToRawIntBits(x) & 0xFFFF_FFFFL;
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static void same(float expected, long actual, String what) {
        if (Float.isNaN(expected)) {
            assertTrue(FloatComparisons.isNaN(F32, actual), what);
        } else {
            assertEquals(bits(expected), actual, what);
        }
    }

    private static void same(double expected, long actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(FloatComparisons.isNaN(F64, actual), what);
        } else {
            assertEquals(bits(expected), actual, what);
        }
    }

    @Test
    void binary32() {
        Operands ops = new Operands(F32, 100);
        for (int i = 0; i < CASES; i++) {
            long a = ops.next();
            long b = ops.partner(a);
            long c = ops.rnd.nextBoolean() ? ops.next()
                    : ops.near(FloatArithmetic.mul(F32, a, b, RNE, flags) ^ ops.signBit);
            float x = Float.intBitsToFloat((int) a);
            float y = Float.intBitsToFloat((int) b);
            float z = Float.intBitsToFloat((int) c);
            String w = ReferenceCheck.hex(a, b, c);
            same(x + y, FloatArithmetic.add(F32, a, b, RNE, flags), "add " + w);
            same(x - y, FloatArithmetic.sub(F32, a, b, RNE, flags), "sub " + w);
            same(x * y, FloatArithmetic.mul(F32, a, b, RNE, flags), "mul " + w);
            same(x / y, FloatArithmetic.div(F32, a, b, RNE, flags), "div " + w);
            same((float) Math.sqrt(x), FloatArithmetic.sqrt(F32, a, RNE, flags), "sqrt " + w);
            same(Math.fma(x, y, z), FloatArithmetic.fma(F32, a, b, c, RNE, flags), "fma " + w);
            same((double) x, FloatConversions.convert(F32, F64, a, RNE, flags), "widen " + w);
            assertEquals((int) x & 0xFFFF_FFFFL, FloatConversions.toInt(F32, a, 32, true, RTZ, flags), "toInt32 " + w);
            assertEquals((long) x, FloatConversions.toInt(F32, a, 64, true, RTZ, flags), "toInt64 " + w);
            assertEquals(x == y, FloatComparisons.equal(F32, a, b, flags), "eq " + w);
            assertEquals(x < y, FloatComparisons.less(F32, a, b, flags), "lt " + w);
            assertEquals(x <= y, FloatComparisons.lessOrEqual(F32, a, b, flags), "le " + w);
            long v = ops.rnd.nextLong() >> ops.rnd.nextInt(64);
            same((float) v, FloatConversions.fromInt(F32, v, 64, true, RNE, flags), "fromInt64 " + v);
            same((float) (int) v, FloatConversions.fromInt(F32, v, 32, true, RNE, flags), "fromInt32 " + v);
        }
    }

    @Test
    void binary64() {
        Operands ops = new Operands(F64, 101);
        for (int i = 0; i < CASES; i++) {
            long a = ops.next();
            long b = ops.partner(a);
            long c = ops.rnd.nextBoolean() ? ops.next()
                    : ops.near(FloatArithmetic.mul(F64, a, b, RNE, flags) ^ ops.signBit);
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double z = Double.longBitsToDouble(c);
            String w = ReferenceCheck.hex(a, b, c);
            same(x + y, FloatArithmetic.add(F64, a, b, RNE, flags), "add " + w);
            same(x - y, FloatArithmetic.sub(F64, a, b, RNE, flags), "sub " + w);
            same(x * y, FloatArithmetic.mul(F64, a, b, RNE, flags), "mul " + w);
            same(x / y, FloatArithmetic.div(F64, a, b, RNE, flags), "div " + w);
            same(Math.sqrt(x), FloatArithmetic.sqrt(F64, a, RNE, flags), "sqrt " + w);
            same(Math.fma(x, y, z), FloatArithmetic.fma(F64, a, b, c, RNE, flags), "fma " + w);
            same((float) x, FloatConversions.convert(F64, F32, a, RNE, flags), "narrow " + w);
            assertEquals((int) x & 0xFFFF_FFFFL, FloatConversions.toInt(F64, a, 32, true, RTZ, flags), "toInt32 " + w);
            assertEquals((long) x, FloatConversions.toInt(F64, a, 64, true, RTZ, flags), "toInt64 " + w);
            assertEquals(x == y, FloatComparisons.equal(F64, a, b, flags), "eq " + w);
            assertEquals(x < y, FloatComparisons.less(F64, a, b, flags), "lt " + w);
            assertEquals(x <= y, FloatComparisons.lessOrEqual(F64, a, b, flags), "le " + w);
            long v = ops.rnd.nextLong() >> ops.rnd.nextInt(64);
            same((double) v, FloatConversions.fromInt(F64, v, 64, true, RNE, flags), "fromInt64 " + v);
            same((double) (int) v, FloatConversions.fromInt(F64, v, 32, true, RNE, flags), "fromInt32 " + v);
        }
    }
}
