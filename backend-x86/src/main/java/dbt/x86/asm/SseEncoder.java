package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * The legacy-encoded (not VEX) SSE and SSE2 instructions of scalar floating point: moves between general-purpose
 * registers, xmm registers and memory (movq, movd), the {@code op xmm, xmm/m} instructions of {@link SseOp}
 * (arithmetic, comparisons, double/single conversions, movaps, pxor, xorps), the conversions between scalars and
 * integers (cvtsi2sd/ss, cvt[t]sd2si, cvt[t]ss2si), and ldmxcsr/stmxcsr.
 *
 * <p>Layout: {@code [66|F2|F3] [REX] 0F op ModRM [SIB] [disp]}, the mandatory prefix before REX (as GNU as and the
 * SDM order them); the xmm register is in ModRM.reg except where a general-purpose register is the destination
 * of an integer conversion.
 *
 * <p>Invariants, checked before a byte is emitted (else {@link IllegalArgumentException}):
 * <ul>
 *   <li>a general-purpose operand is 32 or 64 bits, and its size alone sets REX.W: movq takes exactly a 64-bit
 *       register and movd a 32-bit one (which movd to a register zero-extends to 64 bits); a conversion's integer
 *       is 64-bit with REX.W and 32-bit without;</li>
 *   <li>a memory operand is as wide as what is read or written: 8 bytes for movq and a double, 4 for movd, a
 *       single and MXCSR, 4 or 8 for the integer of cvtsi2sd/ss.</li>
 * </ul>
 */
final class SseEncoder {
    private final OperandEncoder enc;

    SseEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    // ---- general-purpose register <-> xmm ----

    /** movq xmm, r64: {@code 66 REX.W 0F 6E /r}; the upper half of the xmm register is zeroed. */
    void movq(Xmm dst, Gp src) {
        requireSize("movq", src, 8);
        enc.sseRr(0x66, true, 0x0F6E, dst.number(), src.number());
    }

    /** movq r64, xmm: {@code 66 REX.W 0F 7E /r}, the xmm register in ModRM.reg. */
    void movq(Gp dst, Xmm src) {
        requireSize("movq", dst, 8);
        enc.sseRr(0x66, true, 0x0F7E, src.number(), dst.number());
    }

    /** movd xmm, r32: {@code 66 0F 6E /r}. */
    void movd(Xmm dst, Gp src) {
        requireSize("movd", src, 4);
        enc.sseRr(0x66, false, 0x0F6E, dst.number(), src.number());
    }

    /** movd r32, xmm: {@code 66 0F 7E /r}. */
    void movd(Gp dst, Xmm src) {
        requireSize("movd", dst, 4);
        enc.sseRr(0x66, false, 0x0F7E, src.number(), dst.number());
    }

    // ---- memory <-> xmm ----

    /** movq xmm, m64: {@code F3 0F 7E /r} (GNU as's choice over {@code 66 REX.W 0F 6E}). */
    void movq(Xmm dst, Mem src) {
        requireSize("movq", src, 8);
        enc.sseRm(0xF3, false, 0x0F7E, dst.number(), src);
    }

    /** movq m64, xmm: {@code 66 0F D6 /r}. */
    void movq(Mem dst, Xmm src) {
        requireSize("movq", dst, 8);
        enc.sseRm(0x66, false, 0x0FD6, src.number(), dst);
    }

    /** movd xmm, m32: {@code 66 0F 6E /r}. */
    void movd(Xmm dst, Mem src) {
        requireSize("movd", src, 4);
        enc.sseRm(0x66, false, 0x0F6E, dst.number(), src);
    }

    /** movd m32, xmm: {@code 66 0F 7E /r}. */
    void movd(Mem dst, Xmm src) {
        requireSize("movd", dst, 4);
        enc.sseRm(0x66, false, 0x0F7E, src.number(), dst);
    }

    /** movdqu m128, xmm: {@code F3 0F 7F /r}. */
    void movdqu(Mem dst, Xmm src) {
        requireSize("movdqu", dst, 16);
        enc.sseRm(0xF3, false, 0x0F7F, src.number(), dst);
    }

    /** pshufd xmm, xmm, imm8: {@code 66 0F 70 /r ib}, dword k of the result is dword (imm >> 2k) & 3 of src. */
    void pshufd(Xmm dst, Xmm src, int imm) {
        enc.sseRr(0x66, false, 0x0F70, dst.number(), src.number());
        enc.imm(1, imm);
    }

    /** pmovmskb r32, xmm: {@code 66 0F D7 /r}, the general register in ModRM.reg. */
    void pmovmskb(Gp dst, Xmm src) {
        requireSize("pmovmskb", dst, 4);
        enc.sseRr(0x66, false, 0x0FD7, dst.number(), src.number());
    }

    // ---- op xmm, xmm/m ----

    void rr(SseOp op, Xmm dst, Xmm src) {
        enc.sseRr(op.prefix, false, op.opcode, dst.number(), src.number());
    }

    /**
     * cmpunordsd / cmpunordss xmm, xmm: {@code F2|F3 [REX] 0F C2 /r 03}, the low element all ones where either operand
     * is a NaN, else zero (a quiet predicate: invalid only for a signalling NaN).
     */
    void cmpUnordered(boolean doubles, Xmm dst, Xmm src) {
        enc.sseRr(doubles ? 0xF2 : 0xF3, false, 0x0FC2, dst.number(), src.number());
        enc.buf.emit8(3);
    }

    void rm(SseOp op, Xmm dst, Mem src) {
        requireSize(op.mnemonic(), src, op.memSize);
        enc.sseRm(op.prefix, false, op.opcode, dst.number(), src);
    }

    /**
     * roundsd ({@code 66 0F 3A 0B /r ib}) / roundss ({@code 0A}), SSE4.1: to an integral value in the mode of imm's
     * bits 1:0 (0 nearest-even, 1 down, 2 up, 3 toward zero; bit 2 clear: imm's mode, not MXCSR's), raising inexact
     * unless bit 3 is set.
     */
    void round(boolean isDouble, Xmm dst, Xmm src, int imm) {
        enc.sseRr(0x66, false, isDouble ? 0x0F3A0B : 0x0F3A0A, dst.number(), src.number());
        enc.imm(1, imm);
    }

    // ---- integer <-> scalar ----

    /** cvtsi2sd ({@code F2}) / cvtsi2ss ({@code F3}) {@code [REX.W] 0F 2A /r}: a 32- or 64-bit signed integer. */
    void fromInt(boolean isDouble, Xmm dst, Gp src) {
        requireSize(isDouble ? "cvtsi2sd" : "cvtsi2ss", src, 4, 8);
        enc.sseRr(isDouble ? 0xF2 : 0xF3, src.size() == 8, 0x0F2A, dst.number(), src.number());
    }

    void fromInt(boolean isDouble, Xmm dst, Mem src) {
        requireSize(isDouble ? "cvtsi2sd" : "cvtsi2ss", src, 4, 8);
        enc.sseRm(isDouble ? 0xF2 : 0xF3, src.size() == 8, 0x0F2A, dst.number(), src);
    }

    /**
     * cvtsd2si / cvttsd2si ({@code F2}), cvtss2si / cvttss2si ({@code F3}) {@code [REX.W] 0F 2D/2C /r}: to a 32- or
     * 64-bit signed integer, rounded per MXCSR (2D) or truncated (2C); NaN and out of range give the minimum.
     */
    void toInt(boolean isDouble, boolean truncate, Gp dst, Xmm src) {
        requireSize(toIntMnemonic(isDouble, truncate), dst, 4, 8);
        enc.sseRr(isDouble ? 0xF2 : 0xF3, dst.size() == 8, truncate ? 0x0F2C : 0x0F2D, dst.number(), src.number());
    }

    void toInt(boolean isDouble, boolean truncate, Gp dst, Mem src) {
        requireSize(toIntMnemonic(isDouble, truncate), dst, 4, 8);
        requireSize(toIntMnemonic(isDouble, truncate), src, isDouble ? 8 : 4);
        enc.sseRm(isDouble ? 0xF2 : 0xF3, dst.size() == 8, truncate ? 0x0F2C : 0x0F2D, dst.number(), src);
    }

    private static String toIntMnemonic(boolean isDouble, boolean truncate) {
        return (truncate ? "cvtt" : "cvt") + (isDouble ? "sd2si" : "ss2si");
    }

    // ---- MXCSR ----

    /** ldmxcsr m32: {@code 0F AE /2}. */
    void ldmxcsr(Mem src) {
        requireSize("ldmxcsr", src, 4);
        enc.sseRm(0, false, 0x0FAE, 2, src);
    }

    /** stmxcsr m32: {@code 0F AE /3}. */
    void stmxcsr(Mem dst) {
        requireSize("stmxcsr", dst, 4);
        enc.sseRm(0, false, 0x0FAE, 3, dst);
    }
}
