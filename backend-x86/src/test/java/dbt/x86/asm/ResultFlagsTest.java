package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Assembler#flagsTest}: the flags stand for a test of a register only right after an op that set them from
 * its result into that register, at that size, with no label bound in between.
 */
class ResultFlagsTest {
    @Test
    void anArithmeticResultSetsTheFlagsOfItsRegister() {
        Assembler a = new Assembler();
        a.add(ESI, -1);
        assertTrue(a.flagsTest(ESI));
        assertFalse(a.flagsTest(RSI), "the 64-bit register's sign is not the word's");
        assertFalse(a.flagsTest(EDI));
        a.xor(R11, R9);
        assertTrue(a.flagsTest(R11));
        assertFalse(a.flagsTest(ESI), "only the last op's");
        a.neg(RBX);
        assertTrue(a.flagsTest(RBX));
    }

    @Test
    void movesIntoOtherRegistersKeepIt() {
        Assembler a = new Assembler();
        a.add(R10D, -1);
        a.movsxd(R8, R10D);
        a.mov(RDX, Mem.q(R15, 8));
        assertTrue(a.flagsTest(R10D));
        a.mov(R10, R8);
        assertFalse(a.flagsTest(R10D), "the register moved into is another value");
        assertFalse(a.flagsTest(R10));
    }

    @Test
    void anyOtherInstructionOrALabelEndsIt() {
        Assembler a = new Assembler();
        a.sub(RAX, RCX);
        a.shl(RDX, 1);
        assertFalse(a.flagsTest(RAX), "a shift sets the flags of its own result");
        a.and(RAX, 0xff);
        Label l = a.newLabel();
        a.bind(l);
        assertFalse(a.flagsTest(RAX), "a jump to the label brings other flags");
        a.cmp(RAX, 0);
        assertFalse(a.flagsTest(RAX), "a compare's flags are not a result's");
        a.imul(RAX, RCX);
        assertFalse(a.flagsTest(RAX), "imul leaves ZF and SF undefined");
    }
}
