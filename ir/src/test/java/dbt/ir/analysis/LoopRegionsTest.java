package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Region formation on control-flow graphs built by hand: which blocks a loop's region holds, and in what order. */
class LoopRegionsTest {
    private final Map<Long, IrBlock> code = new HashMap<>();

    private void branch(long at, long taken, long fall) {
        IrBlock b = new IrBlock(at);
        Inst c = b.add(new Inst(Op.CONST, Type.I1, 1, 0));
        b.add(new Inst(Op.EXIT_BRANCH, Type.I64, taken, fall, c));
        code.put(at, b);
    }

    private void jump(long at, long target) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, target, 0));
        code.put(at, b);
    }

    private void leave(long at) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.EXIT_INDIRECT, Type.I64, 0, 0, b.add(new Inst(Op.CONST, Type.I64, 0, 0))));
        code.put(at, b);
    }

    private List<Long> region(long entry, int maxBlocks) {
        return LoopRegions.find(code.get(entry), code::get, maxBlocks).stream().map(b -> b.guestAddress).toList();
    }

    @Test
    void aDiamondInALoopIsOneRegionInReversePostorder() {
        branch(0x100, 0x110, 0x108); // if
        jump(0x108, 0x118);          // else
        jump(0x110, 0x118);          // then
        branch(0x118, 0x100, 0x200); // back edge, or out
        leave(0x200);
        List<Long> r = region(0x100, 16);
        assertEquals(0x100L, r.getFirst());
        assertEquals(Map.of(0x100L, 1, 0x108L, 1, 0x110L, 1, 0x118L, 1),
                r.stream().collect(java.util.stream.Collectors.toMap(a -> a, a -> 1)));
        assertEquals(0x118L, r.getLast(), "the join comes after both arms");
    }

    @Test
    void blocksThatDoNotLeadBackAreLeftOut() {
        branch(0x100, 0x200, 0x108); // early exit to 0x200
        branch(0x108, 0x100, 0x300);
        jump(0x200, 0x400);
        leave(0x300);
        leave(0x400);
        assertEquals(List.of(0x100L, 0x108L), region(0x100, 16));
    }

    @Test
    void aSelfLoopStaysOnItsOwnAndIsNotARegion() {
        branch(0x100, 0x100, 0x108);
        leave(0x108);
        assertTrue(region(0x100, 16).isEmpty());
        // An outer loop whose only way back passes through an inner self-loop has no region either.
        branch(0x200, 0x208, 0x208);
        branch(0x208, 0x208, 0x210);
        jump(0x210, 0x200);
        assertTrue(region(0x200, 16).isEmpty());
    }

    @Test
    void aNestedLoopOfSeveralBlocksIsPartOfTheOuterRegion() {
        jump(0x100, 0x108);
        branch(0x108, 0x110, 0x118); // inner loop: 0x108 -> 0x110 -> 0x108
        jump(0x110, 0x108);
        branch(0x118, 0x100, 0x120);
        leave(0x120);
        List<Long> r = region(0x100, 16);
        assertEquals(4, r.size());
        assertEquals(0x100L, r.getFirst());
    }

    @Test
    void straightLineCodeAndTooLargeLoopsAreNoRegion() {
        jump(0x100, 0x108);
        leave(0x108);
        assertTrue(region(0x100, 16).isEmpty());
        for (long a = 0x1000; a < 0x1000 + 8 * 20; a += 8) {
            jump(a, a + 8 == 0x1000 + 8 * 20 ? 0x1000 : a + 8);
        }
        assertEquals(20, region(0x1000, 32).size());
        assertTrue(region(0x1000, 16).isEmpty());
    }

    /** A call to target that returns to back (its link register written, as a call block's terminator says). */
    private void call(long at, long target, long back) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, target, back));
        code.put(at, b);
    }

    private boolean loopsPastCalls(long entry, int maxBlocks) {
        return LoopRegions.loopsPastCalls(code.get(entry), code::get, maxBlocks);
    }

    @Test
    void aLoopPastCallsIsSeenWhereverARegionCouldForm() {
        branch(0x100, 0x108, 0x200); // a loop whose body calls 0x800, which returns to its next block
        call(0x108, 0x800, 0x110);
        jump(0x110, 0x100);
        leave(0x800);
        leave(0x200);
        assertTrue(loopsPastCalls(0x100, 16), "through the call's return");
        assertTrue(region(0x100, 16).isEmpty(), "(which the plain search cannot see: the callee returns indirectly)");
        call(0x300, 0x300, 0x308); // a recursive call: the plain search's way back
        leave(0x308);
        call(0x400, 0x500, 0x408);
        branch(0x500, 0x400, 0x508); // recursion through another function
        leave(0x508);
        leave(0x408);
        assertTrue(loopsPastCalls(0x400, 16));
        assertEquals(List.of(0x400L, 0x500L), region(0x400, 16));
        jump(0x600, 0x608); // plain loops too, also beside a long side path
        for (long a = 0x2000; a < 0x2000 + 8 * 40; a += 8) {
            jump(a, a + 8);
        }
        branch(0x608, 0x2000, 0x610);
        jump(0x610, 0x600);
        assertTrue(loopsPastCalls(0x600, 16));
        assertEquals(3, region(0x600, 16).size());
    }

    @Test
    void noLoopPastCallsWhereNoneCanForm() {
        call(0x100, 0x800, 0x108); // straight code with a call, which returns to code that leaves
        jump(0x108, 0x110);
        leave(0x110);
        leave(0x800);
        assertFalse(loopsPastCalls(0x100, 16));
        assertTrue(region(0x100, 16).isEmpty());
        for (long a = 0x1000; a < 0x1000 + 8 * 20; a += 8) { // a loop of more blocks than allowed
            jump(a, a + 8 == 0x1000 + 8 * 20 ? 0x1000 : a + 8);
        }
        assertFalse(loopsPastCalls(0x1000, 16));
        assertTrue(loopsPastCalls(0x1000, 32));
        branch(0x3000, 0x3000, 0x3008); // a self-loop
        leave(0x3008);
        assertFalse(loopsPastCalls(0x3000, 16));
    }

    @Test
    void unknownTargetsEndTheSearch() {
        branch(0x100, 0x108, 0x9999_0000L); // no code there
        jump(0x108, 0x100);
        assertEquals(List.of(0x100L, 0x108L), region(0x100, 16));
    }

    /** A plain indirect jump (rd = x0, not a return), or a return (aux 1), or an indirect call (returns to back). */
    private void indirect(long at, long aux, long back) {
        IrBlock b = new IrBlock(at);
        b.add(new Inst(Op.EXIT_INDIRECT, Type.I64, aux, back, b.add(new Inst(Op.CONST, Type.I64, 0, 0))));
        code.put(at, b);
    }

    private final Map<Long, long[]> seen = new HashMap<>();

    private List<Long> region(long entry, int maxBlocks, int maxJumpBlocks) {
        return LoopRegions.find(code.get(entry), code::get, maxBlocks, b -> seen.getOrDefault(b, new long[0]),
                maxJumpBlocks).stream().map(b -> b.guestAddress).toList();
    }

    @Test
    void aDispatchLoopIsOneRegionThroughItsIndirectJumpToWhereItWent() {
        jump(0x100, 0x108);        // the loop's top
        indirect(0x108, 0, 0);     // jr through a table
        jump(0x200, 0x100);        // three handlers, each back to the top
        branch(0x210, 0x100, 0x218);
        jump(0x218, 0x100);
        jump(0x220, 0x100);
        assertTrue(region(0x100, 16, 48).isEmpty(), "no target seen, no loop");
        seen.put(0x108L, new long[] {0x210, 0x200});
        assertEquals(List.of(0x100L, 0x108L, 0x200L, 0x210L, 0x218L),
                region(0x100, 16, 48).stream().sorted().toList(), "the handlers it went to, not 0x220");
        assertTrue(LoopRegions.loopsPastCalls(code.get(0x200L), code::get, 16, b -> seen.getOrDefault(b,
                new long[0]), 48));
        assertFalse(LoopRegions.loopsPastCalls(code.get(0x200L), code::get, 16), "only through the jump");
    }

    @Test
    void aDispatchLoopTooLargeKeepsTheMostFrequentTargets() {
        jump(0x100, 0x108);
        indirect(0x108, 0, 0);
        long[] handlers = new long[12];
        for (int k = 0; k < handlers.length; k++) {
            handlers[k] = 0x1000 + 0x10L * k;
            jump(handlers[k], 0x100);
        }
        seen.put(0x108L, handlers); // (the most frequent first)
        assertEquals(14, region(0x100, 4, 16).size(), "up to the jump's limit, not the plain loop's");
        List<Long> r = region(0x100, 4, 10);
        assertEquals(2 + 6, r.size(), "half the twelve targets: the first six");
        for (int k = 0; k < 6; k++) {
            assertTrue(r.contains(handlers[k]));
        }
        assertEquals(2 + 1, region(0x100, 4, 3).size(), "down to one");
        jump(0x300, 0x308); // a plain loop is held to the plain limit
        jump(0x308, 0x310);
        jump(0x310, 0x300);
        assertTrue(region(0x300, 2, 48).isEmpty());
        LoopRegions.JumpTargets jumps = b -> seen.getOrDefault(b, new long[0]);
        assertFalse(LoopRegions.loopsPastCalls(code.get(0x300L), code::get, 2, jumps, 48));
        assertTrue(LoopRegions.loopsPastCalls(code.get(0x300L), code::get, 3, jumps, 3));
        jump(0x400, 0x408); // a way through the jump, longer than the plain limit
        jump(0x408, 0x100);
        jump(0x1000, 0x400);
        assertTrue(LoopRegions.loopsPastCalls(code.get(0x400L), code::get, 4, jumps, 48));
        assertFalse(LoopRegions.loopsPastCalls(code.get(0x400L), code::get, 4, jumps, 4));
    }

    @Test
    void returnsAndIndirectCallsAreNotFollowed() {
        jump(0x100, 0x108);
        indirect(0x108, 1, 0);         // a return
        indirect(0x110, 0, 0x118);     // an indirect call, which returns to 0x118
        jump(0x200, 0x100);
        seen.put(0x108L, new long[] {0x200});
        seen.put(0x110L, new long[] {0x200});
        assertTrue(region(0x100, 16, 48).isEmpty());
        jump(0x300, 0x110);
        assertTrue(region(0x300, 16, 48).isEmpty());
    }
}
