package dbt.x86.asm;

/**
 * The sixteen x86 condition codes, in encoding order: {@code code()} is the low nibble of jcc (0F 80+cc, 70+cc),
 * setcc (0F 90+cc) and cmovcc (0F 40+cc). Names follow the Intel manual: B/AE/BE/A are the unsigned
 * comparisons, L/GE/LE/G the signed ones.
 */
public enum Cond {
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G;

    /** The 4-bit condition code. */
    public int code() {
        return ordinal();
    }

    /** The condition that holds exactly when this one does not: codes come in pairs differing in bit 0. */
    public Cond negate() {
        return values()[ordinal() ^ 1];
    }

    /** The lowercase suffix used by the assembler syntax, e.g. {@code "ae"} in {@code jae}. */
    public String suffix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
