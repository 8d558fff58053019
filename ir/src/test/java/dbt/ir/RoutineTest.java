package dbt.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbt.ir.random.TestMachine;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The routines' own semantics (what the IR interpreter runs, the reference for the host code): C's results, the
 * byte differences of strcmp and memcmp, faults where memory ends, and the arguments they decline.
 */
class RoutineTest {
    private static final long PAGE = 0x10000;
    /** One mapped page; the next one is not. */
    private static final long END = PAGE + 4096;

    private static TestMachine machine() {
        return new TestMachine(PAGE, 4096);
    }

    private static void put(TestMachine m, long at, String bytes) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k < b.length; k++) {
            m.store(at + k, 1, b[k] & 0xff);
        }
    }

    @Test
    void stringsAreMeasuredComparedAndSearched() {
        TestMachine m = machine();
        put(m, PAGE, "hello\0");
        put(m, PAGE + 16, "help\0");
        put(m, PAGE + 32, "\u00ff\0");
        put(m, PAGE + 48, "\u0001\0");
        assertEquals(5, Routine.STRLEN.run(m, PAGE, 0, 0));
        assertEquals(0, Routine.STRLEN.run(m, PAGE + 5, 0, 0));
        assertEquals('l' - 'p', Routine.STRCMP.run(m, PAGE, PAGE + 16, 0));
        assertEquals('p' - 'l', Routine.STRCMP.run(m, PAGE + 16, PAGE, 0));
        assertEquals(0xff - 0x01, Routine.STRCMP.run(m, PAGE + 32, PAGE + 48, 0), "bytes compare unsigned");
        assertEquals(0, Routine.STRCMP.run(m, PAGE, PAGE, 0));
        assertEquals(-'o', Routine.STRCMP.run(m, PAGE + 5, PAGE + 4, 0), "a terminator against a byte");
        assertEquals(PAGE + 2, Routine.STRCHR.run(m, PAGE, 'l', 0));
        assertEquals(PAGE + 2, Routine.STRCHR.run(m, PAGE, 0x100 + 'l', 0), "c is taken as a byte");
        assertEquals(PAGE + 5, Routine.STRCHR.run(m, PAGE, 0, 0), "the terminator itself");
        assertEquals(0, Routine.STRCHR.run(m, PAGE, 'z', 0));
        assertEquals(0, Routine.STRNCMP.run(m, PAGE, PAGE + 16, 3), "equal in the first 3");
        assertEquals('l' - 'p', Routine.STRNCMP.run(m, PAGE, PAGE + 16, 4));
        assertEquals(0, Routine.STRNCMP.run(m, PAGE, PAGE + 16, 0));
        assertEquals(PAGE + 2, Routine.MEMCHR.run(m, PAGE, 'l', 6));
        assertEquals(0, Routine.MEMCHR.run(m, PAGE, 'o', 4), "found only past n");
        assertEquals(PAGE + 5, Routine.MEMCHR.run(m, PAGE, 0x100, 6), "c is taken as a byte");
    }

    @Test
    void memoryIsComparedCopiedAndFilled() {
        TestMachine m = machine();
        put(m, PAGE, "abcdefgh");
        put(m, PAGE + 16, "abcdXfgh");
        assertEquals(0, Routine.MEMCMP.run(m, PAGE, PAGE + 16, 4));
        assertEquals('e' - 'X', Routine.MEMCMP.run(m, PAGE, PAGE + 16, 8));
        assertEquals(0, Routine.MEMCMP.run(m, PAGE, PAGE + 16, 0));
        assertEquals(PAGE + 64, Routine.MEMCPY.run(m, PAGE + 64, PAGE, 8));
        assertEquals(0, Routine.MEMCMP.run(m, PAGE, PAGE + 64, 8));
        assertEquals(PAGE + 96, Routine.MEMMOVE.run(m, PAGE + 96, PAGE + 16, 8));
        assertEquals(0, Routine.MEMCMP.run(m, PAGE + 16, PAGE + 96, 8));
        assertEquals(PAGE + 128, Routine.MEMSET.run(m, PAGE + 128, 0x1ab, 3), "the low byte of c");
        assertEquals(0xababab, m.load(PAGE + 128, 4));
    }

    @Test
    void overlappingCopiesAreDeclined() {
        TestMachine m = machine();
        assertThrows(Routine.Declined.class, () -> Routine.MEMCPY.run(m, PAGE + 4, PAGE, 8));
        assertThrows(Routine.Declined.class, () -> Routine.MEMCPY.run(m, PAGE, PAGE + 4, 8));
        assertThrows(Routine.Declined.class, () -> Routine.MEMMOVE.run(m, PAGE + 7, PAGE, 8));
        assertEquals(PAGE + 8, Routine.MEMCPY.run(m, PAGE + 8, PAGE, 8), "adjacent ranges do not overlap");
        assertEquals(PAGE, Routine.MEMCPY.run(m, PAGE, PAGE, 0), "nor do empty ones");
    }

    @Test
    void aRoutineBlockReadsAndPrintsAndRuns() throws Exception {
        String text = """
                block 0x100 {
                  pc 0x100
                  %1 = getreg.i64 0:2
                  %2 = getreg.i64 0:3
                  %3 = getreg.i64 0:4
                  %4 = routine.i64 strlen, %1, %2, %3
                  setreg 0:2, %4
                  %6 = getreg.i64 0:1
                  exit.indirect %6, return
                }
                """;
        IrBlock b = IrParser.parse(text);
        assertEquals(text, IrPrinter.print(b));
        assertEquals(java.util.List.of(), IrVerifier.verify(b));
        TestMachine m = machine();
        put(m, PAGE, "four\0");
        m.setRegister(0, 2, PAGE);
        m.setRegister(0, 1, 0x2000);
        assertEquals(0x2000, new IrInterpreter(new FloatCsrs(-1, 0, 0, -1, 0)).run(b, m));
        assertEquals(4, m.register(0, 2));
        put(m, END - 2, "xy");
        m.setRegister(0, 2, END - 2);
        assertThrows(GuestFault.class, () -> new IrInterpreter(new FloatCsrs(-1, 0, 0, -1, 0)).run(b, m));
        assertEquals(0x100, m.pc(), "a fault leaves the pc on the function's first instruction");
    }

    @Test
    void memoryTheGuestMayNotAccessFaults() {
        TestMachine m = machine();
        put(m, END - 3, "abc");
        assertThrows(GuestFault.class, () -> Routine.STRLEN.run(m, END - 3, 0, 0));
        assertThrows(GuestFault.class, () -> Routine.STRCMP.run(m, END - 3, END - 3, 0));
        assertEquals('c' - 'a', Routine.MEMCMP.run(m, END - 1, END - 3, 100), "stops at the difference");
        assertEquals(END - 2, Routine.STRCHR.run(m, END - 3, 'b', 0), "stops where it finds c");
        assertEquals(END - 2, Routine.MEMCHR.run(m, END - 3, 'b', 100), "stops where it finds c");
        assertEquals(0, Routine.STRNCMP.run(m, END - 3, END - 3, 3), "stops after n");
        assertThrows(GuestFault.class, () -> Routine.STRNCMP.run(m, END - 3, END - 3, 4));
        assertThrows(GuestFault.class, () -> Routine.MEMCHR.run(m, END - 3, 'z', 4));
        assertThrows(GuestFault.class, () -> Routine.MEMCPY.run(m, PAGE, END - 3, 4));
        assertEquals(0, m.load(PAGE, 4), "a source it cannot read all of: nothing written");
        assertThrows(GuestFault.class, () -> Routine.MEMSET.run(m, END - 3, 0, 4));
    }
}
