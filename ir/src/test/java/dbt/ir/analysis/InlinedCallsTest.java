package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrPrinter;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calls inlined into regions, on control-flow graphs built by hand: which calls are, how the call block, the callee's
 * entry and its returns are rewritten, and which regions break the rules inlining relies on.
 */
class InlinedCallsTest {
    private static final long RA = 1; // the link register (file 0, index 1)
    private static final long LOOP = 0x100, CALLEE = 0x800;

    private final Map<Long, IrBlock> code = new HashMap<>();
    private final Map<Long, Long> predicted = new HashMap<>();

    private InlinedCalls view() {
        return new InlinedCalls(code::get, b -> predicted.getOrDefault(b, 0L));
    }

    /** A block at `at` whose last instruction (at `at + 4`) calls target directly, returning to `at + 8`. */
    private void directCall(long at, long target) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.GUEST_PC, Type.I64, at, 0));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, 10, b.add(new Inst(Op.CONST, Type.I64, 7, 0))));
        b.add(new Inst(Op.GUEST_PC, Type.I64, at + 4, 0));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, RA, b.add(new Inst(Op.CONST, Type.I64, at + 8, 0))));
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, target, at + 8));
        code.put(at, b);
    }

    /** The same with an indirect call through register 22. */
    private void indirectCall(long at) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.GUEST_PC, Type.I64, at, 0));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, 10, b.add(new Inst(Op.CONST, Type.I64, 7, 0))));
        b.add(new Inst(Op.GUEST_PC, Type.I64, at + 4, 0));
        Inst target = b.add(new Inst(Op.GET_REG, Type.I64, 0, 22));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, RA, b.add(new Inst(Op.CONST, Type.I64, at + 8, 0))));
        b.add(new Inst(Op.EXIT_INDIRECT, Type.I64, 0, at + 8, target));
        code.put(at, b);
    }

    /** A leaf's block that returns through ra (masked, as RISC-V's jalr is). */
    private IrBlock ret(long at) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.GUEST_PC, Type.I64, at, 0));
        Inst ra = b.add(new Inst(Op.GET_REG, Type.I64, 0, RA));
        Inst masked = b.add(new Inst(Op.AND, Type.I64, 0, 0, ra, b.add(new Inst(Op.CONST, Type.I64, -2, 0))));
        b.add(new Inst(Op.EXIT_INDIRECT, Type.I64, 1, 0, masked));
        code.put(at, b);
        return b;
    }

    private void branch(long at, long taken, long fall) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.GUEST_PC, Type.I64, at, 0));
        Inst c = b.add(new Inst(Op.GET_REG, Type.I1, 0, 5));
        b.add(new Inst(Op.EXIT_BRANCH, Type.I64, taken, fall, c));
        code.put(at, b);
    }

    private List<Long> addresses(List<IrBlock> region) {
        return region.stream().map(b -> b.guestAddress).toList();
    }

    @Test
    void aDirectCallToALeafBecomesAJumpAndItsReturnAJumpBack() {
        directCall(LOOP, CALLEE);
        ret(CALLEE);
        branch(LOOP + 8, LOOP, 0x200); // where the call returns to
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertEquals(List.of(LOOP, CALLEE, LOOP + 8), addresses(region));
        assertEquals(1, view.inlinedIn(region));
        assertTrue(view.consistent(region));
        IrBlock call = region.get(0);
        assertEquals(Op.EXIT_JUMP, call.terminator().op);
        assertEquals(0, call.terminator().callReturnAddress(), "no longer a call");
        assertTrue(call.insts.stream().noneMatch(i -> i.op == Op.SET_REG && i.registerKey() == RA),
                "the link register is written in the callee");
        IrBlock leaf = region.get(1);
        assertEquals(Op.SET_REG, leaf.insts.get(1).op);
        assertEquals(RA, leaf.insts.get(1).registerKey());
        assertEquals(LOOP + 8, leaf.insts.get(1).operand(0).aux);
        assertEquals(Op.EXIT_JUMP, leaf.terminator().op);
        assertEquals(LOOP + 8, leaf.terminator().aux);
        assertEquals(Op.EXIT_INDIRECT, code.get(CALLEE).terminator().op, "the lifted blocks are left as they are");
    }

    @Test
    void aPredictedIndirectCallBranchesOnItsTargetAndElseCallsFromTheCallingInstruction() {
        indirectCall(LOOP);
        ret(CALLEE);
        branch(LOOP + 8, LOOP, 0x200);
        predicted.put(LOOP, CALLEE);
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertEquals(List.of(LOOP, CALLEE, LOOP + 8), addresses(region));
        Inst end = region.get(0).terminator();
        assertEquals(Op.EXIT_BRANCH, end.op);
        assertEquals(CALLEE, end.aux);
        assertEquals(LOOP + 4, end.aux2, "the fallback makes the call as the guest would, from its instruction");
        assertEquals(Op.EQ, end.operand(0).op);
        assertEquals(Op.GET_REG, end.operand(0).operand(0).op);
        assertEquals(CALLEE, end.operand(0).operand(1).aux);
    }

    @Test
    void callsThatCannotBeInlinedStayCalls() {
        indirectCall(LOOP); // no prediction
        ret(CALLEE);
        branch(LOOP + 8, LOOP, 0x200);
        InlinedCalls view = view();
        assertSame(code.get(LOOP), view.entry(code.get(LOOP)));

        code.clear();
        directCall(LOOP, CALLEE); // a callee that writes ra
        IrBlock leaf = ret(CALLEE);
        leaf.insts.add(1, new Inst(Op.SET_REG, Type.I64, 0, RA, leaf.insts.get(1)));
        view = view();
        assertSame(code.get(LOOP), view.entry(code.get(LOOP)));

        code.clear();
        directCall(LOOP, CALLEE); // a callee that calls
        directCall(CALLEE, 0x900);
        view = view();
        assertSame(code.get(LOOP), view.entry(code.get(LOOP)));

        code.clear();
        directCall(LOOP, CALLEE); // a callee with a loop of one block
        branch(CALLEE, CALLEE, CALLEE + 0x10);
        ret(CALLEE + 0x10);
        view = view();
        assertSame(code.get(LOOP), view.entry(code.get(LOOP)));

        code.clear();
        directCall(LOOP, CALLEE); // a callee with a loop of two blocks
        branch(CALLEE, CALLEE + 0x10, CALLEE + 0x20);
        branch(CALLEE + 0x10, CALLEE, CALLEE + 0x20);
        ret(CALLEE + 0x20);
        view = view();
        assertSame(code.get(LOOP), view.entry(code.get(LOOP)));

        code.clear();
        directCall(LOOP, CALLEE); // a callee of more blocks than inlined
        for (int k = 0; k <= InlinedCalls.MAX_CALLEE_BLOCKS; k++) {
            branch(CALLEE + 0x10L * k, CALLEE + 0x10L * (k + 1), CALLEE + 0x10L * (k + 1));
        }
        ret(CALLEE + 0x10L * (InlinedCalls.MAX_CALLEE_BLOCKS + 1));
        view = view();
        assertSame(code.get(LOOP), view.entry(code.get(LOOP)));
    }

    @Test
    void aDirectCallThatIsItsBlockAloneIsInlinedToo() {
        IrBlock b = new IrBlock(LOOP);
        b.add(new Inst(Op.GUEST_PC, Type.I64, LOOP, 0));
        b.add(new Inst(Op.SET_REG, Type.I64, 0, RA, b.add(new Inst(Op.CONST, Type.I64, LOOP + 4, 0))));
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, CALLEE, LOOP + 4));
        code.put(LOOP, b);
        ret(CALLEE);
        branch(LOOP + 4, LOOP, 0x200);
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertEquals(List.of(LOOP, CALLEE, LOOP + 4), addresses(region));
        assertTrue(view.consistent(region), "a direct call has no fallback to its own instruction");
    }

    @Test
    void aPltEntrysJumpIsGuardedAndItsWriteMadeWhereItLeads() {
        long plt = 0x600, function = 0x900, t1 = 6;
        directCall(LOOP, plt);
        IrBlock stub = new IrBlock(plt); // auipc t3; ld t3; jalr t1, t3
        stub.add(new Inst(Op.GUEST_PC, Type.I64, plt, 0));
        Inst t3 = stub.add(new Inst(Op.GET_REG, Type.I64, 0, 28));
        stub.add(new Inst(Op.GUEST_PC, Type.I64, plt + 8, 0));
        stub.add(new Inst(Op.SET_REG, Type.I64, 0, t1, stub.add(new Inst(Op.CONST, Type.I64, plt + 12, 0))));
        stub.add(new Inst(Op.EXIT_INDIRECT, Type.I64, 0, 0, t3));
        code.put(plt, stub);
        ret(function);
        branch(LOOP + 8, LOOP, 0x200);
        predicted.put(plt, function);
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertEquals(List.of(LOOP, plt, function, LOOP + 8), addresses(region));
        Inst end = region.get(1).terminator();
        assertEquals(Op.EXIT_BRANCH, end.op);
        assertEquals(function, end.aux);
        assertEquals(plt + 8, end.aux2, "the fallback jumps from the jalr itself");
        assertTrue(region.get(1).insts.stream().noneMatch(i -> i.op == Op.SET_REG && i.registerKey() == t1),
                "t1 is written where the jump leads");
        IrBlock leaf = region.get(2);
        assertTrue(leaf.insts.stream().anyMatch(i -> i.op == Op.SET_REG && i.registerKey() == t1
                && i.operand(0).aux == plt + 12));
        assertTrue(region.get(1).insts.stream().anyMatch(i -> i.op == Op.SET_REG && i.registerKey() == RA),
                "ra is written where the callee (the PLT entry) starts");
        assertTrue(view.consistent(region));
        assertEquals(Op.EXIT_JUMP, leaf.terminator().op);
    }

    @Test
    void aCalleesBlocksThatNeverRanStayOutOfTheRegion() {
        directCall(LOOP, CALLEE);
        branch(CALLEE, CALLEE + 0x10, CALLEE + 0x20); // 0x820 (a NaN's path) has not run: no block there
        ret(CALLEE + 0x10);
        branch(LOOP + 8, LOOP, 0x200);
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertEquals(List.of(LOOP, CALLEE, CALLEE + 0x10, LOOP + 8), addresses(region));
        assertEquals(CALLEE + 0x20, region.get(1).terminator().aux2, "a side exit, the callee going on outside");
    }

    @Test
    void aLeafWithABranchHasEveryReturnRewritten() {
        directCall(LOOP, CALLEE);
        branch(CALLEE, CALLEE + 0x10, CALLEE + 0x20);
        ret(CALLEE + 0x10);
        ret(CALLEE + 0x20);
        branch(LOOP + 8, LOOP, 0x200);
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertEquals(5, region.size());
        for (IrBlock b : region) {
            assertFalse(b.terminator().isReturn(), () -> IrPrinter.print(b));
        }
        assertTrue(view.consistent(region));
    }

    @Test
    void aRegionThatEntersTheCalleeOtherwiseIsNotConsistent() {
        directCall(LOOP, CALLEE);
        branch(CALLEE, CALLEE + 0x10, CALLEE + 0x20);
        ret(CALLEE + 0x10);
        ret(CALLEE + 0x20);
        branch(LOOP + 8, LOOP, CALLEE + 0x10); // the caller jumps into the callee's middle
        InlinedCalls view = view();
        List<IrBlock> region = LoopRegions.find(view.entry(code.get(LOOP)), view, 16);
        assertFalse(view.consistent(region));
    }
}
