package dbt.ir;

/** The types of IR values: a boolean, or an integer of 8, 16, 32 or 64 bits (no signedness: ops carry it). */
public enum Type {
    I1(1), I8(8), I16(16), I32(32), I64(64);

    public final int bits;

    Type(int bits) {
        this.bits = bits;
    }

    public long mask() {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** The smallest integer type that holds bits bits. */
    public static Type holding(int bits) {
        if (bits <= 8) {
            return I8;
        }
        if (bits <= 16) {
            return I16;
        }
        return bits <= 32 ? I32 : I64;
    }

    public String text() {
        return name().toLowerCase();
    }
}
