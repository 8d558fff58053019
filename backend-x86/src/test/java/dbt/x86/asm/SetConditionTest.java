package dbt.x86.asm;

import static dbt.x86.asm.Gp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * {@link Assembler#conditionOf}: a register stands for a setcc's condition on the flags only once the setcc's byte is
 * zero-extended into it (or it is a whole copy of such a register), with nothing since but moves and no label bound.
 */
class SetConditionTest {
    @Test
    void aZeroExtendedSetccAndItsCopiesStandForTheCondition() {
        Assembler a = new Assembler();
        a.comisd(Xmm.XMM8, Xmm.XMM11);
        a.setcc(Cond.AE, BL);
        assertNull(a.conditionOf(RBX), "only the low byte is set: the register's other bits are not");
        a.movzx(EBX, BL);
        assertEquals(Cond.AE, a.conditionOf(RBX));
        assertEquals(Cond.AE, a.conditionOf(EBX));
        a.mov(R11, RBX);
        a.movq(RSI, Xmm.XMM11);
        a.movaps(Xmm.XMM4, Xmm.XMM5);
        assertEquals(Cond.AE, a.conditionOf(R11));
        assertEquals(Cond.AE, a.conditionOf(RBX));
        a.movq(RBX, Xmm.XMM11);
        assertNull(a.conditionOf(RBX), "a move into it makes it another value");
        assertEquals(Cond.AE, a.conditionOf(R11));
        a.mov(R11B, CL);
        assertNull(a.conditionOf(R11), "a byte moved into it leaves the rest");
    }

    @Test
    void aByteResultStandsForNotEqual() {
        Assembler a = new Assembler();
        a.ucomisd(Xmm.XMM4, Xmm.XMM5);
        a.setcc(Cond.E, BL);
        a.setcc(Cond.NP, CL);
        a.and(BL, CL);
        a.movzx(EBX, BL);
        assertEquals(Cond.NE, a.conditionOf(RBX), "equal and ordered: the and's result is not zero");
        a.and(EBX, 1);
        assertNull(a.conditionOf(RBX), "a word's result is no setcc's");
    }

    @Test
    void anythingElseOrALabelEndsIt() {
        Assembler a = new Assembler();
        a.setcc(Cond.A, DL);
        a.movzx(EDX, DL);
        a.add(RCX, 1);
        assertNull(a.conditionOf(RDX), "an addition sets other flags");
        a.setcc(Cond.B, DL);
        a.movzx(EDX, DL);
        a.bind(a.newLabel());
        assertNull(a.conditionOf(RDX), "a jump to the label brings other flags");
        a.setcc(Cond.B, DL);
        a.movzx(EDX, DL);
        a.lea(RAX, Mem.q(RDX, 8));
        assertNull(a.conditionOf(RDX), "lea is not followed: anything not known to keep the flags ends it");
    }
}
