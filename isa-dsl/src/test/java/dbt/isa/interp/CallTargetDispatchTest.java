package dbt.isa.interp;

import static dbt.isa.interp.InterpreterTest.FIB;
import static dbt.isa.interp.InterpreterTest.load;
import static dbt.isa.interp.InterpreterTest.machine;
import static dbt.isa.interp.InterpreterTest.model;
import static dbt.isa.interp.InterpreterTest.x;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.DecodeTree;
import dbt.isa.exec.GuestFault;
import dbt.isa.exec.SparseMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher that makes hot blocks call targets (what Graal compiles) against the one that runs plain nodes:
 * same registers, memory, pc, exits and counts. Here Truffle does not compile, so blocks become call targets after
 * {@link DispatchStep#HOT_RUNS} runs in the interpreter; every program below runs its blocks more often than that.
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
        assertTrue(interp.callTargetBlocks() > 0, "fib's blocks ran as call targets");
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
        assertEquals(1, interp.callTargetBlocks());
        long n = 0x2000;
        assertEquals(n * (n - 1) / 2, x(m, 10));
        assertEquals(3 + 3 * n + 1, ex.retired());
        assertEquals(0x101c, m.pc());
    }

    @Test
    void onlyABlockWhoseBranchTargetIsItsStartLoopsInside() throws Exception {
        SparseMachine m = load(machine(), "addi a0, zero, 0", "add a0, a0, a1", "bne a0, a2, 0x1004",
                "blt a0, a2, 0x1000", "jalr zero, 0(ra)");
        BlockDecoder blocks = new BlockDecoder(new DecodeTree(model));
        assertTrue(SelfBranch.of(model, blocks.decode(m::fetch16, 0x1004)), "bne back to 0x1004");
        assertFalse(SelfBranch.of(model, blocks.decode(m::fetch16, 0x1000)), "bne to 0x1004, not 0x1000");
        assertFalse(SelfBranch.of(model, blocks.decode(m::fetch16, 0x1010)), "an indirect jump");
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
        assertEquals(2, interp.callTargetBlocks(), "the loop's new block became a call target too");
        assertEquals(3 + 2 * 0x1000 + 3 + 2 * 0x800, ex.retired());
    }
}
