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
    void anyOtherInstructionOrALabelEndsIt() {
        Assembler a = new Assembler();
        a.sub(RAX, RCX);
        a.mov(RDX, RAX); // (leaves the flags as they were, but this is not tracked: the op must be the last)
        assertFalse(a.flagsTest(RAX));
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
