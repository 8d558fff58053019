package dbt.isa.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbt.isa.asm.Assembler;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.exec.GuestFault;
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

    /** Assembles lines at 0x1000, runs blocks until ecall, returns the machine. */
    static SparseMachine run(String... lines) throws Exception {
        SparseMachine m = machine();
        long pc = 0x1000;
        for (String line : lines) {
            Assembler.Encoded e = assembler.assemble(line, pc);
            m.store(pc, e.length() / 8, e.word());
            pc += e.length() / 8;
        }
        m.setPc(0x1000);
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
}
