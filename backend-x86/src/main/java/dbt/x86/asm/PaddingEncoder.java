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
    static final int LONGEST_NOP = NOPS.length - 1;

    private final CodeBuffer buf;

    PaddingEncoder(CodeBuffer buf) {
        this.buf = buf;
    }

    /** {@code length} bytes of nops, as few instructions as possible. */
    void nop(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative nop length " + length);
        }
        for (int left = length; left > 0; left -= LONGEST_NOP) {
            for (int b : NOPS[Math.min(left, LONGEST_NOP)]) {
                buf.emit8(b);
            }
        }
    }

    /**
     * Pads with nops until the offset is a multiple of {@code alignment}, a power of two. The offset counts from
     * the start of the code, so the alignment holds in memory when the code is placed at an address aligned at
     * least as much.
     */
    void align(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        nop(-buf.size() & (alignment - 1));
    }

    void int3() {
        buf.emit8(0xCC);
    }
}
