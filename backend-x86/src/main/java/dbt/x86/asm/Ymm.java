package dbt.x86.asm;

/**
 * An AVX register, ymm0..ymm15, by its {@code number} 0..15: the 256-bit register whose low 128 bits are
 * {@link Xmm} of the same number. Every register has exactly one instance, so {@code ==} is equality.
 */
public final class Ymm {
    private static final Ymm[] ALL = new Ymm[16];

    static {
        for (int n = 0; n < 16; n++) {
            ALL[n] = new Ymm(n);
        }
    }

    private final int number;
    private final String name;

    private Ymm(int number) {
        this.number = number;
        this.name = "ymm" + number;
    }

    /** The register ymm{@code n}. */
    public static Ymm of(int n) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("ymm register number out of range 0..15: " + n);
        }
        return ALL[n];
    }

    /** The ymm register whose low half is x. */
    public static Ymm of(Xmm x) {
        return ALL[x.number()];
    }

    public int number() {
        return number;
    }

    /** The name objdump prints, {@code ymm0} .. {@code ymm15}. */
    @Override
    public String toString() {
        return name;
    }
}
