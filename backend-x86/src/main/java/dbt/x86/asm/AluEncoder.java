package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.immBytes;
import static dbt.x86.asm.OperandEncoder.immediate;
import static dbt.x86.asm.OperandEncoder.isInt8;
import static dbt.x86.asm.OperandEncoder.requireSameSize;

/**
 * add, or, adc, sbb, and, sub, xor, cmp ({@link AluOp}) and test, in their register, memory and immediate forms.
 *
 * <p>Choice of form, as GNU as makes it: register-register uses the (r/m, r) opcode; an immediate that fits a
 * sign-extended imm8 uses {@code 83 /d ib}; otherwise the accumulator (AL/AX/EAX/RAX) takes its short form without
 * ModRM, and other registers {@code 81 /d}. 8-bit operands always take an imm8.
 */
final class AluEncoder {
    private final OperandEncoder enc;

    AluEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void rr(AluOp op, Gp dst, Gp src) {
        requireSameSize(dst, src);
        enc.rr(dst.size(), op.mr(dst.size()), src, dst);
    }

    void rm(AluOp op, Gp dst, Mem src) {
        requireSameSize(dst, src);
        enc.rm(dst.size(), op.rm(dst.size()), dst, src, 0);
    }

    void mr(AluOp op, Mem dst, Gp src) {
        requireSameSize(src, dst);
        enc.rm(src.size(), op.mr(src.size()), src, dst, 0);
    }

    void ri(AluOp op, Gp dst, long imm) {
        int size = dst.size();
        long v = immediate(size, imm);
        if (size == 1) {
            if (dst.number() == 0) {
                enc.op(1, op.accumulator(1));            // AL, imm8: 2 bytes instead of 3
            } else {
                enc.rr(1, 0x80, op.digit, dst);
            }
            enc.imm(1, v);
        } else if (isInt8(v)) {
            enc.rr(size, 0x83, op.digit, dst);
            enc.imm(1, v);
        } else {
            if (dst.number() == 0) {
                enc.op(size, op.accumulator(size));      // eAX, imm: one byte shorter than 81 /d
            } else {
                enc.rr(size, 0x81, op.digit, dst);
            }
            enc.imm(immBytes(size), v);
        }
    }

    void mi(AluOp op, Mem dst, long imm) {
        int size = dst.size();
        long v = immediate(size, imm);
        if (size == 1) {
            enc.rm(1, 0x80, op.digit, dst, 1);
            enc.imm(1, v);
        } else if (isInt8(v)) {
            enc.rm(size, 0x83, op.digit, dst, 1);
            enc.imm(1, v);
        } else {
            enc.rm(size, 0x81, op.digit, dst, immBytes(size));
            enc.imm(immBytes(size), v);
        }
    }

    // ---- test: an and that only sets flags; no sign-extended imm8 form ----

    void testRr(Gp a, Gp b) {
        requireSameSize(a, b);
        enc.rr(a.size(), a.size() == 1 ? 0x84 : 0x85, b, a);
    }

    void testMr(Mem a, Gp b) {
        requireSameSize(b, a);
        enc.rm(b.size(), b.size() == 1 ? 0x84 : 0x85, b, a, 0);
    }

    void testRi(Gp a, long imm) {
        int size = a.size();
        long v = immediate(size, imm);
        if (a.number() == 0) {
            enc.op(size, size == 1 ? 0xA8 : 0xA9);       // AL/eAX, imm: no ModRM
        } else {
            enc.rr(size, size == 1 ? 0xF6 : 0xF7, 0, a);
        }
        enc.imm(immBytes(size), v);
    }

    void testMi(Mem a, long imm) {
        int size = a.size();
        long v = immediate(size, imm);
        enc.rm(size, size == 1 ? 0xF6 : 0xF7, 0, a, immBytes(size));
        enc.imm(immBytes(size), v);
    }
}
