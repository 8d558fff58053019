package dbt.x86.asm;

/** The rotates and shifts of opcode group 2: {@code C0/C1 /digit ib}, {@code D0/D1 /digit} (by 1), {@code D2/D3 /digit} (by CL). */
enum ShiftOp {
    ROL(0), ROR(1), SHL(4), SHR(5), SAR(7);

    final int digit;

    ShiftOp(int digit) {
        this.digit = digit;
    }
}
