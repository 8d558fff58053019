package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * What the host routines of C string functions use besides the common instructions: the byte string moves
 * {@code rep movsb} ({@code F3 A4}: rcx bytes from [rsi] to [rdi], upwards) and {@code rep stosb} ({@code F3 AA}: al
 * to rcx bytes at [rdi]), and {@code bsf} ({@code 0F BC /r}: the index of the lowest set bit; its destination is undefined
 * for a zero source, which callers never give it).
 */
final class StringEncoder {
    private final OperandEncoder enc;

    StringEncoder(OperandEncoder enc) {
        this.enc = enc;
    }

    void repMovsb() {
        enc.buf.emit8(0xF3);
        enc.buf.emit8(0xA4);
    }

    void repStosb() {
        enc.buf.emit8(0xF3);
        enc.buf.emit8(0xAA);
    }

    void bsf(Gp dst, Gp src) {
        requireSize("bsf", dst, 4, 8);
        OperandEncoder.requireSameSize(dst, src);
        enc.rr(dst.size(), 0x0FBC, dst, src);
    }
}
