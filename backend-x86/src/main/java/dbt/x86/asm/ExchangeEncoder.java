package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.requireSameSize;
import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * Exchanges and atomics: xchg of two registers, bswap, lock cmpxchg and lock xadd on memory, and mfence.
 * (The translator implements guest LR/SC and AMOs with these.)
 */
final class ExchangeEncoder {
    private final OperandEncoder enc;

    ExchangeEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    /**
     * {@code xchg a, b}. With the 16/32/64-bit accumulator on either side the one-byte {@code 90+r} form is used,
     * the other register in the opcode, except {@code xchg eax, eax}: {@code 90} is nop and would not clear the
     * upper half of rax, so it stays {@code 87 C0}. Otherwise {@code 86/87 /r} with {@code a} in ModRM.rm.
     * {@code xchg rax, rax} is {@code 90} itself.
     */
    void rr(Gp a, Gp b) {
        requireSameSize(a, b);
        int size = a.size();
        if (accumulatorForm(a, b)) {
            Gp other = inOpcode(a, b);
            enc.opPlusReg(size == 8 && other.number() == 0 ? 4 : size, 0x90, other);
        } else {
            enc.rr(size, size == 1 ? 0x86 : 0x87, b, a);
        }
    }

    /** Whether {@code xchg a, b} takes the one-byte {@code 90+r} form (operands of equal size). */
    static boolean accumulatorForm(Gp a, Gp b) {
        int size = a.size();
        return size != 1 && (a.number() == 0 || b.number() == 0) && !(size == 4 && a.number() == 0 && b.number() == 0);
    }

    /** In the {@code 90+r} form, the register in the opcode: the one that is not the accumulator. */
    static Gp inOpcode(Gp a, Gp b) {
        return a.number() == 0 ? b : a;
    }

    /** {@code 0F C8+r}: reverse the bytes of a 32- or 64-bit register. */
    void bswap(Gp r) {
        requireSize("bswap", r, 4, 8);
        enc.opPlusReg(r.size(), 0x0FC8, r);
    }

    /** {@code lock cmpxchg m, r} ({@code F0 0F B0/B1 /r}): if [m] == rax then [m] = r, else rax = [m]; ZF = equal. */
    void lockCmpxchg(Mem m, Gp r) {
        requireSameSize(r, m);
        enc.lockedRm(r.size(), r.size() == 1 ? 0x0FB0 : 0x0FB1, r, m);
    }

    /** {@code lock xadd m, r} ({@code F0 0F C0/C1 /r}): r = old [m], [m] = old [m] + r. */
    void lockXadd(Mem m, Gp r) {
        requireSameSize(r, m);
        enc.lockedRm(r.size(), r.size() == 1 ? 0x0FC0 : 0x0FC1, r, m);
    }

    /** {@code 0F AE F0}. */
    void mfence() {
        enc.buf.emit8(0x0F);
        enc.buf.emit8(0xAE);
        enc.buf.emit8(0xF0);
    }
}
