package dbt.isa.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbt.ir.GuestFault;
import dbt.isa.asm.Assembler;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.exec.SparseMachine;
import dbt.isa.model.IsaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs small RISC-V programs, assembled from text by the generated assembler, on the reference interpreter. */
class InterpreterTest {
    static IsaModel model;
    static Assembler assembler;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("isa/riscv64/riscv64.isa"))) {
            dir = dir.getParent();
        }
        model = IsaLoader.load(dir.resolve("isa/riscv64/riscv64.isa"));
        assembler = new Assembler(model);
    }

    static SparseMachine machine() {
        SparseMachine m = new SparseMachine(new int[] {32, 32}, model.csrs().size());
        m.map(0x1000, 0x10000);
        return m;
    }

    /** Assembles lines at 0x1000 into m and points its pc there. */
    static SparseMachine load(SparseMachine m, String... lines) throws Exception {
        long pc = 0x1000;
        for (String line : lines) {
            Assembler.Encoded e = assembler.assemble(line, pc);
            m.store(pc, e.length() / 8, e.word());
            pc += e.length() / 8;
        }
        m.setPc(0x1000);
        return m;
    }

    /** Assembles lines at 0x1000, runs blocks until ecall, returns the machine. */
    static SparseMachine run(String... lines) throws Exception {
        SparseMachine m = load(machine(), lines);
        Interpreter interp = new Interpreter(new DecodeTree(model));
        Execution ex = new Execution();
        for (int steps = 0; steps < 10_000; steps++) {
            if (interp.step(m, ex) == Execution.Exit.SYSCALL) {
                return m;
            }
        }
        throw new AssertionError("no ecall reached");
    }

    static long x(SparseMachine m, int i) {
        return m.register(0, i);
    }

    @Test
    void loopSumsIntegers() throws Exception {
        // a0 = sum of 0..9, the seed's loop
        SparseMachine m = run("addi a0, zero, 0", "addi a1, zero, 0", "addi a2, zero, 10",
                "add a0, a0, a1", "addi a1, a1, 1", "blt a1, a2, 0x100c", "ecall");
        assertEquals(45, x(m, 10));
    }

    @Test
    void divisionFollowsTheManualsTable() throws Exception {
        SparseMachine m = run("addi a1, zero, 7", "div a0, a1, zero", "rem a2, a1, zero", "divu a3, a1, zero",
                "addi a4, zero, -1", "slli a5, a4, 0x3f", "div a6, a5, a4", "rem a7, a5, a4", "ecall");
        assertEquals(-1, x(m, 10));
        assertEquals(7, x(m, 12));
        assertEquals(-1, x(m, 13));
        assertEquals(Long.MIN_VALUE, x(m, 16));
        assertEquals(0, x(m, 17));
    }

    @Test
    void wordOperationsSignExtend() throws Exception {
        SparseMachine m = run("lui a0, 0x80000", "addiw a1, a0, -1", "c.li a2, -1", "srliw a3, a2, 0x1",
                "mulh a4, a2, a2", "mulhu a5, a2, a2", "ecall");
        assertEquals(0xffffffff80000000L, x(m, 10));
        assertEquals(0x7fffffffL, x(m, 11));
        assertEquals(0x7fffffffL, x(m, 13));
        assertEquals(0, x(m, 14));
        assertEquals(-2, x(m, 15));
    }

    @Test
    void memoryAndAtomics() throws Exception {
        SparseMachine m = run("lui sp, 0x2", "addi a0, zero, 5", "sd a0, 8(sp)", "addi a1, sp, 8",
                "amoadd.d a2, a0, (a1)", "ld a3, 8(sp)", "lr.d a4, (a1)", "sc.d a5, a0, (a1)", "sc.d a6, a0, (a1)",
                "lb a7, 8(sp)", "ecall");
        assertEquals(5, x(m, 12));
        assertEquals(10, x(m, 13));
        assertEquals(10, x(m, 14));
        assertEquals(0, x(m, 15));
        assertEquals(1, x(m, 16));
        assertEquals(5, x(m, 17));
    }

    @Test
    void callsAndReturnsThroughCompressedJumps() throws Exception {
        SparseMachine m = run("jal ra, 0x100a", "c.addi a0, 1", "ecall", "addi a0, zero, 41", "c.jr ra");
        assertEquals(42, x(m, 10));
    }

    @Test
    void faultLeavesPcOnTheFaultingInstruction() throws Exception {
        SparseMachine m = machine();
        Assembler.Encoded e = assembler.assemble("ld a0, -8(zero)", 0x1000);
        m.store(0x1000, 4, e.word());
        m.setPc(0x1000);
        Interpreter interp = new Interpreter(new DecodeTree(model));
        GuestFault f = assertThrows(GuestFault.class, () -> interp.step(m, new Execution()));
        assertEquals(-8, f.address());
        assertEquals(0x1000, m.pc());
    }

    /** Doubly recursive fib(15) at 0x1010: calls and returns through many blocks, with the stack in memory. */
    static final String[] FIB = {
        "lui sp, 0x8", "addi a0, zero, 15", "jal ra, 0x1010", "ecall",
        "addi t0, zero, 2", "blt a0, t0, 0x1050", "addi sp, sp, -32", "sd ra, 24(sp)", "sd a0, 16(sp)",
        "addi a0, a0, -1", "jal ra, 0x1010", "sd a0, 8(sp)", "ld a0, 16(sp)", "addi a0, a0, -2", "jal ra, 0x1010",
        "ld t1, 8(sp)", "add a0, a0, t1", "ld ra, 24(sp)", "addi sp, sp, 32", "jalr zero, 0(ra)",
        "jalr zero, 0(ra)"};

    @Test
    void runGoesFromBlockToBlockUntilAnExitThatIsNotContinue() throws Exception {
        SparseMachine stepped = load(machine(), FIB);
        Interpreter one = new Interpreter(new DecodeTree(model));
        Execution steps = new Execution();
        long calls = 0;
        while (one.step(stepped, steps) == Execution.Exit.CONTINUE) {
            calls++;
        }
        assertEquals(610, x(stepped, 10));
        assertEquals(calls + 1, steps.blocksRun());

        SparseMachine ran = load(machine(), FIB);
        Interpreter all = new Interpreter(new DecodeTree(model));
        Execution runs = new Execution();
        assertEquals(Execution.Exit.SYSCALL, all.run(ran, runs));
        assertEquals(610, x(ran, 10));
        assertEquals(0x1010, ran.pc(), "past the ecall");
        assertEquals(steps.retired(), runs.retired());
        assertEquals(steps.blocksRun(), runs.blocksRun());
        assertEquals(one.cachedBlocks(), all.cachedBlocks());
    }

    @Test
    void cachedBlocksStayUntilInvalidated() throws Exception {
        SparseMachine m = load(machine(), "addi a0, zero, 1", "ecall");
        Interpreter interp = new Interpreter(new DecodeTree(model));
        Execution ex = new Execution();
        assertEquals(Execution.Exit.SYSCALL, interp.run(m, ex));
        assertEquals(1, x(m, 10));
        load(m, "addi a0, zero, 2", "ecall");
        interp.run(m, ex);
        assertEquals(1, x(m, 10), "the block built before the code changed runs again");
        interp.invalidate();
        m.setPc(0x1000);
        interp.run(m, ex);
        assertEquals(2, x(m, 10));
    }

    @Test
    void stepInstructionRunsOneInstructionAtATime() throws Exception {
        SparseMachine m = load(machine(), "addi a0, zero, 3", "addi a0, a0, 4", "ecall");
        Interpreter interp = new Interpreter(new DecodeTree(model));
        Execution ex = new Execution();
        assertEquals(Execution.Exit.CONTINUE, interp.stepInstruction(m, ex));
        assertEquals(3, x(m, 10));
        assertEquals(0x1004, m.pc());
        assertEquals(Execution.Exit.CONTINUE, interp.stepInstruction(m, ex));
        assertEquals(7, x(m, 10));
        assertEquals(Execution.Exit.SYSCALL, interp.stepInstruction(m, ex));
        assertEquals(3, ex.retired());
    }
}
