package dbt.x86.asm;

/**
 * shl, shr, sar, rol, ror ({@link ShiftOp}) by an immediate count or by CL. A count of 1 takes the short
 * {@code D0/D1} form, as GNU as chooses. The count must be below the operand width (64 for 64-bit operands,
 * 32 otherwise, since the processor masks it to 5 bits); larger counts are rejected rather than silently masked.
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

    void rcl(ShiftOp op, Gp r, Gp count) {
        if (count != Gp.CL) {
            throw new IllegalArgumentException("a variable shift count must be in cl, not " + count);
        }
        enc.rr(r.size(), r.size() == 1 ? 0xD2 : 0xD3, op.digit, r);
    }
}
