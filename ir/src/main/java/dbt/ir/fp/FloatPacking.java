package dbt.ir.fp;

/**
 * The core shared by all operations: unpacking an encoded finite nonzero value into an exponent and a normalised
 * significand, rounding an exact (or sticky-truncated) result back into a format, and NaN handling.
 *
 * <p>The unpacked form: a finite nonzero magnitude is {@code sig * 2^(exp - 62)} with {@code 2^62 <= sig < 2^63},
 * i.e. {@code exp} is the unbiased exponent of the leading one, which sits at bit 62 of {@code sig}. Results handed
 * to {@link #roundPack} use the same form, except that bit 0 may be a "sticky" bit: it is set when the true value
 * has nonzero bits below it, so a value strictly between two multiples of 2^(exp-62) is represented by the lower one
 * with bit 0 set. Every caller keeps at least two bits between the target precision and the sticky bit, which is
 * what makes the result and flags a function of the exact value only.
 *
 * <p>Rounding follows IEEE 754 with tininess detected after rounding (the RISC-V choice, as SoftFloat specialised
 * for RISC-V): UNDERFLOW is raised when the result, rounded as if the exponent range were unbounded, is below the
 * smallest normal AND the delivered result is inexact. Overflow gives infinity or the largest finite number of the
 * sign, per mode, with OVERFLOW|INEXACT.
 *
 * <p>NaN results: the first NaN operand in argument order, quieted (quiet bit set, sign and rest of the payload
 * kept); for an invalid operation without a NaN operand, the default NaN (positive, quiet, zero payload).
 */
final class FloatPacking {
    private FloatPacking() {}

    static final long TOP = Long.MIN_VALUE; // 2^63 as an unsigned value

    /** Unbiased exponent of the leading one of a finite nonzero magnitude (sign already cleared or ignored). */
    static int unpackExp(FloatFormat f, long a) {
        int biased = (int) ((a & f.infinity) >>> (f.precision - 1));
        if (biased != 0) {
            return biased - f.bias;
        }
        return f.emin - (f.precision - 1) + 63 - Long.numberOfLeadingZeros(a & f.fracMask);
    }

    /** Significand of a finite nonzero magnitude with its leading one at bit 62. */
    static long unpackSig(FloatFormat f, long a) {
        long frac = a & f.fracMask;
        if ((a & f.infinity) != 0) {
            return (frac | f.hidden) << f.roundShift;
        }
        return frac << (Long.numberOfLeadingZeros(frac) - 1);
    }

    /** x shifted right by d >= 0, with any bit shifted out ORed into bit 0. */
    static long shiftRightJam(long x, int d) {
        if (d == 0) {
            return x;
        }
        if (d < 63) {
            return (x >>> d) | ((x << (64 - d)) != 0 ? 1 : 0);
        }
        return x != 0 ? 1 : 0;
    }

    /** The value added to the round bits before truncation: half, all ones, or zero, per mode and sign. */
    static long increment(FloatFormat f, boolean negative, RoundingMode rm) {
        return switch (rm) {
            case NEAREST_EVEN, NEAREST_MAX_MAGNITUDE -> f.roundHalf;
            case TOWARD_ZERO -> 0;
            case DOWN -> negative ? f.roundMask : 0;
            case UP -> negative ? 0 : f.roundMask;
        };
    }

    /**
     * Rounds {@code (-1)^negative * sig * 2^(exp - 62)} into format f, sig having its leading one at bit 62 (sticky
     * bit 0 as described above), and raises INEXACT, UNDERFLOW, OVERFLOW as IEEE 754 with tininess after rounding.
     */
    static long roundPack(FloatFormat f, boolean negative, int exp, long sig, RoundingMode rm, FloatFlags flags) {
        long inc = increment(f, negative, rm);
        long signBit = negative ? f.signMask : 0;
        long roundBits;
        if (exp < f.emin) {
            // Tiny after rounding unless the value just below 2^emin rounds (at full precision) up to 2^emin.
            boolean tiny = exp < f.emin - 1 || Long.compareUnsigned(sig + inc, TOP) < 0;
            sig = shiftRightJam(sig, f.emin - exp);
            exp = f.emin;
            roundBits = sig & f.roundMask;
            if (roundBits != 0) {
                flags.bits |= tiny ? FloatFlags.UNDERFLOW | FloatFlags.INEXACT : FloatFlags.INEXACT;
            }
        } else {
            if (exp > f.emax || (exp == f.emax && Long.compareUnsigned(sig + inc, TOP) >= 0)) {
                flags.bits |= FloatFlags.OVERFLOW | FloatFlags.INEXACT;
                return signBit | (inc != 0 ? f.infinity : f.maxFinite);
            }
            roundBits = sig & f.roundMask;
            if (roundBits != 0) {
                flags.bits |= FloatFlags.INEXACT;
            }
        }
        long r = (sig + inc) >>> f.roundShift;
        if (roundBits == f.roundHalf && rm == RoundingMode.NEAREST_EVEN) {
            r &= ~1L;
        }
        // Subnormal: exp == emin makes the exponent field 0; a carry into the hidden bit then yields the smallest
        // normal, and a normal significand's hidden bit adds the missing 1 to the exponent field.
        return signBit | (((long) (exp + f.bias - 1) << (f.precision - 1)) + r);
    }

    /** As {@link #roundPack} for any nonzero sig (value {@code sig * 2^(exp - 62)}, sig read as unsigned). */
    static long normRoundPack(FloatFormat f, boolean negative, int exp, long sig, RoundingMode rm, FloatFlags flags) {
        int shift = Long.numberOfLeadingZeros(sig) - 1;
        if (shift >= 0) {
            return roundPack(f, negative, exp - shift, sig << shift, rm, flags);
        }
        return roundPack(f, negative, exp + 1, (sig >>> 1) | (sig & 1), rm, flags);
    }

    static boolean isNaN(FloatFormat f, long a) {
        return (a & f.absMask) > f.infinity;
    }

    static boolean isSignalingNaN(FloatFormat f, long a) {
        return (a & f.absMask) > f.infinity && (a & f.quietBit) == 0;
    }

    /** For two operands at least one of which is a NaN: INVALID if either is signalling; the first NaN, quieted. */
    static long propagateNaN(FloatFormat f, long a, long b, FloatFlags flags) {
        if (isSignalingNaN(f, a) || isSignalingNaN(f, b)) {
            flags.bits |= FloatFlags.INVALID;
        }
        return (isNaN(f, a) ? a : b) | f.quietBit;
    }

    static long invalid(FloatFormat f, FloatFlags flags) {
        flags.bits |= FloatFlags.INVALID;
        return f.defaultNaN;
    }

    /** The exact zero of a sum whose operands cancel (or of two zeros of opposite signs): -0 in DOWN, else +0. */
    static long cancelledZero(FloatFormat f, RoundingMode rm) {
        return rm == RoundingMode.DOWN ? f.signMask : 0;
    }
}
