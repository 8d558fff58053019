package dbt.x86.asm;

/**
 * Padding and traps: nop of any length, alignment, int3.
 *
 * <p>Multi-byte nops are the sequences GNU as uses for {@code .p2align} on x86-64 (lengths 1 to 11; longer
 * padding is 11-byte nops followed by the remainder), so that alignment matches what the system assembler
 * produces byte for byte.
 */
final class PaddingEncoder {
    private static final int[][] NOPS = {
        {},
        {0x90},
        {0x66, 0x90},
        {0x0F, 0x1F, 0x00},
        {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x2E, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x66, 0x2E, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };
    /** What objdump prints for each of {@link #NOPS}, for the listing. */
    private static final String[] NOP_TEXT = {
        null,
        "nop",
        "xchg ax, ax",
        "nop DWORD PTR [rax]",
        "nop DWORD PTR [rax+0x0]",
        "nop DWORD PTR [rax+rax*1+0x0]",
        "nop WORD PTR [rax+rax*1+0x0]",
        "nop DWORD PTR [rax+0x0]",
        "nop DWORD PTR [rax+rax*1+0x0]",
        "nop WORD PTR [rax+rax*1+0x0]",
        "cs nop WORD PTR [rax+rax*1+0x0]",
        "data16 cs nop WORD PTR [rax+rax*1+0x0]",
    };
    static final int LONGEST_NOP = NOPS.length - 1;

    private final CodeBuffer buf;

    PaddingEncoder(CodeBuffer buf) {
        this.buf = buf;
    }

    /**
     * One nop instruction of {@code min(left, LONGEST_NOP)} bytes, {@code left > 0}, and returns its length.
     * {@code n} bytes of padding are as few instructions as possible: 11-byte nops, then the remainder.
     */
    int nopInstruction(int left) {
        int length = Math.min(left, LONGEST_NOP);
        for (int b : NOPS[length]) {
            buf.emit8(b);
        }
        return length;
    }

    /** The text of the nop instruction of {@code length} bytes, 1 to {@link #LONGEST_NOP}. */
    static String text(int length) {
        return NOP_TEXT[length];
    }

    static void requireNopLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative nop length " + length);
        }
    }

    /**
     * The bytes of padding up to the next multiple of {@code alignment}, a power of two. The offset counts from
     * the start of the code, so the alignment holds in memory when the code is placed at an address aligned at
     * least as much.
     */
    int paddingFor(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        return -buf.size() & (alignment - 1);
    }

    void int3() {
        buf.emit8(0xCC);
    }
}
