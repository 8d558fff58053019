package dbt.x86.asm;

/**
 * The legacy-encoded SSE/SSE2 instructions of the form {@code op xmm, xmm/m}: {@code [prefix] [REX] opcode /r},
 * the destination (or first operand) in ModRM.reg. {@code prefix} is the mandatory prefix (66, F2 or F3; 0 for
 * none): F2 selects the scalar double ({@code sd}) and F3 the scalar single ({@code ss}) form of the same opcode.
 * {@code memSize} is the size of the memory operand a scalar form reads, 8 for a double and 4 for a single; the
 * 128-bit instructions (movaps, pxor, xorps, pcmpeqb, pand, por, pminub, movdqu) have 16 (only movdqu is used
 * with memory); the packed-byte ones (66 0F) have 256-bit VEX forms too ({@link AvxEncoder}).
 */
enum SseOp {
    ADDSD(0xF2, 0x0F58, 8), ADDSS(0xF3, 0x0F58, 4),
    SUBSD(0xF2, 0x0F5C, 8), SUBSS(0xF3, 0x0F5C, 4),
    MULSD(0xF2, 0x0F59, 8), MULSS(0xF3, 0x0F59, 4),
    DIVSD(0xF2, 0x0F5E, 8), DIVSS(0xF3, 0x0F5E, 4),
    SQRTSD(0xF2, 0x0F51, 8), SQRTSS(0xF3, 0x0F51, 4),
    MINSD(0xF2, 0x0F5D, 8), MINSS(0xF3, 0x0F5D, 4),
    MAXSD(0xF2, 0x0F5F, 8), MAXSS(0xF3, 0x0F5F, 4),
    /** Compare and set ZF, PF, CF (unordered: all three); ucomis raises invalid only for a signalling NaN. */
    UCOMISD(0x66, 0x0F2E, 8), UCOMISS(0, 0x0F2E, 4),
    /** As ucomis, but invalid for any NaN. */
    COMISD(0x66, 0x0F2F, 8), COMISS(0, 0x0F2F, 4),
    /** Double to single (rounded per MXCSR), single to double (exact). */
    CVTSD2SS(0xF2, 0x0F5A, 8), CVTSS2SD(0xF3, 0x0F5A, 4),
    MOVAPS(0, 0x0F28, 16), PXOR(0x66, 0x0FEF, 16), XORPS(0, 0x0F57, 16),
    /** 16 bytes, from any address (its memory form is a load). */
    MOVDQU(0xF3, 0x0F6F, 16),
    /** Bytewise equality: all ones where equal. */
    PCMPEQB(0x66, 0x0F74, 16),
    PAND(0x66, 0x0FDB, 16), POR(0x66, 0x0FEB, 16),
    /** Bytewise unsigned minimum. */
    PMINUB(0x66, 0x0FDA, 16);

    final int prefix;
    final int opcode;
    final int memSize;

    SseOp(int prefix, int opcode, int memSize) {
        this.prefix = prefix;
        this.opcode = opcode;
        this.memSize = memSize;
    }

    String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
