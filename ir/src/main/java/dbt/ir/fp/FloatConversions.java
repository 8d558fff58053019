package dbt.ir.fp;

import static dbt.ir.fp.FloatPacking.isSignalingNaN;
import static dbt.ir.fp.FloatPacking.normRoundPack;
import static dbt.ir.fp.FloatPacking.roundPack;
import static dbt.ir.fp.FloatPacking.unpackExp;
import static dbt.ir.fp.FloatPacking.unpackSig;

/**
 * Conversions between the binary formats and between a format and 32/64-bit integers, with the results and flags
 * of SoftFloat specialised for RISC-V, except that a NaN converted to an integer gives 0 (the ISA text picks its own
 * value for a NaN; INVALID is raised either way).
 *
 * <ul>
 *   <li>{@link #convert}: widening is exact; narrowing rounds per mode with the usual flags. A NaN keeps its sign
 *       and the top bits of its payload (left-aligned in the fraction), is quieted, and raises INVALID if it was
 *       signalling.
 *   <li>{@link #toInt}: the value is rounded to an integer per mode, then range-checked. Out of range (including
 *       +-infinity) saturates to the type's minimum or maximum by the sign of the operand, raising INVALID and not
 *       INEXACT; an in-range inexact result raises INEXACT. For unsigned types a negative value that rounds to 0 is
 *       0 (INEXACT if it was not -0) and one that rounds to -1 or below saturates to 0 with INVALID. The result is
 *       the integer's low intBits bits, zero-extended.
 *   <li>{@link #fromInt}: the low intBits of the value, read signed or unsigned, rounded per mode.
 * </ul>
 */
public final class FloatConversions {
    private FloatConversions() {}

    public static long convert(FloatFormat from, FloatFormat to, long a, RoundingMode rm, FloatFlags flags) {
        a &= from.mask;
        long abs = a & from.absMask;
        boolean neg = a != abs;
        long signBit = neg ? to.signMask : 0;
        if (abs >= from.infinity) {
            if (abs == from.infinity) {
                return signBit | to.infinity;
            }
            if (isSignalingNaN(from, a)) {
                flags.bits |= FloatFlags.INVALID;
            }
            long frac = a & from.fracMask;
            int shift = to.precision - from.precision;
            frac = shift >= 0 ? frac << shift : frac >>> -shift;
            return signBit | to.infinity | to.quietBit | frac;
        }
        if (abs == 0) {
            return signBit;
        }
        return roundPack(to, neg, unpackExp(from, abs), unpackSig(from, abs), rm, flags);
    }

    /** Rounds a to an integer of intBits (32 or 64) bits, signed or unsigned; see the class comment. */
    public static long toInt(FloatFormat f, long a, int intBits, boolean signed, RoundingMode rm, FloatFlags flags) {
        if (intBits != 32 && intBits != 64) {
            throw new IllegalArgumentException("integer width " + intBits);
        }
        a &= f.mask;
        long abs = a & f.absMask;
        boolean neg = a != abs;
        if (abs >= f.infinity) {
            flags.bits |= FloatFlags.INVALID;
            return abs == f.infinity ? saturate(intBits, signed, neg) : 0;
        }
        if (abs == 0) {
            return 0;
        }
        int exp = unpackExp(f, abs);
        long sig = unpackSig(f, abs);
        // mag: the integer part (unsigned); frac: the fraction left-aligned in 64 bits (nonzero iff inexact; only
        // its order relative to 2^63 = one half matters, so a tiny value is represented by 1).
        long mag;
        long frac;
        if (exp >= 64) {
            flags.bits |= FloatFlags.INVALID;
            return saturate(intBits, signed, neg);
        } else if (exp == 63) {
            mag = sig << 1;
            frac = 0;
        } else if (exp >= 0) {
            int shift = 62 - exp;
            mag = sig >>> shift;
            frac = shift == 0 ? 0 : sig << (64 - shift);
        } else {
            mag = 0;
            frac = exp == -1 ? sig << 1 : 1;
        }
        boolean up = switch (rm) {
            case NEAREST_EVEN -> Long.compareUnsigned(frac, FloatPacking.TOP) > 0
                    || (frac == FloatPacking.TOP && (mag & 1) != 0);
            case NEAREST_MAX_MAGNITUDE -> Long.compareUnsigned(frac, FloatPacking.TOP) >= 0;
            case TOWARD_ZERO -> false;
            case DOWN -> neg && frac != 0;
            case UP -> !neg && frac != 0;
        };
        if (up) {
            mag++;
            if (mag == 0) { // carried out of 64 bits: 2^64 fits no type
                flags.bits |= FloatFlags.INVALID;
                return saturate(intBits, signed, neg);
            }
        }
        long result;
        if (signed) {
            // magnitude limit 2^(intBits-1) - 1, or 2^(intBits-1) when negative (compared unsigned)
            long limit = (1L << (intBits - 1)) - (neg ? 0 : 1);
            if (Long.compareUnsigned(mag, limit) > 0) {
                flags.bits |= FloatFlags.INVALID;
                return saturate(intBits, true, neg);
            }
            result = neg ? -mag : mag;
        } else {
            if (neg ? mag != 0 : intBits == 32 && (mag >>> 32) != 0) {
                flags.bits |= FloatFlags.INVALID;
                return saturate(intBits, false, neg);
            }
            result = mag;
        }
        if (frac != 0) {
            flags.bits |= FloatFlags.INEXACT;
        }
        return intBits == 32 ? result & 0xFFFF_FFFFL : result;
    }

    /** The type's minimum (negative) or maximum, zero-extended from intBits. */
    private static long saturate(int intBits, boolean signed, boolean negative) {
        long r;
        if (signed) {
            r = negative ? Long.MIN_VALUE >> (64 - intBits) : Long.MAX_VALUE >>> (64 - intBits);
        } else {
            r = negative ? 0 : -1L;
        }
        return intBits == 32 ? r & 0xFFFF_FFFFL : r;
    }

    /** Converts the low intBits (32 or 64) bits of value, read signed or unsigned, to format f. */
    public static long fromInt(FloatFormat f, long value, int intBits, boolean signed, RoundingMode rm,
                               FloatFlags flags) {
        if (intBits == 32) {
            value = signed ? (int) value : value & 0xFFFF_FFFFL;
        } else if (intBits != 64) {
            throw new IllegalArgumentException("integer width " + intBits);
        }
        if (value == 0) {
            return 0;
        }
        boolean neg = signed && value < 0;
        long mag = neg ? -value : value; // read unsigned: -MIN_VALUE is 2^63
        return normRoundPack(f, neg, 62, mag, rm, flags);
    }
}
