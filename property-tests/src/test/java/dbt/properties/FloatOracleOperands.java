package dbt.properties;

import dbt.properties.FloatOracleVariants.Fmt;
import dbt.properties.FloatOracleVariants.Variant;
import java.util.Random;

/**
 * Edge-biased operands for {@link FloatOracleTest}: special values (zeros, infinities, quiet and signalling NaNs
 * with payloads, subnormal and normal extremes), values next to powers of two, random values of every exponent,
 * and per kind of instruction the cases where rounding is hardest: exact ties and near ties of sums, products,
 * quotients into the subnormal range, fused multiply-adds, conversions to and from integers at their boundaries
 * and double-to-single narrowing. Singles are NaN-boxed, except now and then (they must then read as the canonical
 * NaN). The fcsr an operation starts with has a random frm in 0..4 and random accrued flags.
 */
final class FloatOracleOperands {
    private final Random r;

    FloatOracleOperands(Random r) {
        this.r = r;
    }

    /** One operation's inputs: the 64-bit contents of fa1, fa2, fa3 and a1, and fcsr. */
    record Inputs(long a, long b, long c, long x, int fcsr) {}

    Inputs next(Variant v) {
        long[] f = new long[3]; // operands in the source format, unboxed
        Fmt fmt = v.src() != null ? v.src() : Fmt.D;
        for (int i = 0; i < 3; i++) {
            f[i] = value(fmt);
        }
        long x = r.nextLong();
        boolean special = r.nextInt(100) < 45;
        switch (v.kind()) {
            case ADD -> {
                if (special) {
                    addTie(fmt, f);
                } else if (r.nextInt(4) == 0) {
                    f[1] = related(fmt, f[0]);
                }
            }
            case MUL -> {
                if (special) {
                    if (r.nextBoolean()) {
                        mulTie(fmt, f);
                    } else {
                        subnormalTie(fmt, f, false);
                    }
                } else if (r.nextInt(6) == 0) {
                    f[1] = related(fmt, f[0]);
                }
            }
            case DIV -> {
                if (special) {
                    switch (r.nextInt(3)) {
                        case 0 -> subnormalTie(fmt, f, true);
                        case 1 -> exactQuotient(fmt, f);
                        default -> f[1] = related(fmt, f[0]);
                    }
                }
            }
            case SQRT -> {
                if (special) {
                    square(fmt, f);
                } else if (r.nextInt(3) != 0 && !isNaN(fmt, f[0])) {
                    f[0] &= ~fmt.signBit(); // mostly non-negative: a negative operand is only invalid
                }
            }
            case FMA -> {
                if (special) {
                    fma(fmt, f);
                }
            }
            case F2I -> {
                if (r.nextInt(100) < 60) {
                    f[0] = conversionBoundary(fmt);
                }
            }
            case I2F -> x = integer(v);
            case F2F -> {
                if (fmt == Fmt.D && special) {
                    f[0] = narrowing();
                }
            }
            case MINMAX, CMP, SGNJ -> {
                if (r.nextInt(3) == 0) {
                    f[1] = related(fmt, f[0]);
                }
            }
            case CLASS -> { }
            case MV_TO_X -> {
                if (r.nextInt(4) == 0) {
                    f[0] = r.nextLong() & fmt.maskAll();
                }
            }
            case MV_FROM_X -> {
                if (r.nextBoolean()) {
                    x = r.nextBoolean() ? value(Fmt.D) : (r.nextLong() << 32) | value(Fmt.S);
                }
            }
        }
        if (r.nextInt(4) == 0) { // the operands of a binary operation in the other order
            long t = f[0];
            f[0] = f[1];
            f[1] = t;
        }
        long[] regs = new long[3];
        for (int i = 0; i < 3; i++) {
            regs[i] = i < v.floatSources() ? toRegister(fmt, f[i]) : r.nextLong();
        }
        if (!v.readsRs1() && r.nextBoolean()) {
            x = r.nextLong();
        }
        return new Inputs(regs[0], regs[1], regs[2], x, fcsr());
    }

    /** A random frm in 0..4 and random accrued flags (none half of the time, so that raised flags show). */
    int fcsr() {
        int frm = r.nextInt(5);
        int flags = r.nextBoolean() ? 0 : r.nextInt(32);
        return frm << 5 | flags;
    }

    /** A single NaN-boxed, mostly; sometimes not (the upper half not all ones). A double as it is. */
    long toRegister(Fmt fmt, long bits) {
        if (fmt == Fmt.D) {
            return bits;
        }
        long upper = 0xffff_ffffL;
        if (r.nextInt(100) < 6) {
            long[] bad = {0, 0xffff_fffeL, 0x7fff_ffffL, 0x8000_0000L, r.nextLong() >>> 32};
            upper = bad[r.nextInt(bad.length)];
            if (upper == 0xffff_ffffL) {
                upper = 0;
            }
        }
        return upper << 32 | (bits & 0xffff_ffffL);
    }

    // ------------------------------------------------------------------------------------------ values

    /** An edge-biased value of the format (its bits, unboxed). */
    long value(Fmt f) {
        int k = r.nextInt(100);
        if (k < 25) {
            return specialValue(f);
        } else if (k < 32) {
            return randomSign(f, 1 + (r.nextLong() & f.mantMask() >>> r.nextInt(f.p - 1))); // subnormal
        } else if (k < 45) {
            return nearPowerOfTwo(f, f.qmin() + r.nextInt(f.emax - f.qmin() + 1));
        } else if (k < 75) {
            return randomFinite(f);
        } else if (k < 90) {
            return moderate(f);
        } else {
            double d = r.nextInt(2001) - 1000 + (r.nextBoolean() ? 0.5 : 0);
            return fromDouble(f, d);
        }
    }

    long specialValue(Fmt f) {
        long sign = r.nextBoolean() ? f.signBit() : 0;
        long quiet = 1L << (f.p - 2);
        return switch (r.nextInt(16)) {
            case 0 -> sign; // ±0
            case 1 -> sign | f.expMask(); // ±inf
            case 2 -> f.expMask() | quiet; // the canonical NaN
            case 3 -> sign | f.expMask() | quiet | (r.nextLong() & (quiet - 1)); // quiet NaN, payload
            case 4 -> sign | f.expMask() | (1 + (r.nextLong() & (quiet - 2))); // signalling NaN, payload
            case 5 -> sign | f.expMask() | 1; // signalling NaN
            case 6 -> sign | 1; // least subnormal
            case 7 -> sign | f.mantMask(); // largest subnormal
            case 8 -> sign | 1L << (f.p - 1); // least normal
            case 9 -> sign | (f.expMask() - (1L << (f.p - 1))) | f.mantMask(); // largest finite
            case 10 -> sign | fromDouble(f, 1.0);
            case 11 -> sign | fromDouble(f, 2.0);
            case 12 -> sign | fromDouble(f, 0.5);
            case 13 -> sign | fromDouble(f, 3.0);
            case 14 -> sign | (fromDouble(f, 1.0) + (r.nextBoolean() ? 1 : -1));
            default -> sign | f.expMask() | quiet | (r.nextBoolean() ? 0 : 1);
        };
    }

    /** ±2^e, or one or two units in the last place from it (e from the least subnormal up). */
    long nearPowerOfTwo(Fmt f, int e) {
        long bits;
        if (e >= f.emin) {
            bits = (long) (e + f.bias) << (f.p - 1);
        } else {
            bits = 1L << (e - f.qmin());
        }
        bits += r.nextInt(5) - 2;
        long maxFinite = f.expMask() - 1;
        bits = Math.max(0, Math.min(maxFinite, bits));
        return randomSign(f, bits);
    }

    /** A finite value: random sign, random biased exponent (subnormals included), random significand. */
    long randomFinite(Fmt f) {
        long exp = r.nextLong((1L << f.ebits) - 1);
        return randomSign(f, exp << (f.p - 1) | (r.nextLong() & f.mantMask()));
    }

    /** A value of magnitude near 1 (2^-12 .. 2^12), with a random number of significant bits. */
    long moderate(Fmt f) {
        int e = r.nextInt(25) - 12;
        long mant = r.nextLong() & f.mantMask();
        int keep = r.nextInt(f.p);
        mant &= ~((1L << (f.p - 1 - Math.min(keep, f.p - 1))) - 1);
        return randomSign(f, (long) (e + f.bias) << (f.p - 1) | mant);
    }

    /** Something close to v: itself, its negation, the other zero, its neighbours, a power-of-two multiple. */
    long related(Fmt f, long v) {
        long mag = v & ~f.signBit();
        long sign = v & f.signBit();
        return switch (r.nextInt(7)) {
            case 0 -> v;
            case 1 -> v ^ f.signBit();
            case 2 -> mag == 0 ? v ^ f.signBit() : sign | Math.max(0, mag - 1);
            case 3 -> mag >= f.expMask() ? v : sign | (mag + 1);
            case 4 -> sign | Math.min(f.expMask(), Math.max(0, mag + r.nextInt(9) - 4));
            case 5 -> isFinite(f, v) ? fromDouble(f, Math.scalb(toDouble(f, v), r.nextInt(9) - 4)) : v;
            default -> (v ^ f.signBit()) & (r.nextBoolean() ? f.signBit() : -1L) & f.maskAll();
        };
    }

    // ------------------------------------------------------------------------------------------ ties

    /**
     * a + b exactly halfway between two neighbours of a (b = ±(2k+1)/2 ulp(a)), or just off halfway (a sticky bit
     * below the half), or b far below a's last place.
     */
    void addTie(Fmt f, long[] ops) {
        long a = r.nextInt(3) == 0 ? randomFinite(f) : moderate(f);
        if (r.nextInt(8) == 0) { // near the largest finite value: overflow, or a tie with it
            a = (f.expMask() - (1L << (f.p - 1))) | (f.mantMask() - r.nextInt(3));
        }
        if ((a & f.expMask()) == 0) {
            a |= 1L << (f.p - 1); // normal
        }
        int ea = exponent(f, a);
        int ulp = ea - (f.p - 1);
        double b;
        switch (r.nextInt(4)) {
            case 0 -> b = Math.scalb(1.0, ulp - 1);
            case 1 -> b = Math.scalb((double) (2 * r.nextInt(8) + 1), ulp - 1);
            case 2 -> {
                int j = 1 + r.nextInt(f.p - 2);
                b = Math.scalb(1.0, ulp - 1) + (r.nextBoolean() ? 1 : -1) * Math.scalb(1.0, ulp - 1 - j);
            }
            default -> b = Math.scalb(1.0, ulp - 2 - r.nextInt(f.p + 4));
        }
        ops[0] = a;
        ops[1] = randomSign(f, fromDouble(f, Math.abs(b)));
        if (r.nextInt(4) == 0) { // near-cancellation: b close to -a
            ops[1] = related(f, a ^ f.signBit());
        }
    }

    /**
     * A product that is a tie: 3 × M with M odd of p bits below 2^(p+1)/3 has p + 1 significant bits, the last one
     * set. Its exponent is anywhere from the subnormal range to overflow.
     */
    void mulTie(Fmt f, long[] ops) {
        long lo = 1L << (f.p - 1);
        long hi = ((1L << (f.p + 1)) - 1) / 3;
        long m = lo + r.nextLong(hi - lo);
        if (r.nextInt(10) < 7) {
            m |= 1;
        }
        int e = f.qmin() + r.nextInt(f.emax - f.qmin() + 3); // exponent of the product's leading bit
        for (int attempt = 0; attempt < 20; attempt++) {
            // b = M × 2^(eb - p + 1) has exponent eb; a = 3 × 2^qa; the product 3M × 2^(qa + eb - p + 1) has its
            // leading bit at qa + eb + 1 = e.
            int eb = f.emin + r.nextInt(f.emax - f.emin + 1);
            int qa = e - eb - 1;
            if (qa + 1 <= f.emax && qa >= f.qmin()) {
                ops[0] = randomSign(f, fromDouble(f, Math.scalb(3.0, qa)));
                ops[1] = randomSign(f, fromDouble(f, Math.scalb((double) m, eb - (f.p - 1))));
                if (r.nextBoolean()) {
                    long t = ops[0];
                    ops[0] = ops[1];
                    ops[1] = t;
                }
                return;
            }
        }
        ops[1] = related(f, ops[0]);
    }

    /**
     * a × 2^-k (or a / 2^k) is a subnormal exactly halfway between two subnormals (or between the largest
     * subnormal and the least normal): a = (2n+1) × 2^(qmin - 1 + k).
     */
    void subnormalTie(Fmt f, long[] ops, boolean divide) {
        long n = r.nextLong(1L << (f.p - 1));
        if (r.nextInt(4) == 0) {
            n = r.nextInt(4); // the least subnormals
        }
        long odd = 2 * n + 1;
        if (r.nextInt(5) == 0) {
            odd += r.nextBoolean() ? 1 : -1; // not a tie: exact or a quarter
            odd = Math.max(1, odd);
        }
        int len = 64 - Long.numberOfLeadingZeros(odd);
        int kMin = f.emin - (len - 1) - (f.qmin() - 1);
        int k = Math.max(1, kMin + r.nextInt(30));
        k = Math.min(k, -f.qmin());
        double a = Math.scalb((double) odd, f.qmin() - 1 + k);
        ops[0] = randomSign(f, fromDouble(f, a));
        ops[1] = randomSign(f, fromDouble(f, Math.scalb(1.0, divide ? k : -k)));
    }

    /** a = q × b rounded: quotients that are exact or nearly so. */
    void exactQuotient(Fmt f, long[] ops) {
        long q = moderate(f);
        long b = r.nextBoolean() ? moderate(f) : randomFinite(f);
        ops[1] = b;
        ops[0] = mul(f, q, b);
    }

    /** Perfect squares and their neighbours, at any exponent. */
    void square(Fmt f, long[] ops) {
        long m = 1 + r.nextLong(1L << (f.p / 2));
        int e = (r.nextInt(f.emax - f.p - f.qmin()) + f.qmin()) / 2;
        long v = fromDouble(f, Math.scalb((double) (m * m), 2 * e));
        if (r.nextBoolean()) {
            v += r.nextInt(5) - 2;
        }
        ops[0] = Math.max(0, v) & ~f.signBit() | (r.nextInt(8) == 0 ? f.signBit() : 0);
    }

    /** Fused multiply-adds whose single rounding matters, and the invalid ∞ × 0 + NaN. */
    void fma(Fmt f, long[] ops) {
        switch (r.nextInt(6)) {
            case 0 -> { // c = -(a × b rounded): the result is the product's rounding error
                long p = mul(f, ops[0], ops[1]);
                ops[2] = r.nextInt(4) == 0 ? p : p ^ f.signBit();
            }
            case 1 -> { // a tie in the product, c tiny or zero: the rounding of the sum decides
                mulTie(f, ops);
                long p = mul(f, ops[0], ops[1]);
                int e = isFinite(f, p) && (p & f.expMask()) != 0 ? exponent(f, p) : f.emin;
                ops[2] = switch (r.nextInt(4)) {
                    case 0 -> randomSign(f, 0);
                    case 1 -> randomSign(f, 1);
                    default -> randomSign(f, fromDouble(f, Math.scalb(1.0, e - f.p - 1 - r.nextInt(40))));
                };
            }
            case 2 -> { // a × 1 (or a power of two) + c, an addition tie
                long[] t = new long[2];
                addTie(f, t);
                ops[0] = t[0];
                ops[1] = randomSign(f, fromDouble(f, 1.0));
                ops[2] = t[1];
            }
            case 3 -> { // ∞ × 0 + anything, a NaN included
                ops[0] = randomSign(f, f.expMask());
                ops[1] = randomSign(f, 0);
                ops[2] = r.nextBoolean() ? f.expMask() | 1L << (f.p - 2) | (r.nextLong() & 0xff) : value(f);
                if (r.nextBoolean()) {
                    long t = ops[0];
                    ops[0] = ops[1];
                    ops[1] = t;
                }
            }
            case 4 -> { // a product that overflows or underflows, with c of the opposite sign near it
                ops[0] = nearPowerOfTwo(f, f.emax / 2 + r.nextInt(4));
                ops[1] = nearPowerOfTwo(f, r.nextBoolean() ? f.emax / 2 + r.nextInt(4) : -f.emax / 2 - r.nextInt(30));
                long p = mul(f, ops[0], ops[1]);
                ops[2] = related(f, p ^ f.signBit());
            }
            default -> { // a product with a wide significand, c cancelling most of it
                ops[0] = randomSign(f, (long) (f.bias + r.nextInt(8)) << (f.p - 1) | (r.nextLong() & f.mantMask()));
                ops[1] = randomSign(f, (long) (f.bias + r.nextInt(8)) << (f.p - 1) | (r.nextLong() & f.mantMask()));
                long p = mul(f, ops[0], ops[1]);
                ops[2] = related(f, p ^ f.signBit());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ conversions

    private static final double P31 = 0x1p31, P32 = 0x1p32, P53 = 0x1p53, P63 = 0x1p63, P64 = 0x1p64;
    private static final double[] FLOAT_BOUNDARIES = {
        0, 0.5, 1, 1.5, 2.5, 3.5, 0.25, 0.75, 0.4999999999999999, 1 - 0x1p-53,
        P31, P31 - 0.5, P31 + 0.5, P31 - 1, P31 + 1, P31 - 1.5, P31 + 1.5,
        P32, P32 - 0.5, P32 + 0.5, P32 - 1, P32 + 1,
        P53, P53 - 1, P53 + 2, P53 + 1,
        P63, P63 - 1024, P63 + 2048, P63 - 512,
        P64, P64 - 2048, P64 + 4096, 0x1p65, 0x1p100, 0x1p24, 0x1p24 + 1, 0x1p23 + 0.5,
    };

    /** A float at or next to an integer conversion's boundary, ±, or an integer and a half. */
    long conversionBoundary(Fmt f) {
        int k = r.nextInt(10);
        double d;
        if (k < 6) {
            d = FLOAT_BOUNDARIES[r.nextInt(FLOAT_BOUNDARIES.length)];
        } else if (k < 8) {
            long n = r.nextLong() >>> r.nextInt(64);
            d = (double) n + (r.nextBoolean() ? 0.5 : 0);
        } else {
            d = Math.scalb(1.0 + r.nextDouble(), r.nextInt(70) - 4);
        }
        long bits = fromDouble(f, r.nextBoolean() ? d : -d);
        if (r.nextInt(3) == 0 && (bits & ~f.signBit()) != 0) {
            bits += r.nextBoolean() ? 1 : -1; // a neighbour
        }
        if (r.nextInt(12) == 0) {
            bits = specialValue(f);
        }
        return bits;
    }

    /** An integer operand (the whole of a1) for an int-to-float conversion of the variant's width. */
    long integer(Variant v) {
        int p = v.dst().p;
        long n;
        switch (r.nextInt(8)) {
            case 0 -> {
                long[] edges = {0, 1, -1, 2, 1L << 31, -(1L << 31), (1L << 31) - 1, (1L << 32) - 1, 1L << 32,
                    Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1, (1L << 53) - 1, -(1L << 53) - 1,
                    (1L << 24) + 1, (1L << 24) - 1, (1L << 25) + 3, -(1L << 24) - 1, Long.MIN_VALUE + 1,
                    (1L << 31) + 1, -(1L << 31) + 1, 0xffff_ff80L, 0xffff_ff7fL, -129, 0x7fff_ffc0L};
                n = edges[r.nextInt(edges.length)];
            }
            case 1, 2 -> { // a tie: p + 1 significant bits, the last one set, shifted anywhere
                long odd = (1L << p) | (r.nextLong() & ((1L << p) - 1)) | 1;
                n = odd << r.nextInt(Math.max(1, (v.intWidth() == 32 && p < 31 ? 32 : 64) - p));
                if (r.nextBoolean()) {
                    n = -n;
                }
            }
            case 3 -> { // a near tie or more bits than the precision
                int bits = p + 1 + r.nextInt(Math.max(1, 64 - p));
                n = (1L << (bits - 1)) | (r.nextLong() & ((1L << (bits - 1)) - 1));
                if (r.nextBoolean()) {
                    n ^= 1L << (bits - p - 1); // flip the half bit
                }
                if (r.nextBoolean()) {
                    n = -n;
                }
            }
            case 4 -> n = r.nextLong() >> r.nextInt(64);
            case 5 -> n = r.nextInt();
            case 6 -> n = r.nextInt(2001) - 1000;
            default -> n = r.nextLong();
        }
        if (v.intWidth() == 32) {
            // The instruction reads only the low half; the upper is its sign extension, zeros or garbage.
            long low = n & 0xffff_ffffL;
            if (r.nextInt(100) < 30) {
                low = (low << 32 >> 32 >>> r.nextInt(32)) & 0xffff_ffffL;
            }
            n = switch (r.nextInt(3)) {
                case 0 -> (long) (int) low;
                case 1 -> low;
                default -> r.nextLong() << 32 | low;
            };
        }
        return n;
    }

    /** A double for fcvt.s.d: ties and near ties at single precision, overflow and underflow boundaries. */
    long narrowing() {
        Fmt s = Fmt.S;
        double d;
        switch (r.nextInt(6)) {
            case 0 -> { // 25 significant bits, the last set: a tie for a normal single
                long odd = (1L << 24) | (r.nextLong() & 0xff_ffffL) | 1;
                d = Math.scalb((double) odd, s.emin - 24 + r.nextInt(s.emax - s.emin + 1));
            }
            case 1 -> { // a tie, or a near tie, in the single subnormal range
                long odd = 2 * r.nextLong(1L << 23) + 1;
                d = Math.scalb((double) odd, s.qmin() - 1);
                if (r.nextBoolean()) {
                    d = Math.nextAfter(d, r.nextBoolean() ? 0 : Double.MAX_VALUE);
                }
            }
            case 2 -> { // around the largest single, half an ulp beyond it and the overflow threshold
                double[] around = {Float.MAX_VALUE, 0x1.ffffffp127, 0x1p128, 0x1.fffffefffffffp127,
                    Math.nextUp(0x1.ffffffp127), Float.MIN_VALUE / 2, Float.MIN_VALUE, Float.MIN_NORMAL,
                    0x1.fffffcp-127, 0x1.fffffep-127, 0x1.fffffdp-127, Float.MIN_VALUE * 1.5, 0x1p-150 * 0.75};
                d = around[r.nextInt(around.length)];
                if (r.nextBoolean()) {
                    d = Math.nextAfter(d, r.nextBoolean() ? 0 : Double.MAX_VALUE);
                }
            }
            case 3 -> d = Math.scalb(1.0 + r.nextDouble(), s.qmin() - 30 + r.nextInt(s.emax - s.qmin() + 60));
            case 4 -> d = (double) Float.intBitsToFloat((int) value(s)); // exactly a single
            default -> {
                return value(Fmt.D);
            }
        }
        return r.nextBoolean() ? Double.doubleToRawLongBits(d) : Double.doubleToRawLongBits(-d);
    }

    // ------------------------------------------------------------------------------------------ helpers

    long randomSign(Fmt f, long magnitude) {
        return r.nextBoolean() ? magnitude | f.signBit() : magnitude;
    }

    static boolean isNaN(Fmt f, long bits) {
        return (bits & f.expMask()) == f.expMask() && (bits & f.mantMask()) != 0;
    }

    static boolean isFinite(Fmt f, long bits) {
        return (bits & f.expMask()) != f.expMask();
    }

    /** The unbiased exponent of a normal value. */
    static int exponent(Fmt f, long bits) {
        return (int) ((bits & f.expMask()) >>> (f.p - 1)) - f.bias;
    }

    static long fromDouble(Fmt f, double d) {
        return f == Fmt.D ? Double.doubleToRawLongBits(d) : Float.floatToRawIntBits((float) d) & 0xffff_ffffL;
    }

    static double toDouble(Fmt f, long bits) {
        return f == Fmt.D ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }

    /** a × b rounded to nearest in the format (Java's arithmetic). */
    static long mul(Fmt f, long a, long b) {
        if (f == Fmt.D) {
            return Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b));
        }
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b)) & 0xffff_ffffL;
    }
}
