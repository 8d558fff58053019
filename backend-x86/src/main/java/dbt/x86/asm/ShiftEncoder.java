package dbt.x86.asm;

/**
 * shl, shr, sar, rol, ror ({@link ShiftOp}) by an immediate count or by CL. A count of 1 takes the short
 * {@code D0/D1} form, as GNU as chooses. The count must be below the operand width (64 for 64-bit operands,
 * 32 otherwise, since the processor masks it to 5 bits); larger counts are rejected rather than silently masked.
 *
 * <p>And BMI2's three-operand forms, which leave the flags alone: shlx, shrx, sarx ({@code VEX.LZ.66/F2/F3.0F38
 * F7 /r}: destination in ModRM.reg, source in ModRM.rm, count in VEX.vvvv, any register, masked to 5 or 6 bits as
 * cl is) and rorx by an immediate ({@code VEX.LZ.F2.0F3A F0 /r ib}). 32- or 64-bit registers (VEX.W); a CPU with
 * BMI2.
 */
final class ShiftEncoder {
    private final OperandEncoder enc;

    ShiftEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void ri(ShiftOp op, Gp r, int count) {
        int limit = r.size() == 8 ? 64 : 32;
        if (count < 0 || count >= limit) {
            throw new IllegalArgumentException("shift count " + count + " out of range 0.." + (limit - 1));
        }
        int size = r.size();
        if (count == 1) {
            enc.rr(size, size == 1 ? 0xD0 : 0xD1, op.digit, r);
        } else {
            enc.rr(size, size == 1 ? 0xC0 : 0xC1, op.digit, r);
            enc.imm(1, count);
        }
    }

    void rrx(ShiftOp op, Gp dst, Gp src, Gp count) {
        int prefix = switch (op) {
            case SHL -> 0x66;
            case SHR -> 0xF2;
            case SAR -> 0xF3;
            default -> throw new IllegalArgumentException(op + " has no BMI2 form with a count register");
        };
        boolean wide = vexSize(dst, src, count);
        enc.vexRr(prefix, 0x0F38, wide, 0xF7, dst.number(), count.number(), src.number());
    }

    void rorx(Gp dst, Gp src, int count) {
        boolean wide = vexSize(dst, src, src);
        if (count < 0 || count >= dst.bits()) {
            throw new IllegalArgumentException("rotate count " + count + " out of range 0.." + (dst.bits() - 1));
        }
        enc.vexRr(0xF2, 0x0F3A, wide, 0xF0, dst.number(), 0, src.number());
        enc.imm(1, count);
    }

    /** Whether the operands of a BMI2 shift are 64-bit (VEX.W); all must be one size, 32 or 64 bits. */
    private static boolean vexSize(Gp dst, Gp src, Gp count) {
        if (dst.size() != src.size() || dst.size() != count.size() || dst.size() < 4) {
            throw new IllegalArgumentException("BMI2 shift operands must all be 32 or all 64 bits: "
                    + dst + ", " + src + ", " + count);
        }
        return dst.size() == 8;
    }

    void rcl(ShiftOp op, Gp r, Gp count) {
        if (count != Gp.CL) {
            throw new IllegalArgumentException("a variable shift count must be in cl, not " + count);
        }
        enc.rr(r.size(), r.size() == 1 ? 0xD2 : 0xD3, op.digit, r);
    }
}
