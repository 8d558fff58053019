package dbt.ir.fp;

/**
 * The five IEEE 754 rounding-direction attributes, in the order of their codes 0..4 (which is also RISC-V's frm
 * encoding): nearest ties-to-even, toward zero, toward -infinity, toward +infinity, nearest ties-away-from-zero.
 * The ordinal of each constant is its code.
 */
public enum RoundingMode {
    NEAREST_EVEN,
    TOWARD_ZERO,
    DOWN,
    UP,
    NEAREST_MAX_MAGNITUDE;

    private static final RoundingMode[] BY_CODE = values();

    /** The mode with the given code 0..4, else {@link IllegalArgumentException}. */
    public static RoundingMode ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no rounding mode with code " + code);
        }
        return BY_CODE[code];
    }

    /** This mode's code, 0..4. */
    public int code() {
        return ordinal();
    }
}
