package dbt.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.IrBlock;
import dbt.ir.IrParser;
import dbt.ir.IrPrinter;
import dbt.ir.random.InitialState;
import dbt.ir.random.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Sign-extension elimination keeps behaviour at the exact bounds of its sign-bit facts, where a fact one bit too
 * generous would make it drop an extension that matters: each block here runs under the IR interpreter before and
 * after the pass, from registers that reach the bound, and must end the same.
 */
class SignBitsCounterexampleTest {
    /** Registers of file 1 (32-bit) hold a and b; file 0 holds c in register 0. */
    static InitialState state(long a, long b, long c) {
        return InitialState.zero().withRegister(1, 0, a).withRegister(1, 1, b).withRegister(0, 0, c);
    }

    static void keepsBehaviour(String ir, InitialState s) throws Exception {
        String expected = Outcome.of(IrParser.parse(ir), s);
        IrBlock block = IrParser.parse(ir);
        new SignExtensionElimination().run(block);
        assertEquals(expected, Outcome.of(block, s), "after sext:\n" + IrPrinter.print(block));
    }

    /** The sum of two sign-extended words has 32 sign bits, not 33: it may leave the 32-bit range. */
    @Test
    void sumOfTwoExtendedWordsMayOverflow() throws Exception {
        keepsBehaviour("""
                block 0x1000 {
                  %0 = getreg.i32 1:0
                  %1 = getreg.i32 1:1
                  %2 = sext.i64 %0
                  %3 = sext.i64 %1
                  %4 = add.i64 %2, %3
                  %5 = trunc.i32 %4
                  %6 = sext.i64 %5
                  setreg 0:7, %6
                  exit.jump 0x0
                }
                """, state(0x7fff_ffffL, 1, 0));
    }

    /** A shift left by an amount that is not a constant may shift any bits out: nothing is known of the result. */
    @Test
    void shiftLeftByARegisterLosesSignBits() throws Exception {
        keepsBehaviour("""
                block 0x1000 {
                  %0 = const.i64 0x1
                  %1 = getreg.i64 0:0
                  %2 = shl.i64 %0, %1
                  %3 = trunc.i32 %2
                  %4 = sext.i64 %3
                  setreg 0:7, %4
                  exit.jump 0x0
                }
                """, state(0, 0, 40));
    }

    /** A 64-bit value shifted right by 32 has 32 sign bits: its bit 31 may be set. */
    @Test
    void shiftRightBy32KeepsBit31() throws Exception {
        keepsBehaviour("""
                block 0x1000 {
                  %0 = getreg.i64 0:0
                  %1 = const.i64 0x20
                  %2 = shr.i64 %0, %1
                  %3 = trunc.i32 %2
                  %4 = sext.i64 %3
                  setreg 0:7, %4
                  exit.jump 0x0
                }
                """, state(0, 0, 0x8000_0000_0000_0000L));
    }
}
