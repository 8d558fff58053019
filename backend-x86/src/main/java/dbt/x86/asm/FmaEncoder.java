package dbt.x86.asm;

/**
 * The FMA3 scalar fused multiply-adds vfmadd132, vfmadd213 and vfmadd231 (sd and ss), rounded once per MXCSR:
 * {@code VEX.LIG.66.0F38.W1 99/A9/B9 /r} for doubles, {@code W0} for singles; and the 231 forms that negate the
 * product, the addend or both (vfnmadd231 {@code BD}, vfmsub231 {@code BB}, vfnmsub231 {@code BF}), exact: the
 * negation is part of the one rounded operation. Operand 1 (the destination) is in
 * ModRM.reg, operand 2 in VEX.vvvv, operand 3 in ModRM.rm; the digits name which operands are multiplied and
 * which is added: 132 is {@code dst = dst*b + a}, 213 {@code dst = a*dst + b}, 231 {@code dst = a*b + dst}.
 *
 * <p>Register operands only. The VEX encoding zeroes bits 128 and up of the destination; the rest of its low 128
 * bits above the scalar are kept. Needs a CPU with FMA3.
 */
final class FmaEncoder {
    /** The opcodes of the three operand orders. */
    static final int VFMADD132 = 0x99, VFMADD213 = 0xA9, VFMADD231 = 0xB9;
    static final int VFMSUB231 = 0xBB, VFNMADD231 = 0xBD, VFNMSUB231 = 0xBF;

    private final OperandEncoder enc;

    FmaEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void vfmadd(int opcode, boolean isDouble, Xmm dst, Xmm a, Xmm b) {
        enc.vexRr(0x66, 0x0F38, isDouble, opcode, dst.number(), a.number(), b.number());
    }
}
