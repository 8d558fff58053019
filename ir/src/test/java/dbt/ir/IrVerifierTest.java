package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.fp.FloatFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier rejects each broken invariant it is there for (one per test block, built directly since the parser
 * would refuse some): an extension that does not widen, a truncation that does not narrow, a wrong operand count, a
 * use before definition, a float op with a rounding mode that is not a constant mode, a block that does not end in
 * its one terminator. And it accepts the valid form of each.
 */
class IrVerifierTest {
    static List<String> verify(Inst... insts) {
        IrBlock b = new IrBlock(0x100);
        for (Inst i : insts) {
            b.add(i);
        }
        return IrVerifier.verify(b);
    }

    static Inst c(Type t, long v) {
        return new Inst(Op.CONST, t, v, 0);
    }

    static Inst exit() {
        return new Inst(Op.EXIT_JUMP, Type.I64, 0, 0);
    }

    @Test
    void extensionsMustWidenAndTruncationsNarrow() {
        Inst x = c(Type.I32, 1);
        assertEquals(1, verify(x, new Inst(Op.SEXT, Type.I32, 0, 0, x), exit()).size());
        assertEquals(1, verify(x, new Inst(Op.ZEXT, Type.I32, 0, 0, x), exit()).size());
        assertEquals(1, verify(x, new Inst(Op.TRUNC, Type.I32, 0, 0, x), exit()).size());
        assertEquals(0, verify(x, new Inst(Op.SEXT, Type.I64, 0, 0, x), new Inst(Op.TRUNC, Type.I16, 0, 0, x), exit()).size());
    }

    @Test
    void operandsMustBeEnoughAndDefinedBefore() {
        Inst x = c(Type.I64, 1);
        Inst later = c(Type.I64, 2);
        assertEquals(1, verify(x, new Inst(Op.ADD, Type.I64, 0, 0, x), exit()).size());
        assertEquals(1, verify(x, new Inst(Op.ADD, Type.I64, 0, 0, x, later), later, exit()).size());
        Inst store = new Inst(Op.STORE, Type.I64, 8, 0, x, x);
        assertEquals(1, verify(x, store, new Inst(Op.ADD, Type.I64, 0, 0, x, store), exit()).size());
    }

    @Test
    void aFloatOpsRoundingModeIsAConstantMode() {
        Inst x = c(Type.I64, 1);
        Inst rm = c(Type.I64, 5);
        int add = FloatFunction.ADD.ordinal();
        assertEquals(1, verify(x, rm, new Inst(Op.FLOAT2, Type.I64, add, 0, x, x, rm), exit()).size());
        Inst dynamic = c(Type.I64, 7);
        assertEquals(0, verify(x, dynamic, new Inst(Op.FLOAT2, Type.I64, add, 0, x, x, dynamic), exit()).size());
        assertEquals(1, verify(x, dynamic, new Inst(Op.FLOAT2, Type.I32, add, 0, x, x, dynamic), exit()).size());
        assertEquals(1, verify(x, dynamic, new Inst(Op.FLOAT1, Type.I64, add, 0, x, dynamic), exit()).size());
    }

    @Test
    void oneTerminatorEndsTheBlock() {
        assertTrue(verify(c(Type.I64, 1)).getFirst().contains("does not end in a terminator"));
        assertEquals(1, verify(exit(), exit()).size());
        assertEquals(List.of("empty block"), verify());
    }
}
