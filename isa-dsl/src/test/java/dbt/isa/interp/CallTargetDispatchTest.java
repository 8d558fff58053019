package dbt.isa.interp;

import static dbt.isa.interp.InterpreterTest.FIB;
import static dbt.isa.interp.InterpreterTest.load;
import static dbt.isa.interp.InterpreterTest.machine;
import static dbt.isa.interp.InterpreterTest.model;
import static dbt.isa.interp.InterpreterTest.x;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.ir.GuestFault;
import dbt.isa.decode.DecodeTree;
import dbt.isa.exec.SparseMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher that makes regions of hot blocks call targets (what Graal compiles) against the one that runs plain
 * nodes: same registers, memory, pc, exits and counts. Here Truffle does not compile, so a block heads a region
 * after {@link DispatchStep#HOT_RUNS} runs in the interpreter; every program below runs its blocks more often than
 * that.
 */
class CallTargetDispatchTest {
    @BeforeAll
    static void loadModel() throws Exception {
        InterpreterTest.load();
    }

    private static Interpreter interpreter(Interpreter.Dispatch dispatch) {
        return new Interpreter(new DecodeTree(model), dispatch);
    }

    @Test
    void recursionAgreesWithThePlainDispatcher() throws Exception {
        SparseMachine plain = load(machine(), FIB);
        Execution plainRun = new Execution();
        assertEquals(Execution.Exit.SYSCALL, interpreter(Interpreter.Dispatch.NODES).run(plain, plainRun));

        SparseMachine targets = load(machine(), FIB);
        Execution targetRun = new Execution();
        Interpreter interp = interpreter(Interpreter.Dispatch.CALL_TARGETS);
        assertEquals(Execution.Exit.SYSCALL, interp.run(targets, targetRun));

        assertEquals(610, x(targets, 10));
        assertTrue(interp.regions() > 0, "fib's blocks ran in a region");
        assertEquals(plain.pc(), targets.pc());
        assertEquals(plainRun.retired(), targetRun.retired());
        assertEquals(plainRun.blocksRun(), targetRun.blocksRun());
        for (int r = 0; r < 32; r++) {
            assertEquals(x(plain, r), x(targets, r), "x" + r);
        }
        assertEquals(plain.load(0x7fe0, 8), targets.load(0x7fe0, 8), "the stack");
    }

    @Test
    void aBlockThatBranchesToItselfLoopsInsideItsTarget() throws Exception {
        SparseMachine m = load(machine(), "addi a0, zero, 0", "addi a1, zero, 0", "lui a2, 0x2",
                "add a0, a0, a1", "addi a1, a1, 1", "blt a1, a2, 0x100c", "ecall");
        Execution ex = new Execution();
        Interpreter interp = interpreter(Interpreter.Dispatch.CALL_TARGETS);
        assertEquals(Execution.Exit.SYSCALL, interp.run(m, ex));
        assertEquals(1, interp.regions());
        assertEquals(1, interp.regionBlocks());
        long n = 0x2000;
        assertEquals(n * (n - 1) / 2, x(m, 10));
        assertEquals(3 + 3 * n + 1, ex.retired());
        assertEquals(0x101c, m.pc());
    }

    @Test
    void recursionRunsInOneRegionWhoseEdgesAreCallsAndReturns() throws Exception {
        SparseMachine m = load(machine(), FIB);
        Execution ex = new Execution();
        Interpreter interp = interpreter(Interpreter.Dispatch.CALL_TARGETS);
        assertEquals(Execution.Exit.SYSCALL, interp.run(m, ex));
        assertEquals(610, x(m, 10));
        // fib's entry gets hot first; its region holds fib's five blocks: the entry, the leaf's return, the block
        // that calls fib(n - 1), the one that calls fib(n - 2) and the one that returns their sum. Its other blocks
        // do not head regions of their own: they run in that one.
        assertEquals(1, interp.regions());
        assertEquals(5, interp.regionBlocks());
    }

    @Test
    void aBlockSeenOnlyRarelyStaysOutOfTheRegion() throws Exception {
        // A loop of two blocks whose second block branches out to a third every 64th time: the third joins the
        // region after it has run MIN_RUNS times; 16 times in all here, so with a region formed after HOT_RUNS of the
        // first block it is out, and the loop's results are the same.
        SparseMachine m = load(machine(), "addi a0, zero, 0", "lui a2, 0x1",
                "addi a0, a0, 1", "andi t0, a0, 63", "beq t0, zero, 0x101c", "blt a0, a2, 0x1008", "ecall",
                "addi a3, a3, 1", "jal zero, 0x1014");
        Execution ex = new Execution();
        Interpreter interp = interpreter(Interpreter.Dispatch.CALL_TARGETS);
        assertEquals(Execution.Exit.SYSCALL, interp.run(m, ex));
        assertEquals(0x1000, x(m, 10));
        assertEquals(0x1000 / 64, x(m, 13));
        assertEquals(1, interp.regions());
        assertEquals(2, interp.regionBlocks(), "the loop's two blocks, not the rare one");
    }

    @Test
    void aFaultInAHotBlockLeavesPcAndCountsAsUncompiled() throws Exception {
        // Loads walk down from 0x10ff8 by 8 until they leave the mapped window at 0x1000..0x10fff.
        String[] walk = {"lui a1, 0x11", "addi a1, a1, -8", "ld a0, 0(a1)", "addi a1, a1, -8", "jal zero, 0x1008"};
        SparseMachine plain = load(machine(), walk);
        Execution plainRun = new Execution();
        GuestFault expected = assertThrows(GuestFault.class,
                () -> interpreter(Interpreter.Dispatch.NODES).run(plain, plainRun));
        SparseMachine targets = load(machine(), walk);
        Execution targetRun = new Execution();
        GuestFault f = assertThrows(GuestFault.class,
                () -> interpreter(Interpreter.Dispatch.CALL_TARGETS).run(targets, targetRun));
        assertEquals(expected.address(), f.address());
        assertEquals(0x1008, targets.pc(), "on the faulting load");
        assertEquals(plainRun.retired(), targetRun.retired());
        assertEquals(x(plain, 11), x(targets, 11));
        assertTrue(targetRun.blocksRun() > DispatchStep.HOT_RUNS);
    }

    @Test
    void invalidatingDiscardsHotBlocks() throws Exception {
        String[] count = {"addi a0, zero, 0", "lui a2, 0x1", "addi a0, a0, 1", "blt a0, a2, 0x1008", "ecall"};
        SparseMachine m = load(machine(), count);
        Interpreter interp = interpreter(Interpreter.Dispatch.CALL_TARGETS);
        Execution ex = new Execution();
        interp.run(m, ex);
        assertEquals(0x1000, x(m, 10));
        load(m, "addi a0, zero, 0", "lui a2, 0x1", "addi a0, a0, 2", "blt a0, a2, 0x1008", "ecall");
        interp.invalidate();
        interp.run(m, ex);
        assertEquals(0x1000, x(m, 10), "counted by twos now");
        assertEquals(2, interp.regions(), "the loop's new block headed a region too");
        assertEquals(3 + 2 * 0x1000 + 3 + 2 * 0x800, ex.retired());
    }
}
