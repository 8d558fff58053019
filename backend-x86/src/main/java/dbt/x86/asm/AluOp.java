package dbt.x86.asm;

/**
 * The eight classic two-operand ALU instructions. They share one opcode pattern (Intel SDM, "ADD"): with
 * {@code digit} d, the register forms are {@code 8d+0} (r/m8, r8), {@code 8d+1} (r/m, r), {@code 8d+2} (r8, r/m8),
 * {@code 8d+3} (r, r/m), the accumulator forms {@code 8d+4} (AL, imm8) and {@code 8d+5} (eAX, imm), and the
 * immediate forms {@code 80 /d ib}, {@code 81 /d id} and {@code 83 /d ib} (sign-extended imm8).
 */
enum AluOp {
    ADD(0), OR(1), ADC(2), SBB(3), AND(4), SUB(5), XOR(6), CMP(7);

    /** The ModRM.reg extension of the immediate forms. */
    final int digit;

    AluOp(int digit) {
        this.digit = digit;
    }

    /** The opcode of the (r/m, r) form for an operand of {@code size} bytes. */
    int mr(int size) {
        return digit * 8 + (size == 1 ? 0 : 1);
    }

    /** The opcode of the (r, r/m) form. */
    int rm(int size) {
        return digit * 8 + (size == 1 ? 2 : 3);
    }

    /** The opcode of the accumulator-immediate form (AL, imm8 or eAX, imm). */
    int accumulator(int size) {
        return digit * 8 + (size == 1 ? 4 : 5);
    }

    String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
