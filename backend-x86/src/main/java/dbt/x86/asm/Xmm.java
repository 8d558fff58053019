package dbt.x86.asm;

/**
 * An SSE register, xmm0..xmm15, by its {@code number} 0..15. The scalar instructions use its low 64 bits (a double)
 * or low 32 bits (a single); the register has no width of its own, so unlike {@link Gp} there is one view of each.
 * Every register has exactly one instance, so {@code ==} is equality.
 *
 * <p>Numbers 8..15 need a REX (or VEX) extension bit, as r8..r15 do; the encoders take the number itself.
 */
public final class Xmm {
    private static final Xmm[] ALL = new Xmm[16];

    static {
        for (int n = 0; n < 16; n++) {
            ALL[n] = new Xmm(n);
        }
    }

    public static final Xmm XMM0 = of(0), XMM1 = of(1), XMM2 = of(2), XMM3 = of(3), XMM4 = of(4), XMM5 = of(5),
            XMM6 = of(6), XMM7 = of(7);
    public static final Xmm XMM8 = of(8), XMM9 = of(9), XMM10 = of(10), XMM11 = of(11), XMM12 = of(12),
            XMM13 = of(13), XMM14 = of(14), XMM15 = of(15);

    private final int number;
    private final String name;

    private Xmm(int number) {
        this.number = number;
        this.name = "xmm" + number;
    }

    /** The register xmm{@code n}. */
    public static Xmm of(int n) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("xmm register number out of range 0..15: " + n);
        }
        return ALL[n];
    }

    public int number() {
        return number;
    }

    /** The name objdump prints, {@code xmm0} .. {@code xmm15}. */
    @Override
    public String toString() {
        return name;
    }
}
