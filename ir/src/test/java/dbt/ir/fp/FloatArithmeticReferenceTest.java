package dbt.ir.fp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.fp.ExactReference.Fmt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * add, sub, mul, div, sqrt and fma against the exact BigInteger reference, on edge-biased random operands, in all
 * five rounding modes: result bits and flags must be identical.
 */
class FloatArithmeticReferenceTest {
    private static final RoundingMode[] MODES = RoundingMode.values();
    private static final int CASES = 10_000;

    private interface Binary { long apply(FloatFormat f, long a, long b, RoundingMode rm, FloatFlags flags); }

    private interface BinaryRef { ExactReference.R apply(Fmt f, long a, long b, RoundingMode rm); }

    private static void binary(String name, FloatFormat f, long seed, boolean division, Binary impl, BinaryRef ref) {
        Operands ops = new Operands(f, seed);
        Fmt fmt = ExactReference.of(f);
        ReferenceCheck check = new ReferenceCheck(name + "/" + f);
        FloatFlags flags = new FloatFlags();
        for (int i = 0; i < CASES; i++) {
            long a = ops.next();
            long b = division ? ops.divisorFor(a) : ops.partner(a);
            if (ops.rnd.nextBoolean()) {
                long t = a;
                a = b;
                b = t;
            }
            for (RoundingMode rm : MODES) {
                flags.bits = 0;
                long r = impl.apply(f, a, b, rm, flags);
                check.compare(r, flags.bits, ref.apply(fmt, a, b, rm), ReferenceCheck.hex(a, b) + ", " + rm);
            }
        }
        check.done();
        assertTrue(check.checks == CASES * MODES.length);
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void add(FloatFormat f) {
        binary("add", f, 1, false, FloatArithmetic::add, ExactReference::add);
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void sub(FloatFormat f) {
        binary("sub", f, 2, false, FloatArithmetic::sub, ExactReference::sub);
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void mul(FloatFormat f) {
        binary("mul", f, 3, false, FloatArithmetic::mul, ExactReference::mul);
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void div(FloatFormat f) {
        binary("div", f, 4, true, FloatArithmetic::div, ExactReference::div);
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void sqrt(FloatFormat f) {
        Operands ops = new Operands(f, 5);
        Fmt fmt = ExactReference.of(f);
        ReferenceCheck check = new ReferenceCheck("sqrt/" + f);
        FloatFlags flags = new FloatFlags();
        for (int i = 0; i < CASES; i++) {
            long a = ops.next();
            if (ops.rnd.nextInt(4) != 0) {
                a &= ~ops.signBit; // mostly nonnegative operands
            }
            if (ops.rnd.nextInt(4) == 0) {
                // a square (or nearly) of a short significand: exact roots and near-halfway cases
                long shortFraction = ops.fraction() & (ops.fracMask << (ops.p / 2));
                long r = ops.withExpField(ops.rnd.nextInt((int) ops.maxExpField), shortFraction);
                a = FloatArithmetic.mul(f, r, r, RoundingMode.TOWARD_ZERO, new FloatFlags());
                a = ops.rnd.nextBoolean() ? a : ops.near(a) & ~ops.signBit;
            }
            for (RoundingMode rm : MODES) {
                flags.bits = 0;
                long r = FloatArithmetic.sqrt(f, a, rm, flags);
                check.compare(r, flags.bits, ExactReference.sqrt(fmt, a, rm), ReferenceCheck.hex(a) + ", " + rm);
            }
        }
        check.done();
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void fma(FloatFormat f) {
        Operands ops = new Operands(f, 6);
        Fmt fmt = ExactReference.of(f);
        ReferenceCheck check = new ReferenceCheck("fma/" + f);
        FloatFlags flags = new FloatFlags();
        FloatFlags scratch = new FloatFlags();
        RoundingMode[] modes = RoundingMode.values();
        for (int i = 0; i < CASES; i++) {
            long a = ops.next();
            long b = ops.partner(a);
            long c;
            switch (ops.rnd.nextInt(6)) {
                case 0, 1 -> {
                    // c cancels most of the product: -(a*b rounded in some mode), a few ulps off
                    long p = FloatArithmetic.mul(f, a, b, modes[ops.rnd.nextInt(5)], scratch);
                    c = ops.near(p ^ ops.signBit);
                }
                case 2 -> c = ops.partner(FloatArithmetic.mul(f, a, b, RoundingMode.NEAREST_EVEN, scratch));
                case 3 -> c = ops.partner(a);
                default -> c = ops.next();
            }
            for (RoundingMode rm : MODES) {
                flags.bits = 0;
                long r = FloatArithmetic.fma(f, a, b, c, rm, flags);
                check.compare(r, flags.bits, ExactReference.fma(fmt, a, b, c, rm),
                        ReferenceCheck.hex(a, b, c) + ", " + rm);
            }
        }
        check.done();
    }
}
