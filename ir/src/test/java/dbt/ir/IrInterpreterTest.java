package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbt.ir.GuestFault;
import dbt.ir.random.InitialState;
import dbt.ir.random.TestMachine;
import org.junit.jupiter.api.Test;

/**
 * The IR interpreter does what {@link Op} defines for the ops whose meaning is not {@link Arithmetic}'s: register,
 * CSR, reservation and memory access, predication, compare-and-swap, extensions, exits, the guest pc a fault
 * leaves, and the rounding mode and flags of float ops. Each expected value is worked out from the definition.
 */
class IrInterpreterTest {
    static final long DATA = TestMachine.DATA;

    static TestMachine machine(InitialState s) {
        return new TestMachine(s);
    }

    static long run(String ir, TestMachine m) throws Exception {
        return new IrInterpreter(TestMachine.FLOAT_CSRS).run(IrParser.parse(ir), m);
    }

    @Test
    void registersCsrsAndReservations() throws Exception {
        TestMachine m = machine(InitialState.zero().withRegister(0, 1, 0x1234_5678_9abc_def0L).withCsr(1, 7));
        run("""
                block 0x100 {
                  %0 = getreg.i64 0:1
                  setreg 1:2, %0
                  %2 = getreg.i32 1:2
                  %3 = zext.i64 %2
                  setreg 0:3, %3
                  %5 = getcsr.i64 csr1
                  setcsr csr0, %5
                  setresv %0
                  setresv value, %5
                  %9 = getresv
                  setreg 0:4, %9
                  exit.jump 0x0
                }
                """, m);
        assertEquals(0x9abc_def0L, m.register(1, 2));
        assertEquals(0x9abc_def0L, m.register(0, 3));
        assertEquals(7, m.csr(0));
        assertEquals(0x1234_5678_9abc_def0L, m.reservation());
        assertEquals(7, m.reservedValue());
        assertEquals(0x1234_5678_9abc_def0L, m.register(0, 4));
    }

    @Test
    void extensionsTruncationsAndUnaryOpsKeepValuesInTheirWidth() throws Exception {
        TestMachine m = machine(InitialState.zero().withRegister(0, 1, 0x1_ff80L));
        run("""
                block 0x100 {
                  %0 = getreg.i64 0:1
                  %1 = trunc.i8 %0
                  %2 = sext.i64 %1
                  setreg 0:2, %2
                  %4 = zext.i64 %1
                  setreg 0:3, %4
                  %6 = neg.i8 %1
                  %7 = zext.i64 %6
                  setreg 0:4, %7
                  %9 = trunc.i16 %0
                  %10 = not.i16 %9
                  %11 = zext.i64 %10
                  setreg 0:5, %11
                  %13 = const.i1 0x1
                  %14 = select.i64 %13, %0, %2
                  setreg 0:6, %14
                  exit.jump 0x0
                }
                """, m);
        assertEquals(0xffff_ffff_ffff_ff80L, m.register(0, 2));
        assertEquals(0x80, m.register(0, 3));
        assertEquals(0x80, m.register(0, 4));
        assertEquals(0x7f, m.register(0, 5));
        assertEquals(0x1_ff80L, m.register(0, 6));
    }

    @Test
    void memoryAccessesAndTheirPredicates() throws Exception {
        TestMachine m = machine(InitialState.zero().withRegister(0, 1, DATA + 16));
        run("""
                block 0x100 {
                  %0 = getreg.i64 0:1
                  %1 = const.i32 0x11223344
                  store.i32 %0, %1
                  %3 = load.i16 %0
                  %4 = zext.i64 %3
                  setreg 0:2, %4
                  %6 = const.i1 0x0
                  %7 = const.i64 0x0
                  %8 = load.if.i64 %6, %7
                  setreg 0:3, %8
                  store.if.i64 %6, %7, %8
                  %11 = const.i1 0x1
                  %12 = const.i16 0xbeef
                  store.if.i16 %11, %0, %12
                  %14 = load.i32 %0
                  %15 = zext.i64 %14
                  setreg 0:4, %15
                  exit.jump 0x0
                }
                """, m);
        assertEquals(0x3344, m.register(0, 2));
        assertEquals(0, m.register(0, 3));
        assertEquals(0x1122_beefL, m.register(0, 4));
    }

    @Test
    void aCompareAndSwapStoresOnlyOverTheExpectedValue() throws Exception {
        String cas = """
                block 0x100 {
                  %0 = getreg.i64 0:1
                  %1 = load.i32 %0
                  %2 = const.i1 0x1
                  %3 = getreg.i32 1:0
                  %4 = const.i32 0x5
                  store.cas.i32 %2, %0, %3, %4
                  exit.jump 0x0
                }
                """;
        TestMachine m = machine(InitialState.zero().withRegister(0, 1, DATA));
        long before = m.load(DATA, 4);
        TestMachine same = machine(InitialState.zero().withRegister(0, 1, DATA).withRegister(1, 0, before));
        run(cas, same);
        assertEquals(5, same.load(DATA, 4));
        TestMachine other = machine(InitialState.zero().withRegister(0, 1, DATA).withRegister(1, 0, before + 1));
        assertThrows(IrInterpreter.MemoryChanged.class, () -> run(cas, other));
        assertEquals(before, other.load(DATA, 4));
        assertEquals(0x100, other.pc(), "the block's address: no guest pc mark");
    }

    @Test
    void aFaultLeavesThePcOnItsGuestInstruction() throws Exception {
        TestMachine m = machine(InitialState.zero().withRegister(0, 1, 8));
        assertThrows(GuestFault.class, () -> run("""
                block 0x100 {
                  pc 0x100
                  %1 = const.i64 0x1
                  setreg 0:2, %1
                  pc 0x104
                  %4 = getreg.i64 0:1
                  %5 = load.i64 %4
                  setreg 0:3, %5
                  exit.jump 0x0
                }
                """, m));
        assertEquals(0x104, m.pc());
        assertEquals(1, m.register(0, 2));
    }

    @Test
    void exitsSayWhereAndHow() throws Exception {
        IrInterpreter interpreter = new IrInterpreter(TestMachine.FLOAT_CSRS);
        TestMachine m = machine(InitialState.zero().withRegister(0, 1, 0x4000));
        String branch = """
                block 0x100 {
                  %0 = getreg.i64 0:1
                  %1 = const.i64 TARGET
                  %2 = eq.i1 %0, %1
                  exit.branch %2, 0x200, 0x300
                }
                """;
        assertEquals(0x200, interpreter.run(IrParser.parse(branch.replace("TARGET", "0x4000")), m));
        assertEquals(Op.EXIT_BRANCH, interpreter.lastExit);
        assertEquals(0x300, interpreter.run(IrParser.parse(branch.replace("TARGET", "0x4001")), m));
        assertEquals(0x4000, interpreter.run(IrParser.parse("""
                block 0x100 {
                  %0 = getreg.i64 0:1
                  exit.indirect %0
                }
                """), m));
        assertEquals(Op.EXIT_INDIRECT, interpreter.lastExit);
        assertEquals(0x104, interpreter.run(IrParser.parse("block 0x100 {\n  exit.syscall 0x104\n}\n"), m));
        assertEquals(Op.EXIT_SYSCALL, interpreter.lastExit);
    }

    @Test
    void floatOpsRoundByTheDynamicModeAndAccrueFlagsIntoTheCsr() throws Exception {
        // 1.0f + 2^-24 (a tie) rounds to 1.0f to nearest-even, to 1.0f + 2^-23 upwards; both are inexact
        String add = """
                block 0x100 {
                  %0 = const.i32 0x3f800000
                  %1 = const.i32 0x33800000
                  %2 = const.i64 0x7
                  %3 = float2.i32 fadd, %0, %1, %2
                  %4 = zext.i64 %3
                  setreg 0:1, %4
                  exit.jump 0x0
                }
                """;
        TestMachine nearest = machine(InitialState.zero());
        run(add, nearest);
        assertEquals(0x3f80_0000L, nearest.register(0, 1));
        assertEquals(1, nearest.csr(0), "inexact, in bit 0 of the flags");
        TestMachine up = machine(InitialState.zero().withCsr(0, 3 << 5));
        run(add, up);
        assertEquals(0x3f80_0001L, up.register(0, 1));
        assertEquals(3 << 5 | 1, up.csr(0));
        // another layout: flags in bits 12..8 and the mode in bits 15..13 of slot 1, other bits set around them
        FloatCsrs layout = new FloatCsrs(1, 8, 1, 13, 3);
        TestMachine other = machine(InitialState.zero().withCsr(1, 0xf_0000L | 3 << 13));
        new IrInterpreter(layout).run(IrParser.parse(add), other);
        assertEquals(0x3f80_0001L, other.register(0, 1));
        assertEquals(0xf_0000L | 3 << 13 | 1 << 8, other.csr(1));
        TestMachine nan = machine(InitialState.zero().withRegister(0, 1, 0x7ff8_0000_0000_0001L));
        run("""
                block 0x100 {
                  %0 = getreg.i64 0:1
                  %1 = const.i64 0x2a
                  %2 = select.nan.i64 %0, %1
                  setreg 0:2, %2
                  exit.jump 0x0
                }
                """, nan);
        assertEquals(0x2a, nan.register(0, 2));
    }
}
