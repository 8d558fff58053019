package dbt.x86.backend;

/**
 * The host's SSE control and status register as translated code uses it for the guest's floating point: the
 * rounding-control field for the language's rounding modes, all exceptions masked, and the sticky flags read back
 * as IEEE flags (invalid, divide-by-zero, overflow, underflow, inexact: bits 4 to 0, the language's order).
 */
public final class Mxcsr {
    private Mxcsr() {}

    /** All six exceptions masked, nearest-even, no flags: nothing traps and the guest's flags accrue. */
    public static final int MASKED = 0x1f80;
    /** The rounding-control field. */
    public static final int ROUNDING_MASK = 0x6000;

    /** Whether x86 has the language's rounding mode (0 nearest-even, 1 toward zero, 2 down, 3 up; not 4). */
    public static boolean hasMode(long mode) {
        return mode >= 0 && mode <= 3;
    }

    /** The rounding-control bits for one of the language's modes 0..3. */
    public static int roundingControl(long mode) {
        return switch ((int) mode) {
            case 0 -> 0x0000;
            case 1 -> 0x6000;
            case 2 -> 0x2000;
            case 3 -> 0x4000;
            default -> throw new IllegalArgumentException("x86 has no rounding mode " + mode);
        };
    }

    /** roundsd's immediate for one of the language's modes 0..3: the rounding-control field's own two bits. */
    public static int roundImmediate(long mode) {
        return roundingControl(mode) >> 13;
    }

    /** The IEEE flags among an MXCSR value's sticky bits (IE ZE OE UE PE; DE, a denormal operand, is x86's own). */
    public static int ieeeFlags(int mxcsr) {
        return ((mxcsr & 0x01) << 4)    // IE: invalid
                | ((mxcsr & 0x04) << 1) // ZE: divide by zero
                | ((mxcsr & 0x08) >> 1) // OE: overflow
                | ((mxcsr & 0x10) >> 3) // UE: underflow
                | ((mxcsr & 0x20) >> 5); // PE: inexact
    }
}
