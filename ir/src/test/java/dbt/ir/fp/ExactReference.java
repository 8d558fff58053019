package dbt.ir.fp;

import java.math.BigInteger;

/**
 * An independent, slow, obviously-exact model of the arithmetic in {@code dbt.ir.fp}, used only by the tests:
 * operands are decoded into exact rationals (BigInteger numerator / power-of-two or general denominator), the exact
 * result is computed, and one generic routine rounds it to the format by the IEEE 754 rules as specialised for
 * RISC-V (tininess after rounding, UNDERFLOW only when tiny and inexact, saturating integer conversions). It shares
 * no code with the implementation: formats are described by their own constants here.
 *
 * <p>Results are {@link R}: the bit pattern and the flags raised.
 */
final class ExactReference {
    private ExactReference() {}

    record R(long bits, int flags) {
        @Override
        public String toString() {
            return String.format("0x%x %s", bits, FloatFlags.describe(flags));
        }
    }

    /** A format described independently: width, precision (with hidden bit), exponent field width. */
    record Fmt(int width, int p, int ebits) {
        int bias() { return (1 << (ebits - 1)) - 1; }
        int emin() { return 1 - bias(); }
        int emax() { return bias(); }
        long signBit() { return 1L << (width - 1); }
        long expAllOnes() { return (1L << ebits) - 1; }
        long quiet() { return 1L << (p - 2); }
        long inf() { return expAllOnes() << (p - 1); }
        long defaultNaN() { return inf() | quiet(); }
        long maxFinite() { return inf() - 1; }
    }

    static final Fmt F32 = new Fmt(32, 24, 8);
    static final Fmt F64 = new Fmt(64, 53, 11);

    static Fmt of(FloatFormat f) {
        return f == FloatFormat.BINARY32 ? F32 : F64;
    }

    // ---------------------------------------------------------------- rationals

    /** num / den, den > 0; not necessarily reduced. */
    record Rat(BigInteger num, BigInteger den) {
        static Rat of(BigInteger n) { return new Rat(n, BigInteger.ONE); }
        static Rat pow2(BigInteger m, int e) {
            return e >= 0 ? new Rat(m.shiftLeft(e), BigInteger.ONE) : new Rat(m, BigInteger.ONE.shiftLeft(-e));
        }
        int signum() { return num.signum(); }
        Rat add(Rat o) { return new Rat(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)); }
        Rat negate() { return new Rat(num.negate(), den); }
        Rat mul(Rat o) { return new Rat(num.multiply(o.num), den.multiply(o.den)); }
        Rat div(Rat o) {
            BigInteger n = num.multiply(o.den);
            BigInteger d = den.multiply(o.num);
            return d.signum() < 0 ? new Rat(n.negate(), d.negate()) : new Rat(n, d);
        }
        Rat abs() { return new Rat(num.abs(), den); }
        int compareTo(Rat o) { return num.multiply(o.den).compareTo(o.num.multiply(den)); }
    }

    // ---------------------------------------------------------------- decoding

    enum Kind { ZERO, FINITE, INF, QNAN, SNAN }

    record Val(Kind kind, boolean neg, Rat value, long bits) {
        boolean nan() { return kind == Kind.QNAN || kind == Kind.SNAN; }
    }

    static Val decode(Fmt f, long bits) {
        bits = f.width == 32 ? bits & 0xFFFF_FFFFL : bits;
        boolean neg = (bits & f.signBit()) != 0;
        long e = (bits >>> (f.p - 1)) & f.expAllOnes();
        long frac = bits & ((1L << (f.p - 1)) - 1);
        if (e == f.expAllOnes()) {
            if (frac == 0) return new Val(Kind.INF, neg, null, bits);
            return new Val((frac & f.quiet()) != 0 ? Kind.QNAN : Kind.SNAN, neg, null, bits);
        }
        if (e == 0 && frac == 0) return new Val(Kind.ZERO, neg, Rat.of(BigInteger.ZERO), bits);
        BigInteger m = BigInteger.valueOf(e == 0 ? frac : frac | (1L << (f.p - 1)));
        int exp = (int) (e == 0 ? 1 : e) - f.bias() - (f.p - 1);
        Rat v = Rat.pow2(m, exp);
        return new Val(Kind.FINITE, neg, neg ? v.negate() : v, bits);
    }

    // ---------------------------------------------------------------- rounding

    /** floor(|x| / 2^k) rounded per mode (neg tells the direction for DOWN/UP); remainder sign in out[0]. */
    private static BigInteger roundScaled(Rat absX, int k, boolean neg, RoundingMode rm, boolean[] inexact) {
        BigInteger n = absX.num;
        BigInteger d = absX.den;
        if (k <= 0) n = n.shiftLeft(-k);
        else d = d.shiftLeft(k);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        inexact[0] = r.signum() != 0;
        if (r.signum() == 0) return q;
        int half = r.shiftLeft(1).compareTo(d);
        boolean up = switch (rm) {
            case NEAREST_EVEN -> half > 0 || (half == 0 && q.testBit(0));
            case NEAREST_MAX_MAGNITUDE -> half >= 0;
            case TOWARD_ZERO -> false;
            case DOWN -> neg;
            case UP -> !neg;
        };
        return up ? q.add(BigInteger.ONE) : q;
    }

    /** floor(log2(|x|)) for x != 0. */
    static int ilog2(Rat absX) {
        int e = absX.num.bitLength() - absX.den.bitLength();
        // 2^e <= x ?
        Rat p = Rat.pow2(BigInteger.ONE, e);
        if (absX.compareTo(p) < 0) e--;
        return e;
    }

    /** Rounds the nonzero exact value x to format f. */
    static R round(Fmt f, Rat x, RoundingMode rm) {
        boolean neg = x.signum() < 0;
        Rat a = x.abs();
        int e = ilog2(a);
        boolean[] inex = new boolean[1];
        // unbounded exponent range, for overflow and tininess
        BigInteger nu = roundScaled(a, e - (f.p - 1), neg, rm, inex);
        int eu = e;
        if (nu.bitLength() > f.p) eu++; // rounded up to the next power of two
        long sign = neg ? f.signBit() : 0;
        if (eu > f.emax()) {
            boolean inf = switch (rm) {
                case NEAREST_EVEN, NEAREST_MAX_MAGNITUDE -> true;
                case TOWARD_ZERO -> false;
                case DOWN -> neg;
                case UP -> !neg;
            };
            return new R(sign | (inf ? f.inf() : f.maxFinite()), FloatFlags.OVERFLOW | FloatFlags.INEXACT);
        }
        boolean tiny = eu < f.emin();
        int k = Math.max(e, f.emin()) - (f.p - 1);
        BigInteger n = roundScaled(a, k, neg, rm, inex);
        int flags = inex[0] ? FloatFlags.INEXACT | (tiny ? FloatFlags.UNDERFLOW : 0) : 0;
        if (n.signum() == 0) return new R(sign, flags);
        if (n.bitLength() > f.p) { // carried to 2^p
            n = n.shiftRight(1);
            k++;
        }
        long bits;
        if (n.bitLength() == f.p) {
            long biased = k + (f.p - 1) + f.bias();
            bits = (biased << (f.p - 1)) | (n.longValueExact() & ((1L << (f.p - 1)) - 1));
        } else {
            bits = n.longValueExact(); // subnormal, k == emin - (p-1)
        }
        return new R(sign | bits, flags);
    }

    // ---------------------------------------------------------------- NaN rule

    /** First NaN of vs quieted, INVALID if any is signalling (null if none is a NaN). */
    private static R nanResult(Fmt f, int extraFlags, Val... vs) {
        int flags = extraFlags;
        Long first = null;
        for (Val v : vs) {
            if (v.kind == Kind.SNAN) flags |= FloatFlags.INVALID;
            if (v.nan() && first == null) first = v.bits | f.quiet();
        }
        if (first == null) return null;
        return new R(first, flags);
    }

    private static R invalid(Fmt f) {
        return new R(f.defaultNaN(), FloatFlags.INVALID);
    }

    private static long zero(Fmt f, boolean neg) {
        return neg ? f.signBit() : 0;
    }

    private static long inf(Fmt f, boolean neg) {
        return zero(f, neg) | f.inf();
    }

    // ---------------------------------------------------------------- operations

    static R add(Fmt f, long a, long b, RoundingMode rm) {
        return addVals(f, decode(f, a), decode(f, b), false, rm);
    }

    static R sub(Fmt f, long a, long b, RoundingMode rm) {
        return addVals(f, decode(f, a), decode(f, b), true, rm);
    }

    private static R addVals(Fmt f, Val a, Val b, boolean negateB, RoundingMode rm) {
        R nan = nanResult(f, 0, a, b);
        if (nan != null) return nan;
        boolean negB = b.neg ^ negateB;
        if (a.kind == Kind.INF && b.kind == Kind.INF) return a.neg == negB ? new R(inf(f, a.neg), 0) : invalid(f);
        if (a.kind == Kind.INF) return new R(inf(f, a.neg), 0);
        if (b.kind == Kind.INF) return new R(inf(f, negB), 0);
        Rat bv = negateB ? b.value.negate() : b.value;
        Rat s = a.value.add(bv);
        if (s.signum() == 0) {
            boolean bothZero = a.kind == Kind.ZERO && b.kind == Kind.ZERO;
            if (bothZero && a.neg == negB) return new R(zero(f, a.neg), 0);
            return new R(zero(f, rm == RoundingMode.DOWN), 0);
        }
        return round(f, s, rm);
    }

    static R mul(Fmt f, long a, long b, RoundingMode rm) {
        Val x = decode(f, a);
        Val y = decode(f, b);
        R nan = nanResult(f, 0, x, y);
        if (nan != null) return nan;
        boolean neg = x.neg ^ y.neg;
        boolean anyInf = x.kind == Kind.INF || y.kind == Kind.INF;
        boolean anyZero = x.kind == Kind.ZERO || y.kind == Kind.ZERO;
        if (anyInf) return anyZero ? invalid(f) : new R(inf(f, neg), 0);
        if (anyZero) return new R(zero(f, neg), 0);
        return round(f, x.value.mul(y.value), rm);
    }

    static R div(Fmt f, long a, long b, RoundingMode rm) {
        Val x = decode(f, a);
        Val y = decode(f, b);
        R nan = nanResult(f, 0, x, y);
        if (nan != null) return nan;
        boolean neg = x.neg ^ y.neg;
        if (x.kind == Kind.INF) return y.kind == Kind.INF ? invalid(f) : new R(inf(f, neg), 0);
        if (y.kind == Kind.INF) return new R(zero(f, neg), 0);
        if (y.kind == Kind.ZERO) {
            return x.kind == Kind.ZERO ? invalid(f) : new R(inf(f, neg), FloatFlags.DIVIDE_BY_ZERO);
        }
        if (x.kind == Kind.ZERO) return new R(zero(f, neg), 0);
        return round(f, x.value.div(y.value), rm);
    }

    static R fma(Fmt f, long a, long b, long c, RoundingMode rm) {
        Val x = decode(f, a);
        Val y = decode(f, b);
        Val z = decode(f, c);
        boolean infTimesZero = (x.kind == Kind.INF && y.kind == Kind.ZERO)
                || (x.kind == Kind.ZERO && y.kind == Kind.INF);
        R nan = nanResult(f, infTimesZero ? FloatFlags.INVALID : 0, x, y, z);
        if (nan != null) return nan;
        if (infTimesZero) return invalid(f);
        boolean negP = x.neg ^ y.neg;
        boolean infP = x.kind == Kind.INF || y.kind == Kind.INF;
        if (infP && z.kind == Kind.INF) return negP == z.neg ? new R(inf(f, negP), 0) : invalid(f);
        if (infP) return new R(inf(f, negP), 0);
        if (z.kind == Kind.INF) return new R(inf(f, z.neg), 0);
        Rat s = x.value.mul(y.value).add(z.value);
        if (s.signum() == 0) {
            boolean prodZero = x.kind == Kind.ZERO || y.kind == Kind.ZERO;
            if (prodZero && z.kind == Kind.ZERO && negP == z.neg) return new R(zero(f, negP), 0);
            return new R(zero(f, rm == RoundingMode.DOWN), 0);
        }
        return round(f, s, rm);
    }

    static R sqrt(Fmt f, long a, RoundingMode rm) {
        Val x = decode(f, a);
        R nan = nanResult(f, 0, x);
        if (nan != null) return nan;
        if (x.kind == Kind.ZERO) return new R(x.bits, 0);
        if (x.neg) return invalid(f);
        if (x.kind == Kind.INF) return new R(x.bits, 0);
        // x = m * 2^e exactly (den a power of two). Scale by an even power 2^(2s) so that the integer square
        // root has at least p + 3 bits; then sqrt(x) lies in [r, r+1) * 2^-s, and r + 1/2 (when inexact) rounds
        // exactly like the true root since it lies strictly between the same grid points at that fineness.
        BigInteger m = x.value.num;
        int e = -(x.value.den.bitLength() - 1);
        int s = 2 * f.p + 10 + (e < 0 ? (-e + 1) / 2 : 0);
        // x * 2^(2s) = m * 2^(e + 2s): make sure that exponent is a nonnegative integer
        BigInteger scaled = m.shiftLeft(e + 2 * s);
        BigInteger[] rr = scaled.sqrtAndRemainder();
        Rat root;
        if (rr[1].signum() == 0) {
            root = Rat.pow2(rr[0], -s);
        } else {
            root = Rat.pow2(rr[0].shiftLeft(1).add(BigInteger.ONE), -s - 1);
        }
        return round(f, root, rm);
    }

    static R convert(Fmt from, Fmt to, long a, RoundingMode rm) {
        Val x = decode(from, a);
        if (x.nan()) {
            long frac = x.bits & ((1L << (from.p - 1)) - 1);
            int shift = to.p - from.p;
            frac = shift >= 0 ? frac << shift : frac >>> -shift;
            return new R(zero(to, x.neg) | to.inf() | to.quiet() | frac, x.kind == Kind.SNAN ? FloatFlags.INVALID : 0);
        }
        if (x.kind == Kind.INF) return new R(inf(to, x.neg), 0);
        if (x.kind == Kind.ZERO) return new R(zero(to, x.neg), 0);
        return round(to, x.value, rm);
    }

    static R toInt(Fmt f, long a, int intBits, boolean signed, RoundingMode rm) {
        Val x = decode(f, a);
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(intBits - 1).negate() : BigInteger.ZERO;
        BigInteger max = (signed ? BigInteger.ONE.shiftLeft(intBits - 1) : BigInteger.ONE.shiftLeft(intBits))
                .subtract(BigInteger.ONE);
        BigInteger mask = BigInteger.ONE.shiftLeft(intBits).subtract(BigInteger.ONE);
        if (x.nan()) return new R(0, FloatFlags.INVALID);
        if (x.kind == Kind.INF) return new R((x.neg ? min : max).and(mask).longValue(), FloatFlags.INVALID);
        if (x.kind == Kind.ZERO) return new R(0, 0);
        boolean[] inex = new boolean[1];
        BigInteger n = roundScaled(x.value.abs(), 0, x.neg, rm, inex);
        if (x.neg) n = n.negate();
        if (n.compareTo(min) < 0) return new R(min.and(mask).longValue(), FloatFlags.INVALID);
        if (n.compareTo(max) > 0) return new R(max.and(mask).longValue(), FloatFlags.INVALID);
        return new R(n.and(mask).longValue(), inex[0] ? FloatFlags.INEXACT : 0);
    }

    static R fromInt(Fmt f, long value, int intBits, boolean signed, RoundingMode rm) {
        BigInteger v = BigInteger.valueOf(value).and(BigInteger.ONE.shiftLeft(intBits).subtract(BigInteger.ONE));
        if (signed && v.testBit(intBits - 1)) v = v.subtract(BigInteger.ONE.shiftLeft(intBits));
        if (v.signum() == 0) return new R(0, 0);
        return round(f, Rat.of(v), rm);
    }

    /** -1, 0, 1 for ordered operands, or 2 when unordered. */
    static int compare(Fmt f, long a, long b) {
        Val x = decode(f, a);
        Val y = decode(f, b);
        if (x.nan() || y.nan()) return 2;
        return Integer.signum(extended(x).compareTo(extended(y)));
    }

    /** Orders infinities beyond every finite value: maps to a rational scaled well past the largest finite. */
    private static Rat extended(Val v) {
        if (v.kind == Kind.INF) {
            BigInteger huge = BigInteger.ONE.shiftLeft(2000);
            return Rat.of(v.neg ? huge.negate() : huge);
        }
        return v.value;
    }
}
