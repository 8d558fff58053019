package dbt.x86.asm;

/**
 * The FMA3 scalar fused multiply-adds vfmadd132, vfmadd213 and vfmadd231 (sd and ss), rounded once per MXCSR:
 * {@code VEX.LIG.66.0F38.W1 99/A9/B9 /r} for doubles, {@code W0} for singles; and the forms that negate the
 * added operand (vfmsub: the opcode plus 2), the product (vfnmadd: plus 4) or both (vfnmsub: plus 6), exact: the
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

    private final OperandEncoder enc;

    FmaEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void vfmadd(int opcode, boolean isDouble, Xmm dst, Xmm a, Xmm b) {
        enc.vexRr(0x66, 0x0F38, isDouble, opcode, dst.number(), a.number(), b.number());
    }
}
