package dbt.ir.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.fp.ExactReference.Fmt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * convert, toInt, fromInt and the comparisons against the exact BigInteger reference, on edge-biased operands, in
 * all five rounding modes: result bits and flags must be identical.
 */
class FloatConversionsReferenceTest {
    private static final RoundingMode[] MODES = RoundingMode.values();
    private static final int CASES = 10_000;

    @Test
    void convertBothWays() {
        for (FloatFormat from : FloatFormat.values()) {
            for (FloatFormat to : FloatFormat.values()) {
                Operands ops = new Operands(from, 10 + from.ordinal() * 2 + to.ordinal());
                ReferenceCheck check = new ReferenceCheck("convert " + from + "->" + to);
                FloatFlags flags = new FloatFlags();
                for (int i = 0; i < CASES; i++) {
                    long a = ops.next();
                    if (from == FloatFormat.BINARY64 && to == FloatFormat.BINARY32 && ops.rnd.nextInt(3) == 0) {
                        // around binary32's subnormal, normal and overflow boundaries
                        a = ops.withExpField(1023 - 126 - 26 + ops.rnd.nextInt(30), ops.fraction());
                        if (ops.rnd.nextBoolean()) {
                            a = ops.withExpField(1023 + 125 + ops.rnd.nextInt(5), ops.fraction());
                        }
                    }
                    for (RoundingMode rm : MODES) {
                        flags.bits = 0;
                        long r = FloatConversions.convert(from, to, a, rm, flags);
                        check.compare(r, flags.bits, ExactReference.convert(ExactReference.of(from),
                                ExactReference.of(to), a, rm), ReferenceCheck.hex(a) + ", " + rm);
                    }
                }
                check.done();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void toInt(FloatFormat f) {
        Operands ops = new Operands(f, 20 + f.ordinal());
        Fmt fmt = ExactReference.of(f);
        FloatFlags flags = new FloatFlags();
        for (int intBits : new int[] {32, 64}) {
            for (boolean signed : new boolean[] {true, false}) {
                ReferenceCheck check = new ReferenceCheck("toInt" + intBits + (signed ? "s" : "u") + "/" + f);
                for (int i = 0; i < CASES; i++) {
                    long a = ops.next();
                    if (ops.rnd.nextInt(3) == 0) {
                        // magnitudes from 2^-3 to 2^66: fractions, ties, and the edges of every integer type
                        a = ops.withExpField(ops.bias - 3 + ops.rnd.nextInt(70), ops.fraction());
                    }
                    for (RoundingMode rm : MODES) {
                        flags.bits = 0;
                        long r = FloatConversions.toInt(f, a, intBits, signed, rm, flags);
                        check.compare(r, flags.bits, ExactReference.toInt(fmt, a, intBits, signed, rm),
                                ReferenceCheck.hex(a) + ", " + rm);
                    }
                }
                check.done();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void fromInt(FloatFormat f) {
        Random rnd = new Random(30 + f.ordinal());
        Fmt fmt = ExactReference.of(f);
        FloatFlags flags = new FloatFlags();
        long[] edges = {0, 1, -1, 2, 3, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE,
            Long.MIN_VALUE, (1L << 24) + 1, (1L << 25) + 3, (1L << 53) + 1, (1L << 54) + 2, (1L << 54) + 6,
            0x7fff_ff80_0000_0000L, 0x7fff_ffc0_0000_0000L, 0xffff_ff80_0000_0000L, 0x7fff_ffff_ffff_fc00L};
        for (int intBits : new int[] {32, 64}) {
            for (boolean signed : new boolean[] {true, false}) {
                ReferenceCheck check = new ReferenceCheck("fromInt" + intBits + (signed ? "s" : "u") + "/" + f);
                for (int i = 0; i < CASES; i++) {
                    long v = switch (rnd.nextInt(4)) {
                        case 0 -> edges[rnd.nextInt(edges.length)] + rnd.nextInt(5) - 2;
                        case 1 -> rnd.nextLong() >> rnd.nextInt(64); // every bit length, both signs
                        case 2 -> (rnd.nextLong() >>> rnd.nextInt(64)) & (-1L << rnd.nextInt(40)); // short, ties
                        default -> rnd.nextLong();
                    };
                    if (rnd.nextInt(4) == 0) {
                        v |= rnd.nextLong() << 32; // garbage above a 32-bit integer must be ignored
                    }
                    for (RoundingMode rm : MODES) {
                        flags.bits = 0;
                        long r = FloatConversions.fromInt(f, v, intBits, signed, rm, flags);
                        check.compare(r, flags.bits, ExactReference.fromInt(fmt, v, intBits, signed, rm),
                                ReferenceCheck.hex(v) + ", " + rm);
                    }
                }
                check.done();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void comparisons(FloatFormat f) {
        Operands ops = new Operands(f, 40 + f.ordinal());
        Fmt fmt = ExactReference.of(f);
        FloatFlags flags = new FloatFlags();
        for (int i = 0; i < CASES * 4; i++) {
            long a = ops.next();
            long b = ops.rnd.nextInt(4) == 0 ? a : ops.partner(a);
            int c = ExactReference.compare(fmt, a, b);
            boolean unordered = c == 2;
            boolean sNaN = FloatComparisons.isSignalingNaN(f, a) || FloatComparisons.isSignalingNaN(f, b);
            int quietFlags = sNaN ? FloatFlags.INVALID : 0;
            int signallingFlags = unordered ? FloatFlags.INVALID : 0;
            String args = ReferenceCheck.hex(a, b);
            flags.bits = 0;
            assertEquals(c == 0, FloatComparisons.equal(f, a, b, flags), "eq " + args);
            assertEquals(quietFlags, flags.bits, "eq flags " + args);
            flags.bits = 0;
            assertEquals(c == -1, FloatComparisons.less(f, a, b, flags), "lt " + args);
            assertEquals(signallingFlags, flags.bits, "lt flags " + args);
            flags.bits = 0;
            assertEquals(c == -1 || c == 0, FloatComparisons.lessOrEqual(f, a, b, flags), "le " + args);
            assertEquals(signallingFlags, flags.bits, "le flags " + args);
            flags.bits = 0;
            assertEquals(c == -1, FloatComparisons.lessQuiet(f, a, b, flags), "ltq " + args);
            assertEquals(quietFlags, flags.bits, "ltq flags " + args);
            flags.bits = 0;
            assertEquals(c == -1 || c == 0, FloatComparisons.lessOrEqualQuiet(f, a, b, flags), "leq " + args);
            assertEquals(quietFlags, flags.bits, "leq flags " + args);
        }
    }
}
