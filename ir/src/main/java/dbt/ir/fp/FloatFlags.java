package dbt.ir.fp;

/**
 * A mutable accumulator of IEEE 754 exception flags, reused by callers so that operations allocate nothing. The
 * bit values are RISC-V's fflags layout (NV, DZ, OF, UF, NX from bit 4 down to bit 0). Operations only ever OR
 * flags in; nothing here clears them except {@link #clear}.
 */
public final class FloatFlags {
    public static final int INVALID = 16;
    public static final int DIVIDE_BY_ZERO = 8;
    public static final int OVERFLOW = 4;
    public static final int UNDERFLOW = 2;
    public static final int INEXACT = 1;

    /** The accrued flags. */
    public int bits;

    public FloatFlags() {}

    public FloatFlags(int bits) {
        this.bits = bits;
    }

    public void raise(int f) {
        bits |= f;
    }

    public void clear() {
        bits = 0;
    }

    @Override
    public String toString() {
        return describe(bits);
    }

    /** The flags as a short text such as "NV|NX", or "-" when none is set. */
    public static String describe(int bits) {
        StringBuilder s = new StringBuilder();
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        for (int i = 4; i >= 0; i--) {
            if ((bits & (1 << i)) != 0) {
                s.append(s.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        return s.isEmpty() ? "-" : s.toString();
    }
}
