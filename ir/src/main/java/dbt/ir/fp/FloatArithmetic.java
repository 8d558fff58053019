package dbt.ir.fp;

import static dbt.ir.fp.FloatPacking.cancelledZero;
import static dbt.ir.fp.FloatPacking.invalid;
import static dbt.ir.fp.FloatPacking.isNaN;
import static dbt.ir.fp.FloatPacking.isSignalingNaN;
import static dbt.ir.fp.FloatPacking.propagateNaN;
import static dbt.ir.fp.FloatPacking.roundPack;
import static dbt.ir.fp.FloatPacking.shiftRightJam;
import static dbt.ir.fp.FloatPacking.unpackExp;
import static dbt.ir.fp.FloatPacking.unpackSig;

/**
 * IEEE 754 add, sub, mul, div, sqrt and fused multiply-add on binary32/binary64 bit patterns, correctly rounded in
 * every {@link RoundingMode} with the exception flags of Berkeley SoftFloat 3 specialised for RISC-V (see
 * {@link FloatPacking} for rounding, tininess and the NaN result rule). Subnormals are fully supported.
 *
 * <p>Method: special operands (NaN, infinity, zero) are settled first; otherwise the operands are unpacked to
 * 63-bit normalised significands, the exact result is computed in integers and truncated with a sticky bit into the
 * same form, and {@link FloatPacking#roundPack} rounds it once. Products use a 128-bit integer product; division
 * and square root take an estimate from the hardware double operation and correct it with the exact integer
 * remainder (so the estimate only needs to be close, never right). Nothing allocates.
 */
public final class FloatArithmetic {
    private FloatArithmetic() {}

    public static long add(FloatFormat f, long a, long b, RoundingMode rm, FloatFlags flags) {
        return addOrSub(f, a & f.mask, b & f.mask, false, rm, flags);
    }

    public static long sub(FloatFormat f, long a, long b, RoundingMode rm, FloatFlags flags) {
        return addOrSub(f, a & f.mask, b & f.mask, true, rm, flags);
    }

    private static long addOrSub(FloatFormat f, long a, long b, boolean subtract, RoundingMode rm, FloatFlags flags) {
        long absA = a & f.absMask;
        long absB = b & f.absMask;
        if (absA >= f.infinity || absB >= f.infinity) {
            if (absA > f.infinity || absB > f.infinity) {
                return propagateNaN(f, a, b, flags); // b's sign as given, not negated
            }
            if (subtract) {
                b ^= f.signMask;
            }
            if (absA == f.infinity) {
                return absB == f.infinity && a != b ? invalid(f, flags) : a;
            }
            return b;
        }
        if (subtract) {
            b ^= f.signMask;
        }
        if (absA == 0) {
            if (absB == 0) {
                return a == b ? a : cancelledZero(f, rm);
            }
            return b;
        }
        if (absB == 0) {
            return a;
        }
        boolean negA = a != absA;
        boolean negB = b != absB;
        int ea = unpackExp(f, absA);
        long sa = unpackSig(f, absA);
        int eb = unpackExp(f, absB);
        long sb = unpackSig(f, absB);
        if (negA == negB) {
            long x;
            long y;
            int e;
            int d;
            if (ea >= eb) {
                x = sa; y = sb; e = ea; d = ea - eb;
            } else {
                x = sb; y = sa; e = eb; d = eb - ea;
            }
            // One bit of headroom for the carry; y >>> 1 is exact (the low round bits of an operand are zero).
            long s = (x >>> 1) + shiftRightJam(y >>> 1, d);
            if (s < 0x4000_0000_0000_0000L) {
                s <<= 1;
            } else {
                e++;
            }
            return roundPack(f, negA, e, s, rm, flags);
        }
        if (ea == eb && sa == sb) {
            return cancelledZero(f, rm);
        }
        long x;
        long y;
        int e;
        int d;
        boolean neg;
        if (ea > eb || (ea == eb && sa > sb)) {
            x = sa; y = sb; e = ea; d = ea - eb; neg = negA;
        } else {
            x = sb; y = sa; e = eb; d = eb - ea; neg = negB;
        }
        // d <= 1 is exact; for d >= 2 at most one bit cancels, so the sticky bit stays far below the round point.
        long s = x - shiftRightJam(y, d);
        int shift = Long.numberOfLeadingZeros(s) - 1;
        return roundPack(f, neg, e - shift, s << shift, rm, flags);
    }

    public static long mul(FloatFormat f, long a, long b, RoundingMode rm, FloatFlags flags) {
        a &= f.mask;
        b &= f.mask;
        long absA = a & f.absMask;
        long absB = b & f.absMask;
        boolean neg = ((a ^ b) & f.signMask) != 0;
        long signBit = neg ? f.signMask : 0;
        if (absA >= f.infinity || absB >= f.infinity) {
            if (absA > f.infinity || absB > f.infinity) {
                return propagateNaN(f, a, b, flags);
            }
            if (absA == 0 || absB == 0) {
                return invalid(f, flags);
            }
            return signBit | f.infinity;
        }
        if (absA == 0 || absB == 0) {
            return signBit;
        }
        int ea = unpackExp(f, absA);
        long sa = unpackSig(f, absA);
        int eb = unpackExp(f, absB);
        long sb = unpackSig(f, absB);
        long hi = Math.unsignedMultiplyHigh(sa, sb);
        long lo = sa * sb;
        return roundPack(f, neg, ea + eb + productCarry(hi), productSig(hi, lo), rm, flags);
    }

    /** 1 when the 128-bit product of two unpacked significands (in [2^124, 2^126)) is at least 2^125, else 0. */
    private static int productCarry(long hi) {
        return (int) (hi >>> 61);
    }

    /** The 128-bit product hi:lo of two unpacked significands reduced to an unpacked significand with sticky. */
    private static long productSig(long hi, long lo) {
        if (hi >>> 61 != 0) {
            return (hi << 1) | (lo >>> 63) | ((lo << 1) != 0 ? 1 : 0);
        }
        return (hi << 2) | (lo >>> 62) | ((lo << 2) != 0 ? 1 : 0);
    }

    public static long div(FloatFormat f, long a, long b, RoundingMode rm, FloatFlags flags) {
        a &= f.mask;
        b &= f.mask;
        long absA = a & f.absMask;
        long absB = b & f.absMask;
        boolean neg = ((a ^ b) & f.signMask) != 0;
        long signBit = neg ? f.signMask : 0;
        if (absA >= f.infinity || absB >= f.infinity) {
            if (absA > f.infinity || absB > f.infinity) {
                return propagateNaN(f, a, b, flags);
            }
            if (absA == f.infinity) {
                return absB == f.infinity ? invalid(f, flags) : signBit | f.infinity;
            }
            return signBit; // finite / inf
        }
        if (absB == 0) {
            if (absA == 0) {
                return invalid(f, flags);
            }
            flags.bits |= FloatFlags.DIVIDE_BY_ZERO;
            return signBit | f.infinity;
        }
        if (absA == 0) {
            return signBit;
        }
        int e = unpackExp(f, absA) - unpackExp(f, absB);
        long x = unpackSig(f, absA) >>> 10; // 53-bit integers in [2^52, 2^53), exact
        long y = unpackSig(f, absB) >>> 10;
        int k = 55;
        if (x < y) {
            k = 56;
            e--;
        }
        // q = floor(x * 2^k / y) lies in [2^55, 2^56). The double quotient is within 2^-53 relative, so the
        // estimate is off by at most 9 and the true remainder fits easily in 64 bits: compute it mod 2^64.
        long q = (long) ((double) x / (double) y * (k == 55 ? 0x1p55 : 0x1p56));
        long rem = (x << k) - q * y;
        while (rem < 0) {
            q--;
            rem += y;
        }
        while (rem >= y) {
            q++;
            rem -= y;
        }
        return roundPack(f, neg, e, (q << 7) | (rem != 0 ? 1 : 0), rm, flags);
    }

    public static long sqrt(FloatFormat f, long a, RoundingMode rm, FloatFlags flags) {
        a &= f.mask;
        long absA = a & f.absMask;
        if (absA >= f.infinity) {
            if (absA > f.infinity) {
                return propagateNaN(f, a, a, flags);
            }
            return a == absA ? a : invalid(f, flags);
        }
        if (absA == 0) {
            return a; // sqrt(+-0) = +-0
        }
        if (a != absA) {
            return invalid(f, flags);
        }
        int e = unpackExp(f, absA);
        long x = unpackSig(f, absA) >>> 10; // [2^52, 2^53)
        if ((e & 1) != 0) {
            x <<= 1; // now value = x * 2^((e - 1) - 52) with an even exponent
        }
        // q = floor(sqrt(x * 2^56)) lies in [2^54, 2^55); value's root = q' * 2^((e >> 1) - 54).
        long q = (long) Math.sqrt((double) x * 0x1p56);
        long rem = (x << 56) - q * q; // exact mod 2^64; the true remainder is below 2^58 in magnitude
        while (rem < 0) {
            rem += 2 * q - 1;
            q--;
        }
        while (rem > 2 * q) {
            q++;
            rem -= 2 * q - 1;
        }
        return roundPack(f, false, e >> 1, (q << 8) | (rem != 0 ? 1 : 0), rm, flags);
    }

    /** a * b + c with a single rounding. */
    public static long fma(FloatFormat f, long a, long b, long c, RoundingMode rm, FloatFlags flags) {
        a &= f.mask;
        b &= f.mask;
        c &= f.mask;
        long absA = a & f.absMask;
        long absB = b & f.absMask;
        long absC = c & f.absMask;
        boolean negP = ((a ^ b) & f.signMask) != 0;
        boolean negC = c != absC;
        if (absA >= f.infinity || absB >= f.infinity || absC >= f.infinity) {
            if (absA > f.infinity || absB > f.infinity) {
                if (isSignalingNaN(f, c)) {
                    flags.bits |= FloatFlags.INVALID;
                }
                return propagateNaN(f, a, b, flags);
            }
            boolean infP = absA == f.infinity || absB == f.infinity;
            if (infP && (absA == 0 || absB == 0)) {
                // inf * 0 is invalid even when c is a quiet NaN (RISC-V requires it; SoftFloat does it).
                flags.bits |= FloatFlags.INVALID;
                return isNaN(f, c) ? c | f.quietBit : f.defaultNaN;
            }
            if (absC > f.infinity) {
                return propagateNaN(f, c, c, flags);
            }
            if (infP) {
                if (absC == f.infinity && negC != negP) {
                    return invalid(f, flags);
                }
                return (negP ? f.signMask : 0) | f.infinity;
            }
            return c; // finite * finite + inf
        }
        if (absA == 0 || absB == 0) {
            if (absC == 0) {
                return negC == negP ? c : cancelledZero(f, rm);
            }
            return c;
        }
        int ea = unpackExp(f, absA);
        long sa = unpackSig(f, absA);
        int eb = unpackExp(f, absB);
        long sb = unpackSig(f, absB);
        long ph = Math.unsignedMultiplyHigh(sa, sb);
        long pl = sa * sb;
        int ep = ea + eb + productCarry(ph);
        if (absC == 0) {
            return roundPack(f, negP, ep, productSig(ph, pl), rm, flags);
        }
        // Product as a 128-bit value with its leading one at bit 125: value = P * 2^(ep - 125).
        if (ph >>> 61 == 0) {
            ph = (ph << 1) | (pl >>> 63);
            pl <<= 1;
        }
        int ec = unpackExp(f, absC);
        long sc = unpackSig(f, absC);
        long ch = sc >>> 1; // C = sc * 2^63, leading one at bit 125
        long cl = sc << 63;
        // X is the larger magnitude, Y the smaller (to be aligned to X).
        long xh;
        long xl;
        long yh;
        long yl;
        int e;
        int d;
        boolean neg;
        if (ep > ec || (ep == ec && (ph > ch || (ph == ch && Long.compareUnsigned(pl, cl) >= 0)))) {
            xh = ph; xl = pl; yh = ch; yl = cl; e = ep; d = ep - ec; neg = negP;
        } else {
            xh = ch; xl = cl; yh = ph; yl = pl; e = ec; d = ec - ep; neg = negC;
        }
        // Y >>= d with jamming (128-bit).
        if (d != 0) {
            if (d < 64) {
                long out = yl << (64 - d);
                yl = (yl >>> d) | (yh << (64 - d)) | (out != 0 ? 1 : 0);
                yh >>>= d;
            } else if (d < 127) {
                long out = d == 64 ? yl : yl | (yh << (128 - d));
                yl = (yh >>> (d - 64)) | (out != 0 ? 1 : 0);
                yh = 0;
            } else {
                yl = 1; // Y is nonzero
                yh = 0;
            }
        }
        long sh;
        long sl;
        if (negP == negC) {
            sl = xl + yl;
            sh = xh + yh + (Long.compareUnsigned(sl, xl) < 0 ? 1 : 0);
        } else {
            // d <= 1 loses nothing (both low parts have at least 20 zero bits); d >= 2 cancels at most one bit.
            sl = xl - yl;
            sh = xh - yh - (Long.compareUnsigned(xl, yl) < 0 ? 1 : 0);
            if ((sh | sl) == 0) {
                return cancelledZero(f, rm);
            }
        }
        // Normalise: leading one to bit 127, then keep the top 63 bits with the rest as sticky.
        int lz = sh != 0 ? Long.numberOfLeadingZeros(sh) : 64 + Long.numberOfLeadingZeros(sl);
        if (lz >= 64) {
            sh = sl << (lz - 64);
            sl = 0;
        } else if (lz != 0) {
            sh = (sh << lz) | (sl >>> (64 - lz));
            sl <<= lz;
        }
        long sig = (sh >>> 1) | ((sh & 1) | (sl != 0 ? 1 : 0));
        return roundPack(f, neg, e + 2 - lz, sig, rm, flags);
    }
}
