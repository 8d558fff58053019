package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.immBytes;
import static dbt.x86.asm.OperandEncoder.immediate;
import static dbt.x86.asm.OperandEncoder.requireSameSize;
import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * Data movement that does not read flags: mov in all its forms (including movabs; {@link Assembler#movImm} picks
 * the shortest of them for a constant), the zero and sign extensions movzx, movsx, movsxd, lea, and push/pop.
 */
final class MoveEncoder {
    private final OperandEncoder enc;

    MoveEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    /** {@code 88/89 /r}: the (r/m, r) form, as GNU as chooses for register moves. */
    void rr(Gp dst, Gp src) {
        requireSameSize(dst, src);
        enc.rr(dst.size(), dst.size() == 1 ? 0x88 : 0x89, src, dst);
    }

    void rm(Gp dst, Mem src) {
        requireSameSize(dst, src);
        enc.rm(dst.size(), dst.size() == 1 ? 0x8A : 0x8B, dst, src, 0);
    }

    void mr(Mem dst, Gp src) {
        requireSameSize(src, dst);
        enc.rm(src.size(), src.size() == 1 ? 0x88 : 0x89, src, dst, 0);
    }

    /**
     * {@code mov r, imm}: for a 64-bit register {@code REX.W C7 /0 id}, the imm32 sign-extended; for narrower ones
     * {@code B0+r ib} / {@code B8+r iw/id}, the immediate as wide as the register.
     */
    void ri(Gp dst, long imm) {
        int size = dst.size();
        long v = immediate(size, imm);
        if (size == 8) {
            enc.rr(8, 0xC7, 0, dst);
        } else {
            enc.opPlusReg(size, size == 1 ? 0xB0 : 0xB8, dst);
        }
        enc.imm(immBytes(size), v);
    }

    /** {@code C6 /0 ib}, {@code C7 /0 iw/id}; a 64-bit store takes a sign-extended imm32. */
    void mi(Mem dst, long imm) {
        int size = dst.size();
        long v = immediate(size, imm);
        enc.rm(size, size == 1 ? 0xC6 : 0xC7, 0, dst, immBytes(size));
        enc.imm(immBytes(size), v);
    }

    /** {@code movabs r64, imm64}: REX.W B8+r io, ten bytes. */
    void movabs(Gp dst, long imm) {
        requireSize("movabs", dst, 8);
        enc.opPlusReg(8, 0xB8, dst);
        enc.imm(8, imm);
    }

    /** movzx: {@code 0F B6 /r} from 8 bits, {@code 0F B7 /r} from 16 bits; the destination is wider. */
    void movzx(Gp dst, Gp src) {
        extend("movzx", dst, src.size());
        enc.rr(dst.size(), src.size() == 1 ? 0x0FB6 : 0x0FB7, dst, src);
    }

    void movzx(Gp dst, Mem src) {
        extend("movzx", dst, src.size());
        enc.rm(dst.size(), src.size() == 1 ? 0x0FB6 : 0x0FB7, dst, src, 0);
    }

    /** movsx: {@code 0F BE /r} from 8 bits, {@code 0F BF /r} from 16 bits. */
    void movsx(Gp dst, Gp src) {
        extend("movsx", dst, src.size());
        enc.rr(dst.size(), src.size() == 1 ? 0x0FBE : 0x0FBF, dst, src);
    }

    void movsx(Gp dst, Mem src) {
        extend("movsx", dst, src.size());
        enc.rm(dst.size(), src.size() == 1 ? 0x0FBE : 0x0FBF, dst, src, 0);
    }

    /** movsxd r64, r/m32: {@code REX.W 63 /r}. */
    void movsxd(Gp dst, Gp src) {
        requireSize("movsxd", dst, 8);
        requireSize("movsxd", src, 4);
        enc.rr(8, 0x63, dst, src);
    }

    void movsxd(Gp dst, Mem src) {
        requireSize("movsxd", dst, 8);
        requireSize("movsxd", src, 4);
        enc.rm(8, 0x63, dst, src, 0);
    }

    /** {@code 8D /r}: the address itself; the operand's access size plays no part. */
    void lea(Gp dst, Mem src) {
        requireSize("lea", dst, 2, 4, 8);
        enc.rm(dst.size(), 0x8D, dst, src, 0);
    }

    /** {@code 50+r}: 64-bit by default, no REX.W. */
    void push(Gp r) {
        requireSize("push", r, 8);
        enc.opPlusReg(4, 0x50, r);
    }

    /** {@code 58+r}. */
    void pop(Gp r) {
        requireSize("pop", r, 8);
        enc.opPlusReg(4, 0x58, r);
    }

    private static void extend(String what, Gp dst, int srcSize) {
        if (srcSize != 1 && srcSize != 2) {
            throw new IllegalArgumentException(what + " extends an 8- or 16-bit source, not " + srcSize * 8 + "-bit");
        }
        if (dst.size() <= srcSize) {
            throw new IllegalArgumentException(what + " needs a destination wider than its source: " + dst);
        }
    }
}
