package dbt.ir.fp;

import java.util.Random;

/**
 * Edge-biased random operands for the floating-point tests, built from bit fields so that both formats get the
 * same treatment: special values (signed zeros, infinities, quiet and signalling NaNs with payloads, extreme
 * subnormals and normals, integers near 2^31, 2^32, 2^63, 2^64, halves that make ties), values with random or
 * sparse significands over the whole exponent range or near its ends, and operands related to another one (a few
 * ulps away, a chosen exponent distance away, or with exponents chosen so a product or quotient lands in the
 * subnormal or overflow range).
 */
final class Operands {
    final FloatFormat f;
    final Random rnd;
    final int p;
    final int ebits;
    final int bias;
    final long signBit;
    final long fracMask;
    final long maxExpField;
    final long mask;
    private final long[] specials;

    Operands(FloatFormat f, long seed) {
        this.f = f;
        this.rnd = new Random(seed);
        this.p = f == FloatFormat.BINARY32 ? 24 : 53;
        this.ebits = f == FloatFormat.BINARY32 ? 8 : 11;
        this.bias = (1 << (ebits - 1)) - 1;
        this.signBit = 1L << (f.bits() - 1);
        this.fracMask = (1L << (p - 1)) - 1;
        this.maxExpField = (1L << ebits) - 1;
        this.mask = f == FloatFormat.BINARY32 ? 0xFFFF_FFFFL : -1L;
        long inf = maxExpField << (p - 1);
        long quiet = 1L << (p - 2);
        double[] numbers = {
            1, 0.5, 1.5, 2.5, 3, 0.25, 0.75, 0.3, 0.7, 0.49999997, 0.50000006, 2, 10, 1e10, 1e-10,
            2147483647.0, 2147483647.5, 2147483648.0, 2147483648.5, 2147483649.0, 4294967295.0, 4294967295.5,
            4294967296.0, 0x1p53, 0x1p53 + 2, 0x1p24, 0x1p24 + 2, 0x1p62, 0x1p63, 0x1p64, 0x1.fffffep62,
            0x1.fffffffffffffp63, 0x1.fffffffffffffp62, 0x1.fffffep31, 0x1.fffffep30
        };
        long[] bitsList = {
            0, inf, inf | quiet, inf | quiet | 1, inf | quiet | 0x5a5a, inf | 1, inf | (quiet >> 1), inf | fracMask,
            1, 2, 3, fracMask, fracMask - 1, 1L << (p - 1), (1L << (p - 1)) | 1, inf - 1, inf - 2,
            (long) (bias - 1) << (p - 1), (long) bias << (p - 1), ((long) bias << (p - 1)) | 1,
            ((long) bias << (p - 1)) - 1, 1L << (p - 2), (1L << (p - 2)) | 1,
        };
        specials = new long[(bitsList.length + numbers.length) * 2];
        int i = 0;
        for (long b : bitsList) {
            specials[i++] = b;
            specials[i++] = b | signBit;
        }
        for (double d : numbers) {
            long b = f == FloatFormat.BINARY32 ? Float.floatToRawIntBits((float) d) & 0xFFFF_FFFFL
                    : Double.doubleToRawLongBits(d);
            specials[i++] = b;
            specials[i++] = b | signBit;
        }
    }

    long special() {
        return specials[rnd.nextInt(specials.length)];
    }

    long sign() {
        return rnd.nextBoolean() ? signBit : 0;
    }

    /** A significand fraction: random, or sparse so that ties and exact results are common. */
    long fraction() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> fracMask;
            case 2 -> 1L << rnd.nextInt(p - 1);
            case 3 -> rnd.nextLong() & fracMask & (-1L << rnd.nextInt(p - 1)); // few low bits: short significands
            case 4 -> (rnd.nextLong() & fracMask) >>> rnd.nextInt(p - 1); // leading zeros in the fraction
            case 5 -> fracMask ^ (1L << rnd.nextInt(p - 1));
            default -> rnd.nextLong() & fracMask;
        };
    }

    /** A finite value (possibly zero or subnormal) with the given exponent field, clamped to the finite range. */
    long withExpField(long e, long frac) {
        if (e <= 0) {
            return sign() | (e == 0 ? frac : (frac | (1L << (p - 1))) >>> Math.min(63, 1 - e));
        }
        if (e >= maxExpField) {
            e = maxExpField - 1;
        }
        return sign() | (e << (p - 1)) | frac;
    }

    /** The exponent field of a finite nonzero value (0 for subnormals). */
    long expField(long x) {
        return (x >>> (p - 1)) & maxExpField;
    }

    /** Any operand, edge-biased. */
    long next() {
        return switch (rnd.nextInt(10)) {
            case 0, 1 -> special();
            case 2 -> rnd.nextLong() & mask; // raw bits
            case 3 -> withExpField(rnd.nextInt(p + 3), fraction()); // subnormal and lowest normals
            case 4 -> withExpField(maxExpField - 1 - rnd.nextInt(p + 3), fraction()); // near overflow
            case 5 -> withExpField(bias - 2 + rnd.nextInt(70), fraction()); // integers up to 2^68, ties at .5
            case 6 -> near(special());
            default -> withExpField(1 + rnd.nextInt((int) maxExpField - 1), fraction());
        };
    }

    /** x moved by a few units in the last place (in bit-pattern terms), sometimes with the sign flipped. */
    long near(long x) {
        long y = x + rnd.nextInt(7) - 3;
        if (rnd.nextInt(4) == 0) {
            y ^= signBit;
        }
        return y & mask;
    }

    /** An operand to pair with a: independent, or related to it in ways that exercise alignment and cancellation. */
    long partner(long a) {
        long ea = expField(a);
        return switch (rnd.nextInt(8)) {
            case 0 -> near(a);
            case 1 -> withExpField(ea + rnd.nextInt(2 * p + 8) - p - 4, fraction()); // alignment / sticky distances
            case 2 -> withExpField(ea + rnd.nextInt(3) - 1, fraction()); // cancellation
            case 3 -> withExpField(1 + bias - ea + rnd.nextInt(p + 5) - p - 2, fraction()); // a*b near 2^emin
            case 4 -> withExpField(3L * bias - ea + rnd.nextInt(5) - 2, fraction()); // product near overflow
            case 5 -> finiteNonzero(a) ? FloatArithmetic.div(f, target(), a, mode(), scratch) : next(); // a*b ~ t
            default -> next();
        };
    }

    private final FloatFlags scratch = new FloatFlags();

    RoundingMode mode() {
        return RoundingMode.values()[rnd.nextInt(5)];
    }

    boolean finiteNonzero(long x) {
        long e = expField(x);
        return e != maxExpField && (x & mask & ~signBit) != 0;
    }

    /**
     * A value next to a boundary where rounding decisions change: the smallest normal (tininess after rounding),
     * the largest finite (overflow), or a subnormal with a short significand (ties at subnormal precision).
     */
    long target() {
        long minNormal = 1L << (p - 1);
        long maxFinite = (maxExpField << (p - 1)) - 1;
        long t = switch (rnd.nextInt(4)) {
            case 0 -> minNormal - rnd.nextInt(3);
            case 1 -> maxFinite - rnd.nextInt(3);
            case 2 -> fraction() >>> rnd.nextInt(p);
            default -> minNormal + rnd.nextInt(3);
        };
        return (t | sign()) & mask;
    }

    /** A value whose exponent field puts it near x/2^k for a quotient landing in a chosen range. */
    long divisorFor(long a) {
        long ea = expField(a);
        return switch (rnd.nextInt(6)) {
            case 0 -> withExpField(ea + bias - 1 + rnd.nextInt(p + 4), fraction()); // quotient near/below 2^emin
            case 1 -> withExpField(ea - bias - rnd.nextInt(3), fraction()); // quotient near overflow
            case 2 -> near(a);
            case 3 -> finiteNonzero(a) ? FloatArithmetic.div(f, a, target(), mode(), scratch) : next(); // a/b ~ t
            default -> partner(a);
        };
    }
}
