package dbt.ir.fp;

/**
 * The two IEEE 754 binary interchange formats the floating-point built-ins work on, with the encoding constants the
 * software arithmetic needs. Values are raw bit patterns in a {@code long}: a binary32 value sits in the low 32 bits
 * (upper bits zero on output; operations ignore upper bits on input, see {@link #mask}).
 *
 * <p>Invariants: {@code precision} counts the hidden bit (24, 53); the unbiased exponent of a normal number ranges
 * over {@code [emin, emax]} with {@code emin = 1 - bias}; the internal "unpacked" significand used by the arithmetic
 * has its leading one at bit 62, so its low {@code roundShift = 63 - precision} bits are the round bits (39 for
 * binary32, 10 for binary64), of which {@code roundHalf} is the most significant.
 */
public enum FloatFormat {
    BINARY32(32, 24, 8),
    BINARY64(64, 53, 11);

    final int bits;
    final int precision;
    final int bias;
    final int emin;
    final int emax;
    /** 63 - precision: the number of round bits below the result's last place in an unpacked significand. */
    final int roundShift;
    /** All ones in the low {@code bits} bits. */
    final long mask;
    final long signMask;
    /** The magnitude bits (exponent and fraction fields). */
    final long absMask;
    final long fracMask;
    /** The implicit leading bit of a normal significand, one above the fraction field. */
    final long hidden;
    /** Most significant fraction bit: set in a quiet NaN, clear in a signalling one. */
    final long quietBit;
    /** Positive infinity, which is also the exponent field all ones. */
    final long infinity;
    final long maxFinite;
    /** Positive quiet NaN with zero payload. */
    final long defaultNaN;
    final long roundMask;
    final long roundHalf;

    FloatFormat(int bits, int precision, int expBits) {
        this.bits = bits;
        this.precision = precision;
        this.bias = (1 << (expBits - 1)) - 1;
        this.emin = 1 - bias;
        this.emax = bias;
        this.roundShift = 63 - precision;
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
        this.signMask = 1L << (bits - 1);
        this.absMask = mask & ~signMask;
        this.fracMask = (1L << (precision - 1)) - 1;
        this.hidden = 1L << (precision - 1);
        this.quietBit = 1L << (precision - 2);
        this.infinity = absMask & ~fracMask;
        this.maxFinite = infinity - 1;
        this.defaultNaN = infinity | quietBit;
        this.roundMask = (1L << roundShift) - 1;
        this.roundHalf = 1L << (roundShift - 1);
    }

    /** The width of an encoded value: 32 or 64. */
    public int bits() {
        return bits;
    }

    /** Significand precision in bits, counting the hidden bit: 24 or 53. */
    public int precision() {
        return precision;
    }

    /** The format of the given width: 32 or 64, else {@link IllegalArgumentException}. */
    public static FloatFormat ofWidth(int bits) {
        return switch (bits) {
            case 32 -> BINARY32;
            case 64 -> BINARY64;
            default -> throw new IllegalArgumentException("no binary floating-point format of width " + bits);
        };
    }

    /** Positive quiet NaN with zero payload (0x7fc00000, 0x7ff8000000000000). */
    public long defaultNaN() {
        return defaultNaN;
    }
}
