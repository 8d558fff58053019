package dbt.x86.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.fp.FloatFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which fused multiply-add operands {@link ShadowLoads} loads again, and where: the row update of sgemm's inner loop
 * as RISC-V code makes it ({@code flw fa5, 0(a4); add a4, a4, 4; fmadd.s fa5, fa5, fa3, fa4; fsw fa5, -4(a5)}), and
 * the cases that must be left alone.
 */
class ShadowLoadsTest {
    private static final long FLOATS = 1;

    /** The parts of a built block the tests look at. */
    private record Row(IrBlock block, Inst load, Inst box, Inst fma) {}

    /**
     * The row update; between builds a store after the load (storeBetween), no write of fa5 after the multiply-add
     * (its result kept elsewhere: resultInFa5 false), or the loaded value read by an add too (alsoAdded).
     */
    private static Row row(boolean storeBetween, boolean resultInFa5, boolean alsoAdded) {
        IrBlock b = new IrBlock(0x1000);
        b.add(new Inst(Op.GUEST_PC, Type.I64, 0x1000, 0));
        Inst a4 = b.add(new Inst(Op.GET_REG, Type.I64, 0, 14));
        Inst load = b.add(new Inst(Op.LOAD, Type.I32, 4, 0, a4));
        Inst box = b.add(new Inst(Op.OR, Type.I64, 0, 0, b.add(new Inst(Op.ZEXT, Type.I64, 0, 0, load)),
                b.add(new Inst(Op.CONST, Type.I64, 0xffffffff00000000L, 0))));
        b.add(new Inst(Op.SET_REG, Type.I64, FLOATS, 15, box));
        if (storeBetween) {
            b.add(new Inst(Op.STORE, Type.I32, 4, 0, a4, load));
        }
        b.add(new Inst(Op.GUEST_PC, Type.I64, 0x1004, 0));
        Inst next = b.add(new Inst(Op.ADD, Type.I64, 0, 0, a4, b.add(new Inst(Op.CONST, Type.I64, 4, 0))));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, 14, next));
        b.add(new Inst(Op.GUEST_PC, Type.I64, 0x1006, 0));
        Inst y = b.add(new Inst(Op.TRUNC, Type.I32, 0, 0, b.add(new Inst(Op.GET_REG, Type.I64, FLOATS, 13))));
        Inst c = b.add(new Inst(Op.TRUNC, Type.I32, 0, 0, b.add(new Inst(Op.GET_REG, Type.I64, FLOATS, 14))));
        Inst fma = b.add(new Inst(Op.FLOAT3, Type.I32, FloatFunction.MULADD.ordinal(), 0, load, y, c,
                b.add(new Inst(Op.CONST, Type.I8, 7, 0))));
        Inst result = b.add(new Inst(Op.OR, Type.I64, 0, 0, b.add(new Inst(Op.ZEXT, Type.I64, 0, 0, fma)),
                b.add(new Inst(Op.CONST, Type.I64, 0xffffffff00000000L, 0))));
        b.add(new Inst(Op.SET_REG, Type.I64, FLOATS, resultInFa5 ? 15 : 16, result));
        if (alsoAdded) {
            b.add(new Inst(Op.SET_REG, Type.I64, 0, 10, b.add(new Inst(Op.ZEXT, Type.I64, 0, 0,
                    b.add(new Inst(Op.ADD, Type.I32, 0, 0, load, load))))));
        }
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, 0x100a, 0));
        return new Row(b, load, box, fma);
    }

    @Test
    void theFactorIsLoadedAgainAtTheNextInstructionsStart() {
        Row r = row(false, true, false);
        int before = r.block().insts.size();
        ShadowLoads.split(r.block().insts, Map.of());
        List<Inst> insts = r.block().insts;
        assertEquals(before + 1, insts.size());
        Inst again = r.fma().operand(0);
        assertNotSame(r.load(), again, "the multiply-add reads the second load");
        assertEquals(Op.LOAD, again.op);
        assertSame(r.load().operand(0), again.operand(0), "from the same address");
        assertEquals(r.load().type, again.type);
        Inst mark = insts.get(insts.indexOf(again) - 1);
        assertEquals(Op.GUEST_PC, mark.op);
        assertEquals(0x1004, mark.aux, "at the start of the instruction after the load's");
        assertSame(r.load(), r.box().operand(0).operand(0), "the register write keeps the first load");
    }

    @Test
    void leftAloneWhereSomethingWritesMemoryBetween() {
        assertUnchanged(row(true, true, false), Map.of());
    }

    @Test
    void leftAloneWhereTheRegisterStaysBoundToTheLoad() {
        assertUnchanged(row(false, false, false), Map.of()); // (fa5 is written back at the exit: one load serves)
    }

    @Test
    void leftAloneWhereTheLoadedValueHasAnotherUse() {
        assertUnchanged(row(false, true, true), Map.of());
    }

    @Test
    void leftAloneWhereTheSecondLoadWouldFallInsideAnotherGroupsRun() {
        Row r = row(false, true, false);
        List<Inst> insts = r.block().insts;
        int mark = -1;
        for (int k = 0; k < insts.size(); k++) {
            if (insts.get(k).op == Op.GUEST_PC && insts.get(k).aux == 0x1004) {
                mark = k;
            }
        }
        Inst rounding = r.fma().operand(3);
        Inst first = new Inst(Op.FLOAT3, Type.I32, FloatFunction.MULADD.ordinal(), 0, r.fma().operand(1),
                r.fma().operand(1), r.fma().operand(1), rounding);
        Inst second = new Inst(Op.FLOAT3, Type.I32, FloatFunction.MULADD.ordinal(), 0, first, first, first, rounding);
        insts.add(insts.indexOf(r.fma()), second); // (after the mark where the second load would go)
        insts.add(mark, first); // (before it)
        insts.removeAll(List.of(r.fma().operand(1), r.fma().operand(1).operand(0)));
        insts.addAll(1, List.of(r.fma().operand(1).operand(0), r.fma().operand(1)));
        FmaCheckGroups.Group g = new FmaCheckGroups.Group(List.of(first, second), 0x1000);
        assertUnchanged(r, Map.of(first, g, second, g));
    }

    @Test
    void leftAloneWhereTheMultiplyAddIsTestedWithOthers() {
        Row r = row(false, true, false);
        FmaCheckGroups.Group g = new FmaCheckGroups.Group(List.of(r.fma(), r.fma()), 0x1006);
        assertUnchanged(r, Map.of(r.fma(), g));
    }

    private static void assertUnchanged(Row r, Map<Inst, FmaCheckGroups.Group> groups) {
        List<Inst> before = new ArrayList<>(r.block().insts);
        ShadowLoads.split(r.block().insts, groups);
        assertEquals(before, r.block().insts);
        assertSame(r.load(), r.fma().operand(0));
    }
}
