package dbt.x86.asm;

/**
 * A general-purpose register seen at one width: {@code number} 0..15 (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi,
 * r8..r15) and {@code size} in bytes, 8, 4, 2 or 1. Every (number, size) pair has exactly one instance, so
 * {@code ==} is equality.
 *
 * <p>The 8-bit views of registers 4..7 are SPL, BPL, SIL and DIL, which need a REX prefix. The legacy high-byte
 * registers AH, CH, DH and BH are deliberately absent: they cannot be encoded together with REX and the
 * translator has no use for them.
 */
public final class Gp {
    private static final String[] NAMES_64 =
            {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] NAMES_32 =
            {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] NAMES_16 =
            {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] NAMES_8 =
            {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};

    /** Indexed by [log2(size)][number]. */
    private static final Gp[][] ALL = new Gp[4][16];

    static {
        String[][] names = {NAMES_8, NAMES_16, NAMES_32, NAMES_64};
        for (int log = 0; log < 4; log++) {
            for (int n = 0; n < 16; n++) {
                ALL[log][n] = new Gp(n, 1 << log, names[log][n]);
            }
        }
    }

    public static final Gp RAX = q(0), RCX = q(1), RDX = q(2), RBX = q(3), RSP = q(4), RBP = q(5), RSI = q(6), RDI = q(7);
    public static final Gp R8 = q(8), R9 = q(9), R10 = q(10), R11 = q(11), R12 = q(12), R13 = q(13), R14 = q(14), R15 = q(15);
    public static final Gp EAX = d(0), ECX = d(1), EDX = d(2), EBX = d(3), ESP = d(4), EBP = d(5), ESI = d(6), EDI = d(7);
    public static final Gp R8D = d(8), R9D = d(9), R10D = d(10), R11D = d(11), R12D = d(12), R13D = d(13), R14D = d(14),
            R15D = d(15);
    public static final Gp AX = w(0), CX = w(1), DX = w(2), BX = w(3), SP = w(4), BP = w(5), SI = w(6), DI = w(7);
    public static final Gp R8W = w(8), R9W = w(9), R10W = w(10), R11W = w(11), R12W = w(12), R13W = w(13), R14W = w(14),
            R15W = w(15);
    public static final Gp AL = b(0), CL = b(1), DL = b(2), BL = b(3), SPL = b(4), BPL = b(5), SIL = b(6), DIL = b(7);
    public static final Gp R8B = b(8), R9B = b(9), R10B = b(10), R11B = b(11), R12B = b(12), R13B = b(13), R14B = b(14),
            R15B = b(15);

    private final int number;
    private final int size;
    private final String name;

    private Gp(int number, int size, String name) {
        this.number = number;
        this.size = size;
        this.name = name;
    }

    /** The 64-bit register number {@code n}. */
    public static Gp q(int n) {
        return of(n, 8);
    }

    /** The 32-bit view of register {@code n}. */
    public static Gp d(int n) {
        return of(n, 4);
    }

    /** The 16-bit view of register {@code n}. */
    public static Gp w(int n) {
        return of(n, 2);
    }

    /** The low 8-bit view of register {@code n} (SPL, BPL, SIL, DIL for 4..7). */
    public static Gp b(int n) {
        return of(n, 1);
    }

    /** Register {@code n} at {@code size} bytes (1, 2, 4 or 8). */
    public static Gp of(int n, int size) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("register number out of range 0..15: " + n);
        }
        return ALL[log2Size(size)][n];
    }

    /** The same register at another width. */
    public Gp withSize(int newSize) {
        return of(number, newSize);
    }

    public int number() {
        return number;
    }

    /** Width in bytes: 1, 2, 4 or 8. */
    public int size() {
        return size;
    }

    /** Width in bits. */
    public int bits() {
        return size * 8;
    }

    /** The low three bits, as they appear in ModRM, SIB or the opcode. */
    int low3() {
        return number & 7;
    }

    /** Whether the register's number needs a REX extension bit (r8..r15). */
    boolean isExtended() {
        return number >= 8;
    }

    /** SPL, BPL, SIL and DIL: without REX the same encoding names AH, CH, DH, BH. */
    boolean needsRexForByte() {
        return size == 1 && number >= 4 && number <= 7;
    }

    @Override
    public String toString() {
        return name;
    }

    static int log2Size(int size) {
        return switch (size) {
            case 1 -> 0;
            case 2 -> 1;
            case 4 -> 2;
            case 8 -> 3;
            default -> throw new IllegalArgumentException("operand size must be 1, 2, 4 or 8 bytes: " + size);
        };
    }
}
