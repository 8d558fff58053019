package dbt.x86.asm;

/**
 * A memory operand {@code size PTR [base + index*scale + disp]}, or {@code [rip + label + disp]}.
 *
 * <ul>
 *   <li>{@code base}: a 64-bit register, or null (then the address is {@code index*scale + disp32}, or the absolute
 *       {@code disp32} when there is no index either);</li>
 *   <li>{@code ripTarget}: a label for RIP-relative addressing; then base and index are null;</li>
 *   <li>{@code index}: a 64-bit register other than RSP, or null; {@code scale} is 1, 2, 4 or 8 (1 without index);</li>
 *   <li>{@code size}: the access width in bytes, 1, 2, 4 or 8, 16 or 32 for an xmm or ymm register's whole width
 *       ({@code lea} ignores it).</li>
 * </ul>
 */
public record Mem(Gp base, Label ripTarget, Gp index, int scale, int disp, int size) {

    public Mem {
        if (size != 16 && size != 32) {
            Gp.log2Size(size);
        }
        if (base != null && base.size() != 8) {
            throw new IllegalArgumentException("base register must be 64-bit: " + base);
        }
        if (index != null && index.size() != 8) {
            throw new IllegalArgumentException("index register must be 64-bit: " + index);
        }
        if (index != null && index.number() == 4) {
            throw new IllegalArgumentException("rsp cannot be an index register");
        }
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 1, 2, 4 or 8: " + scale);
        }
        if (index == null && scale != 1) {
            throw new IllegalArgumentException("scale without index register");
        }
        if (ripTarget != null && (base != null || index != null)) {
            throw new IllegalArgumentException("a RIP-relative operand has no base or index register");
        }
    }

    /** {@code [base + index*scale + disp]} of {@code size} bytes. */
    public static Mem of(int size, Gp base, Gp index, int scale, int disp) {
        return new Mem(base, null, index, scale, disp, size);
    }

    /** {@code [base + disp]} of {@code size} bytes. */
    public static Mem of(int size, Gp base, int disp) {
        return new Mem(base, null, null, 1, disp, size);
    }

    /** {@code [index*scale + disp32]}: no base register. */
    public static Mem indexOnly(int size, Gp index, int scale, int disp) {
        return new Mem(null, null, index, scale, disp, size);
    }

    /** The absolute address {@code [disp32]} (sign-extended to 64 bits). */
    public static Mem absolute(int size, int address) {
        return new Mem(null, null, null, 1, address, size);
    }

    /** {@code [rip + target]}: the address of a label in the same code. */
    public static Mem rip(int size, Label target) {
        return rip(size, target, 0);
    }

    /** {@code [rip + target + disp]}. */
    public static Mem rip(int size, Label target, int disp) {
        if (target == null) {
            throw new IllegalArgumentException("RIP-relative operand needs a label");
        }
        return new Mem(null, target, null, 1, disp, size);
    }

    public static Mem q(Gp base) {
        return of(8, base, 0);
    }

    public static Mem q(Gp base, int disp) {
        return of(8, base, disp);
    }

    public static Mem q(Gp base, Gp index, int scale, int disp) {
        return of(8, base, index, scale, disp);
    }

    public static Mem d(Gp base) {
        return of(4, base, 0);
    }

    public static Mem d(Gp base, int disp) {
        return of(4, base, disp);
    }

    public static Mem d(Gp base, Gp index, int scale, int disp) {
        return of(4, base, index, scale, disp);
    }

    public static Mem w(Gp base) {
        return of(2, base, 0);
    }

    public static Mem w(Gp base, int disp) {
        return of(2, base, disp);
    }

    public static Mem w(Gp base, Gp index, int scale, int disp) {
        return of(2, base, index, scale, disp);
    }

    public static Mem b(Gp base) {
        return of(1, base, 0);
    }

    public static Mem b(Gp base, int disp) {
        return of(1, base, disp);
    }

    public static Mem b(Gp base, Gp index, int scale, int disp) {
        return of(1, base, index, scale, disp);
    }

    /** The same address accessed at another width. */
    public Mem withSize(int newSize) {
        return new Mem(base, ripTarget, index, scale, disp, newSize);
    }

    public boolean isRipRelative() {
        return ripTarget != null;
    }

    /** The operand as objdump prints it, e.g. {@code QWORD PTR [r15+0x58]}, {@code BYTE PTR [r14+rcx*1]}. */
    @Override
    public String toString() {
        return Listing.mem(this, true);
    }
}
