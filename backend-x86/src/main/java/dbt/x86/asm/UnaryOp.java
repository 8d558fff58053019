package dbt.x86.asm;

/**
 * One-operand instructions of opcode groups 3 ({@code F6/F7 /digit}: not, neg, mul, imul, div, idiv) and 4/5
 * ({@code FE/FF /digit}: inc, dec). {@code opcode8} is the 8-bit form; the 16/32/64-bit form is the next opcode.
 */
enum UnaryOp {
    INC(0xFE, 0), DEC(0xFE, 1),
    NOT(0xF6, 2), NEG(0xF6, 3),
    MUL(0xF6, 4), IMUL(0xF6, 5), DIV(0xF6, 6), IDIV(0xF6, 7);

    final int opcode8;
    final int digit;

    UnaryOp(int opcode8, int digit) {
        this.opcode8 = opcode8;
        this.digit = digit;
    }

    int opcode(int size) {
        return size == 1 ? opcode8 : opcode8 + 1;
    }
}
