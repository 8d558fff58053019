package dbt.ir.fp;

import static dbt.ir.fp.FloatPacking.isSignalingNaN;

/**
 * IEEE 754 comparisons and classification of binary32/binary64 bit patterns. Quiet comparisons ({@link #equal},
 * {@link #lessQuiet}, {@link #lessOrEqualQuiet}) raise INVALID only for a signalling NaN operand; signalling ones
 * ({@link #less}, {@link #lessOrEqual}) raise INVALID for any NaN operand. Any comparison with a NaN is false;
 * -0 equals +0. Classification raises nothing. Upper bits beyond a binary32 value are ignored.
 */
public final class FloatComparisons {
    private FloatComparisons() {}

    public static boolean equal(FloatFormat f, long a, long b, FloatFlags flags) {
        a &= f.mask;
        b &= f.mask;
        return !unordered(f, a, b, false, flags) && (a == b || ((a | b) & f.absMask) == 0);
    }

    public static boolean less(FloatFormat f, long a, long b, FloatFlags flags) {
        return !unordered(f, a, b, true, flags) && lessOrdered(f, a & f.mask, b & f.mask);
    }

    public static boolean lessOrEqual(FloatFormat f, long a, long b, FloatFlags flags) {
        return !unordered(f, a, b, true, flags) && !lessOrdered(f, b & f.mask, a & f.mask);
    }

    public static boolean lessQuiet(FloatFormat f, long a, long b, FloatFlags flags) {
        return !unordered(f, a, b, false, flags) && lessOrdered(f, a & f.mask, b & f.mask);
    }

    public static boolean lessOrEqualQuiet(FloatFormat f, long a, long b, FloatFlags flags) {
        return !unordered(f, a, b, false, flags) && !lessOrdered(f, b & f.mask, a & f.mask);
    }

    /**
     * Whether a or b is a NaN (the comparison is then false); raises INVALID for any NaN when signalling, else for a
     * signalling NaN only.
     */
    private static boolean unordered(FloatFormat f, long a, long b, boolean signalling, FloatFlags flags) {
        a &= f.mask;
        b &= f.mask;
        if (!isNaN(f, a) && !isNaN(f, b)) {
            return false;
        }
        if (signalling || isSignalingNaN(f, a) || isSignalingNaN(f, b)) {
            flags.bits |= FloatFlags.INVALID;
        }
        return true;
    }

    /** a < b for non-NaN masked operands. */
    private static boolean lessOrdered(FloatFormat f, long a, long b) {
        boolean negA = (a & f.signMask) != 0;
        boolean negB = (b & f.signMask) != 0;
        if (negA != negB) {
            return negA && ((a | b) & f.absMask) != 0;
        }
        // Same sign: magnitudes order like the (nonnegative) encodings, reversed when negative.
        return a != b && ((a < b) != negA);
    }

    public static boolean isNaN(FloatFormat f, long a) {
        return FloatPacking.isNaN(f, a);
    }

    public static boolean isSignalingNaN(FloatFormat f, long a) {
        return FloatPacking.isSignalingNaN(f, a);
    }

    public static boolean isInfinite(FloatFormat f, long a) {
        return (a & f.absMask) == f.infinity;
    }

    public static boolean isZero(FloatFormat f, long a) {
        return (a & f.absMask) == 0;
    }

    public static boolean isSubnormal(FloatFormat f, long a) {
        return (a & f.infinity) == 0 && (a & f.fracMask) != 0;
    }

    /** The sign bit (also for NaNs and zeros). */
    public static boolean isNegative(FloatFormat f, long a) {
        return (a & f.signMask) != 0;
    }
}
