package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * The VEX-encoded instructions: the three-operand forms of {@link SseOp}'s scalar arithmetic and conversions
 * ({@code VEX.LIG.F2.0F.WIG op /r} for doubles, F3 for singles: {@code dst = a op b}, the bits of dst above the scalar
 * copied from a, bits 128 and up zeroed: no dependency on dst's old value, as the legacy forms have), and the 256-bit integer instructions (AVX2) of the host routines' byte scans and compares: the
 * three-operand forms of {@link SseOp}'s 66-prefixed packed-byte operations ({@code VEX.256.66.0F.WIG op /r}, the
 * destination in ModRM.reg, the first source in VEX.vvvv, the second in ModRM.rm, any address for a memory operand),
 * vmovdqu loads and stores ({@code VEX.256.F3.0F.WIG 6F, 7F /r}), vpmovmskb ({@code VEX.256.66.0F.WIG D7 /r}),
 * vpbroadcastb ({@code VEX.256.66.0F38.W0 78 /r}) and vzeroupper ({@code VEX.128.0F.WIG 77}). A memory operand is
 * 32 bytes.
 *
 * <p>Code that leaves any of them with a dirty upper half must run vzeroupper before legacy SSE code runs (on Intel's
 * CPUs, SSE instructions after 256-bit ones otherwise pay for a state transition or a false dependency).
 */
final class AvxEncoder {
    private final OperandEncoder enc;

    AvxEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    /**
     * {@code vop xmm, xmm, xmm}: one of {@link SseOp}'s scalar arithmetic or conversions, dst = a op b (sqrt and the
     * conversions read only b).
     */
    void scalar(SseOp op, Xmm dst, Xmm a, Xmm b) {
        if (op.prefix != 0xF2 && op.prefix != 0xF3 || op.opcode >> 8 != 0x0F || op.memSize > 8) {
            throw new IllegalArgumentException("no three-operand form of " + op.mnemonic() + " here");
        }
        enc.vexRr(op.prefix, 0x0F, false, op.opcode & 0xFF, dst.number(), a.number(), b.number());
    }

    /** {@code op ymm, ymm, ymm}: one of the 66 0F packed-byte operations of {@link SseOp}. */
    void rrr(SseOp op, Ymm dst, Ymm a, Ymm b) {
        requirePacked(op);
        enc.vexRr(0x66, 0x0F, false, true, op.opcode & 0xFF, dst.number(), a.number(), b.number());
    }

    /** {@code op ymm, ymm, m256}. */
    void rrm(SseOp op, Ymm dst, Ymm a, Mem b) {
        requirePacked(op);
        requireSize(op.mnemonic(), b, 32);
        enc.vexRm(0x66, 0x0F, false, true, op.opcode & 0xFF, dst.number(), a.number(), b);
    }

    /** vmovdqu ymm, m256. */
    void load(Ymm dst, Mem src) {
        requireSize("vmovdqu", src, 32);
        enc.vexRm(0xF3, 0x0F, false, true, 0x6F, dst.number(), 0, src);
    }

    /** vmovdqu m256, ymm: {@code VEX.256.F3.0F.WIG 7F /r}. */
    void store(Mem dst, Ymm src) {
        requireSize("vmovdqu", dst, 32);
        enc.vexRm(0xF3, 0x0F, false, true, 0x7F, src.number(), 0, dst);
    }

    /** vpmovmskb r32, ymm: bit k is byte k's top bit. */
    void pmovmskb(Gp dst, Ymm src) {
        requireSize("vpmovmskb", dst, 4);
        enc.vexRr(0x66, 0x0F, false, true, 0xD7, dst.number(), 0, src.number());
    }

    /** vpbroadcastb ymm, xmm: every byte of dst is the low byte of src. */
    void pbroadcastb(Ymm dst, Xmm src) {
        enc.vexRr(0x66, 0x0F38, false, true, 0x78, dst.number(), 0, src.number());
    }

    /** vzeroupper: bits 128 and up of every ymm register zeroed. */
    void vzeroupper() {
        enc.vex(0, 0x0F, false, false, false, false, false, 0);
        enc.buf.emit8(0x77);
    }

    private static void requirePacked(SseOp op) {
        if (op.prefix != 0x66 || op.opcode >> 8 != 0x0F || op.memSize != 16) {
            throw new IllegalArgumentException("no 256-bit form of " + op.mnemonic() + " here");
        }
    }
}
