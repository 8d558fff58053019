package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.requireSameSize;
import static dbt.x86.asm.OperandEncoder.requireSize;

/** The flag consumers that are not jumps: cmovcc ({@code 0F 40+cc /r}) and setcc ({@code 0F 90+cc /0}). */
final class ConditionalEncoder {
    private final OperandEncoder enc;

    ConditionalEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void cmov(Cond cc, Gp dst, Gp src) {
        requireSameSize(dst, src);
        requireSize("cmov" + cc.suffix(), dst, 2, 4, 8);
        enc.rr(dst.size(), 0x0F40 + cc.code(), dst, src);
    }

    void cmov(Cond cc, Gp dst, Mem src) {
        requireSameSize(dst, src);
        requireSize("cmov" + cc.suffix(), dst, 2, 4, 8);
        enc.rm(dst.size(), 0x0F40 + cc.code(), dst, src, 0);
    }

    /** Sets an 8-bit register to 1 if {@code cc} holds, else 0; the rest of the register is unchanged. */
    void set(Cond cc, Gp dst) {
        requireSize("set" + cc.suffix(), dst, 1);
        enc.rr(1, 0x0F90 + cc.code(), 0, dst);
    }
}
