package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.immBytes;
import static dbt.x86.asm.OperandEncoder.immediate;
import static dbt.x86.asm.OperandEncoder.isInt8;
import static dbt.x86.asm.OperandEncoder.requireSameSize;
import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * The two- and three-operand imul (a truncating multiply into any register), and the sign extensions of the
 * accumulator into rdx (cqo, cdq) that prepare idiv. The one-operand widening forms are in {@link UnaryEncoder}.
 */
final class MultiplyEncoder {
    private final OperandEncoder enc;

    MultiplyEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    /** {@code imul dst, src}: 0F AF /r, dst in ModRM.reg. No 8-bit form. */
    void imulRr(Gp dst, Gp src) {
        requireSameSize(dst, src);
        requireSize("imul", dst, 2, 4, 8);
        enc.rr(dst.size(), 0x0FAF, dst, src);
    }

    void imulRm(Gp dst, Mem src) {
        requireSameSize(dst, src);
        requireSize("imul", dst, 2, 4, 8);
        enc.rm(dst.size(), 0x0FAF, dst, src, 0);
    }

    /** {@code imul dst, src, imm}: 6B /r ib when the immediate fits a signed byte, else 69 /r iw/id. */
    void imulRri(Gp dst, Gp src, long imm) {
        requireSameSize(dst, src);
        requireSize("imul", dst, 2, 4, 8);
        long v = immediate(dst.size(), imm);
        int bytes = isInt8(v) ? 1 : immBytes(dst.size());
        enc.rr(dst.size(), bytes == 1 ? 0x6B : 0x69, dst, src);
        enc.imm(bytes, v);
    }

    void imulRmi(Gp dst, Mem src, long imm) {
        requireSameSize(dst, src);
        requireSize("imul", dst, 2, 4, 8);
        long v = immediate(dst.size(), imm);
        int bytes = isInt8(v) ? 1 : immBytes(dst.size());
        enc.rm(dst.size(), bytes == 1 ? 0x6B : 0x69, dst, src, bytes);
        enc.imm(bytes, v);
    }

    /** cqo (REX.W 99): rdx = sign of rax. */
    void cqo() {
        enc.op(8, 0x99);
    }

    /** cdq (99): edx = sign of eax. */
    void cdq() {
        enc.op(4, 0x99);
    }
}
