package dbt.x86.asm;

/**
 * Single-operand arithmetic ({@link UnaryOp}): inc, dec, not, neg, and the widening mul, imul, div, idiv that use
 * rdx:rax (or dx:ax, ah:al for narrower operands), on a register or on memory.
 */
final class UnaryEncoder {
    private final OperandEncoder enc;

    UnaryEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void r(UnaryOp op, Gp r) {
        enc.rr(r.size(), op.opcode(r.size()), op.digit, r);
    }

    void m(UnaryOp op, Mem m) {
        enc.rm(m.size(), op.opcode(m.size()), op.digit, m, 0);
    }
}
